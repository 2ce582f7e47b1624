/** fast-check arbitraries for StudioState (plain JSON values only: no -0, NaN or Infinity). */
import fc from 'fast-check';
import type { Code, StudioState } from '../../../src/state/studioState';

const num = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((x) => (Object.is(x, -0) ? 0 : x));
const nonNeg = fc.double({ noNaN: true, min: 0, max: 10 }).map((x) => (Object.is(x, -0) ? 0 : x));
const seed = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const id = fc.stringMatching(/^[a-z][a-z0-9_-]{0,11}$/);

const latent: fc.Arbitrary<Code> = fc.record(
  { kind: fc.constant('latent' as const), seed, seed2: seed, blend: num, truncation: nonNeg, vector: fc.array(num, { maxLength: 20 }) },
  { requiredKeys: ['kind', 'seed', 'seed2', 'blend', 'truncation'] },
);

const categorical: fc.Arbitrary<Code> = fc.record(
  {
    kind: fc.constant('categorical' as const),
    index: fc.nat(1000),
    index2: fc.nat(1000),
    blend: fc.double({ noNaN: true, min: 0, max: 1 }).map((x) => (Object.is(x, -0) ? 0 : x)),
    probabilities: fc.array(nonNeg, { maxLength: 12 }),
  },
  { requiredKeys: ['kind', 'index', 'index2', 'blend'] },
);

const codes = fc.dictionary(id, fc.oneof(latent, categorical), { maxKeys: 4 });

export const studioStateArbitrary: fc.Arbitrary<StudioState> = fc.record({
  version: fc.constant(1 as const),
  modelId: id,
  codes,
  objects: fc.array(
    fc.record({ codes, translation: fc.tuple(num, num, num), scale: num, rotationDeg: num, present: fc.boolean() }),
    { maxLength: 3 },
  ),
  camera: fc.record({
    elevationDeg: num,
    azimuthDeg: num,
    radius: fc.double({ noNaN: true, min: 1e-3, max: 100 }),
    fovDeg: fc.double({ noNaN: true, min: 0.1, max: 179 }),
  }),
  backgroundRotationDeg: num,
});
