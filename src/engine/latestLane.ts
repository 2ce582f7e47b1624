/**
 * Latest-wins scheduling for one lane: at most one job in flight, and at most one waiting. A newer job
 * replaces the waiting one, which resolves to SUPERSEDED instead of running. Dragging a knob fires dozens
 * of requests a second; only the first (already running) and the newest are worth computing.
 */
import type { Superseded } from './types';

export const SUPERSEDED: Superseded = Object.freeze({ superseded: true as const });

interface Job<T> {
  start: () => Promise<T>;
  resolve: (value: T | Superseded) => void;
  reject: (error: unknown) => void;
}

export class LatestLane<T> {
  private running = false;
  private waiting: Job<T> | null = null;

  submit(start: () => Promise<T>): Promise<T | Superseded> {
    return new Promise<T | Superseded>((resolve, reject) => {
      const job: Job<T> = { start, resolve, reject };
      if (!this.running) {
        this.launch(job);
        return;
      }
      this.waiting?.resolve(SUPERSEDED);
      this.waiting = job;
    });
  }

  /** Drops the waiting job (it resolves SUPERSEDED); the running one finishes normally. */
  clear(): void {
    this.waiting?.resolve(SUPERSEDED);
    this.waiting = null;
  }

  private launch(job: Job<T>): void {
    this.running = true;
    const settle = () => {
      this.running = false;
      const next = this.waiting;
      this.waiting = null;
      if (next) this.launch(next);
    };
    let started: Promise<T>;
    try {
      started = job.start();
    } catch (error) {
      started = Promise.reject(error);
    }
    started.then(job.resolve, job.reject).then(settle);
  }
}
