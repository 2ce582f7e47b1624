/**
 * The studio store: the current StudioState plus its undo history. Components edit through `edit`, which
 * records history; loading a model or a saved state goes through `replace`. Read outside React with
 * useStudioStore.getState() (e.g. in the three.js frame loop), never setState per animation frame.
 *
 * A sequence preview (scrub, play) shows other states through `preview`, which records no undo step and
 * keeps the user's own state in `previewBase`: ending the preview restores it, or keeps the shown frame as
 * one undo step; an edit during a preview applies to the shown frame and undoes back to the user's state.
 */
import { create } from 'zustand';
import type { StudioState } from './studioState';
import { beginGesture, emptyHistory, endGesture, recordEdit, redo, undo, type History } from './history';

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
  /** A drag starts / ends (rig): all edits in between are one undo step, however long the pauses. */
  beginGesture(): void;
  endGesture(): void;
  /** The user's own state while a preview shows another; null when no preview is on. */
  previewBase: StudioState | null;
  /** Shows `state` without an undo step (sequence scrub and play); the first call keeps the user's state. */
  preview(state: StudioState): void;
  /** Ends a preview: `restore` goes back to the user's state, `keep` leaves the shown frame as one undo step. */
  endPreview(mode: 'restore' | 'keep'): void;
}

export const useStudioStore = create<StudioStore>()((set, get) => ({
  state: null,
  history: emptyHistory(),
  previewBase: null,
  edit(update, key) {
    const { state, history, previewBase } = get();
    if (!state) return;
    const next = update(state);
    if (next === state) return;
    // During a preview the undo step goes back to the user's own state, not to a previewed frame.
    const previous = previewBase ?? state;
    set({ state: next, previewBase: null, history: recordEdit(history, previous, previewBase ? null : key ?? null, Date.now()) });
  },
  replace(state, options) {
    const current = get();
    if (options?.resetHistory || !current.state) {
      set({ state, previewBase: null, history: emptyHistory() });
      return;
    }
    const previous = current.previewBase ?? current.state;
    set({ state, previewBase: null, history: recordEdit(current.history, previous, null, Date.now()) });
  },
  undo() {
    const { state, history, previewBase } = get();
    if (!state) return;
    if (previewBase) {
      set({ state: previewBase, previewBase: null });
      return;
    }
    const result = undo(history, state);
    if (result) set(result);
  },
  redo() {
    const { history, previewBase } = get();
    const state = previewBase ?? get().state;
    if (!state) return;
    const result = redo(history, state);
    if (result) set({ ...result, previewBase: null });
  },
  beginGesture() {
    set({ history: beginGesture(get().history) });
  },
  endGesture() {
    set({ history: endGesture(get().history) });
  },
  preview(state) {
    const current = get();
    if (!current.state) return;
    set({ state, previewBase: current.previewBase ?? current.state });
  },
  endPreview(mode) {
    const { state, history, previewBase } = get();
    if (!previewBase || !state) return;
    if (mode === 'restore' || state === previewBase) set({ state: previewBase, previewBase: null });
    else set({ previewBase: null, history: recordEdit(history, previewBase, null, Date.now()) });
  },
}));
