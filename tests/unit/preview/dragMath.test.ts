import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Quaternion, Ray, Vector3 } from 'three';
import { zUpToYUp } from '../../../src/rig/axes';
import {
  knobsFromTransform,
  MIN_SCALE,
  orbitAnglesFromPoint,
  orbitPointOnRay,
  uniformScale,
  unwrapDegrees,
} from '../../../src/preview/dragMath';
import { createRigScene } from '../../../src/preview/scene';
import { syncRig } from '../../../src/preview/sync';
import { RADIUS, rigGeometry } from './helpers';

const angleClose = (a: number, b: number): void => {
  expect(Math.abs(unwrapDegrees(a, b) - b)).toBeLessThan(1e-6);
};

describe('camera drag: hit point -> elevation / azimuth', () => {
  it('follows elevation = asin(z / r), azimuth = atan2(y, x) in the z-up world', () => {
    const p = new Vector3(...zUpToYUp([1, 1, Math.SQRT2])); // r = 2, z / r = 1/sqrt2
    const a = orbitAnglesFromPoint(p, 0);
    expect(a.elevationDeg).toBeCloseTo(45, 9);
    expect(a.azimuthDeg).toBeCloseTo(45, 9);
  });

  it('round-trips with the camera placed by the sync step', () => {
    const rig = createRigScene();
    fc.assert(
      fc.property(fc.double({ min: -89, max: 89, noNaN: true }), fc.double({ min: -180, max: 540, noNaN: true }), (el, az) => {
        syncRig(rig, rigGeometry(el, az), 0);
        const a = orbitAnglesFromPoint(rig.camera.group.position, az);
        expect(a.elevationDeg).toBeCloseTo(el, 6);
        expect(a.azimuthDeg).toBeCloseTo(az, 6); // unwrapped next to the previous value, even past 180
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips through a pointer ray aimed at the camera body', () => {
    const rig = createRigScene();
    const viewer = new Vector3(...zUpToYUp([6, -7, 5]));
    for (const [el, az] of [[20, 30], [-10, 170], [60, -90]]) {
      syncRig(rig, rigGeometry(el, az), 0);
      const cam = rig.camera.group.position;
      const ray = new Ray(viewer.clone(), cam.clone().sub(viewer).normalize());
      const hit = orbitPointOnRay(ray, RADIUS, cam, new Vector3());
      expect(hit.length()).toBeCloseTo(RADIUS, 9);
      const a = orbitAnglesFromPoint(hit, az);
      expect(a.elevationDeg).toBeCloseTo(el, 6);
      angleClose(a.azimuthDeg, az);
    }
  });

  it('keeps a camera on the far side of the sphere on the far side', () => {
    const ray = new Ray(new Vector3(10, 0, 0), new Vector3(-1, 0, 0));
    const far = orbitPointOnRay(ray, 2, new Vector3(-2, 0.1, 0), new Vector3());
    expect(far.x).toBeCloseTo(-2, 9);
    const near = orbitPointOnRay(ray, 2, new Vector3(2, 0.1, 0), new Vector3());
    expect(near.x).toBeCloseTo(2, 9);
  });

  it('maps a ray that misses the sphere to the nearest point of its silhouette', () => {
    const ray = new Ray(new Vector3(10, 3, 0), new Vector3(-1, 0, 0));
    const p = orbitPointOnRay(ray, 2, new Vector3(0, 2, 0), new Vector3());
    expect(p.length()).toBeCloseTo(2, 9);
    expect(p.y).toBeCloseTo(2, 9);
  });
});

describe('box drag: transform -> object knobs', () => {
  it('reads back the knobs the sync step applied', () => {
    const rig = createRigScene();
    const object = { translation: [0.3, -0.2, 0.1] as [number, number, number], scale: 0.25, rotationDeg: 200, present: true };
    syncRig(rig, rigGeometry(0, 0, [object]), 0);
    const g = rig.boxes.views[0].group;
    const knobs = knobsFromTransform(g.position, g.quaternion, g.scale, object);
    expect(knobs.translation).toEqual([0.3, -0.2, 0.1]);
    expect(knobs.scale).toBe(0.25);
    expect(knobs.rotationDeg).toBe(200); // not -160: unwrapped next to the previous value
  });

  it('turns a gizmo rotation about three +y into the model rotation knob', () => {
    const q = new Quaternion().setFromAxisAngle(new Vector3(0, 1, 0), Math.PI / 6); // +30 deg about world up
    const knobs = knobsFromTransform(new Vector3(), q, new Vector3(1, 1, 1), { scale: 1, rotationDeg: 0 });
    expect(knobs.rotationDeg).toBeCloseTo(-30, 6); // the box sits rotated by R^T = Rz(-rotationDeg)
  });

  it('turns a one-axis gizmo stretch into a uniform scale', () => {
    expect(uniformScale(new Vector3(0.5, 0.5, 0.8), 0.5)).toBe(0.8);
    expect(uniformScale(new Vector3(0.3, 0.5, 0.5), 0.5)).toBe(0.3);
    expect(uniformScale(new Vector3(0.5, -0.1, 0.5), 0.5)).toBe(MIN_SCALE); // never mirrored
  });

  it('unwraps degrees by whole turns', () => {
    expect(unwrapDegrees(-170, 180)).toBe(190);
    expect(unwrapDegrees(10, 0)).toBe(10);
    expect(unwrapDegrees(350, 0)).toBe(-10);
  });
});
