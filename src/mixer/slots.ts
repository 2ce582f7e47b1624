/**
 * The slot model, as plain data: what each slot holds, whether it drives the mix, and the state it must
 * give back when released. Transitions are pure (slots before, slots after, current state -> new state),
 * so every user gesture (fill, release, lock, swap, shuffle) is one rule, tested without a browser.
 */
import type { Manifest } from '../families/manifest';
import type { StudioState } from '../state/studioState';
import { takeSlot } from './combine';
import type { PartialState } from './partialState';
import { SLOT_IDS, type SlotId } from './slotIds';

/** How a slot's codes were recovered: exactly from a studio PNG's metadata, or estimated by the encoder. */
export type SlotOrigin = 'metadata' | 'encoder';

export interface SlotContent {
  /** File name, or "history #3" for a picked history entry. */
  sourceName: string;
  /** Small data URL of the reference image. */
  thumbnail: string;
  recovered: PartialState;
  origin: SlotOrigin;
  /** What the user should know about the intake ("first frame of an animated GIF"). */
  note?: string;
  /** Data URL of the recovered codes rendered alone (encoder slots): what the model understood. */
  reconstruction?: string;
}

export interface Slot {
  content: SlotContent | null;
  /** Locked = the slot drives its factors; released = they are back on the knobs. */
  locked: boolean;
  /** The state before this slot took over; releasing writes its parts back. Null while inactive. */
  before: StudioState | null;
}

export type Slots = Record<SlotId, Slot>;

export const emptySlots = (): Slots =>
  Object.fromEntries(SLOT_IDS.map((id) => [id, { content: null, locked: true, before: null }])) as Slots;

/** A slot drives the mix when it holds an image and is locked. */
export const isActive = (slot: Slot): boolean => !!slot.content && slot.locked;

/**
 * Applies a change of slots to the current state: newly or still active slots take their parts from their
 * image, slots that stopped driving give back the values they had before. Returns the new state and the
 * slots with `before` kept for active slots (captured now for newly active ones) and cleared otherwise.
 */
export function transition(
  previous: Slots,
  next: Slots,
  current: StudioState,
  manifest: Manifest,
): { slots: Slots; state: StudioState } {
  let state = current;
  const slots = { ...next };
  for (const id of SLOT_IDS) {
    const was = previous[id];
    const now = next[id];
    if (isActive(now)) {
      const before = isActive(was) ? (was.before ?? current) : current;
      slots[id] = { ...now, before };
      state = takeSlot(state, now.content!.recovered, manifest, id);
    } else {
      if (isActive(was) && was.before) state = takeSlot(state, was.before, manifest, id);
      slots[id] = { ...now, before: null };
    }
  }
  return { slots, state };
}

/** Puts `content` into a slot and locks it. */
export function fillSlot(slots: Slots, id: SlotId, content: SlotContent): Slots {
  return { ...slots, [id]: { ...slots[id], content, locked: true } };
}

export function setLocked(slots: Slots, id: SlotId, locked: boolean): Slots {
  return { ...slots, [id]: { ...slots[id], locked } };
}

/** Empties a slot (its factors go back to their knob values through `transition`). */
export function clearSlot(slots: Slots, id: SlotId): Slots {
  return { ...slots, [id]: { ...slots[id], content: null, locked: true } };
}

/** Exchanges two slots' images and lock flags; each slot keeps its own `before`. */
export function swapSlots(slots: Slots, a: SlotId, b: SlotId): Slots {
  if (a === b) return slots;
  const pick = (s: Slot) => ({ content: s.content, locked: s.locked });
  return { ...slots, [a]: { ...slots[a], ...pick(slots[b]) }, [b]: { ...slots[b], ...pick(slots[a]) } };
}

/**
 * A random reassignment of the images over the four slots, from a uniform `random()` in [0, 1). Tries
 * again (a few times) when the draw leaves every image where it was, so "Shuffle" visibly does something.
 */
export function shuffleSlots(slots: Slots, random: () => number): Slots {
  const filled = SLOT_IDS.filter((id) => slots[id].content);
  if (filled.length < 2) return slots;
  for (let attempt = 0; attempt < 8; attempt++) {
    const order = [...SLOT_IDS];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    if (order.every((from, i) => from === SLOT_IDS[i] || slots[from].content === slots[SLOT_IDS[i]].content)) continue;
    const next = { ...slots };
    SLOT_IDS.forEach((to, i) => (next[to] = { ...slots[to], content: slots[order[i]].content, locked: slots[order[i]].locked }));
    return next;
  }
  return slots;
}
