import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { multiply4, yUpToZUp, zUpToYUp, zUpToYUpMatrix, type Vec3 } from '../../../src/rig/axes';
import { applyAffine4 } from '../../../src/rig/vec';
import { cameraToWorld } from '../../../src/rig/camera';
import { boxToWorldMatrix, boxTransform } from '../../../src/rig/objects';
import { deg } from '../../../src/lib/units';

const num = (r: number) => fc.double({ min: -r, max: r, noNaN: true });
const vec3 = fc.tuple(num(100), num(100), num(100)) as fc.Arbitrary<Vec3>;
const affine = fc
  .record({ el: num(90), az: num(360), r: fc.double({ min: 0.1, max: 5, noNaN: true }) })
  .map(({ el, az, r }) => cameraToWorld({ elevationDeg: deg(el), azimuthDeg: deg(az), radius: r }));
const boxMatrix = fc
  .record({ t: vec3, s: fc.double({ min: 0.1, max: 3, noNaN: true }), rot: num(360) })
  .map(({ t, s, rot }) => boxToWorldMatrix(boxTransform({ translation: t, scale: s, rotationDeg: rot })));

describe('z-up <-> y-up', () => {
  it('are inverse and length-preserving, and send +z to +y', () => {
    fc.assert(
      fc.property(vec3, (p) => {
        expect(yUpToZUp(zUpToYUp(p))).toEqual(p);
        expect(zUpToYUp(yUpToZUp(p))).toEqual(p);
        expect(Math.hypot(...zUpToYUp(p))).toBeCloseTo(Math.hypot(...p), 9);
      }),
    );
    expect(zUpToYUp([0, 0, 1])).toEqual([0, 1, -0]);
  });

  it('zUpToYUpMatrix(M) applied to zUpToYUp(p) equals zUpToYUp(M p)', () => {
    fc.assert(
      fc.property(fc.oneof(affine, boxMatrix), vec3, (m, p) => {
        const a = applyAffine4(zUpToYUpMatrix(m), zUpToYUp(p));
        const b = zUpToYUp(applyAffine4(m, p));
        a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 6));
      }),
    );
  });

  it('zUpToYUpMatrix keeps products (it is a change of basis)', () => {
    fc.assert(
      fc.property(affine, boxMatrix, (a, b) => {
        const lhs = zUpToYUpMatrix(multiply4(a, b));
        const rhs = multiply4(zUpToYUpMatrix(a), zUpToYUpMatrix(b));
        lhs.forEach((v, i) => expect(v).toBeCloseTo(rhs[i], 9));
      }),
    );
  });
});
