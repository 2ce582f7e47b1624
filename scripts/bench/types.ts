/**
 * A benchmark row: one measured quantity for one bundle and execution provider. Every bench module returns
 * rows; run.ts prints them as one table and writes them to .bench/latest.json. Targets ride along so the
 * table says pass/fail against the numbers, measured, never asserted in a unit test.
 */
export interface BenchRow {
  /** What was measured, e.g. "knob-to-pixels (drag)", "time to first image (warm cache)". */
  metric: string;
  /** Bundle id. */
  model: string;
  /** Where it ran, e.g. "chromium wasm", "node wasm". */
  runtime: string;
  /** Main value, median when `p95` is given. */
  value: number;
  p95?: number;
  unit: 'ms' | 'MB' | 'fps' | 'frames' | '%';
  samples?: number;
  /** Human-readable target, e.g. "p50 <= 33, p95 <= 50". */
  target?: string;
  /** Whether the value met the target (absent when there is none). */
  pass?: boolean;
  note?: string;
}

export interface BenchContext {
  /** URL of the served production build (cross-origin isolated). */
  baseUrl: string;
  /** Bundle ids in the catalog, default first. */
  models: string[];
  /** Fewer samples, for a quick look. */
  quick: boolean;
}

export type BenchModule = (ctx: BenchContext) => Promise<BenchRow[]>;

/** Median and 95th percentile of samples. */
export function percentiles(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p95: at(0.95) };
}
