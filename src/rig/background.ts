/**
 * Background rotation: GIRAFFE's bg_rotation input (get_bg_rotation), a z-rotation by the knob's angle
 * applied to the background field's ray directions. Degrees 0 is the identity.
 */
import type { Degrees } from '../lib/units';
import { rotationZ } from './rotation';
import type { Mat3 } from './vec';

export function backgroundRotation(angle: Degrees): Mat3 {
  return rotationZ(angle);
}
