/**
 * Angle interpolation. Knob angles are degrees that go round (azimuth, object pose, background rotation):
 * between keyframes at 350 and 10 the camera should pass 0 (shortest arc), while a turntable written as
 * 0 -> 360 must make a full turn (turns). Values are not wrapped: 365 and 5 render the same, and keeping
 * the unwrapped value makes the motion continuous and the PNG's state say exactly what was rendered.
 */
import type { AngleMode } from './spec';

/** The signed difference b - a brought into [-180, 180): the shorter way from a to b. */
export function shortestDelta(a: number, b: number): number {
  const d = (((b - a) % 360) + 540) % 360 - 180;
  // 180 and -180 are equally short; keep the direction the numbers go.
  return d === -180 && b > a ? 180 : d;
}

/** Angle at `t` in [0,1] from `a` to `b`. */
export function lerpAngle(a: number, b: number, t: number, mode: AngleMode): number {
  if (mode === 'turns') return a + (b - a) * t;
  return a + shortestDelta(a, b) * t;
}

/** Plain linear interpolation for positions, scales, fov, truncation, blends. */
export function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}
