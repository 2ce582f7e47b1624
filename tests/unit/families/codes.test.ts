import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { latentVector, slerp, softOneHot } from '../../../src/families/codes';
import { seededNormal } from '../../../src/lib/rng';
import { StudioError } from '../../../src/lib/errors';
import type { CategoricalCode, LatentCode } from '../../../src/state/studioState';

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((a, x) => a + x * x, 0));
const vec = (dim: number) => fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: dim, maxLength: dim });
const latent = (over: Partial<LatentCode> = {}): LatentCode => ({
  kind: 'latent', seed: 3, seed2: 4, blend: 0, truncation: 1, ...over,
});
const cat = (over: Partial<CategoricalCode> = {}): CategoricalCode => ({
  kind: 'categorical', index: 0, index2: 1, blend: 0, ...over,
});

describe('slerp', () => {
  it('keeps the norm of equal-norm endpoints for t in [0,1]', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e6 }), fc.nat({ max: 1e6 }), fc.double({ min: 0, max: 1, noNaN: true }), (s1, s2, t) => {
        fc.pre(s1 !== s2);
        const a = seededNormal(s1, 32);
        const b0 = seededNormal(s2, 32);
        const b = b0.map((x) => (x * norm(a)) / norm(b0));
        expect(norm(slerp(a, b, t))).toBeCloseTo(norm(a), 3);
      }),
    );
  });

  it('hits both endpoints', () => {
    fc.assert(
      fc.property(vec(8), vec(8), (a, b) => {
        fc.pre(norm(a) > 1e-3 && norm(b) > 1e-3);
        const s0 = slerp(a, b, 0);
        const s1 = slerp(a, b, 1);
        a.forEach((x, i) => expect(s0[i]).toBeCloseTo(x, 3));
        b.forEach((x, i) => expect(s1[i]).toBeCloseTo(x, 3));
      }),
    );
  });

  it('handles parallel and identical vectors without NaN', () => {
    const a = [1, 2, 3];
    expect(Array.from(slerp(a, a, 0.5))).toEqual([1, 2, 3]);
    const twice = slerp(a, [2, 4, 6], 0.5);
    expect(Array.from(twice)).toEqual([1.5, 3, 4.5]);
    expect(Array.from(slerp([0, 0], [0, 0], 0.3)).every(Number.isFinite)).toBe(true);
  });

  it('extrapolates along the great circle for t outside [0,1]', () => {
    const a = [1, 0];
    const b = [0, 1];
    const e = slerp(a, b, 2); // 180 degrees from a
    expect(e[0]).toBeCloseTo(-1, 6);
    expect(e[1]).toBeCloseTo(0, 6);
  });
});

describe('latentVector', () => {
  it('is seededNormal(seed) times truncation at blend 0 and seed2 at blend 1', () => {
    const v = latentVector(latent({ truncation: 0.5 }), 16);
    const n = seededNormal(3, 16);
    v.forEach((x, i) => expect(x).toBeCloseTo(n[i] * 0.5, 6));
    const w = latentVector(latent({ blend: 1 }), 16);
    const n2 = seededNormal(4, 16);
    w.forEach((x, i) => expect(x).toBeCloseTo(n2[i], 5));
  });

  it('uses a reference vector as-is, and rejects one of the wrong length', () => {
    expect(Array.from(latentVector(latent({ vector: [1, 2, 3], truncation: 0.1 }), 3))).toEqual([1, 2, 3]);
    expect(() => latentVector(latent({ vector: [1, 2] }), 3, 'shape')).toThrowError(/shape.*length 2.*3/);
    expect(() => latentVector(latent({ vector: [1] }), 3)).toThrowError(
      expect.objectContaining({ code: 'state-invalid' }),
    );
  });
});

describe('softOneHot', () => {
  it('sums to 1 with (1-blend) at index and blend at index2', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }).chain((k) =>
          fc.tuple(fc.constant(k), fc.nat({ max: k - 1 }), fc.nat({ max: k - 1 }), fc.double({ min: 0, max: 1, noNaN: true })),
        ),
        ([k, i, j, blend]) => {
          const p = softOneHot(cat({ index: i, index2: j, blend }), k);
          expect(p.length).toBe(k);
          expect(p.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 5);
          if (i !== j) {
            expect(p[i]).toBeCloseTo(1 - blend, 6);
            expect(p[j]).toBeCloseTo(blend, 6);
          }
        },
      ),
    );
  });

  it('uses probabilities when present (normalised)', () => {
    expect(Array.from(softOneHot(cat({ probabilities: [1, 3] }), 2))).toEqual([0.25, 0.75]);
  });

  it('names the factor and the class count when an index is out of range', () => {
    const run = () => softOneHot(cat({ index: 5 }), 4, 'background');
    expect(run).toThrowError(StudioError);
    expect(run).toThrowError(/background.*4 classes/);
    expect(() => softOneHot(cat({ probabilities: [1, 1, 1] }), 4, 'shape')).toThrowError(/shape.*4 classes/);
  });
});
