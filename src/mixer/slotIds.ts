/**
 * The mixer's four slots. Fixed, because the issue (and the user's mental model) is "background from this
 * image, shape from that one": every family's factors are sorted into these four buckets by factorSlots.ts.
 */
export const SLOT_IDS = ['background', 'shape', 'texture', 'pose'] as const;

export type SlotId = (typeof SLOT_IDS)[number];

export const SLOT_LABELS: Record<SlotId, string> = {
  background: 'Background',
  shape: 'Shape',
  texture: 'Texture',
  pose: 'Pose',
};
