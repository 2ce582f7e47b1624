/**
 * Builds the rig's three.js objects once: orbit sphere, camera body + frustum, ground grid, up arrow,
 * origin and the box pool. Nothing here reads a RigGeometry: placing things is the sync step's job, so the
 * scene can be built (and tested) without WebGL and moved without being rebuilt.
 *
 * Everything that is a fixed shape in the model's z-up world (grid plane, up arrow, axis ticks) is written
 * in z-up coordinates and converted with src/rig/axes.ts.
 */
import {
  ArrowHelper,
  BoxGeometry,
  BufferGeometry,
  ConeGeometry,
  Float32BufferAttribute,
  Group,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshBasicMaterial,
  Object3D,
  Scene,
  SphereGeometry,
  Sprite,
  Color,
  Vector3,
  type Material,
  type Texture,
} from 'three';
import { zUpToYUp, type Vec3 } from '../rig/axes';
import { createBoxPool, type BoxPool } from './boxes';
import { FRUSTUM_FLOATS } from './frustum';
import { createTextSprite } from './label';
import { PALETTE } from './palette';

/** Ground grid half-extent and line count, in units of the orbit radius (the world group is scaled by it). */
const GRID_HALF = 1.25;
const GRID_LINES = 11;
/** Up arrow length, in orbit radii. */
const UP_LENGTH = 0.55;

export interface CameraRig {
  /** Carries the camera-to-world transform (y-up). Not scaled: the frustum is in world units. */
  group: Group;
  /** The draggable body; scaled with the orbit radius so it stays visible. */
  body: Group;
  frustum: LineSegments;
  /** The frustum's vertex buffer, rewritten in place by the sync step. */
  frustumPositions: Float32BufferAttribute;
}

export interface RigScene {
  scene: Scene;
  /** Sphere, grid, up arrow, origin: all unit-sized, scaled together by the orbit radius. */
  world: Group;
  sphere: Mesh;
  upLabel: Sprite | null;
  camera: CameraRig;
  boxes: BoxPool;
}

function zUp(v: Vec3): Vector3 {
  return new Vector3(...zUpToYUp(v));
}

/** Lines of the z = 0 plane (model world), converted to y-up. */
function createGrid(): Group {
  const plain: number[] = [];
  const xAxis: number[] = [];
  const yAxis: number[] = [];
  for (let k = 0; k < GRID_LINES; k++) {
    const c = -GRID_HALF + (2 * GRID_HALF * k) / (GRID_LINES - 1);
    const onAxis = Math.abs(c) < 1e-9;
    // Line of constant x (parallel to y), then of constant y (parallel to x).
    (onAxis ? yAxis : plain).push(...zUpToYUp([c, -GRID_HALF, 0]), ...zUpToYUp([c, GRID_HALF, 0]));
    (onAxis ? xAxis : plain).push(...zUpToYUp([-GRID_HALF, c, 0]), ...zUpToYUp([GRID_HALF, c, 0]));
  }
  const group = new Group();
  group.name = 'ground-grid';
  const make = (points: number[], color: number, opacity: number): LineSegments => {
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new Float32BufferAttribute(points, 3));
    return new LineSegments(geometry, new LineBasicMaterial({ color, transparent: true, opacity }));
  };
  group.add(make(plain, PALETTE.grid, 0.9), make(xAxis, PALETTE.gridAxisX, 0.8), make(yAxis, PALETTE.gridAxisY, 0.8));
  return group;
}

function createCameraRig(): CameraRig {
  const group = new Group();
  group.name = 'camera';
  const body = new Group();
  body.name = 'camera-body';
  const material = new MeshBasicMaterial({ color: PALETTE.cameraBody });
  // Body behind the optical centre, lens pointing along -z (the look direction).
  const box = new Mesh(new BoxGeometry(1, 0.75, 0.9), material);
  box.position.z = 0.45;
  const lens = new Mesh(new ConeGeometry(0.35, 0.5, 16), material);
  lens.rotation.x = Math.PI / 2; // cone axis +y -> +z: tip in the body, wide end facing the look direction
  lens.position.z = -0.2;
  body.add(box, lens);
  const geometry = new BufferGeometry();
  const frustumPositions = new Float32BufferAttribute(new Float32Array(FRUSTUM_FLOATS), 3);
  geometry.setAttribute('position', frustumPositions);
  const frustum = new LineSegments(geometry, new LineBasicMaterial({ color: PALETTE.frustum }));
  frustum.frustumCulled = false; // its extent changes with the knobs; skip bounding-sphere upkeep
  group.add(body, frustum);
  return { group, body, frustum, frustumPositions };
}

function createOrigin(): Group {
  const group = new Group();
  group.name = 'origin';
  group.add(new Mesh(new SphereGeometry(0.02, 12, 8), new MeshBasicMaterial({ color: PALETTE.origin })));
  return group;
}

export function createRigScene(): RigScene {
  const scene = new Scene();
  scene.background = new Color(PALETTE.background);
  const world = new Group();
  world.name = 'world';

  const sphere = new Mesh(
    new SphereGeometry(1, 36, 18), // three's sphere poles lie on y = the model's z: rings are elevations
    new MeshBasicMaterial({ color: PALETTE.sphere, wireframe: true, transparent: true, opacity: 0.16, depthWrite: false }),
  );
  sphere.name = 'orbit-sphere';

  const up = new ArrowHelper(zUp([0, 0, 1]), zUp([0, 0, 0]), UP_LENGTH, PALETTE.up, 0.08, 0.045);
  up.name = 'up-axis';
  const upLabel = createTextSprite('+z up', '#4f8fe6');
  if (upLabel) {
    upLabel.position.copy(zUp([0, 0, UP_LENGTH + 0.08]));
    world.add(upLabel);
  }

  world.add(sphere, createGrid(), up, createOrigin());
  const camera = createCameraRig();
  const boxes = createBoxPool();
  scene.add(world, camera.group, boxes.root);
  return { scene, world, sphere, upLabel, camera, boxes };
}

/** Frees every geometry, material and texture under `root` once, shared ones included. */
export function disposeObjectTree(root: Object3D): void {
  const geometries = new Set<BufferGeometry>();
  const materials = new Set<Material>();
  root.traverse((o) => {
    const g = (o as Partial<Mesh>).geometry;
    if (g) geometries.add(g);
    const m = (o as Partial<Mesh>).material;
    if (Array.isArray(m)) m.forEach((x) => materials.add(x));
    else if (m) materials.add(m);
  });
  geometries.forEach((g) => g.dispose());
  materials.forEach((m) => {
    const map = (m as Material & { map?: Texture | null }).map;
    map?.dispose();
    m.dispose();
  });
}

/** Disposes the rig, including pooled box resources not currently in use by a material slot. */
export function disposeRigScene(rig: RigScene): void {
  disposeObjectTree(rig.scene);
  const r = rig.boxes.resources;
  [r.cube, r.edges, r.heading].forEach((g) => g.dispose());
  [r.fill, r.fillAbsent, r.edge, r.edgeSelected, r.edgeAbsent].forEach((m) => m.dispose());
}
