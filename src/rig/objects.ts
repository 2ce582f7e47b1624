/**
 * Object boxes, GIRAFFE's (s, t, R) (im2scene/giraffe/models/bounding_box_generator.py, Generator.
 * transform_points_to_box): a world point p maps into the box as p_box = R (p - t) / s, the box being
 * [-1, 1]^3. R = Rotation.from_euler('z', r * 2pi).as_dcm() is fed to the generator as-is, so:
 *
 *   R = Rz(+rotationDeg)   (world -> box)
 *
 * Sign: because R maps world into the box, the box itself sits in the world rotated by R^T = Rz(-rotationDeg);
 * increasing rotationDeg turns the object clockwise seen from above (+z). This matches GIRAFFE's rotation
 * knob exactly (value * 360 degrees) and the recipe's z_rotation(deg).
 */
import { deg } from '../lib/units';
import type { Vec3 } from './axes';
import { rotationZ } from './rotation';
import { add, apply3, scale as scaleVec, sub, transpose3, type Mat3 } from './vec';

/** The knobs of one object, as in ObjectState. */
export interface ObjectKnobs {
  translation: Vec3;
  /** Uniform half-size of the box (world units). */
  scale: number;
  rotationDeg: number;
}

/** GIRAFFE's per-object transformation: s [3] (uniform), t [3], R [3x3] world -> box, row-major. */
export interface BoxTransform {
  s: Vec3;
  t: Vec3;
  R: Mat3;
}

export function boxTransform(knobs: ObjectKnobs): BoxTransform {
  return {
    s: [knobs.scale, knobs.scale, knobs.scale],
    t: [knobs.translation[0], knobs.translation[1], knobs.translation[2]],
    R: rotationZ(deg(knobs.rotationDeg)),
  };
}

/** p_box = R (p - t) / s. */
export function worldToBox(box: BoxTransform, p: Vec3): Vec3 {
  const q = apply3(box.R, sub(p, box.t));
  return [q[0] / box.s[0], q[1] / box.s[1], q[2] / box.s[2]];
}

/** p = R^T (s * p_box) + t, the inverse of worldToBox. */
export function boxToWorld(box: BoxTransform, pBox: Vec3): Vec3 {
  const scaled: Vec3 = [pBox[0] * box.s[0], pBox[1] * box.s[1], pBox[2] * box.s[2]];
  return add(apply3(transpose3(box.R), scaled), box.t);
}

/** The 8 corners of the box [-1,1]^3 in world space, bit order (x, y, z) = (bit0, bit1, bit2), -1 for 0. */
export function boxCorners(box: BoxTransform): Vec3[] {
  const corners: Vec3[] = [];
  for (let i = 0; i < 8; i++) {
    const c: Vec3 = [i & 1 ? 1 : -1, i & 2 ? 1 : -1, i & 4 ? 1 : -1];
    corners.push(boxToWorld(box, c));
  }
  return corners;
}

/**
 * Box-to-world as a row-major 4x4 (rotation R^T, uniform scale s, translation t), for drawing the box in
 * the rig: apply it to a unit cube [-1,1]^3.
 */
export function boxToWorldMatrix(box: BoxTransform): number[] {
  const rt = transpose3(box.R);
  const cols = [0, 1, 2].map((c) => scaleVec([rt[c], rt[3 + c], rt[6 + c]], box.s[c]));
  return [
    cols[0][0], cols[1][0], cols[2][0], box.t[0],
    cols[0][1], cols[1][1], cols[2][1], box.t[1],
    cols[0][2], cols[1][2], cols[2][2], box.t[2],
    0, 0, 0, 1,
  ];
}
