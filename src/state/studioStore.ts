/**
 * The studio store: the current StudioState plus its undo history. Components edit through `edit`, which
 * records history; loading a model or a saved state goes through `replace`. Read outside React with
 * useStudioStore.getState() (e.g. in the three.js frame loop), never setState per animation frame.
 */
import { create } from 'zustand';
import type { StudioState } from './studioState';
import { emptyHistory, recordEdit, redo, undo, type History } from './history';

export interface StudioStore {
  /** Null until the first model's manifest gives the state its shape. */
  state: StudioState | null;
  history: History;
  /**
   * Apply an edit. `key` names the knob (e.g. "camera.elevationDeg", "objects.0.codes.shape"): consecutive
   * edits with the same key within a short window are one undo step (a drag).
   */
  edit(update: (state: StudioState) => StudioState, key?: string): void;
  /** Replace the whole state (model load, PNG drop, URL), as one undo step unless `resetHistory`. */
  replace(state: StudioState, options?: { resetHistory?: boolean }): void;
  undo(): void;
  redo(): void;
}

export const useStudioStore = create<StudioStore>()((set, get) => ({
  state: null,
  history: emptyHistory(),
  edit(update, key) {
    const { state, history } = get();
    if (!state) return;
    const next = update(state);
    if (next === state) return;
    set({ state: next, history: recordEdit(history, state, key ?? null, Date.now()) });
  },
  replace(state, options) {
    const current = get();
    if (options?.resetHistory || !current.state) {
      set({ state, history: emptyHistory() });
      return;
    }
    set({ state, history: recordEdit(current.history, current.state, null, Date.now()) });
  },
  undo() {
    const { state, history } = get();
    if (!state) return;
    const result = undo(history, state);
    if (result) set(result);
  },
  redo() {
    const { state, history } = get();
    if (!state) return;
    const result = redo(history, state);
    if (result) set(result);
  },
}));
