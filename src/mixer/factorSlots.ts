/**
 * Which slot drives which part of the state, decided from the manifest's factor ids and scopes rather than
 * the family name, so a new family with a "background" or "pose" factor mixes without code here.
 *
 * - background: global factors named background / background-* / bg*, plus the background rotation;
 * - shape / texture: factors with that id (texture also answers to appearance / app / colour);
 * - pose: a factor named pose (MixNMatch's latent), plus, for models with a 3D rig, every object's
 *   translation, scale, rotation and presence and the camera.
 * A factor that matches no slot is never touched by the mixer: it keeps its knob value.
 */
import type { Factor, Manifest } from '../families/manifest';
import type { SlotId } from './slotIds';

const PATTERNS: [SlotId, RegExp][] = [
  ['background', /^(background|bg)([-_].*)?$/i],
  ['shape', /^shape([-_].*)?$/i],
  ['texture', /^(texture|appearance|app|colou?r)([-_].*)?$/i],
  ['pose', /^pose([-_].*)?$/i],
];

/** The slot a factor belongs to, or null when it belongs to none. */
export function slotOfFactor(factor: Pick<Factor, 'id'>): SlotId | null {
  for (const [slot, pattern] of PATTERNS) if (pattern.test(factor.id)) return slot;
  return null;
}

/** What one slot sets in a state. */
export interface SlotTargets {
  /** Global factor ids (state.codes). */
  globalCodes: string[];
  /** Object-scoped factor ids (state.objects[i].codes). */
  objectCodes: string[];
  /** Object translation/scale/rotation/presence and the camera (GIRAFFE-style rigs). */
  geometry: boolean;
  backgroundRotation: boolean;
}

/** The parts of the state `slot` drives for this model; empty lists when the model has nothing for it. */
export function slotTargets(manifest: Manifest, slot: SlotId): SlotTargets {
  const factors = manifest.factors.filter((f) => slotOfFactor(f) === slot);
  return {
    globalCodes: factors.filter((f) => f.scope === 'global').map((f) => f.id),
    objectCodes: factors.filter((f) => f.scope === 'object').map((f) => f.id),
    geometry: slot === 'pose' && (!!manifest.camera || !!manifest.objects),
    backgroundRotation: slot === 'background',
  };
}

/** True when the slot drives nothing in this model (the panel shows it disabled). */
export function slotIsEmptyFor(manifest: Manifest, slot: SlotId): boolean {
  const t = slotTargets(manifest, slot);
  return t.globalCodes.length === 0 && t.objectCodes.length === 0 && !t.geometry && !t.backgroundRotation;
}
