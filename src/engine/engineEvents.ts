/**
 * Things the engine client tells the app outside any one request's promise: the worker crashed and was
 * restarted (models reloaded), or a run fell back from WebGPU to WASM. The app turns them into notices.
 */
import type { StudioError } from '../lib/errors';
import type { ExecutionProvider } from './protocol';

export type EngineEvent =
  /** The worker died; every request in flight was rejected with `error` (code 'worker-crashed'). */
  | { type: 'crashed'; error: StudioError }
  /** A fresh worker is up and these models were reloaded into it; the next run works. */
  | { type: 'restarted'; keys: string[] }
  /** Too many crashes in a row: the client stopped restarting and rejects every request with `error`. */
  | { type: 'restart-failed'; error: StudioError }
  /** A run on WebGPU failed and the model now runs on `provider` (WASM); `message` says why. */
  | { type: 'fallback'; key: string; provider: ExecutionProvider; message: string };

export type EngineEventListener = (event: EngineEvent) => void;
