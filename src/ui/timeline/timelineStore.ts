/**
 * The timeline's own state: the sequence being edited (a spec, plain JSON like everything that makes an
 * image), the scrub position, playback, export settings and the running export. Apart from the studio
 * store: editing a sequence is not an image edit and must not enter undo.
 */
import { create } from 'zustand';
import type { ExportProgress } from '../../sequence/progress';
import type { CancelMode } from '../../sequence/exportSequence';
import type { OutputOptions, SequenceSpec } from '../../sequence/spec';

export interface ExportJob {
  progress: ExportProgress | null;
  cancel(mode: CancelMode): void;
}

export interface TimelineStore {
  spec: SequenceSpec | null;
  /** Frame the scrubber points at. */
  cursor: number;
  playing: boolean;
  /** Selected keyframe index (for remove / easing), or null. */
  selected: number | null;
  target: 'zip' | 'folder';
  output: OutputOptions;
  job: ExportJob | null;
  setSpec(spec: SequenceSpec | null): void;
  setCursor(frame: number): void;
  setPlaying(playing: boolean): void;
  select(index: number | null): void;
  setTarget(target: 'zip' | 'folder'): void;
  setOutput(output: Partial<OutputOptions>): void;
  setJob(job: ExportJob | null): void;
  setProgress(progress: ExportProgress): void;
}

export const useTimelineStore = create<TimelineStore>()((set) => ({
  spec: null,
  cursor: 0,
  playing: false,
  selected: null,
  target: 'zip',
  output: { scale: 1, filter: 'nearest' },
  job: null,
  setSpec: (spec) =>
    set((s) => ({
      spec,
      cursor: spec ? Math.min(s.cursor, spec.frames - 1) : 0,
      selected: spec?.kind === 'keyframes' && s.selected !== null && s.selected < spec.keyframes.length ? s.selected : null,
      ...(spec ? { output: spec.output } : {}),
    })),
  setCursor: (cursor) => set({ cursor }),
  setPlaying: (playing) => set({ playing }),
  select: (selected) => set({ selected }),
  setTarget: (target) => set({ target }),
  setOutput: (output) => set((s) => ({ output: { ...s.output, ...output } })),
  setJob: (job) => set({ job }),
  setProgress: (progress) => set((s) => (s.job ? { job: { ...s.job, progress } } : s)),
}));
