/**
 * RigViewport: the imperative owner of the rig's renderer, viewer camera and controls, kept out of React
 * so the component only forwards props. It renders on demand (one frame per prop change or interaction,
 * coalesced with requestAnimationFrame), never in a continuous loop: the CPU belongs to inference.
 *
 * Without WebGL it still builds and syncs the scene (so the data attributes the e2e tests read stay
 * true) and reports `webglError`; the component shows that message instead of a canvas.
 *
 * After each frame it calls `onRender`, where the component publishes `screenSnapshot()`: where the
 * camera body, the boxes and the gizmo were drawn, so an e2e test knows where to point.
 */
import { Box3, PerspectiveCamera, Vector3, WebGLRenderer } from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { TransformControls } from 'three/addons/controls/TransformControls.js';
import type { RigGeometry } from '../families/types';
import { zUpToYUp } from '../rig/axes';
import { isSoftwareWebGL, minRigFrameMs } from './glProbe';
import { attachInteractions, type RigCallbacks } from './interactions';
import { applyTransformMode, type TransformMode } from './modes';
import { createRigScene, disposeRigScene, type RigScene } from './scene';
import { rigSnapshot, syncRig, syncSelection, type RigSnapshot } from './sync';

/** Where the viewer starts, in orbit radii, in the model's z-up world: a three-quarter view from above. */
const VIEWER_HOME: [number, number, number] = [2.4, -2.9, 1.9];

/** Canvas positions in CSS pixels from its top-left corner, rounded to 0.1 px. */
export interface RigScreenSnapshot {
  /** The middle of the camera body: what a user grabs to drag the camera. */
  camera: [number, number];
  /** Centres of the visible boxes, in box order (as RigSnapshot.objects). */
  objects: [number, number][];
  /** The centre of the box gizmo in that frame (it shows which box a drag moves); null when none is attached. */
  gizmo: [number, number] | null;
}

const _p = new Vector3();
const _bounds = new Box3();
const round1 = (v: number): number => Math.round(v * 10) / 10 + 0; // + 0 turns -0 into 0

interface Live {
  renderer: WebGLRenderer;
  viewer: PerspectiveCamera;
  orbit: OrbitControls;
  transform: TransformControls;
  detach: () => void;
}

export class RigViewport {
  readonly rig: RigScene = createRigScene();
  /** Set when WebGL could not start; the rig is then only synced, never drawn. */
  readonly webglError: string | null = null;
  private live: Live | null = null;
  private geometry: RigGeometry | null = null;
  private selected = 0;
  private framedRadius = 0;
  private frame = 0;
  /** A pending throttle timer (software GL only): the frame is requested when it fires. */
  private throttle: ReturnType<typeof setTimeout> | null = null;
  private lastFrameAt = -Infinity;
  private readonly software: boolean = false;
  /** A pointer is down on the rig canvas: the user is handling the rig, which then draws at its full rate. */
  private handling = false;
  private disposed = false;
  /** Canvas size in CSS pixels, as last given to resize(). */
  private width = 0;
  private height = 0;

  constructor(
    canvas: HTMLCanvasElement,
    callbacks: () => RigCallbacks,
    /** Called after each drawn frame (never without WebGL). */
    private readonly onRender?: () => void,
  ) {
    let renderer: WebGLRenderer;
    const software = isSoftwareWebGL();
    this.software = software;
    try {
      renderer = new WebGLRenderer({ canvas, antialias: !software });
    } catch (error) {
      this.webglError = error instanceof Error ? error.message : String(error);
      return;
    }
    renderer.setPixelRatio(software ? 1 : Math.min(globalThis.devicePixelRatio || 1, 2));
    const viewer = new PerspectiveCamera(35, 1, 0.01, 500);
    // TransformControls first: its pointerdown must run before the orbit's (see interactions.ts).
    const transform = new TransformControls(viewer, canvas);
    transform.setSize(0.8);
    applyTransformMode(transform, 'translate');
    this.rig.scene.add(transform.getHelper());
    const orbit = new OrbitControls(viewer, canvas);
    orbit.enableDamping = false; // damping needs a running loop; we render on demand
    const detach = attachInteractions({
      canvas,
      viewer,
      rig: this.rig,
      transform,
      orbit,
      getGeometry: () => this.geometry,
      getSelected: () => this.selected,
      callbacks,
      requestRender: () => this.requestRender(),
    });
    canvas.addEventListener('webglcontextlost', this.onContextLost);
    canvas.addEventListener('webglcontextrestored', this.onContextRestored);
    canvas.addEventListener('pointerdown', this.onHandle);
    canvas.addEventListener('pointerup', this.onRelease);
    canvas.addEventListener('pointercancel', this.onRelease);
    this.live = { renderer, viewer, orbit, transform, detach };
  }

  /** Applies new knobs (or none: a family without a 3D camera) and schedules one frame. */
  setGeometry(geometry: RigGeometry | null, selected: number): void {
    this.geometry = geometry;
    this.selected = selected;
    this.rig.scene.visible = geometry !== null;
    if (geometry) {
      syncRig(this.rig, geometry, selected);
      this.frameOnce(geometry.radius);
    }
    this.attachGizmo();
    this.requestRender();
  }

  setSelected(selected: number): void {
    this.selected = selected;
    if (this.geometry) syncSelection(this.rig, this.geometry, selected);
    this.attachGizmo();
    this.requestRender();
  }

  setMode(mode: TransformMode): void {
    if (!this.live) return;
    applyTransformMode(this.live.transform, mode);
    this.requestRender();
  }

  /** Container size in CSS pixels (ResizeObserver). */
  resize(width: number, height: number): void {
    if (!this.live || width <= 0 || height <= 0) return;
    this.width = width;
    this.height = height;
    this.live.renderer.setSize(width, height, false);
    this.live.viewer.aspect = width / height;
    this.live.viewer.updateProjectionMatrix();
    this.requestRender();
  }

  snapshot(): RigSnapshot | null {
    return this.geometry ? rigSnapshot(this.rig) : null;
  }

  /** Where the last frame drew the camera body, the boxes and the gizmo; null before the first sized frame. */
  screenSnapshot(): RigScreenSnapshot | null {
    if (!this.live || !this.geometry || this.width <= 0) return null;
    const camera = this.toScreen(_bounds.setFromObject(this.rig.camera.body).getCenter(_p));
    const objects = this.rig.boxes.views.filter((v) => v.group.visible).map((v) => this.toScreen(_p.copy(v.group.position)));
    const attached = this.live.transform.object;
    const gizmo = attached ? this.toScreen(attached.getWorldPosition(_p)) : null;
    return { camera, objects, gizmo };
  }

  private readonly onHandle = (): void => {
    this.handling = true;
  };

  private readonly onRelease = (): void => {
    this.handling = false;
  };

  /** Coalesces any number of requests into one frame (at most one per minRigFrameMs with software GL). */
  requestRender(): void {
    if (!this.live || this.frame !== 0 || this.throttle !== null || this.disposed) return;
    const wait = this.lastFrameAt + minRigFrameMs(this.software, this.handling) - performance.now();
    if (wait > 0) {
      this.throttle = setTimeout(() => {
        this.throttle = null;
        this.requestRender();
      }, wait);
      return;
    }
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (!this.live || this.disposed) return;
      this.lastFrameAt = performance.now();
      this.live.renderer.render(this.rig.scene, this.live.viewer);
      this.onRender?.();
    });
  }

  dispose(): void {
    this.disposed = true;
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    if (this.throttle !== null) clearTimeout(this.throttle);
    const live = this.live;
    this.live = null;
    if (live) {
      live.detach();
      const canvas = live.renderer.domElement;
      canvas.removeEventListener('webglcontextlost', this.onContextLost);
      canvas.removeEventListener('webglcontextrestored', this.onContextRestored);
      canvas.removeEventListener('pointerdown', this.onHandle);
      canvas.removeEventListener('pointerup', this.onRelease);
      canvas.removeEventListener('pointercancel', this.onRelease);
      live.transform.detach();
      this.rig.scene.remove(live.transform.getHelper());
      live.transform.dispose(); // disposes the gizmo's own geometries and materials
      live.orbit.dispose();
    }
    disposeRigScene(this.rig);
    live?.renderer.dispose();
  }

  /** A world point (y-up) -> canvas CSS pixels through the viewer camera. Overwrites `p`. */
  private toScreen(p: Vector3): [number, number] {
    p.project(this.live!.viewer);
    return [round1(((p.x + 1) / 2) * this.width), round1(((1 - p.y) / 2) * this.height)];
  }

  /** The gizmo follows the selected box, and hides when there is none. */
  private attachGizmo(): void {
    if (!this.live) return;
    const view = this.rig.boxes.views[this.selected];
    const wanted = this.geometry && this.selected < this.geometry.objects.length && view ? view.group : null;
    if (wanted && this.live.transform.object !== wanted) this.live.transform.attach(wanted);
    else if (!wanted && this.live.transform.object) this.live.transform.detach();
  }

  /**
   * Frames the rig the first time it appears and when the orbit radius changes a lot (another model);
   * otherwise the user's own view is left alone.
   */
  private frameOnce(radius: number): void {
    if (!this.live) return;
    const ratio = this.framedRadius > 0 ? radius / this.framedRadius : 0;
    if (ratio > 0.67 && ratio < 1.5) return;
    this.framedRadius = radius;
    const [x, y, z] = zUpToYUp(VIEWER_HOME);
    this.live.viewer.position.set(x * radius, y * radius, z * radius);
    this.live.orbit.target.set(0, 0, 0);
    this.live.orbit.update();
  }

  private readonly onContextLost = (event: Event): void => {
    event.preventDefault(); // lets the browser restore the context
  };

  private readonly onContextRestored = (): void => this.requestRender();
}
