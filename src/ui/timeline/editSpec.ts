/**
 * Timeline edits from clicks: apply a pure spec edit (sequence/editKeyframes) and turn a refusal ("frame 12
 * already has a keyframe") into a notice instead of an exception in a handler. The user's own state (not a
 * previewed frame) is what presets and sweeps start from.
 */
import { StudioError } from '../../lib/errors';
import type { SequenceSpec } from '../../sequence/spec';
import { useSessionStore } from '../../state/sessionStore';
import { useStudioStore } from '../../state/studioStore';
import type { StudioState } from '../../state/studioState';
import { useTimelineStore } from './timelineStore';

export function editSpec(edit: (spec: SequenceSpec | null) => SequenceSpec | null): boolean {
  try {
    useTimelineStore.getState().setSpec(edit(useTimelineStore.getState().spec));
    return true;
  } catch (error) {
    const e = StudioError.from(error, 'spec-invalid');
    useSessionStore.getState().notify('warning', e.message, { code: e.code });
    return false;
  }
}

/** The state the user set up, ignoring a frame the preview is showing. */
export function userState(): StudioState | null {
  const { state, previewBase } = useStudioStore.getState();
  return previewBase ?? state;
}
