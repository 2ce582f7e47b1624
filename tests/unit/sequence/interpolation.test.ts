import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latentVector, slerp, softOneHot } from '../../../src/families/codes';
import { seededNormal } from '../../../src/lib/rng';
import { interpolateCode } from '../../../src/sequence/interpolateCode';
import { interpolateState } from '../../../src/sequence/interpolateState';
import type { Factor } from '../../../src/families/manifest';
import type { CategoricalCode, LatentCode } from '../../../src/state/studioState';
import { baseState, manifest } from './helpers';

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));
const latent: Factor = { id: 'shape', label: 'shape', kind: 'latent', scope: 'object', dim: 16, truncation: { min: 0, max: 1.5, default: 0.65 } };
const classes: Factor = { id: 'bg', label: 'background', kind: 'categorical', scope: 'global', classes: 5 };

describe('slerp keeps norm', () => {
  it('between two vectors of equal norm, every in-between vector has that norm', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), (s1, s2, t) => {
        const a = seededNormal(s1, 16);
        const b0 = seededNormal(s2, 16);
        const b = b0.map((x) => (x * norm(a)) / norm(b0));
        expect(norm(slerp(a, b, t))).toBeCloseTo(norm(a), 3);
      }),
    );
  });
  it('an in-between latent of two different seeds is a vector override with the seeds\' typical norm', () => {
    const a: LatentCode = { kind: 'latent', seed: 1, seed2: 2, blend: 0, truncation: 1 };
    const b: LatentCode = { kind: 'latent', seed: 9, seed2: 10, blend: 0, truncation: 1 };
    const mid = interpolateCode(a, b, 0.5, latent, 'shape') as LatentCode;
    expect(mid.vector).toHaveLength(16);
    const na = norm(latentVector(a, 16));
    const nb = norm(latentVector(b, 16));
    expect(norm(mid.vector!)).toBeGreaterThan(0.9 * Math.min(na, nb));
    expect(norm(mid.vector!)).toBeLessThan(1.1 * Math.max(na, nb));
    // Stored as JSON numbers, the vector reproduces the same float32 feed.
    const roundTrip = JSON.parse(JSON.stringify(mid)) as LatentCode;
    expect(latentVector(roundTrip, 16)).toEqual(latentVector(mid, 16));
  });
  it('the same seeds interpolate the blend knob itself (slerp along seed -> seed2), no vector', () => {
    const a: LatentCode = { kind: 'latent', seed: 1, seed2: 2, blend: 0, truncation: 1 };
    const mid = interpolateCode(a, { ...a, blend: 1 }, 0.25, latent, 'shape') as LatentCode;
    expect(mid).toEqual({ ...a, blend: 0.25 });
  });
});

describe('soft one-hot for classes', () => {
  it('mixes two different classes into probabilities that sum to 1', () => {
    const a: CategoricalCode = { kind: 'categorical', index: 0, index2: 1, blend: 0 };
    const b: CategoricalCode = { kind: 'categorical', index: 3, index2: 1, blend: 0.5 };
    const mid = interpolateCode(a, b, 0.5, classes, 'bg') as CategoricalCode;
    expect(mid.probabilities).toEqual([0.5, 0.25, 0, 0.25, 0]);
    expect(Array.from(softOneHot(mid, 5)).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
  });
});

describe('interpolateState', () => {
  it('returns the keyframes themselves at t = 0 and 1, and moves each knob its own way', () => {
    const a = baseState();
    const b = { ...a, camera: { ...a.camera, azimuthDeg: 350, elevationDeg: 40 }, objects: a.objects.map((o) => ({ ...o, scale: o.scale * 2 })) };
    a.camera.azimuthDeg = 10;
    expect(interpolateState(a, b, 0, manifest, 'shortest')).toBe(a);
    expect(interpolateState(a, b, 1, manifest, 'shortest')).toBe(b);
    const mid = interpolateState(a, b, 0.5, manifest, 'shortest');
    expect(mid.camera.azimuthDeg).toBe(0);
    expect(mid.camera.elevationDeg).toBeCloseTo((a.camera.elevationDeg + 40) / 2, 12);
    expect(mid.objects[0].scale).toBeCloseTo(a.objects[0].scale * 1.5, 12);
  });
});
