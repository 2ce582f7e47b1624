/**
 * RigGeometry (model z-up) -> transforms of the existing three objects (y-up). This is the only place
 * where knob values reach the scene: it mutates, never rebuilds, and needs no WebGL, so it is unit-tested
 * directly. Matrices go through zUpToYUpMatrix (src/rig/axes.ts) and the box convention comes from
 * src/rig/objects.ts, so the preview draws exactly what the generator is fed.
 */
import { Matrix4, Vector3 } from 'three';
import type { RigGeometry } from '../families/types';
import { yUpToZUp, zUpToYUpMatrix, zUpToYUpFrame, type Vec3 } from '../rig/axes';
import { boxToWorldMatrix, boxTransform } from '../rig/objects';
import { ensureBoxCount, styleBox } from './boxes';
import { drawnFar, writeFrustumPositions } from './frustum';
import type { RigScene } from './scene';

/** Camera body size relative to the orbit radius: big enough to grab, small next to the boxes. */
export const CAMERA_BODY_SCALE = 0.08;

const _m = new Matrix4();
const _scale = new Vector3();

/** Loads a row-major 4x4 (the RigGeometry / axes.ts layout) into a three Matrix4 (whose set() is row-major). */
export function setRowMajor(target: Matrix4, m: readonly number[]): Matrix4 {
  return target.set(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9], m[10], m[11], m[12], m[13], m[14], m[15]);
}

/**
 * Camera-to-world (z-up, row-major) -> y-up, as C M: each column (camera axis or centre, in world
 * coordinates) goes through zUpToYUp, the camera's own frame is left alone. Not zUpToYUpMatrix (C M C^-1):
 * that also re-labels the camera's local axes, which suits boxes (their frame is world-like) but would
 * turn a camera that looks along its -z into one that looks along its image-up axis.
 */
export function cameraToWorldYUp(target: Matrix4, m: readonly number[]): Matrix4 {
  return setRowMajor(target, zUpToYUpFrame(m));
}

/**
 * Places the camera at the translation of cameraToWorld and turns it with its rotation. GIRAFFE's camera
 * looks along its own -z (src/rig/camera.ts), as the frustum lines are drawn, so no extra flip is needed.
 */
function syncCamera(rig: RigScene, g: RigGeometry): void {
  const cam = rig.camera;
  cameraToWorldYUp(_m, g.cameraToWorld).decompose(cam.group.position, cam.group.quaternion, _scale);
  cam.body.scale.setScalar(g.radius * CAMERA_BODY_SCALE);
  const far = drawnFar(g.depthRange, cam.group.position.length());
  writeFrustumPositions(cam.frustumPositions.array as Float32Array, g.fovDeg, g.depthRange[0], far);
  cam.frustumPositions.needsUpdate = true;
}

/** Box i: GIRAFFE's box-to-world (R^T, s, t) converted to y-up, on the unit cube view. */
function syncBoxes(rig: RigScene, g: RigGeometry, selected: number): void {
  const pool = rig.boxes;
  ensureBoxCount(pool, g.objects.length);
  pool.views.forEach((view, i) => {
    const o = g.objects[i];
    view.group.visible = o !== undefined;
    if (!o) return;
    const world = boxToWorldMatrix(boxTransform(o));
    setRowMajor(_m, zUpToYUpMatrix(world)).decompose(view.group.position, view.group.quaternion, view.group.scale);
    styleBox(view, pool.resources, o.present, i === selected);
  });
}

/** Applies a whole RigGeometry to the scene. Call on every prop change; cheap and allocation-light. */
export function syncRig(rig: RigScene, g: RigGeometry, selected: number): void {
  rig.world.scale.setScalar(g.radius);
  syncCamera(rig, g);
  syncBoxes(rig, g, selected);
  rig.scene.updateMatrixWorld();
}

/** Only the selection highlight, for a click that changes nothing else. */
export function syncSelection(rig: RigScene, g: RigGeometry, selected: number): void {
  g.objects.forEach((o, i) => {
    const view = rig.boxes.views[i];
    if (view) styleBox(view, rig.boxes.resources, o.present, i === selected);
  });
}

const round3 = (v: number): number => Math.round(v * 1000) / 1000 + 0; // + 0 turns -0 into 0

function zUpOf(p: Vector3): Vec3 {
  const [x, y, z] = yUpToZUp([p.x, p.y, p.z]);
  return [round3(x), round3(y), round3(z)];
}

/** What the scene shows, read back from the three objects in the model's z-up world, rounded to 1e-3. */
export interface RigSnapshot {
  camera: Vec3;
  objects: Vec3[];
}

/** Read from the scene (not from the props), so a test sees where the rig really is. */
export function rigSnapshot(rig: RigScene): RigSnapshot {
  return {
    camera: zUpOf(rig.camera.group.position),
    objects: rig.boxes.views.filter((v) => v.group.visible).map((v) => zUpOf(v.group.position)),
  };
}
