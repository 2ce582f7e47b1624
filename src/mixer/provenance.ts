/**
 * Where each factor of a mixed image came from, for the saved PNG's metadata and the panel. A slot counts
 * only while the state still shows what its image gave: once the user turns that knob, the factor is the
 * user's, and the PNG must not claim otherwise.
 */
import type { Manifest } from '../families/manifest';
import type { StudioState } from '../state/studioState';
import { takeSlot } from './combine';
import { deepEqual } from './deepEqual';
import { slotTargets } from './factorSlots';
import { isActive, type SlotOrigin, type Slots } from './slots';
import { SLOT_IDS, type SlotId } from './slotIds';

/** PNG text keyword of the mix record. */
export const MIX_PNG_KEY = 'disentangle-studio:mix';

export interface MixSource {
  slot: SlotId;
  source: string;
  origin: SlotOrigin;
  /** State paths the slot drives: "codes.background", "objects.*.codes.shape", "objects.*.pose", "camera"... */
  parts: string[];
}

function partsOf(manifest: Manifest, slot: SlotId): string[] {
  const t = slotTargets(manifest, slot);
  return [
    ...t.globalCodes.map((id) => `codes.${id}`),
    ...t.objectCodes.map((id) => `objects.*.codes.${id}`),
    ...(t.geometry ? ['objects.*.translation', 'objects.*.scale', 'objects.*.rotationDeg', 'objects.*.present', 'camera'] : []),
    ...(t.backgroundRotation ? ['backgroundRotationDeg'] : []),
  ];
}

/** The active slots whose parts the state still holds unchanged. */
export function mixProvenance(state: StudioState, manifest: Manifest, slots: Slots): MixSource[] {
  const out: MixSource[] = [];
  for (const slot of SLOT_IDS) {
    const s = slots[slot];
    if (!isActive(s)) continue;
    if (!deepEqual(takeSlot(state, s.content!.recovered, manifest, slot), state)) continue;
    out.push({ slot, source: s.content!.sourceName, origin: s.content!.origin, parts: partsOf(manifest, slot) });
  }
  return out;
}

/** The PNG text chunk naming each factor's source, or nothing when no slot shapes the image. */
export function mixPngText(sources: MixSource[]): Record<string, string> {
  if (sources.length === 0) return {};
  return { [MIX_PNG_KEY]: JSON.stringify({ format: 'disentangle-studio/mix', sources }) };
}
