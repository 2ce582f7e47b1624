/**
 * What a reference image tells the mixer: a StudioState where everything is optional. A studio PNG gives a
 * whole state (every field present, exact); an encoder gives codes and perhaps some geometry. Combining
 * takes from it only the fields it has, so a factor the image could not recover keeps the knob value.
 */
import type { CameraState, Code, ObjectState } from '../state/studioState';

export interface PartialObject {
  codes: Record<string, Code>;
  translation?: ObjectState['translation'];
  scale?: number;
  rotationDeg?: number;
  present?: boolean;
}

export interface PartialState {
  modelId: string;
  codes: Record<string, Code>;
  objects: PartialObject[];
  /** A studio PNG gives the whole camera; an encoder perhaps only some of it. */
  camera?: Partial<CameraState>;
  backgroundRotationDeg?: number;
}
