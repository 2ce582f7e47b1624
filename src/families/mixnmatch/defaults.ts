/**
 * A MixNMatch model's starting state. MixNMatch is a 2D model: every factor is a global code (pose and
 * background noise are seeded latents; background, shape and texture are classes), there are no objects,
 * and the camera is unused. StudioState still requires a camera (one state type for every family), so a
 * fixed placeholder goes there: nothing reads it, the knob panel shows no camera folder (the manifest has
 * no camera block) and fitState does not check it.
 */
import { STATE_VERSION, type CameraState, type Code, type StudioState } from '../../state/studioState';
import { defaultCode } from '../codes';
import type { Manifest } from '../manifest';

/** The unused camera every MixNMatch state carries (valid under the state schema, never fed to a model). */
export const MIXNMATCH_UNUSED_CAMERA: Readonly<CameraState> = { elevationDeg: 0, azimuthDeg: 0, radius: 1, fovDeg: 50 };

/**
 * Class 0 blending towards class 1 at blend 0 for each categorical; latent number i (in manifest order) at
 * seed 2i blending towards 2i + 1, so pose and background noise do not start as the same vector.
 */
export function mixnmatchDefaultState(manifest: Manifest): StudioState {
  const codes: Record<string, Code> = {};
  let latents = 0;
  for (const factor of manifest.factors) {
    if (factor.scope !== 'global') continue;
    codes[factor.id] = factor.kind === 'latent' ? defaultCode(factor, 2 * latents++) : defaultCode(factor);
  }
  return {
    version: STATE_VERSION,
    modelId: manifest.id,
    codes,
    objects: [],
    camera: { ...MIXNMATCH_UNUSED_CAMERA },
    backgroundRotationDeg: 0,
  };
}
