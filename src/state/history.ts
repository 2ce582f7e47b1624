/**
 * Undo/redo as a pure value: past and future snapshots of StudioState. Consecutive edits of the same knob
 * within `coalesceMs` merge into one step, so a whole drag undoes at once whatever widget produced it.
 */
import type { StudioState } from './studioState';

export interface History {
  past: StudioState[];
  future: StudioState[];
  /** Knob key and time of the last edit, for coalescing a drag into one step. */
  lastKey: string | null;
  lastAt: number;
}

export const HISTORY_LIMIT = 200;
export const COALESCE_MS = 700;

export const emptyHistory = (): History => ({ past: [], future: [], lastKey: null, lastAt: 0 });

/** Records that `previous` was replaced by an edit of `key` at time `now`. */
export function recordEdit(history: History, previous: StudioState, key: string | null, now: number): History {
  const coalesce = key !== null && key === history.lastKey && now - history.lastAt < COALESCE_MS;
  if (coalesce) return { ...history, future: [], lastAt: now };
  const past = [...history.past, previous].slice(-HISTORY_LIMIT);
  return { past, future: [], lastKey: key, lastAt: now };
}

export function undo(history: History, current: StudioState): { history: History; state: StudioState } | null {
  const previous = history.past.at(-1);
  if (!previous) return null;
  return {
    state: previous,
    history: { past: history.past.slice(0, -1), future: [current, ...history.future], lastKey: null, lastAt: 0 },
  };
}

export function redo(history: History, current: StudioState): { history: History; state: StudioState } | null {
  const next = history.future[0];
  if (!next) return null;
  return {
    state: next,
    history: { past: [...history.past, current], future: history.future.slice(1), lastKey: null, lastAt: 0 },
  };
}
