/**
 * The mixer's slots and which of them are busy reading an image. Plain data; the rules live in src/mixer and
 * the orchestration (intake, encoder, applying the mix) in src/app/mixerController.ts.
 */
import { create } from 'zustand';
import { emptySlots, type Slots } from '../../mixer/slots';
import type { SlotId } from '../../mixer/slotIds';

export interface MixerStore {
  slots: Slots;
  busy: Partial<Record<SlotId, boolean>>;
  setSlots(slots: Slots): void;
  setBusy(id: SlotId, busy: boolean): void;
}

export const useMixerStore = create<MixerStore>()((set) => ({
  slots: emptySlots(),
  busy: {},
  setSlots: (slots) => set({ slots }),
  setBusy: (id, busy) => set((s) => ({ busy: { ...s.busy, [id]: busy } })),
}));
