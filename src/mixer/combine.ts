/**
 * The combination rule: take the parts one slot drives (factorSlots.ts) from a reference image's recovered
 * state and write them into the current state; everything else stays as the knobs have it. The same function
 * releases a slot (take the slot's parts back from the state saved when it was filled), so mixing and
 * un-mixing cannot drift apart.
 */
import type { Manifest } from '../families/manifest';
import type { Code, ObjectState, StudioState } from '../state/studioState';
import { slotTargets } from './factorSlots';
import type { PartialObject, PartialState } from './partialState';
import type { SlotId } from './slotIds';

/** The source object that feeds target object i: the same index, else the source's first object. */
function sourceObject(source: PartialState, i: number): PartialObject | undefined {
  return source.objects[i] ?? source.objects[0];
}

function withCode(codes: Record<string, Code>, id: string, code: Code | undefined): Record<string, Code> {
  return code ? { ...codes, [id]: structuredClone(code) } : codes;
}

function takeObject(target: ObjectState, from: PartialObject | undefined, ids: string[], geometry: boolean): ObjectState {
  if (!from) return target;
  let codes = target.codes;
  for (const id of ids) codes = withCode(codes, id, from.codes[id]);
  const next: ObjectState = { ...target, codes };
  if (geometry) {
    if (from.translation) next.translation = [...from.translation];
    if (from.scale !== undefined) next.scale = from.scale;
    if (from.rotationDeg !== undefined) next.rotationDeg = from.rotationDeg;
    if (from.present !== undefined) next.present = from.present;
  }
  return next;
}

/**
 * `target` with the parts `slot` drives taken from `source`. Parts the source lacks (an encoder that does
 * not recover the camera, say) keep the target's values. Returns a new state; inputs are not modified.
 */
export function takeSlot(target: StudioState, source: PartialState, manifest: Manifest, slot: SlotId): StudioState {
  const t = slotTargets(manifest, slot);
  let codes = target.codes;
  for (const id of t.globalCodes) codes = withCode(codes, id, source.codes[id]);
  const objects =
    t.objectCodes.length > 0 || t.geometry
      ? target.objects.map((o, i) => takeObject(o, sourceObject(source, i), t.objectCodes, t.geometry))
      : target.objects;
  return {
    ...target,
    codes,
    objects,
    camera: t.geometry && source.camera ? { ...target.camera, ...source.camera } : target.camera,
    backgroundRotationDeg:
      t.backgroundRotation && source.backgroundRotationDeg !== undefined ? source.backgroundRotationDeg : target.backgroundRotationDeg,
  };
}

/** `target` with every listed slot taken from its source, in slot order. */
export function combine(target: StudioState, manifest: Manifest, sources: Partial<Record<SlotId, PartialState>>): StudioState {
  let state = target;
  for (const [slot, source] of Object.entries(sources) as [SlotId, PartialState | undefined][]) {
    if (source) state = takeSlot(state, source, manifest, slot);
  }
  return state;
}
