/**
 * The in-thread engine: owns onnxruntime-web sessions, one set per model key. Used inside the worker
 * (through EngineWorkerHost) and directly by Node tests and the command-line renderer. Every session
 * create/run/release goes through one SerialQueue.
 */
import { StudioError } from '../lib/errors';
import type { TensorData } from '../families/types';
import { LatestLane } from './latestLane';
import { loadOrt, type OrtLoader } from './ort';
import { sessionRunError, webgpuFailureReason } from './ortErrors';
import { chooseProvider, defaultGpu, type GpuAdapterLike, type GpuLike } from './provider';
import type { ExecutionProvider, ProviderPreference, SessionName } from './protocol';
import { SerialQueue } from './serialQueue';
import {
  createSessions,
  isInputError,
  releaseSessions,
  runOnce,
  SESSION_ORDER,
  type ModelBytes,
  type SessionSet,
} from './sessions';
import type { LoadedModel, RunResult, StudioEngine, Superseded } from './types';

export interface EngineOptions {
  /** How to get onnxruntime-web; tests inject a stub. */
  loadOrt?: OrtLoader;
  /** navigator.gpu or a stand-in; null means no WebGPU. */
  gpu?: GpuLike | null;
  /** Clock for `ms`; performance.now by default. */
  now?: () => number;
}

interface Entry extends SessionSet {
  /** Kept only while on WebGPU, to recreate the sessions on WASM if the GPU fails. */
  bytes: ModelBytes;
}

export class Engine implements StudioEngine {
  private readonly queue = new SerialQueue();
  private readonly entries = new Map<string, Entry>();
  private readonly lanes = new Map<string, LatestLane<RunResult>>();
  private readonly loadOrt: OrtLoader;
  private readonly gpu: GpuLike | null;
  private readonly now: () => number;
  /** Set after a WebGPU failure: `auto` then stays on WASM for the rest of this engine's life. */
  private webgpuBroken = false;
  private adapterSet = false;
  private disposed = false;

  constructor(options: EngineOptions = {}) {
    this.loadOrt = options.loadOrt ?? loadOrt;
    this.gpu = options.gpu !== undefined ? options.gpu : defaultGpu();
    this.now = options.now ?? (() => performance.now());
  }

  /** Creates the sessions for `key` (replacing any under that key) and reports their real I/O. */
  load(key: string, models: Partial<Record<SessionName, ArrayBuffer>>, preference: ProviderPreference): Promise<LoadedModel> {
    return this.enqueue(async () => {
      const started = this.now();
      const bytes = toBytes(models);
      const choice = await chooseProvider(preference === 'auto' && this.webgpuBroken ? 'wasm' : preference, this.gpu);
      // Only now, with bytes and provider settled, free the model this key replaces (and its memory).
      await this.release(key);
      let warning = choice.warning;
      let entry: Entry;
      try {
        entry = await this.createEntry(bytes, choice.provider, choice.adapter);
      } catch (error) {
        if (choice.provider !== 'webgpu' || (error instanceof StudioError && error.code === 'model-corrupt')) throw error;
        warning = `${webgpuFailureReason(error)} while loading the model; using WASM instead.`;
        entry = await this.createEntry(bytes, 'wasm', null);
      }
      this.entries.set(key, entry);
      return { key, provider: entry.provider, sessions: { ...entry.info }, ms: this.now() - started, warning };
    });
  }

  /** Runs one session. On WebGPU a failure (kernel error, lost device) recreates the sessions on WASM and retries once. */
  run(key: string, session: SessionName, feeds: Record<string, TensorData>): Promise<RunResult> {
    return this.enqueue(async () => {
      const entry = this.entry(key);
      const started = this.now();
      try {
        const outputs = await runOnce(entry, session, feeds);
        return { outputs, ms: this.now() - started, provider: entry.provider };
      } catch (error) {
        if (entry.provider !== 'webgpu' || isInputError(error)) throw sessionRunError(error, session);
        const warning = `${webgpuFailureReason(error)}; switched to WASM.`;
        await this.fallBackToWasm(key, entry);
        const retried = this.now();
        const outputs = await runOnce(entry, session, feeds);
        return { outputs, ms: this.now() - retried, provider: entry.provider, warning };
      }
    });
  }

  /** Latest wins per lane (see StudioEngine). In-thread callers rarely need it; the worker client does. */
  runLatest(key: string, session: SessionName, feeds: Record<string, TensorData>, lane = 'view'): Promise<RunResult | Superseded> {
    let scheduler = this.lanes.get(lane);
    if (!scheduler) this.lanes.set(lane, (scheduler = new LatestLane<RunResult>()));
    return scheduler.submit(() => this.run(key, session, feeds));
  }

  unload(key: string): Promise<void> {
    return this.enqueue(() => this.release(key));
  }

  /** Releases every session; later calls reject. */
  dispose(): void {
    if (this.disposed) return;
    for (const lane of this.lanes.values()) lane.clear();
    void this.queue.enqueue(async () => {
      for (const key of [...this.entries.keys()]) await this.release(key);
    });
    this.disposed = true;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    if (this.disposed) return Promise.reject(new StudioError('internal', 'The engine was disposed.'));
    return this.queue.enqueue(task);
  }

  private entry(key: string): Entry {
    const entry = this.entries.get(key);
    if (!entry) throw new StudioError('internal', `No model is loaded under "${key}".`);
    return entry;
  }

  private async createEntry(bytes: ModelBytes, provider: ExecutionProvider, adapter: GpuAdapterLike | null): Promise<Entry> {
    const ort = await this.loadOrt(provider);
    if (provider === 'webgpu' && adapter && !this.adapterSet) {
      // Hand ORT the adapter we probed, so a forced fallback adapter is the one it uses.
      ort.env.webgpu.adapter = adapter;
      this.adapterSet = true;
    }
    const entry: Entry = { ort, provider, sessions: new Map(), info: {}, bytes: provider === 'webgpu' ? bytes : {} };
    await createSessions(entry, bytes);
    return entry;
  }

  /** Recreates the key's sessions on WASM; if even that fails the key is unloaded (the error says why). */
  private async fallBackToWasm(key: string, entry: Entry): Promise<void> {
    this.webgpuBroken = true;
    await releaseSessions(entry);
    entry.provider = 'wasm';
    try {
      await createSessions(entry, entry.bytes);
    } catch (error) {
      this.entries.delete(key);
      throw error;
    } finally {
      entry.bytes = {};
    }
  }

  private async release(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    await releaseSessions(entry);
  }
}

function toBytes(models: Partial<Record<SessionName, ArrayBuffer>>): ModelBytes {
  const bytes: ModelBytes = {};
  for (const name of SESSION_ORDER) {
    const buffer = models[name];
    if (buffer) bytes[name] = new Uint8Array(buffer);
  }
  if (!bytes.generator && !bytes.encoder) throw new StudioError('not-a-bundle', 'No ONNX model was given to load.');
  return bytes;
}
