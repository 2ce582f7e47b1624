/**
 * Rotation about the world up axis (+z), the only rotation GIRAFFE's knobs use (object pose, background).
 */
import { toRadians, type Degrees } from '../lib/units';
import type { Mat3 } from './vec';

/**
 * Rz(angle) = [[c, -s, 0], [s, c, 0], [0, 0, 1]], row-major: scipy's Rotation.from_euler('z', angle)
 * .as_matrix() (as_dcm in GIRAFFE's SciPy), an active counter-clockwise rotation seen from +z.
 */
export function rotationZ(angle: Degrees): Mat3 {
  const r = toRadians(angle);
  const c = Math.cos(r);
  const s = Math.sin(r);
  return [c, -s, 0, s, c, 0, 0, 0, 1];
}
