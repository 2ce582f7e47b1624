/**
 * The main-thread engine: implements StudioEngine by talking to the engine worker. It owns request ids
 * and the promise map, rebuilds StudioErrors from their data, runs latest-wins lanes, and survives a
 * worker crash by starting a fresh worker and reloading the models it had (their bytes are kept here).
 */
import { StudioError } from '../lib/errors';
import type { TensorData } from '../families/types';
import type { EngineEvent, EngineEventListener } from './engineEvents';
import { LatestLane, type LaneOptions } from './latestLane';
import { ViewTwins } from './viewTwins';
import { engineWorkerName } from './workerName';
import type { EngineRequest, EngineResponse, ProviderPreference, SessionName } from './protocol';
import type { LoadedModel, RunResult, StudioEngine, Superseded } from './types';

/** What the client needs of a Worker; tests pass a fake. */
export interface WorkerLike {
  postMessage(message: EngineRequest, transfer?: Transferable[]): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: WorkerEventLike) => void): void;
  terminate(): void;
}

/** The fields of MessageEvent / ErrorEvent the client reads. */
export interface WorkerEventLike {
  data?: unknown;
  message?: string;
}

export interface EngineClientOptions {
  /** Makes a worker; defaults to the Vite module worker in engine.worker.ts. */
  createWorker?: () => WorkerLike;
  onEvent?: EngineEventListener;
  /** Consecutive crashes (without a successful run between them) before giving up. Default 3. */
  maxRestarts?: number;
  /**
   * Workers that run the interactive (latest-wins) lanes, the first included. Default 1. With 2, once the
   * lane's runs prove slow (over 20 ms) the second worker loads the generator, and a knob change made while
   * a frame renders can start at once on it instead of waiting (see ViewTwins and LatestLane).
   */
  viewWorkers?: number;
  /** Lane tuning (tests): see LaneOptions; the default wakes the view twin for runs over 20 ms. */
  lane?: LaneOptions;
}

type ResponseOf<T extends EngineResponse['type']> = Extract<EngineResponse, { type: T }>;
type RequestBody = EngineRequest extends infer R ? (R extends EngineRequest ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve: (response: EngineResponse) => void;
  reject: (error: StudioError) => void;
}

interface KeptModel {
  models: Partial<Record<SessionName, ArrayBuffer>>;
  provider: ProviderPreference;
}

/** The Vite pattern: `new URL(..., import.meta.url)` inside `new Worker` makes Vite bundle the worker. */
export function createEngineWorker(wasmThreads: number | null = null): WorkerLike {
  const name = engineWorkerName(wasmThreads);
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name }) as unknown as WorkerLike;
}

export class EngineClient implements StudioEngine {
  /** Receives crash/restart/fallback events; may be replaced at any time. */
  onEvent: EngineEventListener | null;
  private readonly createWorker: () => WorkerLike;
  private readonly maxRestarts: number;
  private worker: WorkerLike;
  private readonly pending = new Map<number, Pending>();
  private readonly loaded = new Map<string, KeptModel>();
  private readonly lanes = new Map<string, LatestLane<RunResult>>();
  private readonly laneTargets = new Map<string, { key: string; session: SessionName }>();
  private nextId = 1;
  /** Requests wait for this: after a crash it settles once the models are reloaded. */
  private ready: Promise<void> = Promise.resolve();
  private generation = 0;
  private crashes = 0;
  private disposed = false;
  private readonly twins: ViewTwins;
  private readonly laneOptions: LaneOptions;

  constructor(options: EngineClientOptions = {}) {
    this.createWorker = options.createWorker ?? createEngineWorker;
    this.onEvent = options.onEvent ?? null;
    this.maxRestarts = options.maxRestarts ?? 3;
    this.laneOptions = options.lane ?? {};
    this.worker = this.spawn();
    const twinCount = Math.max(0, Math.trunc(options.viewWorkers ?? 1) - 1);
    this.twins = new ViewTwins(twinCount, () => new EngineClient({ createWorker: this.createWorker, maxRestarts: this.maxRestarts }));
  }

  /**
   * Loads a model in the worker. The bytes are copied to the worker, not transferred: the client keeps
   * them to reload after a crash (and the caller's bundle keeps its own).
   */
  async load(key: string, models: Partial<Record<SessionName, ArrayBuffer>>, provider: ProviderPreference): Promise<LoadedModel> {
    try {
      const { type: _type, id: _id, ...loaded } = await this.request({ type: 'load', key, models, provider }, 'loaded');
      this.loaded.set(key, { models, provider });
      this.twins.load(key, models, loaded.provider);
      return loaded;
    } catch (error) {
      // The worker released the key's old sessions before failing: do not resurrect them after a crash.
      this.loaded.delete(key);
      throw error;
    }
  }

  /** Every call runs, in order (the worker serialises them). For exports and encoders. */
  async run(key: string, session: SessionName, feeds: Record<string, TensorData>): Promise<RunResult> {
    const { type: _type, id: _id, ...result } = await this.request({ type: 'run', key, session, feeds }, 'result');
    this.crashes = 0;
    if (result.warning) this.noteFallback(key, result);
    return result;
  }

  /**
   * Latest wins: at most one run of `lane` in flight per view worker; a call made while they are all busy
   * replaces the one waiting, which resolves to `{ superseded: true }` (see isSuperseded), as does a run
   * that finishes after a newer one did. Errors still reject.
   */
  runLatest(key: string, session: SessionName, feeds: Record<string, TensorData>, lane = 'view'): Promise<RunResult | Superseded> {
    let scheduler = this.lanes.get(lane);
    // A lane that switches model learns its run time afresh (a fast model must not wake a twin for a slow one's runs).
    const previous = this.laneTargets.get(lane);
    if (scheduler && previous && (previous.key !== key || previous.session !== session)) scheduler.resetEstimate();
    // The lane's capacity follows its newest request's model: that is the one a free slot would start.
    this.laneTargets.set(lane, { key, session });
    if (!scheduler) {
      const target = () => this.laneTargets.get(lane)!;
      const capacity = () => 1 + this.twins.readyFor(target().key, target().session).length;
      this.lanes.set(lane, (scheduler = new LatestLane<RunResult>(capacity, this.laneOptions)));
    }
    // Runs slow enough to want a second worker: let the twin load this model (once; it is ready later).
    if (scheduler.wantsParallel) this.twins.wake(key);
    return scheduler.submit((slot) => {
      const twin = slot > 0 ? this.twins.readyFor(key, session)[slot - 1] : undefined;
      // A twin that fails (crashed, out of memory) steps aside: this worker runs the request instead.
      if (!twin) return this.run(key, session, feeds);
      return twin.run(key, session, feeds).catch(() => {
        this.twins.drop(key, twin);
        return this.run(key, session, feeds);
      });
    });
  }

  async unload(key: string): Promise<void> {
    this.loaded.delete(key);
    this.twins.unload(key);
    await this.request({ type: 'unload', key }, 'unloaded');
  }

  /** Terminates the worker; pending requests reject with 'internal', waiting latest-wins runs are superseded. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const lane of this.lanes.values()) lane.clear();
    this.twins.dispose();
    this.worker.terminate();
    this.rejectAll(new StudioError('internal', 'The engine was disposed.'));
    this.loaded.clear();
  }

  private spawn(): WorkerLike {
    const worker = this.createWorker();
    worker.addEventListener('message', (event) => {
      if (worker === this.worker) this.receive(event.data as EngineResponse);
    });
    worker.addEventListener('error', (event) => {
      if (worker === this.worker) this.crash(event.message || 'uncaught error in the worker');
    });
    worker.addEventListener('messageerror', () => {
      if (worker === this.worker) this.crash('a message could not be deserialised');
    });
    return worker;
  }

  private async request<T extends EngineResponse['type']>(body: RequestBody, expect: T): Promise<ResponseOf<T>> {
    await this.whenReady();
    return this.send(body, expect);
  }

  /** Posts straight to the current worker (the reload after a crash must not wait for itself). */
  private send<T extends EngineResponse['type']>(body: RequestBody, expect: T): Promise<ResponseOf<T>> {
    if (this.disposed) return Promise.reject(new StudioError('internal', 'The engine was disposed.'));
    const id = this.nextId++;
    return new Promise<ResponseOf<T>>((resolve, reject) => {
      this.pending.set(id, {
        resolve: (response) => {
          if (response.type === expect) resolve(response as ResponseOf<T>);
          else reject(new StudioError('internal', `Engine answered ${response.type} to a ${body.type} request.`));
        },
        reject,
      });
      this.worker.postMessage({ ...body, id } as EngineRequest);
    });
  }

  private async whenReady(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.ready;
      await current;
    } while (current !== this.ready);
  }

  private receive(response: EngineResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    if (response.type === 'error') pending.reject(StudioError.fromData(response.error));
    else pending.resolve(response);
  }

  private rejectAll(error: StudioError): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(error);
  }

  private crash(reason: string): void {
    if (this.disposed) return;
    this.worker.terminate();
    const error = new StudioError('worker-crashed', `The engine worker crashed (${reason}).`);
    this.rejectAll(error);
    this.emit({ type: 'crashed', error });
    this.generation++;
    this.crashes++;
    if (this.crashes > this.maxRestarts) {
      this.giveUp();
      return;
    }
    this.worker = this.spawn();
    this.ready = this.reload(this.generation);
  }

  private giveUp(): void {
    const fatal = new StudioError('worker-crashed', `The engine worker crashed ${this.crashes} times in a row; reload the page.`);
    this.disposed = true;
    this.loaded.clear();
    for (const lane of this.lanes.values()) lane.clear();
    this.ready = Promise.reject(fatal);
    this.ready.catch(() => undefined);
    this.emit({ type: 'restart-failed', error: fatal });
  }

  /** Loads every kept model into the fresh worker; a model that no longer loads is dropped. */
  private async reload(generation: number): Promise<void> {
    const keys: string[] = [];
    for (const [key, kept] of [...this.loaded]) {
      try {
        await this.send({ type: 'load', key, models: kept.models, provider: kept.provider }, 'loaded');
        keys.push(key);
      } catch {
        if (generation !== this.generation) return; // crashed again: the newer restart takes over
        this.loaded.delete(key);
      }
    }
    if (generation === this.generation) this.emit({ type: 'restarted', keys });
  }

  private noteFallback(key: string, result: RunResult): void {
    const kept = this.loaded.get(key);
    if (kept && result.provider === 'wasm') kept.provider = 'wasm';
    this.emit({ type: 'fallback', key, provider: result.provider, message: result.warning ?? '' });
  }

  private emit(event: EngineEvent): void {
    try {
      this.onEvent?.(event);
    } catch {
      // A broken listener must not break the engine.
    }
  }
}
