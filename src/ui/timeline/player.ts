/**
 * Scrub and play: show a frame of the sequence in the studio through the store's preview path (no undo
 * step per frame; the user's own state is kept and "Back to my state" restores it). The controller renders
 * each previewed state on the latest-wins lane, so playback faster than the model skips frames in the
 * preview, never in an export.
 */
import { asKeyframes, stateAtFrame } from '../../sequence/sampling';
import { StudioError } from '../../lib/errors';
import { useSessionStore } from '../../state/sessionStore';
import { useStudioStore } from '../../state/studioStore';
import { useTimelineStore } from './timelineStore';

let timer: ReturnType<typeof setInterval> | undefined;

/** Shows frame `frame` (clamped) of the sequence in the studio and moves the scrubber there. */
export function showFrame(frame: number): void {
  const { spec, setCursor } = useTimelineStore.getState();
  const manifest = useSessionStore.getState().manifest;
  if (!spec) return;
  const clamped = Math.max(0, Math.min(spec.frames - 1, Math.round(frame)));
  setCursor(clamped);
  if (!manifest || manifest.id !== spec.modelId) {
    pause();
    useSessionStore.getState().notify('warning', `This sequence is for model "${spec.modelId}": open it to preview the sequence.`);
    return;
  }
  try {
    useStudioStore.getState().preview(stateAtFrame(asKeyframes(spec), manifest, clamped));
  } catch (error) {
    pause();
    const e = StudioError.from(error);
    useSessionStore.getState().notify('error', e.message, { code: e.code });
  }
}

export function pause(): void {
  clearInterval(timer);
  timer = undefined;
  useTimelineStore.getState().setPlaying(false);
}

/** Plays from the scrubber's frame at the spec's fps, looping, until paused. */
export function play(): void {
  const { spec } = useTimelineStore.getState();
  if (!spec || timer !== undefined) return;
  useTimelineStore.getState().setPlaying(true);
  showFrame(useTimelineStore.getState().cursor);
  timer = setInterval(() => {
    const { spec: current, cursor } = useTimelineStore.getState();
    if (!current) return pause();
    showFrame((cursor + 1) % current.frames);
  }, 1000 / spec.fps);
}

/** Space and the play button. */
export function togglePlay(): void {
  if (useTimelineStore.getState().playing) pause();
  else play();
}

/** Ends the preview: back to the state the user had before scrubbing, or keep the shown frame (one undo step). */
export function endPreview(mode: 'restore' | 'keep'): void {
  pause();
  useStudioStore.getState().endPreview(mode);
}
