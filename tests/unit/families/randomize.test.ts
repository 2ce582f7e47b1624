import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomizeFactor, resetFactor } from '../../../src/families/randomize';
import { adapterFor } from '../../../src/families/registry';
import { extrapolatedKnobs } from '../../../src/families/extrapolation';
import { createRng } from '../../../src/lib/rng';
import { studioStateSchema, type LatentCode } from '../../../src/state/studioState';
import { loadManifest } from './fixtures';

const manifest = loadManifest('fixture-giraffe-duo');
const defaults = adapterFor(manifest).defaultState(manifest);
const PATHS = [
  'codes.background',
  'objects.0.codes.shape',
  'objects.1.codes.texture',
  'camera',
  'camera.elevationDeg',
  'objects.0.pose',
  'objects.1.translation',
  'objects.0.scale',
  'objects.1',
  'backgroundRotationDeg',
];

describe('randomizeFactor / resetFactor', () => {
  it('changes only the named factor, stays valid and inside the trained range', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), fc.nat({ max: 2 ** 32 - 1 }), (path, seed) => {
        const next = randomizeFactor(defaults, manifest, path, createRng(seed));
        studioStateSchema.parse(next);
        expect(extrapolatedKnobs(next, manifest)).toEqual([]);
        // Untouched parts are the very same objects (structural sharing keeps undo cheap).
        if (!path.startsWith('camera')) expect(next.camera).toBe(defaults.camera);
        if (!path.startsWith('objects')) expect(next.objects).toBe(defaults.objects);
        if (!path.startsWith('codes')) expect(next.codes).toBe(defaults.codes);
        expect(resetFactor(next, manifest, path)).toEqual(defaults);
      }),
    );
  });

  it('gives a latent code new seeds and drops a reference vector, keeping blend and truncation', () => {
    const withVector = {
      ...defaults,
      codes: { background: { ...(defaults.codes.background as LatentCode), vector: [1, 2], blend: 0.3 } },
    };
    const next = randomizeFactor(withVector, manifest, 'codes.background', createRng(1)).codes.background as LatentCode;
    expect(next.vector).toBeUndefined();
    expect(next.seed).not.toBe(0);
    expect(next.blend).toBe(0.3);
    expect(next.truncation).toBe(0.65);
  });

  it('is reproducible from the same rng seed', () => {
    const a = randomizeFactor(defaults, manifest, 'objects.0', createRng(9));
    const b = randomizeFactor(defaults, manifest, 'objects.0', createRng(9));
    expect(a).toEqual(b);
    expect(a).not.toEqual(defaults);
  });

  it('rejects unknown paths and objects the state does not have', () => {
    for (const path of ['codes.nope', 'objects.5.pose', 'objects.0.colour', 'camera.zoom', 'whatever']) {
      expect(() => randomizeFactor(defaults, manifest, path, createRng(0)), path).toThrowError(
        expect.objectContaining({ code: 'state-invalid' }),
      );
    }
  });
});
