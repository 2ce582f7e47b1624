/** Small manifests and states for the UI tests: one 3D model with two objects, one 2D categorical model. */
import { manifestSchema, type Manifest } from '../../../src/families/manifest';
import { STATE_VERSION, type StudioState } from '../../../src/state/studioState';

const range = (min: number, max: number, def: number) => ({ min, max, default: def });

export function sceneManifest(overrides: Partial<Manifest> = {}): Manifest {
  return manifestSchema.parse({
    schemaVersion: 1,
    id: 'test-scene',
    name: 'Test scene',
    family: 'giraffe',
    description: 'Two objects on a background.',
    resolution: [64, 64],
    generator: {
      file: 'generator.onnx',
      inputs: [{ name: 'z', shape: ['batch', 2, 4], role: 'code:shape' }],
      outputs: [{ name: 'image', shape: ['batch', 3, 64, 64], role: 'image', range: [0, 1] }],
    },
    factors: [
      { id: 'shape', label: 'shape', kind: 'latent', scope: 'object', dim: 4, truncation: range(0, 1.5, 0.65) },
      { id: 'texture', label: 'texture', kind: 'latent', scope: 'object', dim: 4, truncation: range(0, 1.5, 0.65) },
      { id: 'background', label: 'background', kind: 'latent', scope: 'global', dim: 4, truncation: range(0, 1.5, 0.65) },
    ],
    camera: {
      convention: 'giraffe',
      elevationDeg: range(10, 40, 25),
      azimuthDeg: range(0, 360, 30),
      radius: range(2.732, 2.732, 2.732),
      fovDeg: range(49.13, 49.13, 49.13),
      depthRange: [0.5, 6],
    },
    objects: {
      count: 2,
      optional: true,
      scale: range(0.2, 0.35, 0.3),
      translation: { x: range(-0.6, 0.6, 0), y: range(-0.6, 0.6, 0), z: range(0, 0, 0) },
      rotationDeg: range(0, 360, 20),
    },
    backgroundRotationDeg: range(0, 360, 0),
    licence: 'MIT',
    ...overrides,
  });
}

/** MixNMatch-like: categorical background/shape/texture with and without class names, a latent pose, no camera. */
export function flatManifest(): Manifest {
  return manifestSchema.parse({
    schemaVersion: 1,
    id: 'test-flat',
    name: 'Test flat',
    family: 'mixnmatch',
    description: 'No camera, no objects.',
    resolution: [64, 64],
    generator: {
      file: 'generator.onnx',
      inputs: [{ name: 'bg', shape: ['batch', 3], role: 'code:background' }],
      outputs: [{ name: 'image', shape: ['batch', 3, 64, 64], role: 'image', range: [-1, 1] }],
    },
    factors: [
      { id: 'background', label: 'background', kind: 'categorical', scope: 'global', classes: ['sky', 'grass', 'sand'] },
      { id: 'shape', label: 'shape', kind: 'categorical', scope: 'global', classes: 4 },
      { id: 'pose', label: 'pose', kind: 'latent', scope: 'global', dim: 8, truncation: range(0.5, 1, 1) },
    ],
  });
}

const latent = (seed: number) => ({ kind: 'latent' as const, seed, seed2: seed + 1, blend: 0, truncation: 0.65 });

export function sceneState(): StudioState {
  return {
    version: STATE_VERSION,
    modelId: 'test-scene',
    codes: { background: latent(0) },
    objects: [0, 1].map((i) => ({
      codes: { shape: latent(2 * i), texture: latent(2 * i + 1) },
      translation: [i * 0.3, 0, 0] as [number, number, number],
      scale: 0.3,
      rotationDeg: 20,
      present: true,
    })),
    camera: { elevationDeg: 25, azimuthDeg: 30, radius: 2.732, fovDeg: 49.13 },
    backgroundRotationDeg: 0,
  };
}

export function flatState(): StudioState {
  return {
    version: STATE_VERSION,
    modelId: 'test-flat',
    codes: {
      background: { kind: 'categorical', index: 1, index2: 2, blend: 0 },
      shape: { kind: 'categorical', index: 0, index2: 1, blend: 0 },
      pose: { kind: 'latent', seed: 3, seed2: 4, blend: 0, truncation: 1 },
    },
    objects: [],
    camera: { elevationDeg: 0, azimuthDeg: 0, radius: 1, fovDeg: 10 },
    backgroundRotationDeg: 0,
  };
}

/** The scene model with named anchors on its shape factor (the trained classes a per-class-code model has). */
export function anchoredSceneManifest(): Manifest {
  const base = sceneManifest();
  const anchors = [
    { name: 'sphere', vector: [1, 0, 0, 0] },
    { name: 'cube', vector: [0, 1, 0, 0] },
    { name: 'cone', vector: [0, 0, 1, 0] },
  ];
  return sceneManifest({ factors: base.factors.map((f) => (f.id === 'shape' ? { ...f, anchors } : f)) });
}
