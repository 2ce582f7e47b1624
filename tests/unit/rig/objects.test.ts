import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boxCorners, boxToWorld, boxToWorldMatrix, boxTransform, worldToBox } from '../../../src/rig/objects';
import { backgroundRotation } from '../../../src/rig/background';
import { applyAffine4 } from '../../../src/rig/vec';
import { deg } from '../../../src/lib/units';
import type { Vec3 } from '../../../src/rig/axes';

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const vec3 = (r: number) => fc.tuple(num(-r, r), num(-r, r), num(-r, r)) as fc.Arbitrary<Vec3>;
const knobs = fc.record({ translation: vec3(2), scale: num(0.05, 2), rotationDeg: num(-720, 720) });

describe('object boxes (GIRAFFE s, t, R)', () => {
  it('round-trips world -> box -> world and box -> world -> box', () => {
    fc.assert(
      fc.property(knobs, vec3(5), (k, p) => {
        const box = boxTransform(k);
        const back = boxToWorld(box, worldToBox(box, p));
        p.forEach((v, i) => expect(back[i]).toBeCloseTo(v, 8));
        const q = worldToBox(box, boxToWorld(box, p));
        p.forEach((v, i) => expect(q[i]).toBeCloseTo(v, 8));
      }),
    );
  });

  it('feeds R = Rz(+rotationDeg) (scipy from_euler z), so the box turns by -rotationDeg in the world', () => {
    const box = boxTransform({ translation: [0, 0, 0], scale: 1, rotationDeg: 90 });
    const r = box.R;
    const expected = [0, -1, 0, 1, 0, 0, 0, 0, 1];
    r.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
    // The box's +x face centre sits at world -y: a clockwise turn seen from +z.
    const face = boxToWorld(box, [1, 0, 0]);
    [0, -1, 0].forEach((v, i) => expect(face[i]).toBeCloseTo(v, 12));
  });

  it('reproduces the fixture obj_rotation for rotationDeg -40', () => {
    const r = boxTransform({ translation: [0, 0, 0], scale: 1, rotationDeg: -40 }).R;
    const expected = [0.76604444, 0.64278764, 0, -0.64278764, 0.76604444, 0, 0, 0, 1];
    r.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 7));
  });

  it('maps the box centre to t and its corners to [-1,1]^3', () => {
    fc.assert(
      fc.property(knobs, (k) => {
        const box = boxTransform(k);
        boxToWorld(box, [0, 0, 0]).forEach((v, i) => expect(v).toBeCloseTo(k.translation[i], 10));
        for (const c of boxCorners(box))
          for (const v of worldToBox(box, c)) expect(Math.abs(Math.abs(v) - 1)).toBeLessThan(1e-9);
      }),
    );
  });

  it('boxToWorldMatrix agrees with boxToWorld', () => {
    fc.assert(
      fc.property(knobs, vec3(1), (k, p) => {
        const box = boxTransform(k);
        const a = applyAffine4(boxToWorldMatrix(box), p);
        const b = boxToWorld(box, p);
        a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 9));
      }),
    );
  });

  it('background rotation is the identity at 0 and a z-rotation otherwise', () => {
    expect(backgroundRotation(deg(0))).toEqual([1, -0, 0, 0, 1, 0, 0, 0, 1]);
    const r = backgroundRotation(deg(90));
    [0, -1, 0, 1, 0, 0, 0, 0, 1].forEach((v, i) => expect(r[i]).toBeCloseTo(v, 12));
  });
});
