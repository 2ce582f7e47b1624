/**
 * Pure conversions from what a drag did in the y-up scene back to knob values in the model's z-up world.
 * Kept apart from the event handlers so the round trip (knobs -> rig -> drag -> knobs) is unit-tested.
 */
import { Quaternion, Ray, Vector3 } from 'three';
import { deg } from '../lib/units';
import { yUpToZUp, zUpToYUp, type Vec3 } from '../rig/axes';
import { poseFromPosition } from '../rig/camera';

export interface OrbitAngles {
  elevationDeg: number;
  azimuthDeg: number;
}

export interface ObjectKnobValues {
  translation: Vec3;
  scale: number;
  rotationDeg: number;
}

/** `value` shifted by whole turns to lie within 180 degrees of `reference`, so a knob never jumps by 360. */
export function unwrapDegrees(value: number, reference: number): number {
  return value + 360 * Math.round((reference - value) / 360);
}

const _a = new Vector3();
const _b = new Vector3();
const _zero = new Vector3();

/**
 * Where a pointer ray meets the orbit sphere (centre origin, radius r). Of the two crossings, the one
 * nearer the camera's current position wins, so dragging a camera on the far side of the sphere does not
 * flip it to the near side. A ray that misses gives the silhouette point closest to it, which lets the
 * camera be dragged over the horizon of the sphere smoothly. Writes into and returns `target`.
 */
export function orbitPointOnRay(ray: Ray, radius: number, current: Vector3, target: Vector3): Vector3 {
  const b = ray.origin.dot(ray.direction) / ray.direction.lengthSq();
  const c = (ray.origin.lengthSq() - radius * radius) / ray.direction.lengthSq();
  const disc = b * b - c;
  if (disc < 0) {
    ray.closestPointToPoint(_zero, target);
    if (target.lengthSq() === 0) return target.copy(current).setLength(radius);
    return target.setLength(radius);
  }
  const s = Math.sqrt(disc);
  const tNear = -b - s;
  const tFar = -b + s;
  if (tFar < 0) return target.copy(current).setLength(radius); // sphere entirely behind the viewer
  ray.at(tFar, _b);
  if (tNear < 0) return target.copy(_b);
  ray.at(tNear, _a);
  return target.copy(_a.distanceToSquared(current) <= _b.distanceToSquared(current) ? _a : _b);
}

/**
 * A y-up point on the orbit -> elevation = asin(z / r), azimuth = atan2(y, x) in the z-up world (via
 * src/rig/camera.ts), the azimuth unwrapped next to `previousAzimuthDeg` (and kept there on a pole).
 */
export function orbitAnglesFromPoint(p: Vector3, previousAzimuthDeg: number): OrbitAngles {
  const pose = poseFromPosition(yUpToZUp([p.x, p.y, p.z]), deg(previousAzimuthDeg));
  return { elevationDeg: pose.elevationDeg, azimuthDeg: unwrapDegrees(pose.azimuthDeg, previousAzimuthDeg) };
}

const _axis = new Vector3();
const round6 = (v: number): number => Math.round(v * 1e6) / 1e6 + 0;

/** Smallest half-size a drag can give: dragging a scale handle past the centre would mirror the box. */
export const MIN_SCALE = 1e-3;

/**
 * The uniform scale a (possibly non-uniform) gizmo scale stands for: the component that moved most away
 * from `start`, the uniform scale the drag began with. Never below MIN_SCALE.
 */
export function uniformScale(scale: Vector3, start: number): number {
  let best = scale.x;
  if (Math.abs(scale.y - start) > Math.abs(best - start)) best = scale.y;
  if (Math.abs(scale.z - start) > Math.abs(best - start)) best = scale.z;
  return Math.max(best, MIN_SCALE);
}

/**
 * A box view's transform (y-up, as TransformControls leaves it) -> ObjectState knobs (z-up).
 *
 * Rotation: the box's +x axis in the world has yaw phi = atan2(y, x). GIRAFFE feeds R = Rz(rotationDeg)
 * mapping world -> box (src/rig/objects.ts), so the box sits in the world rotated by R^T and
 * phi = -rotationDeg. The result is unwrapped next to the previous knob value.
 */
export function knobsFromTransform(
  position: Vector3,
  quaternion: Quaternion,
  scale: Vector3,
  /** scale: the uniform scale at drag start; rotationDeg: the last knob value, for unwrapping. */
  previous: { scale: number; rotationDeg: number },
): ObjectKnobValues {
  const [tx, ty, tz] = yUpToZUp([position.x, position.y, position.z]);
  _axis.fromArray(zUpToYUp([1, 0, 0])).applyQuaternion(quaternion);
  const [ax, ay] = yUpToZUp([_axis.x, _axis.y, _axis.z]);
  const phiDeg = (Math.atan2(ay, ax) * 180) / Math.PI;
  return {
    translation: [round6(tx), round6(ty), round6(tz)],
    scale: round6(uniformScale(scale, previous.scale)),
    rotationDeg: round6(unwrapDegrees(-phiDeg, previous.rotationDeg)),
  };
}
