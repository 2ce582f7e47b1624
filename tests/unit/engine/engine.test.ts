import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/engine/engine';
import type { GpuLike } from '../../../src/engine/provider';
import { isSuperseded } from '../../../src/engine/types';
import { FakeOrt } from './fakeOrt';
import { tensor } from './fakes';

const realGpu: GpuLike = { requestAdapter: async () => ({ info: { isFallbackAdapter: false } }) };
const models = { generator: new Uint8Array([1, 2, 3]).buffer };

function engineWith(gpu: GpuLike | null = null) {
  const ort = new FakeOrt();
  const engine = new Engine({ loadOrt: ort.loader, gpu });
  return { ort, engine };
}

describe('Engine (fake ORT)', () => {
  it('reports the session metadata as SessionInfo, unknown dims as -1', async () => {
    const { engine } = engineWith();
    const loaded = await engine.load('k', models, 'auto');
    expect(loaded.provider).toBe('wasm');
    expect(loaded.sessions.generator).toEqual({
      inputs: [{ name: 'x', shape: ['batch', 2], type: 'float32' }],
      outputs: [{ name: 'y', shape: [-1, 2], type: 'float32' }],
    });
  });

  it('copies outputs out and disposes every input and output tensor', async () => {
    const { ort, engine } = engineWith();
    await engine.load('k', models, 'wasm');
    const result = await engine.run('k', 'generator', { x: tensor([1, 2], [1, 2]) });
    expect(Array.from(result.outputs.y.data)).toEqual([2, 4]);
    expect(result.outputs.y.data).not.toBe(ort.outputs[0].data);
    expect(ort.inputs.every((t) => t.disposed)).toBe(true);
    expect(ort.outputs.every((t) => t.disposed)).toBe(true);
  });

  it('uses WebGPU on a real adapter and falls back to WASM (with a warning) when a run fails there', async () => {
    const { ort, engine } = engineWith(realGpu);
    ort.runFailure = (provider) => (provider === 'webgpu' ? new Error('GPU device was lost') : null);
    const loaded = await engine.load('k', models, 'auto');
    expect(loaded.provider).toBe('webgpu');
    const result = await engine.run('k', 'generator', { x: tensor([3, 4], [1, 2]) });
    expect(result.provider).toBe('wasm');
    expect(result.warning).toMatch(/device was lost.*WASM/);
    expect(Array.from(result.outputs.y.data)).toEqual([6, 8]);
    expect(ort.sessions.map((s) => [s.provider, s.released])).toEqual([
      ['webgpu', true],
      ['wasm', false],
    ]);
    const again = await engine.run('k', 'generator', { x: tensor([1, 1], [1, 2]) });
    expect(again).toMatchObject({ provider: 'wasm' });
    expect(again.warning).toBeUndefined();
    // After a WebGPU failure, `auto` stays on WASM.
    expect((await engine.load('k2', models, 'auto')).provider).toBe('wasm');
  });

  it('falls back to WASM when the WebGPU session cannot be created, but not for a corrupt model', async () => {
    const { ort, engine } = engineWith(realGpu);
    ort.createFailure = (provider) => (provider === 'webgpu' ? new Error('no kernel for op') : null);
    const loaded = await engine.load('k', models, 'webgpu');
    expect(loaded).toMatchObject({ provider: 'wasm' });
    expect(loaded.warning).toMatch(/WASM/);
    ort.createFailure = () => new Error("Can't create a session. ERROR_CODE: 7, ERROR_MESSAGE: protobuf parsing failed.");
    await expect(engine.load('k', models, 'webgpu')).rejects.toMatchObject({ code: 'model-corrupt' });
  });

  it('unloads the key when even the WASM fallback cannot be created', async () => {
    const { ort, engine } = engineWith(realGpu);
    ort.runFailure = (provider) => (provider === 'webgpu' ? new Error('device lost') : null);
    await engine.load('k', models, 'auto');
    ort.createFailure = () => new RangeError('Array buffer allocation failed');
    await expect(engine.run('k', 'generator', { x: tensor([1, 1], [1, 2]) })).rejects.toMatchObject({ code: 'model-too-large' });
    await expect(engine.run('k', 'generator', { x: tensor([1, 1], [1, 2]) })).rejects.toMatchObject({ message: /No model is loaded/ });
  });

  it('does not retry bad feeds on WASM', async () => {
    const { ort, engine } = engineWith(realGpu);
    await engine.load('k', models, 'auto');
    await expect(engine.run('k', 'generator', { x: { dims: [1, 3], data: new Float32Array(2) } })).rejects.toMatchObject({
      code: 'state-invalid',
    });
    expect(ort.sessions).toHaveLength(1);
  });

  it('forced WebGPU without an adapter is provider-unavailable', async () => {
    const { engine } = engineWith(null);
    await expect(engine.load('k', models, 'webgpu')).rejects.toMatchObject({ code: 'provider-unavailable' });
  });

  it('serialises runs: a run waits for the load before it', async () => {
    const { engine } = engineWith();
    const load = engine.load('k', models, 'wasm');
    const run = engine.run('k', 'generator', { x: tensor([1, 1], [1, 2]) });
    await load;
    await expect(run).resolves.toMatchObject({ provider: 'wasm' });
  });

  it('errors clearly for an unknown key or a missing session, and after unload/dispose', async () => {
    const { ort, engine } = engineWith();
    await expect(engine.run('nope', 'generator', {})).rejects.toMatchObject({ code: 'internal', message: /No model is loaded/ });
    await engine.load('k', models, 'wasm');
    await expect(engine.run('k', 'encoder', {})).rejects.toMatchObject({ message: /no encoder session/ });
    await engine.unload('k');
    expect(ort.sessions[0].released).toBe(true);
    await expect(engine.run('k', 'generator', {})).rejects.toMatchObject({ code: 'internal' });
    engine.dispose();
    await expect(engine.load('k', models, 'wasm')).rejects.toMatchObject({ message: /disposed/ });
  });

  it('loading nothing is not a bundle', async () => {
    const { engine } = engineWith();
    await expect(engine.load('k', {}, 'wasm')).rejects.toMatchObject({ code: 'not-a-bundle' });
  });

  it('runLatest supersedes the waiting run in-thread too', async () => {
    const { engine } = engineWith();
    await engine.load('k', models, 'wasm');
    const outcomes = await Promise.all([1, 2, 3].map((v) => engine.runLatest('k', 'generator', { x: tensor([v, v], [1, 2]) })));
    expect(outcomes.map(isSuperseded)).toEqual([false, true, false]);
  });
});
