/**
 * Easing curves for the segment between two keyframes. Each maps [0,1] onto [0,1] with e(0) = 0 and
 * e(1) = 1 exactly, so a keyframe is hit exactly whatever the curve. Plain arithmetic (no Math.pow with
 * fractional exponents), so every JS engine gives the same doubles and the same frames.
 */
import type { Easing } from './spec';

export const EASINGS: readonly Easing[] = ['linear', 'ease-in', 'ease-out', 'ease-in-out'];

/** Cubic curves: ease-in starts slowly, ease-out ends slowly, ease-in-out both (smooth stops at keyframes). */
export function ease(easing: Easing, t: number): number {
  if (t <= 0) return 0;
  if (t >= 1) return 1;
  switch (easing) {
    case 'linear':
      return t;
    case 'ease-in':
      return t * t * t;
    case 'ease-out': {
      const u = 1 - t;
      return 1 - u * u * u;
    }
    case 'ease-in-out': {
      if (t < 0.5) return 4 * t * t * t;
      const u = -2 * t + 2;
      return 1 - (u * u * u) / 2;
    }
  }
}
