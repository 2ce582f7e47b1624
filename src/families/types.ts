/**
 * The family adapter contract: the only place that knows a model family. Everything else in the studio
 * sees StudioState, plain tensors and frames.
 */
import type { Manifest } from './manifest';
import type { StudioState } from '../state/studioState';

/** A tensor as plain data, transferable to the worker without onnxruntime types. */
export interface TensorData {
  dims: number[];
  data: Float32Array;
}

export type Feeds = Record<string, TensorData>;

/** What the rig preview draws, in the model's own world convention (GIRAFFE: z-up). */
export interface RigGeometry {
  /** Camera-to-world 4x4, row-major. */
  cameraToWorld: number[];
  fovDeg: number;
  radius: number;
  depthRange: [number, number];
  objects: { translation: [number, number, number]; scale: number; rotationDeg: number; present: boolean }[];
}

export interface FamilyAdapter {
  family: Manifest['family'];
  /** A fresh state at the manifest's defaults (seed 0...). */
  defaultState(manifest: Manifest): StudioState;
  /** StudioState + manifest -> named input tensors (batch 1). Throws StudioError('state-invalid') on a bad state. */
  toFeeds(state: StudioState, manifest: Manifest): Feeds;
  /** Geometry for the three.js preview, or null when the family has no 3D camera (say so in the viewport). */
  rig(state: StudioState, manifest: Manifest): RigGeometry | null;
  /** What the rig panel says when `rig` returns null (the family's own words for what it controls instead). */
  noRigMessage?(manifest: Manifest): string;
}
