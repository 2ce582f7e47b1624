import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cameraForward, cameraPosition, cameraToWorld, focal, poseFromPosition } from '../../../src/rig/camera';
import { deg } from '../../../src/lib/units';
import type { Vec3 } from '../../../src/rig/axes';

const angle = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const pose = fc.record({
  elevationDeg: angle(-90, 90).map(deg),
  azimuthDeg: angle(-720, 720).map(deg),
  radius: fc.double({ min: 0.1, max: 20, noNaN: true }),
});
const len = (v: Vec3) => Math.hypot(...v);
const col = (m: number[], c: number): Vec3 => [m[c], m[4 + c], m[8 + c]];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

describe('camera (GIRAFFE convention)', () => {
  it('sits at distance radius and looks at the origin along its -z axis', () => {
    fc.assert(
      fc.property(pose, (p) => {
        const m = cameraToWorld(p);
        const eye = col(m, 3);
        expect(len(eye)).toBeCloseTo(p.radius, 9);
        const fwd = cameraForward(m);
        const toOrigin: Vec3 = [-eye[0] / p.radius, -eye[1] / p.radius, -eye[2] / p.radius];
        fwd.forEach((x, i) => expect(x).toBeCloseTo(toOrigin[i], 9));
        expect(m.slice(12)).toEqual([0, 0, 0, 1]);
      }),
    );
  });

  it('is a right-handed rotation with image-up towards +z (no NaN at the poles)', () => {
    fc.assert(
      fc.property(pose, (p) => {
        const m = cameraToWorld(p);
        const [x, y, z] = [col(m, 0), col(m, 1), col(m, 2)];
        expect(m.every(Number.isFinite)).toBe(true);
        for (const v of [x, y, z]) expect(len(v)).toBeCloseTo(1, 9);
        expect(dot(x, y)).toBeCloseTo(0, 9);
        expect(dot(x, z)).toBeCloseTo(0, 9);
        expect(dot(y, z)).toBeCloseTo(0, 9);
        // x cross y = z (right-handed), x horizontal, y has a non-negative up component.
        const c: Vec3 = [x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]];
        c.forEach((v, i) => expect(v).toBeCloseTo(z[i], 9));
        expect(x[2]).toBeCloseTo(0, 9);
        expect(y[2]).toBeGreaterThanOrEqual(-1e-12);
      }),
    );
  });

  it('puts elevation 0 on the equator and elevation 90 above the origin', () => {
    fc.assert(
      fc.property(angle(-360, 360), fc.double({ min: 0.1, max: 10, noNaN: true }), (az, r) => {
        expect(cameraPosition({ elevationDeg: deg(0), azimuthDeg: deg(az), radius: r })[2]).toBe(0);
      }),
    );
    const top = cameraToWorld({ elevationDeg: deg(90), azimuthDeg: deg(30), radius: 2 });
    expect(top[11]).toBeCloseTo(2, 12);
    // At the pole the image keeps the orientation it has just below it.
    const below = cameraToWorld({ elevationDeg: deg(89.999), azimuthDeg: deg(30), radius: 2 });
    top.forEach((v, i) => expect(v).toBeCloseTo(below[i], 4));
    const bottom = cameraToWorld({ elevationDeg: deg(-90), azimuthDeg: deg(-45), radius: 2 });
    expect(bottom.every(Number.isFinite)).toBe(true);
  });

  it('matches GIRAFFE world_mat for azimuth 30, elevation 25 (recipe camera_world_matrix)', () => {
    const m = cameraToWorld({ elevationDeg: deg(25), azimuthDeg: deg(30), radius: 2.732 });
    const expected = [
      -0.5, -0.36599815, 0.7848856, 2.1443074, 0.8660254, -0.21130913, 0.4531539, 1.2380165, 0, 0.9063078,
      0.42261827, 1.1545931, 0, 0, 0, 1,
    ];
    m.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
  });

  it('round-trips position -> (elevation, azimuth, radius) -> position', () => {
    const coord = fc.double({ min: -10, max: 10, noNaN: true });
    fc.assert(
      fc.property(coord, coord, coord, (x, y, z) => {
        fc.pre(Math.hypot(x, y, z) > 1e-6);
        const p = poseFromPosition([x, y, z]);
        expect(p.elevationDeg).toBeGreaterThanOrEqual(-90);
        expect(p.elevationDeg).toBeLessThanOrEqual(90);
        const q = cameraPosition(p);
        const scale = Math.max(1, Math.hypot(x, y, z));
        [x, y, z].forEach((v, i) => expect(Math.abs(q[i] - v) / scale).toBeLessThan(1e-9));
      }),
    );
  });

  it('round-trips (elevation, azimuth, radius) -> position -> pose, modulo 360 in azimuth', () => {
    fc.assert(
      fc.property(pose, (p) => {
        fc.pre(Math.abs(p.elevationDeg) < 89.9);
        const back = poseFromPosition(cameraPosition(p));
        expect(back.radius).toBeCloseTo(p.radius, 9);
        expect(back.elevationDeg).toBeCloseTo(p.elevationDeg, 6);
        const d = (((back.azimuthDeg - p.azimuthDeg) % 360) + 540) % 360 - 180;
        expect(d).toBeCloseTo(0, 6);
      }),
    );
  });

  it('keeps the previous azimuth on a pole', () => {
    expect(poseFromPosition([0, 0, 3], deg(77))).toEqual({ elevationDeg: 90, azimuthDeg: 77, radius: 3 });
    expect(poseFromPosition([0, 0, -3], deg(12)).elevationDeg).toBe(-90);
  });

  it('focal = 1/tan(fov/2)', () => {
    expect(focal(deg(90))).toBeCloseTo(1, 12);
    expect(focal(deg(49.13))).toBeCloseTo(2.1877193, 6);
    expect(focal(deg(10))).toBeCloseTo(11.430052, 5);
  });
});
