/**
 * Execution-provider choice. WebGPU is only worth it on a real GPU: headless Chromium (and some VMs)
 * expose a SwiftShader *fallback* adapter that is correct but 100-200x slower than WASM, so `auto` never
 * picks one. Forcing `webgpu` still uses it, with a warning, for correctness tests.
 */
import { StudioError } from '../lib/errors';
import type { ExecutionProvider, ProviderPreference } from './protocol';

/** The part of GPUAdapter we read (TypeScript's DOM lib has no WebGPU types). */
export interface GpuAdapterLike {
  info?: { isFallbackAdapter?: boolean; vendor?: string; architecture?: string; description?: string };
  /** Older Chromium put the flag on the adapter itself. */
  isFallbackAdapter?: boolean;
}

/** The part of navigator.gpu we call; injectable so the probe is testable without a browser. */
export interface GpuLike {
  requestAdapter(options?: Record<string, unknown>): Promise<GpuAdapterLike | null>;
}

export interface ProviderChoice {
  provider: ExecutionProvider;
  /** The adapter to hand to ORT when provider is webgpu. */
  adapter: GpuAdapterLike | null;
  warning?: string;
}

/** navigator.gpu where it exists (browser main thread and workers), else null (Node, old browsers). */
export function defaultGpu(): GpuLike | null {
  const nav = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator;
  return nav?.gpu ?? null;
}

export function isFallbackAdapter(adapter: GpuAdapterLike): boolean {
  return adapter.info?.isFallbackAdapter === true || adapter.isFallbackAdapter === true;
}

async function requestAdapter(gpu: GpuLike | null): Promise<GpuAdapterLike | null> {
  if (!gpu) return null;
  try {
    return await gpu.requestAdapter();
  } catch {
    return null;
  }
}

/** Resolves a user preference to the provider that will actually run, probing the adapter only when needed. */
export async function chooseProvider(
  preference: ProviderPreference,
  gpu: GpuLike | null = defaultGpu(),
): Promise<ProviderChoice> {
  if (preference === 'wasm') return { provider: 'wasm', adapter: null };
  const adapter = await requestAdapter(gpu);
  if (preference === 'auto') {
    return adapter && !isFallbackAdapter(adapter) ? { provider: 'webgpu', adapter } : { provider: 'wasm', adapter: null };
  }
  if (!adapter) {
    throw new StudioError('provider-unavailable', 'WebGPU is not available here (no GPU adapter); choose WASM or Auto.');
  }
  if (isFallbackAdapter(adapter)) {
    return {
      provider: 'webgpu',
      adapter,
      warning: 'WebGPU runs on a software (fallback) adapter here: expect it to be far slower than WASM.',
    };
  }
  return { provider: 'webgpu', adapter };
}
