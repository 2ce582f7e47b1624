/**
 * The latest generated frame, for the viewport. A store rather than a prop so that a new frame at 30 fps
 * re-renders only the viewport, not the layout around it. The controller calls `showFrame` after each run.
 */
import { create } from 'zustand';

export interface Frame {
  width: number;
  height: number;
  /** width * height * 4 bytes, row-major RGBA. */
  rgba: Uint8ClampedArray;
}

export interface FrameStore {
  frame: Frame | null;
  /** How many output values were NaN/Inf in the frame (the viewport warns instead of showing a silent black image). */
  nonFinite: number;
  /** Counts frames shown, so a test or the bench can tell a re-render that gave identical pixels. */
  seq: number;
  showFrame(frame: Frame, nonFinite?: number): void;
  clear(): void;
}

export const useFrameStore = create<FrameStore>()((set) => ({
  frame: null,
  nonFinite: 0,
  seq: 0,
  showFrame: (frame, nonFinite = 0) => set((s) => ({ frame, nonFinite, seq: s.seq + 1 })),
  clear: () => set({ frame: null, nonFinite: 0 }),
}));
