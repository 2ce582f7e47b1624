/**
 * The camera's frustum as line segments in the camera's own frame (looking along -z, as GIRAFFE's
 * camera-to-world and three.js cameras both do). Written into a preallocated buffer so a knob change
 * moves the lines without allocating.
 */
import { toRadians, deg } from '../lib/units';

/** 4 edges apex -> far corners, far rectangle (4), near rectangle (4), optical axis (1). */
export const FRUSTUM_SEGMENTS = 13;
/** Floats in the position buffer: 2 vertices of 3 coordinates per segment. */
export const FRUSTUM_FLOATS = FRUSTUM_SEGMENTS * 2 * 3;

/**
 * Far distance actually drawn: the real far plane (GIRAFFE: 6 world units) would dwarf the rig, so it is
 * clipped just past the origin the camera looks at. Never shorter than the near plane.
 */
export function drawnFar(depthRange: readonly [number, number], distanceToOrigin: number): number {
  const [near, far] = depthRange;
  const clipped = Math.min(far, distanceToOrigin * 1.1);
  return Math.max(clipped, near * 1.05);
}

/** Fills `out` (length FRUSTUM_FLOATS) with the frustum of a square image (aspect 1). */
export function writeFrustumPositions(out: Float32Array, fovDeg: number, near: number, far: number): void {
  const t = Math.tan(toRadians(deg(fovDeg)) / 2);
  const hn = near * t;
  const hf = far * t;
  let i = 0;
  const put = (x: number, y: number, z: number): void => {
    out[i++] = x;
    out[i++] = y;
    out[i++] = z;
  };
  const seg = (ax: number, ay: number, az: number, bx: number, by: number, bz: number): void => {
    put(ax, ay, az);
    put(bx, by, bz);
  };
  // Corners in order: (+,+), (-,+), (-,-), (+,-).
  const sx = [1, -1, -1, 1];
  const sy = [1, 1, -1, -1];
  for (let k = 0; k < 4; k++) seg(0, 0, 0, sx[k] * hf, sy[k] * hf, -far);
  for (let k = 0; k < 4; k++) {
    const n = (k + 1) % 4;
    seg(sx[k] * hf, sy[k] * hf, -far, sx[n] * hf, sy[n] * hf, -far);
  }
  for (let k = 0; k < 4; k++) {
    const n = (k + 1) % 4;
    seg(sx[k] * hn, sy[k] * hn, -near, sx[n] * hn, sy[n] * hn, -near);
  }
  seg(0, 0, 0, 0, 0, -far);
}
