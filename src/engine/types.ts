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

/**
 * What `runLatest` resolves to when a newer request on the same lane replaced this one before it ran.
 * A value, not an error: being superseded is the normal outcome of dragging a knob, not a failure.
 */
export interface Superseded {
  superseded: true;
}

/** Narrows a `runLatest` outcome; a superseded request has nothing to draw. */
export function isSuperseded<T>(outcome: T | Superseded): outcome is Superseded {
  return typeof outcome === 'object' && outcome !== null && (outcome as Superseded).superseded === true;
}

export interface StudioEngine {
  load(key: string, models: Partial<Record<SessionName, ArrayBuffer>>, provider: ProviderPreference): Promise<LoadedModel>;
  /** Runs every request, in order: for exports, encoders, anything that must not be skipped. */
  run(key: string, session: SessionName, feeds: Record<string, TensorData>): Promise<RunResult>;
  /**
   * Latest wins, per lane: at most one run of a lane in flight; a newer call replaces the one waiting,
   * which resolves to `{ superseded: true }`. For interactive knobs, where only the newest state matters.
   */
  runLatest(key: string, session: SessionName, feeds: Record<string, TensorData>, lane?: string): Promise<RunResult | Superseded>;
  unload(key: string): Promise<void>;
  dispose(): void;
}
