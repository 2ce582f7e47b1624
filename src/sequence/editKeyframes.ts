/**
 * Timeline edits as pure functions on a spec: add a keyframe (the current StudioState at a frame), remove
 * one, move one, change the length. Each returns a spec that parseSequenceSpec accepts (keyframes sorted,
 * no two on one frame, inside the sequence), or throws StudioError('spec-invalid') saying why not. Editing a
 * sweep first turns it into its keyframes, so a preset can be refined by hand.
 */
import { StudioError } from '../lib/errors';
import type { StudioState } from '../state/studioState';
import { asKeyframes } from './sampling';
import { SPEC_FORMAT, SPEC_VERSION, type Easing, type KeyframesSpec, type SequenceSpec } from './spec';

/** Length of a sequence started from one keyframe: one second at the default 24 fps. */
export const DEFAULT_FRAMES = 24;

/** A fresh keyframes spec holding `state` at frame 0. */
export function newKeyframesSpec(state: StudioState, frames = DEFAULT_FRAMES): KeyframesSpec {
  return {
    format: SPEC_FORMAT,
    version: SPEC_VERSION,
    kind: 'keyframes',
    modelId: state.modelId,
    frames,
    fps: 24,
    output: { scale: 1, filter: 'nearest' },
    easing: 'linear',
    angles: 'shortest',
    keyframes: [{ frame: 0, state }],
  };
}

function checkFrame(spec: KeyframesSpec, frame: number): void {
  if (!Number.isInteger(frame) || frame < 0 || frame > spec.frames) {
    throw new StudioError('spec-invalid', `frame ${frame} is outside the sequence (0..${spec.frames})`);
  }
}

function checkModel(spec: SequenceSpec, state: StudioState): void {
  if (state.modelId !== spec.modelId) {
    throw new StudioError('spec-invalid', `the sequence is for model "${spec.modelId}"; the studio shows "${state.modelId}". Load that model or start a new sequence.`);
  }
}

/** Adds `state` at `frame`, replacing a keyframe already there. */
export function addKeyframe(spec: SequenceSpec | null, frame: number, state: StudioState): KeyframesSpec {
  if (!spec) return { ...newKeyframesSpec(state, Math.max(DEFAULT_FRAMES, frame + 1)), keyframes: [{ frame, state }] };
  checkModel(spec, state);
  const keyed = asKeyframes(spec);
  checkFrame(keyed, frame);
  const others = keyed.keyframes.filter((k) => k.frame !== frame);
  const keyframes = [...others, { frame, state }].sort((a, b) => a.frame - b.frame);
  return { ...keyed, keyframes };
}

/** Removes keyframe `index`; null when it was the last one (no sequence left). */
export function removeKeyframe(spec: SequenceSpec, index: number): KeyframesSpec | null {
  const keyed = asKeyframes(spec);
  const keyframes = keyed.keyframes.filter((_, i) => i !== index);
  return keyframes.length > 0 ? { ...keyed, keyframes } : null;
}

/** Moves keyframe `index` to `frame`; refuses a frame another keyframe holds. */
export function moveKeyframe(spec: SequenceSpec, index: number, frame: number): KeyframesSpec {
  const keyed = asKeyframes(spec);
  checkFrame(keyed, frame);
  const clash = keyed.keyframes.findIndex((k, i) => i !== index && k.frame === frame);
  if (clash >= 0) throw new StudioError('spec-invalid', `frame ${frame} already has a keyframe`);
  const keyframes = keyed.keyframes.map((k, i) => (i === index ? { ...k, frame } : k)).sort((a, b) => a.frame - b.frame);
  return { ...keyed, keyframes };
}

/** Sets the segment easing of keyframe `index` (towards the next keyframe). */
export function setKeyframeEasing(spec: SequenceSpec, index: number, easing: Easing): KeyframesSpec {
  const keyed = asKeyframes(spec);
  return { ...keyed, keyframes: keyed.keyframes.map((k, i) => (i === index ? { ...k, easing } : k)) };
}

/** Changes the number of frames; refuses to cut off a keyframe. */
export function setFrameCount(spec: SequenceSpec, frames: number): SequenceSpec {
  if (!Number.isInteger(frames) || frames < 1) throw new StudioError('spec-invalid', 'a sequence needs at least 1 frame');
  if (spec.kind === 'keyframes') {
    const last = spec.keyframes[spec.keyframes.length - 1].frame;
    if (last > frames) throw new StudioError('spec-invalid', `a keyframe sits at frame ${last}: move or remove it before shortening to ${frames} frames`);
  }
  return { ...spec, frames };
}
