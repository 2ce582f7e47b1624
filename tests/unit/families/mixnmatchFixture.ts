/**
 * The manifest the project's MixNMatch converter writes for the upstream cub-tiny fixture
 * (tests/fixtures/upstream/mixnmatch/cub-tiny, 4 shapes, 8 textures, 8 backgrounds, 16-d noise), copied
 * here so unit tests need no Python; tests/engine/mixnmatch.test.ts checks it still equals a fresh
 * conversion. `namedCubTiny` gives the shape and background factors class names.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { manifestSchema, type Manifest } from '../../../src/families/manifest';

export const CUB_TINY_MANIFEST_PATH = resolve(__dirname, 'mixnmatchCubTiny.manifest.json');

export function cubTiny(): Manifest {
  return manifestSchema.parse(JSON.parse(readFileSync(CUB_TINY_MANIFEST_PATH, 'utf8')));
}

export const SHAPE_NAMES = ['cube', 'sphere', 'cylinder', 'cone'];

/** cub-tiny with named shapes and backgrounds (texture stays a bare count of 8). */
export function namedCubTiny(): Manifest {
  const m = cubTiny();
  return {
    ...m,
    factors: m.factors.map((f) => {
      if (f.id === 'shape' && f.kind === 'categorical') return { ...f, classes: SHAPE_NAMES };
      if (f.id === 'background' && f.kind === 'categorical')
        return { ...f, classes: ['desert', 'sky', 'grass', 'desert', 'sea', 'snow', 'wall', 'wood'] };
      return f;
    }),
  };
}
