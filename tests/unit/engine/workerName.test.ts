import { afterEach, describe, expect, it } from 'vitest';
import { setWasmThreadOverride, wasmThreadCount } from '../../../src/engine/ort';
import { engineWorkerName, threadsFromWorkerName } from '../../../src/engine/workerName';

const isolated = { node: false, crossOriginIsolated: true, hardwareConcurrency: 8 };

describe('WASM thread count setting', () => {
  afterEach(() => setWasmThreadOverride(null));

  it('travels in the worker name and back', () => {
    expect(threadsFromWorkerName(engineWorkerName(1))).toBe(1);
    expect(threadsFromWorkerName(engineWorkerName(3))).toBe(3);
    expect(threadsFromWorkerName(engineWorkerName(null))).toBeNull();
  });

  it('pins the count only where threads are possible', () => {
    expect(wasmThreadCount(isolated)).toBe(4);
    expect(wasmThreadCount({ ...isolated, hardwareConcurrency: 2 })).toBe(1);
    setWasmThreadOverride(1);
    expect(wasmThreadCount(isolated)).toBe(1);
    expect(wasmThreadCount({ ...isolated, crossOriginIsolated: false })).toBe(1);
    setWasmThreadOverride(2);
    expect(wasmThreadCount({ ...isolated, node: true })).toBe(1);
  });
});
