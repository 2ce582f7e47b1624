import { describe, expect, it } from 'vitest';
import { EngineWorkerHost } from '../../../src/engine/workerHost';
import type { EngineResponse } from '../../../src/engine/protocol';
import { StudioError } from '../../../src/lib/errors';
import { FakeEngine, tensor } from './fakes';

function hostWith(engine: FakeEngine) {
  const posted: { message: EngineResponse; transfer: Transferable[] }[] = [];
  const host = new EngineWorkerHost(engine, (message, transfer) => posted.push({ message, transfer }));
  return { host, posted };
}

describe('EngineWorkerHost', () => {
  it('answers a load with the sessions the engine reports, under the same id', async () => {
    const engine = new FakeEngine();
    const { host, posted } = hostWith(engine);
    const bytes = new ArrayBuffer(8);
    await host.handle({ type: 'load', id: 7, key: 'm@1', models: { generator: bytes }, provider: 'auto' });
    expect(engine.loads[0].models.generator).toBe(bytes);
    expect(posted).toHaveLength(1);
    const { message } = posted[0];
    expect(message).toMatchObject({ type: 'loaded', id: 7, key: 'm@1', provider: 'wasm', ms: 2 });
    expect(message.type === 'loaded' && message.sessions.generator?.inputs[0].name).toBe('x');
  });

  it('posts run results and transfers each output buffer exactly once', async () => {
    const engine = new FakeEngine();
    const shared = new Float32Array(4);
    engine.runImpl = () => ({
      outputs: { a: { dims: [2], data: shared.subarray(0, 2) }, b: { dims: [2], data: shared.subarray(2) }, c: tensor([1]) },
      ms: 3,
      provider: 'wasm',
    });
    const { host, posted } = hostWith(engine);
    await host.handle({ type: 'run', id: 2, key: 'k', session: 'generator', feeds: { x: tensor([5]) } });
    expect(posted[0].message).toMatchObject({ type: 'result', id: 2, ms: 3, provider: 'wasm' });
    expect(posted[0].transfer).toHaveLength(2);
    expect(posted[0].transfer).toContain(shared.buffer);
  });

  it('turns a StudioError into error data that keeps its code', async () => {
    const engine = new FakeEngine();
    engine.runImpl = () => {
      throw new StudioError('model-corrupt', 'damaged', 'protobuf');
    };
    const { host, posted } = hostWith(engine);
    await host.handle({ type: 'run', id: 3, key: 'k', session: 'generator', feeds: {} });
    expect(posted[0].message).toEqual({ type: 'error', id: 3, error: { code: 'model-corrupt', message: 'damaged', detail: 'protobuf' } });
  });

  it('wraps anything else thrown as an internal error instead of crashing the worker', async () => {
    const engine = new FakeEngine();
    engine.loadImpl = () => {
      throw new TypeError('bad');
    };
    const { host, posted } = hostWith(engine);
    await host.handle({ type: 'load', id: 4, key: 'k', models: {}, provider: 'wasm' });
    expect(posted[0].message).toMatchObject({ type: 'error', id: 4, error: { code: 'internal', message: 'bad' } });
  });

  it('answers an unload and rejects an unknown request type', async () => {
    const { host, posted } = hostWith(new FakeEngine());
    await host.handle({ type: 'unload', id: 5, key: 'k' });
    await host.handle({ type: 'nope', id: 6 } as never);
    expect(posted.map((p) => p.message)).toMatchObject([
      { type: 'unloaded', id: 5 },
      { type: 'error', id: 6, error: { code: 'internal' } },
    ]);
  });
});
