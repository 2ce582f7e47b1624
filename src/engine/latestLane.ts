/**
 * Latest-wins scheduling for one lane: at most `capacity()` jobs in flight (one per worker that can run
 * them), and at most one waiting. A newer job replaces the waiting one, which resolves to SUPERSEDED
 * instead of running. Dragging a knob fires dozens of requests a second; only the running ones and the
 * newest are worth computing.
 *
 * With more than one slot, jobs can finish out of order: a job that completes after a newer job already
 * delivered its result resolves SUPERSEDED too, so a caller never shows an older state over a newer one.
 *
 * A free slot is not always worth taking: two runs side by side on a 2-core machine each take longer and
 * leave the page less CPU. So a job waits for a busy slot instead (a) when a typical lone run (a running mean,
 * worker round trip included) is under `parallelAboveMs`: a 60 Hz pointer sends a state every ~16.7 ms and
 * runs side by side take ~1.2-1.3x as long here, so below ~20 ms one worker is rarely still busy when the
 * next state comes and two only slow each other; or (b) when a busy slot is expected to finish within
 * `waitFraction` of a typical run (not when it is overdue: a stalled run's end is unknown).
 * Measured (npm run bench -- --only chromium, one run each): the built-in 3D model (~21-28 ms runs) went
 * from knob-to-pixels p50/p95 37.2/56.3 ms with one worker to 27.1/41.8 with two (46.0/69.4 -> 37.6/63.4
 * on a busier hour); the MixNMatch-style model (~13-16 ms runs) with a 16 ms bound got p95 45-63 ms
 * against 27-41 ms with one worker, hence 20.
 */
import type { Superseded } from './types';

export const SUPERSEDED: Superseded = Object.freeze({ superseded: true as const });

/** Starts a job on `slot` (0 = the first worker; slots below capacity() are the ones that may be used). */
export type SlotStart<T> = (slot: number) => Promise<T>;

interface Job<T> {
  start: SlotStart<T>;
  ticket: number;
  resolve: (value: T | Superseded) => void;
  reject: (error: unknown) => void;
}

/** Runs before `wantsParallel` may say yes (0.7^10: the first run's weight in the mean is down to 3%). */
const SETTLE_RUNS = 10;

export interface LaneOptions {
  /** Clock for run times (tests pass a fake one). */
  now?: () => number;
  /** Wait for a busy slot expected to finish within this fraction of a typical run (0: never). Default 0.25. */
  waitFraction?: number;
  /** Run jobs side by side only when a typical run takes longer than this (ms). Default 20. */
  parallelAboveMs?: number;
}

export class LatestLane<T> {
  /** Busy slots: when their job started, and whether another job ran beside it at any time. */
  private readonly busy = new Map<number, { start: number; shared: boolean }>();
  private waiting: Job<T> | null = null;
  private nextTicket = 0;
  /** The newest ticket whose result was delivered: anything older that finishes later is stale. */
  private delivered = -1;
  /**
   * Running mean of the times of runs that ran alone (ms), null before one finished. Runs side by side are
   * slower and are left out, or sharing would raise the estimate that decides to share (a feedback loop
   * that put the 14 ms MixNMatch-style model on two workers).
   */
  private typicalMs: number | null = null;
  /** Runs that ran alone, finished so far. */
  private runs = 0;
  private readonly now: () => number;
  private readonly waitFraction: number;
  private readonly parallelAboveMs: number;

  /** `capacity` is read whenever a job could start, so slots can come and go (a worker still loading). */
  constructor(
    private readonly capacity: () => number = () => 1,
    options: LaneOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.waitFraction = options.waitFraction ?? 0.25;
    this.parallelAboveMs = options.parallelAboveMs ?? 20;
  }

  submit(start: SlotStart<T>): Promise<T | Superseded> {
    return new Promise<T | Superseded>((resolve, reject) => {
      const job: Job<T> = { start, ticket: this.nextTicket++, resolve, reject };
      // Either way an older waiting job is out of date: this one starts now, or takes its place.
      this.waiting?.resolve(SUPERSEDED);
      this.waiting = null;
      const slot = this.freeSlot();
      if (slot !== null && !this.betterToWait()) this.launch(job, slot);
      else this.waiting = job;
    });
  }

  /**
   * Whether runs are slow enough here that a second slot pays (a typical run over parallelAboveMs), judged
   * only after SETTLE_RUNS runs: the first runs of a session (JIT, first allocations) are several times
   * slower and would wake a second worker for a model that does not need one.
   */
  get wantsParallel(): boolean {
    return this.runs >= SETTLE_RUNS && this.typicalMs !== null && this.typicalMs >= this.parallelAboveMs;
  }

  /** Forgets the learnt run time (another model now runs in this lane: its runs may be faster or slower). */
  resetEstimate(): void {
    this.typicalMs = null;
    this.runs = 0;
  }

  /** Drops the waiting job (it resolves SUPERSEDED); running ones finish normally. */
  clear(): void {
    this.waiting?.resolve(SUPERSEDED);
    this.waiting = null;
  }

  /** Whether a job should wait for a busy slot rather than run beside it (see the file comment). */
  private betterToWait(): boolean {
    if (this.busy.size === 0 || this.typicalMs === null) return false;
    if (this.typicalMs < this.parallelAboveMs) return true;
    const now = this.now();
    const remaining = Math.min(...[...this.busy.values()].map(({ start }) => this.typicalMs! - (now - start)));
    // An overdue run (remaining < 0) may be stalled: its end is unknown, so the free slot is taken.
    return this.waitFraction > 0 && remaining >= 0 && remaining <= this.waitFraction * this.typicalMs;
  }

  private freeSlot(): number | null {
    const slots = Math.max(1, this.capacity());
    for (let slot = 0; slot < slots; slot++) if (!this.busy.has(slot)) return slot;
    return null;
  }

  private launch(job: Job<T>, slot: number): void {
    const started = this.now();
    const entry = { start: started, shared: this.busy.size > 0 };
    for (const other of this.busy.values()) other.shared = true;
    this.busy.set(slot, entry);
    const settle = () => {
      if (!entry.shared) {
        const ms = this.now() - started;
        this.typicalMs = this.typicalMs === null ? ms : 0.7 * this.typicalMs + 0.3 * ms;
        this.runs++;
      }
      this.busy.delete(slot);
      const next = this.waiting;
      const free = next ? this.freeSlot() : null;
      if (next && free !== null) {
        this.waiting = null;
        this.launch(next, free);
      }
    };
    let run: Promise<T>;
    try {
      run = job.start(slot);
    } catch (error) {
      run = Promise.reject(error);
    }
    run
      .then((value) => {
        if (job.ticket < this.delivered) return job.resolve(SUPERSEDED);
        this.delivered = job.ticket;
        job.resolve(value);
      }, job.reject)
      .then(settle);
  }
}
