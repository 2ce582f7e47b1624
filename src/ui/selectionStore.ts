/**
 * What the user is pointing at, outside StudioState because it is not part of a reproducible image: the
 * object whose knobs the panel shows (the rig may select a box too) and the factor that "randomize selected
 * factor" (R) acts on — the last factor the user touched.
 */
import { create } from 'zustand';

export interface SelectionStore {
  selectedObject: number;
  /** A path for actions.randomize, e.g. "objects.0.codes.shape"; null = none touched yet. */
  selectedFactor: string | null;
  selectObject(index: number): void;
  selectFactor(path: string | null): void;
}

export const useSelectionStore = create<SelectionStore>()((set) => ({
  selectedObject: 0,
  selectedFactor: null,
  selectObject: (index) => set({ selectedObject: Math.max(0, Math.trunc(index) || 0) }),
  selectFactor: (path) => set({ selectedFactor: path }),
}));
