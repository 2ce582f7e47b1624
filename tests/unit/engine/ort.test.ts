import { describe, expect, it } from 'vitest';
import { isNode, wasmThreadCount } from '../../../src/engine/ort';

describe('wasmThreadCount', () => {
  it('uses up to 4 threads, leaving one core to the page, only when cross-origin isolated in a browser', () => {
    expect(wasmThreadCount({ node: false, crossOriginIsolated: true, hardwareConcurrency: 16 })).toBe(4);
    expect(wasmThreadCount({ node: false, crossOriginIsolated: true, hardwareConcurrency: 2 })).toBe(1);
    expect(wasmThreadCount({ node: false, crossOriginIsolated: true, hardwareConcurrency: 4 })).toBe(3);
    expect(wasmThreadCount({ node: false, crossOriginIsolated: false, hardwareConcurrency: 16 })).toBe(1);
    expect(wasmThreadCount({ node: false, crossOriginIsolated: true, hardwareConcurrency: 0 })).toBe(1);
  });

  it('is single-threaded under Node', () => {
    expect(isNode()).toBe(true);
    expect(wasmThreadCount()).toBe(1);
    expect(wasmThreadCount({ node: true, crossOriginIsolated: true, hardwareConcurrency: 8 })).toBe(1);
  });
});
