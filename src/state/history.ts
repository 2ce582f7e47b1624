/**
 * Undo/redo as a pure value: past and future snapshots of StudioState. Consecutive edits of the same knob
 * within COALESCE_MS merge into one step, so a whole slider drag undoes at once whatever widget produced
 * it. Where a widget reports its drag's start and end (the rig), a gesture makes everything in between one
 * step however long the pointer pauses.
 */
import type { StudioState } from './studioState';

export interface History {
  past: StudioState[];
  future: StudioState[];
  /** Knob key and time of the last edit, for coalescing a drag into one step. */
  lastKey: string | null;
  lastAt: number;
  /** 'open': a gesture started and has no step yet; 'recorded': its step exists, later edits merge into it. */
  gesture: 'idle' | 'open' | 'recorded';
}

export const HISTORY_LIMIT = 200;
export const COALESCE_MS = 700;

export const emptyHistory = (): History => ({ past: [], future: [], lastKey: null, lastAt: 0, gesture: 'idle' });

/** Records that `previous` was replaced by an edit of `key` at time `now`. */
export function recordEdit(history: History, previous: StudioState, key: string | null, now: number): History {
  const coalesce =
    history.gesture === 'recorded' || (key !== null && key === history.lastKey && now - history.lastAt < COALESCE_MS);
  if (coalesce) return { ...history, future: [], lastAt: now };
  const past = [...history.past, previous].slice(-HISTORY_LIMIT);
  const gesture = history.gesture === 'open' ? 'recorded' : history.gesture;
  return { past, future: [], lastKey: key, lastAt: now, gesture };
}

/** Starts a gesture: the edits until endGesture become one undo step. */
export function beginGesture(history: History): History {
  return { ...history, gesture: 'open' };
}

/** Ends a gesture; the next edit starts a new step even with the same key. */
export function endGesture(history: History): History {
  return { ...history, gesture: 'idle', lastKey: null };
}

export function undo(history: History, current: StudioState): { history: History; state: StudioState } | null {
  const previous = history.past.at(-1);
  if (!previous) return null;
  return {
    state: previous,
    history: { past: history.past.slice(0, -1), future: [current, ...history.future], lastKey: null, lastAt: 0, gesture: 'idle' },
  };
}

export function redo(history: History, current: StudioState): { history: History; state: StudioState } | null {
  const next = history.future[0];
  if (!next) return null;
  return {
    state: next,
    history: { past: [...history.past, current], future: history.future.slice(1), lastKey: null, lastAt: 0, gesture: 'idle' },
  };
}
