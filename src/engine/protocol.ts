/**
 * Messages between the main thread (EngineClient) and the worker (EngineWorkerHost). Discriminated unions
 * with a request id; errors travel as StudioErrorData and are rebuilt on the main side.
 */
import type { TensorData } from '../families/types';
import type { StudioErrorData } from '../lib/errors';

/** What the user asked for. `auto` = WebGPU on a real (non-fallback) adapter, else WASM. */
export type ProviderPreference = 'auto' | 'wasm' | 'webgpu';
/** What actually ran. */
export type ExecutionProvider = 'wasm' | 'webgpu';

export type SessionName = 'generator' | 'encoder';

/** The ONNX session's real input/output metadata, for validating a manifest against it. */
export interface SessionIO {
  name: string;
  /** Dimensions; a symbolic axis is its name (string), unknown is -1. */
  shape: (number | string)[];
  type: string;
}

export interface SessionInfo {
  inputs: SessionIO[];
  outputs: SessionIO[];
}

export type EngineRequest =
  | {
      type: 'load';
      id: number;
      /** Key under which the sessions stay loaded (the bundle's model id + a content hash). */
      key: string;
      /** ONNX bytes per session. */
      models: Partial<Record<SessionName, ArrayBuffer>>;
      provider: ProviderPreference;
    }
  | { type: 'run'; id: number; key: string; session: SessionName; feeds: Record<string, TensorData> }
  | { type: 'unload'; id: number; key: string };

export type EngineResponse =
  | {
      type: 'loaded';
      id: number;
      key: string;
      provider: ExecutionProvider;
      sessions: Partial<Record<SessionName, SessionInfo>>;
      ms: number;
      /** Why the requested provider was not used (e.g. only a fallback WebGPU adapter). */
      warning?: string;
    }
  | {
      type: 'result';
      id: number;
      outputs: Record<string, TensorData>;
      ms: number;
      provider: ExecutionProvider;
      /** Set when this run fell back from WebGPU to WASM (lost device, kernel failure). */
      warning?: string;
    }
  | { type: 'unloaded'; id: number }
  | { type: 'error'; id: number; error: StudioErrorData };
