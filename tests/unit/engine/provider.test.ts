import { describe, expect, it } from 'vitest';
import { chooseProvider, type GpuAdapterLike, type GpuLike } from '../../../src/engine/provider';

const gpu = (adapter: GpuAdapterLike | null): GpuLike => ({ requestAdapter: async () => adapter });
const real = gpu({ info: { isFallbackAdapter: false, vendor: 'nvidia' } });
const swiftshader = gpu({ info: { isFallbackAdapter: true, vendor: 'google' } });
const legacyFallback = gpu({ isFallbackAdapter: true });

describe('chooseProvider', () => {
  it('auto picks WebGPU only on a real adapter', async () => {
    expect((await chooseProvider('auto', real)).provider).toBe('webgpu');
    expect(await chooseProvider('auto', swiftshader)).toEqual({ provider: 'wasm', adapter: null });
    expect((await chooseProvider('auto', legacyFallback)).provider).toBe('wasm');
    expect((await chooseProvider('auto', gpu(null))).provider).toBe('wasm');
    expect((await chooseProvider('auto', null)).provider).toBe('wasm');
  });

  it('treats a throwing requestAdapter as no adapter', async () => {
    const broken: GpuLike = { requestAdapter: () => Promise.reject(new Error('blocked')) };
    expect((await chooseProvider('auto', broken)).provider).toBe('wasm');
    await expect(chooseProvider('webgpu', broken)).rejects.toMatchObject({ code: 'provider-unavailable' });
  });

  it('forced WebGPU uses a fallback adapter but warns that it is software', async () => {
    const choice = await chooseProvider('webgpu', swiftshader);
    expect(choice.provider).toBe('webgpu');
    expect(choice.warning).toMatch(/software/);
    expect((await chooseProvider('webgpu', real)).warning).toBeUndefined();
  });

  it('forced WebGPU without any adapter is provider-unavailable', async () => {
    await expect(chooseProvider('webgpu', null)).rejects.toMatchObject({ code: 'provider-unavailable' });
    await expect(chooseProvider('webgpu', gpu(null))).rejects.toMatchObject({ code: 'provider-unavailable' });
  });

  it('wasm never probes the GPU', async () => {
    let probed = false;
    const spy: GpuLike = { requestAdapter: async () => ((probed = true), null) };
    expect((await chooseProvider('wasm', spy)).provider).toBe('wasm');
    expect(probed).toBe(false);
  });
});
