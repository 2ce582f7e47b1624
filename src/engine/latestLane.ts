/**
 * Latest-wins scheduling for one lane: at most `capacity()` jobs in flight (one per worker that can run
 * them), and at most one waiting. A newer job replaces the waiting one, which resolves to SUPERSEDED
 * instead of running. Dragging a knob fires dozens of requests a second; only the running ones and the
 * newest are worth computing.
 *
 * With more than one slot, jobs can finish out of order: a job that completes after a newer job already
 * delivered its result resolves SUPERSEDED too, so a caller never shows an older state over a newer one.
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

export class LatestLane<T> {
  private readonly busy = new Set<number>();
  private waiting: Job<T> | null = null;
  private nextTicket = 0;
  /** The newest ticket whose result was delivered: anything older that finishes later is stale. */
  private delivered = -1;

  /** `capacity` is read whenever a job could start, so slots can come and go (a worker still loading). */
  constructor(private readonly capacity: () => number = () => 1) {}

  submit(start: SlotStart<T>): Promise<T | Superseded> {
    return new Promise<T | Superseded>((resolve, reject) => {
      const job: Job<T> = { start, ticket: this.nextTicket++, resolve, reject };
      // Either way an older waiting job is out of date: this one starts now, or takes its place.
      this.waiting?.resolve(SUPERSEDED);
      this.waiting = null;
      const slot = this.freeSlot();
      if (slot !== null) this.launch(job, slot);
      else this.waiting = job;
    });
  }

  /** Drops the waiting job (it resolves SUPERSEDED); running ones finish normally. */
  clear(): void {
    this.waiting?.resolve(SUPERSEDED);
    this.waiting = null;
  }

  private freeSlot(): number | null {
    const slots = Math.max(1, this.capacity());
    for (let slot = 0; slot < slots; slot++) if (!this.busy.has(slot)) return slot;
    return null;
  }

  private launch(job: Job<T>, slot: number): void {
    this.busy.add(slot);
    const settle = () => {
      this.busy.delete(slot);
      const next = this.waiting;
      const free = next ? this.freeSlot() : null;
      if (next && free !== null) {
        this.waiting = null;
        this.launch(next, free);
      }
    };
    let started: Promise<T>;
    try {
      started = job.start(slot);
    } catch (error) {
      started = Promise.reject(error);
    }
    started
      .then((value) => {
        if (job.ticket < this.delivered) return job.resolve(SUPERSEDED);
        this.delivered = job.ticket;
        job.resolve(value);
      }, job.reject)
      .then(settle);
  }
}
