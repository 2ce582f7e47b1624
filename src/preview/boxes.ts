/**
 * Object boxes: a pool of cube views that grows when a model has more objects and otherwise only hides or
 * moves its members, so knob changes never re-create three objects. Each view is the unit cube [-1, 1]^3
 * (GIRAFFE's box), placed by the sync step.
 */
import {
  BoxGeometry,
  BufferGeometry,
  EdgesGeometry,
  Float32BufferAttribute,
  Group,
  Line,
  LineBasicMaterial,
  LineDashedMaterial,
  LineSegments,
  Mesh,
  MeshBasicMaterial,
} from 'three';
import { zUpToYUp } from '../rig/axes';
import { PALETTE } from './palette';

export interface BoxView {
  /** Carries the box-to-world transform (y-up); TransformControls attaches here. */
  group: Group;
  /** Translucent faces: what a click hits. `userData.boxIndex` names the object. */
  fill: Mesh;
  edges: LineSegments;
  /** Line from the centre to the box's +x face, so a yaw of a cube is visible at all. */
  heading: Line;
}

/** Geometries and materials shared by every box: one GPU upload, one dispose. */
export interface BoxResources {
  cube: BoxGeometry;
  edges: EdgesGeometry;
  heading: BufferGeometry;
  fill: MeshBasicMaterial;
  fillAbsent: MeshBasicMaterial;
  edge: LineBasicMaterial;
  edgeSelected: LineBasicMaterial;
  edgeAbsent: LineDashedMaterial;
}

export interface BoxPool {
  resources: BoxResources;
  /** Parent of every box group. */
  root: Group;
  views: BoxView[];
}

export function createBoxPool(): BoxPool {
  const cube = new BoxGeometry(2, 2, 2);
  const edges = new EdgesGeometry(cube);
  // The box's +x axis, written in z-up box coordinates and converted like everything else.
  const heading = new BufferGeometry();
  heading.setAttribute('position', new Float32BufferAttribute([0, 0, 0, ...zUpToYUp([1.4, 0, 0])], 3));
  const resources: BoxResources = {
    cube,
    edges,
    heading,
    fill: new MeshBasicMaterial({ color: PALETTE.box, transparent: true, opacity: 0.18, depthWrite: false }),
    fillAbsent: new MeshBasicMaterial({ color: PALETTE.boxAbsent, transparent: true, opacity: 0.04, depthWrite: false }),
    edge: new LineBasicMaterial({ color: PALETTE.box }),
    edgeSelected: new LineBasicMaterial({ color: PALETTE.boxSelected }),
    edgeAbsent: new LineDashedMaterial({
      color: PALETTE.boxAbsent,
      dashSize: 0.18,
      gapSize: 0.12,
      transparent: true,
      opacity: 0.6,
    }),
  };
  const root = new Group();
  root.name = 'boxes';
  return { resources, root, views: [] };
}

/** Makes sure the pool holds at least `count` views; only allocates when a model has more objects. */
export function ensureBoxCount(pool: BoxPool, count: number): void {
  const r = pool.resources;
  while (pool.views.length < count) {
    const index = pool.views.length;
    const group = new Group();
    group.name = `box-${index}`;
    const fill = new Mesh(r.cube, r.fill);
    fill.userData.boxIndex = index;
    const edges = new LineSegments(r.edges, r.edge);
    // Dashes need per-vertex distances; computed once, on the shared edges geometry.
    if (!r.edges.getAttribute('lineDistance')) edges.computeLineDistances();
    const heading = new Line(r.heading, r.edge);
    if (!r.heading.getAttribute('lineDistance')) heading.computeLineDistances();
    group.add(fill, edges, heading);
    pool.root.add(group);
    pool.views.push({ group, fill, edges, heading });
  }
}

/** Present boxes are solid, absent ones faint and dashed; the selected one is highlighted. */
export function styleBox(view: BoxView, r: BoxResources, present: boolean, selected: boolean): void {
  view.fill.material = present ? r.fill : r.fillAbsent;
  const edge = selected ? r.edgeSelected : present ? r.edge : r.edgeAbsent;
  view.edges.material = edge;
  view.heading.material = selected ? r.edgeSelected : present ? r.edge : r.edgeAbsent;
}
