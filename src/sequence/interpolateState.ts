/**
 * The StudioState between two keyframes, knob by knob, each the way its knob moves: positions, scales, fov,
 * elevation and radius linearly; azimuth, object pose and background rotation as angles; codes by slerp or
 * soft one-hot (interpolateCode). Discrete fields (model, object presence) hold the first keyframe's value
 * until the next keyframe is reached. t = 0 and t = 1 return the keyframes themselves, untouched.
 */
import type { Manifest } from '../families/manifest';
import type { Code, ObjectState, StudioState } from '../state/studioState';
import { lerp, lerpAngle } from './angles';
import { interpolateCode } from './interpolateCode';
import type { AngleMode } from './spec';

function codesBetween(
  a: Record<string, Code>, b: Record<string, Code>, t: number, manifest: Manifest, prefix: string,
): Record<string, Code> {
  const out: Record<string, Code> = {};
  for (const [id, code] of Object.entries(a)) {
    const factor = manifest.factors.find((f) => f.id === id);
    out[id] = interpolateCode(code, b[id], t, factor, `${prefix}.${id}`);
  }
  return out;
}

function objectBetween(a: ObjectState, b: ObjectState | undefined, t: number, manifest: Manifest, angles: AngleMode, i: number): ObjectState {
  if (!b) return a;
  return {
    codes: codesBetween(a.codes, b.codes, t, manifest, `objects.${i}.codes`),
    translation: [lerp(a.translation[0], b.translation[0], t), lerp(a.translation[1], b.translation[1], t), lerp(a.translation[2], b.translation[2], t)],
    scale: lerp(a.scale, b.scale, t),
    rotationDeg: lerpAngle(a.rotationDeg, b.rotationDeg, t, angles),
    present: a.present,
  };
}

/** State at `t` in [0,1] from keyframe `a` to keyframe `b` (t already eased). */
export function interpolateState(a: StudioState, b: StudioState, t: number, manifest: Manifest, angles: AngleMode): StudioState {
  if (t <= 0) return a;
  if (t >= 1) return b;
  return {
    version: a.version,
    modelId: a.modelId,
    codes: codesBetween(a.codes, b.codes, t, manifest, 'codes'),
    objects: a.objects.map((o, i) => objectBetween(o, b.objects[i], t, manifest, angles, i)),
    camera: {
      elevationDeg: lerp(a.camera.elevationDeg, b.camera.elevationDeg, t),
      azimuthDeg: lerpAngle(a.camera.azimuthDeg, b.camera.azimuthDeg, t, angles),
      radius: lerp(a.camera.radius, b.camera.radius, t),
      fovDeg: lerp(a.camera.fovDeg, b.camera.fovDeg, t),
    },
    backgroundRotationDeg: lerpAngle(a.backgroundRotationDeg, b.backgroundRotationDeg, t, angles),
  };
}
