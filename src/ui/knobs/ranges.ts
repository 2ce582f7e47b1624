/**
 * Trained ranges versus knob bounds. A knob reaches beyond what the model saw (so a user can explore
 * extrapolation on purpose); which values count as extrapolating is families/extrapolation.ts's call.
 */
import type { Range } from '../../families/manifest';

export interface Bounds {
  min: number;
  max: number;
}

/** Knob bounds are the trained range made this much wider in total (half on each side). */
export const EXTRAPOLATION_WIDENING = 0.5;

/**
 * The bounds a slider offers for a trained range: `widening` of the span added half on each side, kept
 * inside `limits` (e.g. truncation >= 0, FOV in (0, 180)). A degenerate range (min = max) still gets room.
 */
export function knobBounds(trained: Bounds, limits: Partial<Bounds> = {}, widening = EXTRAPOLATION_WIDENING): Bounds {
  const span = trained.max - trained.min || Math.max(Math.abs(trained.max), 1);
  const pad = (span * widening) / 2;
  const min = Math.max(trained.min - pad, limits.min ?? -Infinity);
  const max = Math.min(trained.max + pad, limits.max ?? Infinity);
  return { min: roundNice(min), max: roundNice(max) };
}

/** Widens bounds to include `value`, so a state from a URL or a PNG is shown, not clamped by the slider. */
export function includeValue(bounds: Bounds, value: number): Bounds {
  if (!Number.isFinite(value)) return bounds;
  return { min: Math.min(bounds.min, value), max: Math.max(bounds.max, value) };
}

/** A slider step of about 1/200 of the bounds, rounded to one significant digit. */
export function knobStep(bounds: Bounds): number {
  const raw = (bounds.max - bounds.min) / 200;
  if (!(raw > 0)) return 0.01;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return Math.round(raw / magnitude) * magnitude;
}

/** Rounds to 4 significant digits so bounds read cleanly in the panel. */
function roundNice(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(4)) : x;
}

export type { Range };
