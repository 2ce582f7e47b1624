/**
 * Test doubles for the engine layers: a scriptable StudioEngine, and a fake Worker that runs a real
 * EngineWorkerHost around it (messages delivered asynchronously, as a real worker would).
 */
import { EngineWorkerHost } from '../../../src/engine/workerHost';
import type { WorkerEventLike, WorkerLike } from '../../../src/engine/engineClient';
import type { EngineRequest, SessionName } from '../../../src/engine/protocol';
import type { LoadedModel, RunResult, StudioEngine, Superseded } from '../../../src/engine/types';
import type { TensorData } from '../../../src/families/types';

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export function tensor(values: number[], dims = [values.length]): TensorData {
  return { dims, data: Float32Array.from(values) };
}

/** Lets queued microtasks and message deliveries (setTimeout 0) run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export class FakeEngine implements StudioEngine {
  loads: { key: string; models: Partial<Record<SessionName, ArrayBuffer>> }[] = [];
  runs: { key: string; feeds: Record<string, TensorData> }[] = [];
  /** When set, each run waits for a gate pushed here by the test. */
  gated = false;
  gates: Deferred<void>[] = [];
  runImpl: (key: string, feeds: Record<string, TensorData>) => RunResult | Promise<RunResult> = (_key, feeds) => ({
    outputs: { image: tensor([feeds.x?.data[0] ?? 0, 1, 2]) },
    ms: 1,
    provider: 'wasm',
  });
  loadImpl: (key: string) => LoadedModel | Promise<LoadedModel> = (key) => ({
    key,
    provider: 'wasm',
    sessions: { generator: { inputs: [{ name: 'x', shape: ['batch', 1], type: 'float32' }], outputs: [] } },
    ms: 2,
  });

  async load(key: string, models: Partial<Record<SessionName, ArrayBuffer>>): Promise<LoadedModel> {
    this.loads.push({ key, models });
    return this.loadImpl(key);
  }

  async run(key: string, _session: SessionName, feeds: Record<string, TensorData>): Promise<RunResult> {
    this.runs.push({ key, feeds });
    if (this.gated) {
      const gate = deferred<void>();
      this.gates.push(gate);
      await gate.promise;
    }
    return this.runImpl(key, feeds);
  }

  async runLatest(key: string, session: SessionName, feeds: Record<string, TensorData>): Promise<RunResult | Superseded> {
    return this.run(key, session, feeds);
  }

  async unload(): Promise<void> {}

  dispose(): void {}
}

type Listener = (event: WorkerEventLike) => void;

/** A Worker stand-in backed by EngineWorkerHost + FakeEngine. Structured clone is skipped (same realm). */
export class FakeWorker implements WorkerLike {
  readonly engine: FakeEngine;
  readonly host: EngineWorkerHost;
  readonly posted: EngineRequest[] = [];
  readonly transfers: Transferable[][] = [];
  terminated = false;
  private readonly listeners = new Map<string, Listener[]>();

  constructor(engine = new FakeEngine()) {
    this.engine = engine;
    this.host = new EngineWorkerHost(engine, (message, transfer) => {
      this.transfers.push(transfer);
      setTimeout(() => this.emit('message', { data: message }), 0);
    });
  }

  postMessage(message: EngineRequest): void {
    if (this.terminated) return;
    this.posted.push(message);
    setTimeout(() => void this.host.handle(message), 0);
  }

  addEventListener(type: 'message' | 'error' | 'messageerror', listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** Simulates the worker dying (an uncaught error event). */
  crash(message = 'boom'): void {
    this.emit('error', { message });
  }

  emit(type: string, event: WorkerEventLike): void {
    if (this.terminated) return;
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}
