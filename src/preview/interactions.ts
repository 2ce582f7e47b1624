/**
 * Pointer interactions on the rig canvas: drag the camera body along its orbit, click a box to select it,
 * and turn TransformControls edits into knob values. Three controls share one canvas, so the order of
 * precedence is explicit: gizmo handle > camera body > viewer orbit.
 *
 * - TransformControls is created before OrbitControls (RigViewport), so its pointerdown runs first and its
 *   'dragging-changed' disables the orbit before the orbit sees the event.
 * - The camera-body listener runs in the capture phase, i.e. before both, and stops the event when it
 *   takes the drag.
 * Nothing here writes knob state: it reports through the callbacks, the store answers with a new
 * RigGeometry, and the sync step moves the rig (one-directional data flow).
 */
import { Raycaster, Vector2, Vector3, type Intersection, type Object3D, type PerspectiveCamera } from 'three';
import type { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import type { TransformControls } from 'three/addons/controls/TransformControls.js';
import type { RigGeometry } from '../families/types';
import { yUpToZUp } from '../rig/axes';
import { knobsFromTransform, orbitAnglesFromPoint, orbitPointOnRay, type ObjectKnobValues, type OrbitAngles } from './dragMath';
import type { RigScene } from './scene';

export interface RigCallbacks {
  onCameraDrag(next: OrbitAngles): void;
  onObjectChange(index: number, next: ObjectKnobValues): void;
  onSelectObject(index: number): void;
  /** A camera or box drag starts / ends: everything in between is one user action (one undo step). */
  onGestureStart?(): void;
  onGestureEnd?(): void;
}

export interface InteractionContext {
  canvas: HTMLCanvasElement;
  viewer: PerspectiveCamera;
  rig: RigScene;
  transform: TransformControls;
  orbit: OrbitControls;
  getGeometry(): RigGeometry | null;
  getSelected(): number;
  /** Read at event time, so the component can swap callbacks without re-attaching. */
  callbacks(): RigCallbacks;
  requestRender(): void;
}

/** A press that moves less than this (CSS px) before release is a click, not a drag. */
const CLICK_SLOP_PX = 4;

/** Attaches every listener; returns the function that removes them all. */
export function attachInteractions(ctx: InteractionContext): () => void {
  const { canvas, rig, transform, orbit } = ctx;
  const raycaster = new Raycaster();
  const ndc = new Vector2();
  const hit = new Vector3();
  const hits: Intersection[] = [];
  let dragPointer: number | null = null;
  let dragAzimuth = 0;
  let press: { id: number; x: number; y: number } | null = null;
  let dragStartScale: number | null = null;

  const aim = (e: PointerEvent): void => {
    const r = canvas.getBoundingClientRect();
    ndc.set(((e.clientX - r.left) / r.width) * 2 - 1, -((e.clientY - r.top) / r.height) * 2 + 1);
    raycaster.setFromCamera(ndc, ctx.viewer);
  };
  const hits3 = (target: Object3D): Intersection[] => {
    hits.length = 0;
    return raycaster.intersectObject(target, true, hits);
  };
  const boxUnderPointer = (): number | null => {
    for (const h of hits3(rig.boxes.root)) {
      const index = h.object.userData.boxIndex;
      if (typeof index === 'number' && h.object.parent?.visible) return index;
    }
    return null;
  };
  const overCameraBody = (): boolean => hits3(rig.camera.body).length > 0;

  const onPointerDown = (e: PointerEvent): void => {
    if (!ctx.getGeometry() || e.button !== 0) return;
    aim(e);
    // A gizmo handle under the pointer has the priority (TransformControls tracks it on hover).
    if (transform.axis !== null && transform.object) return;
    if (overCameraBody()) {
      e.stopImmediatePropagation();
      orbit.enabled = false;
      dragPointer = e.pointerId;
      canvas.setPointerCapture(e.pointerId);
      const p = rig.camera.group.position;
      const [x, y] = yUpToZUp([p.x, p.y, p.z]);
      dragAzimuth = (Math.atan2(y, x) * 180) / Math.PI;
      canvas.style.cursor = 'grabbing';
      ctx.callbacks().onGestureStart?.();
      return;
    }
    press = { id: e.pointerId, x: e.clientX, y: e.clientY };
  };

  const onPointerMove = (e: PointerEvent): void => {
    const g = ctx.getGeometry();
    if (!g) return;
    aim(e);
    if (dragPointer === e.pointerId) {
      orbitPointOnRay(raycaster.ray, g.radius, rig.camera.group.position, hit);
      const next = orbitAnglesFromPoint(hit, dragAzimuth);
      dragAzimuth = next.azimuthDeg;
      ctx.callbacks().onCameraDrag(next);
      return;
    }
    if (e.buttons !== 0 || transform.dragging) return;
    // TransformControls' own hover listener ran first (it was attached first), so `axis` is current.
    if (transform.axis !== null && transform.object) canvas.style.cursor = 'move';
    else canvas.style.cursor = overCameraBody() ? 'grab' : boxUnderPointer() !== null ? 'pointer' : '';
  };

  const onPointerUp = (e: PointerEvent): void => {
    if (dragPointer === e.pointerId) {
      dragPointer = null;
      orbit.enabled = true;
      if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
      canvas.style.cursor = 'grab';
      ctx.callbacks().onGestureEnd?.();
      return;
    }
    const p = press;
    press = null;
    if (!p || p.id !== e.pointerId || !ctx.getGeometry()) return;
    if (Math.hypot(e.clientX - p.x, e.clientY - p.y) > CLICK_SLOP_PX) return;
    aim(e);
    const index = boxUnderPointer();
    if (index !== null && index !== ctx.getSelected()) ctx.callbacks().onSelectObject(index);
  };

  const onDraggingChanged = (e: { value: unknown }): void => {
    orbit.enabled = !e.value;
    dragStartScale = e.value && transform.object ? transform.object.scale.x : null;
    if (e.value) ctx.callbacks().onGestureStart?.();
    else ctx.callbacks().onGestureEnd?.();
  };

  const onObjectChange = (): void => {
    const g = ctx.getGeometry();
    const object = transform.object;
    const index = ctx.getSelected();
    const previous = g?.objects[index];
    if (!object || !previous) return;
    // The gizmo stretches one axis from the scale at drag start and leaves the others there, so the
    // stretched component is found against that start value, not against the last reported knob.
    const next = knobsFromTransform(object.position, object.quaternion, object.scale, {
      scale: dragStartScale ?? previous.scale,
      rotationDeg: previous.rotationDeg,
    });
    object.scale.setScalar(next.scale); // show the uniform scale the model will get, not the gizmo's stretch
    ctx.callbacks().onObjectChange(index, next);
  };

  const onChange = (): void => ctx.requestRender();

  canvas.addEventListener('pointerdown', onPointerDown, { capture: true });
  canvas.addEventListener('pointermove', onPointerMove);
  canvas.addEventListener('pointerup', onPointerUp);
  canvas.addEventListener('pointercancel', onPointerUp);
  transform.addEventListener('dragging-changed', onDraggingChanged);
  transform.addEventListener('objectChange', onObjectChange);
  transform.addEventListener('change', onChange);
  orbit.addEventListener('change', onChange);

  return () => {
    canvas.removeEventListener('pointerdown', onPointerDown, { capture: true });
    canvas.removeEventListener('pointermove', onPointerMove);
    canvas.removeEventListener('pointerup', onPointerUp);
    canvas.removeEventListener('pointercancel', onPointerUp);
    transform.removeEventListener('dragging-changed', onDraggingChanged);
    transform.removeEventListener('objectChange', onObjectChange);
    transform.removeEventListener('change', onChange);
    orbit.removeEventListener('change', onChange);
  };
}
