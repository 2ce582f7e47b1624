/**
 * Export progress as the user reads it: frames done of total, frames per second over the last few seconds
 * (a steady rate, not one spiky frame) and the time left at that rate.
 */

export interface ExportProgress {
  done: number;
  total: number;
  /** Frames per second over the recent window; 0 before two frames are done. */
  fps: number;
  /** Seconds left at `fps`; null until a rate is known. */
  etaSeconds: number | null;
  elapsedMs: number;
}

/** Frames counted over at most this many of the latest frames. */
const WINDOW = 32;

export class ProgressMeter {
  private readonly times: number[] = [];
  private readonly started: number;

  constructor(
    private readonly total: number,
    private readonly now: () => number = () => performance.now(),
    private done = 0,
  ) {
    this.started = now();
    this.times.push(this.started);
  }

  /** Records one more frame done and returns the progress to show. */
  frameDone(): ExportProgress {
    this.done++;
    this.times.push(this.now());
    if (this.times.length > WINDOW + 1) this.times.shift();
    return this.snapshot();
  }

  snapshot(): ExportProgress {
    const t = this.times;
    const span = (t[t.length - 1] - t[0]) / 1000;
    const fps = t.length > 1 && span > 0 ? (t.length - 1) / span : 0;
    return {
      done: this.done,
      total: this.total,
      fps,
      etaSeconds: fps > 0 ? (this.total - this.done) / fps : null,
      elapsedMs: this.now() - this.started,
    };
  }
}
