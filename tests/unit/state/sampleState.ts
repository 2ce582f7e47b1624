/** A state that fits tests/fixtures/manifests/valid.json. */
import type { StudioState } from '../../../src/state/studioState';

export const sampleState = (): StudioState => ({
  version: 1,
  modelId: 'test-mixnmatch-tiny',
  codes: {
    pose: { kind: 'latent', seed: 7, seed2: 8, blend: 0.25, truncation: 1 },
    background: { kind: 'categorical', index: 3, index2: 0, blend: 0 },
    shape: { kind: 'categorical', index: 1, index2: 2, blend: 0.5 },
    texture: { kind: 'categorical', index: 4, index2: 4, blend: 0, probabilities: [0.1, 0.2, 0.3, 0.2, 0.2] },
  },
  objects: [],
  camera: { elevationDeg: 25, azimuthDeg: 30, radius: 2.732, fovDeg: 49.13 },
  backgroundRotationDeg: 0,
});
