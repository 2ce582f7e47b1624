/**
 * A GIRAFFE(-HD) model's starting state. Seeds are small and fixed so a fresh studio always shows the same
 * image; each object gets its own seeds so several objects do not come out as identical twins.
 */
import { STATE_VERSION, type Code, type ObjectState, type StudioState } from '../../state/studioState';
import type { Factor, Manifest, ObjectsSpec } from '../manifest';
import { defaultCode } from '../codes';

/** GIRAFFE's Generator defaults (UPSTREAM 1.1), used only when a manifest has no camera block. */
export const GIRAFFE_CAMERA_DEFAULTS = { elevationDeg: 30, azimuthDeg: 0, radius: 2.732, fovDeg: 49.13 };
export const GIRAFFE_DEPTH_RANGE: [number, number] = [0.5, 6.0];

/** Kept here for callers that import it from the GIRAFFE defaults; it lives in ../codes (family-agnostic). */
export { defaultCode };

function codesFor(factors: Factor[], scope: Factor['scope'], seed: number): Record<string, Code> {
  const codes: Record<string, Code> = {};
  for (const f of factors) if (f.scope === scope) codes[f.id] = defaultCode(f, seed);
  return codes;
}

/**
 * Object i of n: manifest defaults, except that with several objects x is spread evenly over the trained
 * x range (centres of n equal cells) so they do not overlap. All but the first are present only when the
 * manifest does not make them optional.
 */
export function defaultObject(spec: ObjectsSpec, factors: Factor[], i: number): ObjectState {
  const n = spec.count;
  const { x, y, z } = spec.translation;
  // Rounded to 1e-6 so the knob shows 0.3, not 0.29999999999999993.
  const tx = n > 1 ? Math.round((x.min + ((x.max - x.min) * (i + 0.5)) / n) * 1e6) / 1e6 : x.default;
  return {
    codes: codesFor(factors, 'object', 2 * i),
    translation: [tx, y.default, z.default],
    scale: spec.scale.default,
    rotationDeg: spec.rotationDeg.default,
    present: i === 0 || !spec.optional,
  };
}

export function giraffeDefaultState(manifest: Manifest): StudioState {
  const cam = manifest.camera;
  const objects = manifest.objects;
  return {
    version: STATE_VERSION,
    modelId: manifest.id,
    codes: codesFor(manifest.factors, 'global', 0),
    objects: objects
      ? Array.from({ length: objects.count }, (_, i) => defaultObject(objects, manifest.factors, i))
      : [],
    camera: cam
      ? {
          elevationDeg: cam.elevationDeg.default,
          azimuthDeg: cam.azimuthDeg.default,
          radius: cam.radius.default,
          fovDeg: cam.fovDeg.default,
        }
      : { ...GIRAFFE_CAMERA_DEFAULTS },
    backgroundRotationDeg: manifest.backgroundRotationDeg?.default ?? 0,
  };
}
