/**
 * Feeds the mixer's history with what the studio shows: at most one entry per THROTTLE_MS, taken after the
 * image settles (a knob drag gives one entry, not sixty), and always for an image the user saves.
 */
import { thumbnailOfPixels } from '../mixer/thumbnails';
import { deepEqual } from '../mixer/deepEqual';
import { useStudioStore } from '../state/studioStore';
import { useFrameStore } from '../ui/frameStore';
import { useHistoryStore } from '../ui/mixer/historyStore';

const THROTTLE_MS = 1500;

/** Adds the frame on screen and its state now (dropped when the newest entry already shows that state). */
export async function recordCurrentImage(): Promise<void> {
  const frame = useFrameStore.getState().frame;
  const state = useStudioStore.getState().state;
  if (!frame || !state) return;
  const newest = useHistoryStore.getState().entries[0];
  if (newest && deepEqual(newest.state, state)) return;
  const thumbnail = await thumbnailOfPixels(frame.rgba, frame.width, frame.height);
  if (useStudioStore.getState().state !== state) return; // moved on while encoding the thumbnail
  useHistoryStore.getState().add(state, thumbnail);
}

/** Starts feeding; returns the unsubscribe. */
export function startImageHistory(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = useFrameStore.subscribe((s, previous) => {
    if (s.frame === previous.frame) return;
    clearTimeout(timer);
    timer = setTimeout(() => void recordCurrentImage().catch(() => undefined), THROTTLE_MS);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
