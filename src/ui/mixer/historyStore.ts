/**
 * The studio's recent images, for "from history" in the mixer: the last few rendered states with a
 * thumbnail, newest first. In memory only; each entry's state is exact, so picking one mixes like a studio PNG.
 */
import { create } from 'zustand';
import type { StudioState } from '../../state/studioState';

export const HISTORY_LENGTH = 12;

export interface HistoryEntry {
  id: number;
  state: StudioState;
  thumbnail: string;
}

export interface HistoryStore {
  entries: HistoryEntry[];
  add(state: StudioState, thumbnail: string): void;
  clear(): void;
}

let nextId = 1;

export const useHistoryStore = create<HistoryStore>()((set) => ({
  entries: [],
  add: (state, thumbnail) =>
    set((s) => ({ entries: [{ id: nextId++, state, thumbnail }, ...s.entries.filter((e) => e.state !== state)].slice(0, HISTORY_LENGTH) })),
  clear: () => set({ entries: [] }),
}));
