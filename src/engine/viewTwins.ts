/**
 * Extra engine workers for the interactive lanes only. A knob drag sends a state every ~16 ms while a
 * 128x128 frame takes ~20 ms on one WASM thread: with one worker a new state waits for the frame in flight
 * (half a run on average) before its own run starts. A twin holding a copy of the generator starts it at
 * once. Measured, not assumed: `npm run bench -- --only chromium` compares `?views=1` with the default.
 *
 * Twins are best-effort and lazy: a model is offered to them after the main worker proved it (and only
 * for WASM: a second WebGPU device would share the same GPU queue), but a twin is spawned and loads it only
 * when the interactive lane finds its runs slow enough to want a second worker (`wake`): a fast model never
 * pays for a second session, and nothing competes with the first image. A twin that fails to load simply
 * never becomes ready. Exports, encoders and plain runs stay on the main worker.
 */
import type { TensorData } from '../families/types';
import type { ExecutionProvider, SessionName } from './protocol';
import type { RunResult } from './types';

/** What a twin needs to be: a worker-backed engine that can load, run, unload and be disposed. */
export interface TwinEngine {
  load(key: string, models: Partial<Record<SessionName, ArrayBuffer>>, provider: 'wasm'): Promise<unknown>;
  run(key: string, session: SessionName, feeds: Record<string, TensorData>): Promise<RunResult>;
  unload(key: string): Promise<void>;
  dispose(): void;
}

/** The sessions a twin holds: the interactive view renders the generator; the rest is the main worker's. */
const TWIN_SESSIONS: SessionName[] = ['generator'];

export class ViewTwins {
  private engines: TwinEngine[] | null = null;
  /** Per model key, the twins whose load finished (in twin order). */
  private readonly ready = new Map<string, TwinEngine[]>();
  /** Per model key, the load now current: a load that finishes after an unload or a newer load is dropped. */
  private readonly loads = new Map<string, object>();
  /** Per model key, the generator offered to the twins and not yet loaded into them. */
  private readonly offered = new Map<string, ArrayBuffer>();

  constructor(
    private readonly count: number,
    private readonly create: () => TwinEngine,
  ) {}

  /** Offers `key`'s generator to the twins; they load it on the first `wake(key)`. */
  load(key: string, models: Partial<Record<SessionName, ArrayBuffer>>, provider: ExecutionProvider): void {
    this.ready.delete(key);
    this.loads.delete(key);
    this.offered.delete(key);
    const generator = models.generator;
    if (this.count === 0 || provider !== 'wasm' || !generator) return;
    this.offered.set(key, generator);
  }

  /** Spawns the twins (once) and loads `key`'s offered generator into each; returns at once. */
  wake(key: string): void {
    const generator = this.offered.get(key);
    if (!generator) return;
    this.offered.delete(key);
    const token = {};
    this.loads.set(key, token);
    this.engines ??= Array.from({ length: this.count }, () => this.create());
    for (const twin of this.engines) {
      twin.load(key, { generator }, 'wasm').then(
        () => {
          if (this.loads.get(key) !== token || !this.engines?.includes(twin)) return;
          this.ready.set(key, [...(this.ready.get(key) ?? []), twin]);
        },
        () => undefined, // a twin that cannot load this model is simply not used for it
      );
    }
  }

  /** Stops using `twin` for `key` (its run failed: the main worker took the request over). */
  drop(key: string, twin: TwinEngine): void {
    const list = this.ready.get(key);
    if (list) this.ready.set(key, list.filter((t) => t !== twin));
  }

  /** The twins that can run `session` of `key` now. */
  readyFor(key: string, session: SessionName): TwinEngine[] {
    return TWIN_SESSIONS.includes(session) ? (this.ready.get(key) ?? []) : [];
  }

  unload(key: string): void {
    this.ready.delete(key);
    this.loads.delete(key);
    this.offered.delete(key);
    for (const twin of this.engines ?? []) void twin.unload(key).catch(() => undefined);
  }

  dispose(): void {
    this.ready.clear();
    this.loads.clear();
    this.offered.clear();
    for (const twin of this.engines ?? []) twin.dispose();
    this.engines = null;
  }
}
