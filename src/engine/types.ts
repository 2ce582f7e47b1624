/**
 * The engine as the rest of the app sees it. EngineClient (main thread, talks to the worker) and
 * Engine (in-thread, used by the worker and by Node tests/CLI) both implement it.
 */
import type { TensorData } from '../families/types';
import type { ExecutionProvider, ProviderPreference, SessionInfo, SessionName } from './protocol';

export interface LoadedModel {
  key: string;
  provider: ExecutionProvider;
  sessions: Partial<Record<SessionName, SessionInfo>>;
  ms: number;
  warning?: string;
}

export interface RunResult {
  outputs: Record<string, TensorData>;
  ms: number;
  provider: ExecutionProvider;
  warning?: string;
}

export interface StudioEngine {
  load(key: string, models: Partial<Record<SessionName, ArrayBuffer>>, provider: ProviderPreference): Promise<LoadedModel>;
  run(key: string, session: SessionName, feeds: Record<string, TensorData>): Promise<RunResult>;
  unload(key: string): Promise<void>;
  dispose(): void;
}
