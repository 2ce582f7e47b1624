import { describe, expect, it } from 'vitest';
import { LineDashedMaterial, Vector3 } from 'three';
import { deg } from '../../../src/lib/units';
import { yUpToZUp, zUpToYUp, type Vec3 } from '../../../src/rig/axes';
import { cameraPosition } from '../../../src/rig/camera';
import { boxCorners, boxTransform } from '../../../src/rig/objects';
import { createRigScene } from '../../../src/preview/scene';
import { rigSnapshot, syncRig } from '../../../src/preview/sync';
import { RADIUS, rigGeometry } from './helpers';

const close = (a: Vec3, b: Vec3, digits = 6): void => {
  a.forEach((v, i) => expect(v).toBeCloseTo(b[i], digits));
};
const vec = (v: Vector3): Vec3 => [v.x, v.y, v.z];

describe('syncRig: camera', () => {
  it('places the camera body at the camera position, converted z-up -> y-up', () => {
    const rig = createRigScene();
    syncRig(rig, rigGeometry(30, 45), 0);
    const expected = cameraPosition({ elevationDeg: deg(30), azimuthDeg: deg(45), radius: RADIUS });
    close(vec(rig.camera.group.position), zUpToYUp(expected));
    close(rigSnapshot(rig).camera, expected, 3);
  });

  it('turns the frustum towards the origin, upright with the world', () => {
    const rig = createRigScene();
    for (const [el, az] of [[0, 0], [30, 45], [-20, 200], [75, -120]]) {
      syncRig(rig, rigGeometry(el, az), 0);
      const g = rig.camera.group;
      const look = new Vector3(0, 0, -1).applyQuaternion(g.quaternion);
      const toOrigin = g.position.clone().negate().normalize();
      close(vec(look), vec(toOrigin));
      // Image up has no component against the world up: the camera is not rolled over.
      const up = new Vector3(0, 1, 0).applyQuaternion(g.quaternion);
      expect(up.y).toBeGreaterThan(0);
    }
  });

  it('keeps the image orientation of cameraToWorld: image right and up map to the converted columns', () => {
    const rig = createRigScene();
    const geometry = rigGeometry(25, 60);
    syncRig(rig, geometry, 0);
    const m = geometry.cameraToWorld;
    const q = rig.camera.group.quaternion;
    close(yUpToZUp(vec(new Vector3(1, 0, 0).applyQuaternion(q))), [m[0], m[4], m[8]]);
    close(yUpToZUp(vec(new Vector3(0, 1, 0).applyQuaternion(q))), [m[1], m[5], m[9]]);
  });

  it('draws the optical axis from the camera to (just past) the origin, with the fov of the knobs', () => {
    const rig = createRigScene();
    syncRig(rig, rigGeometry(10, 0, [], { fovDeg: 10 }), 0);
    const p = rig.camera.frustumPositions;
    const last = p.count - 1; // end of the optical axis
    const end = new Vector3().fromBufferAttribute(p, last).applyMatrix4(rig.camera.group.matrixWorld);
    expect(end.length()).toBeLessThan(0.11 * RADIUS + 1e-6);
    // First edge: apex -> far corner; its half-angle is the half fov.
    const corner = new Vector3().fromBufferAttribute(p, 1);
    expect((Math.atan(corner.x / -corner.z) * 180) / Math.PI).toBeCloseTo(5, 6);
  });

  it('moves the same objects when the knobs change (no re-creation)', () => {
    const rig = createRigScene();
    syncRig(rig, rigGeometry(0, 0), 0);
    const before = { group: rig.camera.group, buffer: rig.camera.frustumPositions.array, z: rig.camera.group.position.clone() };
    syncRig(rig, rigGeometry(40, 0), 0);
    expect(rig.camera.group).toBe(before.group);
    expect(rig.camera.frustumPositions.array).toBe(before.buffer);
    expect(rigSnapshot(rig).camera[2]).toBeCloseTo(RADIUS * Math.sin((40 * Math.PI) / 180), 3);
    expect(rig.camera.group.position.equals(before.z)).toBe(false);
  });

  it('scales the orbit sphere to the radius', () => {
    const rig = createRigScene();
    syncRig(rig, rigGeometry(0, 0, [], { radius: 4 }), 0);
    expect(rig.sphere.getWorldScale(new Vector3()).x).toBeCloseTo(4, 9);
  });

  it('stays finite with the camera on a pole', () => {
    const rig = createRigScene();
    syncRig(rig, rigGeometry(90, 30), 0);
    const p = rigSnapshot(rig).camera;
    p.forEach((v) => expect(Number.isFinite(v)).toBe(true));
    expect(p[2]).toBeCloseTo(RADIUS, 3);
  });
});

describe('syncRig: object boxes', () => {
  const object = { translation: [0.3, -0.2, 0.1] as Vec3, scale: 0.25, rotationDeg: 30, present: true };

  it('gives a box the centre, half-size and rotation of its knobs', () => {
    const rig = createRigScene();
    syncRig(rig, rigGeometry(20, 0, [object]), 0);
    const view = rig.boxes.views[0];
    close(vec(view.group.position), zUpToYUp(object.translation));
    close(vec(view.group.scale), [0.25, 0.25, 0.25]);
    expect(rigSnapshot(rig).objects).toEqual([[0.3, -0.2, 0.1]]);
    // The drawn cube's corners are GIRAFFE's box corners (src/rig/objects.ts), as a set.
    const expected = boxCorners(boxTransform(object));
    for (let i = 0; i < 8; i++) {
      const c: Vec3 = [i & 1 ? 1 : -1, i & 2 ? 1 : -1, i & 4 ? 1 : -1];
      const world = new Vector3(...zUpToYUp(c)).applyMatrix4(view.group.matrixWorld);
      close(yUpToZUp(vec(world)), expected[i]);
    }
  });

  it('turns a box about world up only, clockwise seen from above for a positive rotation', () => {
    const rig = createRigScene();
    syncRig(rig, rigGeometry(0, 0, [{ ...object, rotationDeg: 90 }]), 0);
    const q = rig.boxes.views[0].group.quaternion;
    const up = yUpToZUp(vec(new Vector3(...zUpToYUp([0, 0, 1])).applyQuaternion(q)));
    close(up, [0, 0, 1]);
    const xAxis = yUpToZUp(vec(new Vector3(...zUpToYUp([1, 0, 0])).applyQuaternion(q)));
    close(xAxis, [0, -1, 0]); // R^T = Rz(-90) takes +x to -y
  });

  it('draws absent objects dashed, highlights the selected one, and reuses the pool', () => {
    const rig = createRigScene();
    const absent = { ...object, translation: [-0.5, 0.5, 0] as Vec3, present: false };
    syncRig(rig, rigGeometry(0, 0, [object, absent]), 0);
    const [a, b] = rig.boxes.views;
    expect(b.edges.material).toBeInstanceOf(LineDashedMaterial);
    expect(a.edges.material).toBe(rig.boxes.resources.edgeSelected);
    syncRig(rig, rigGeometry(0, 0, [object]), 0);
    expect(b.group.visible).toBe(false);
    expect(rigSnapshot(rig).objects).toHaveLength(1);
    syncRig(rig, rigGeometry(0, 0, [object, absent]), 1);
    expect(rig.boxes.views).toHaveLength(2);
    expect(rig.boxes.views[1]).toBe(b);
    expect(b.group.visible).toBe(true);
    expect(a.edges.material).toBe(rig.boxes.resources.edge);
    expect(b.edges.material).toBe(rig.boxes.resources.edgeSelected);
  });
});
