/**
 * Frame sampling: frame index -> StudioState. A frame on a keyframe returns that keyframe's state itself
 * (not a recomputation that could differ in the last bit); a frame between two keyframes interpolates with
 * the segment's easing; before the first / after the last keyframe the nearest keyframe holds. States are
 * produced one at a time, so a 10,000-frame sequence never exists in memory as a whole.
 */
import type { Manifest } from '../families/manifest';
import type { StudioState } from '../state/studioState';
import { ease } from './easing';
import { interpolateState } from './interpolateState';
import type { KeyframesSpec, SequenceSpec } from './spec';
import { sweepToKeyframes } from './sweep';

/** Keyframes of either kind of spec (a sweep compiled to its two keyframes). */
export function asKeyframes(spec: SequenceSpec): KeyframesSpec {
  return spec.kind === 'keyframes' ? spec : sweepToKeyframes(spec);
}

/** Index of the last keyframe at or before `frame` (keyframes sorted, checked by parseSequenceSpec). */
function segmentStart(spec: KeyframesSpec, frame: number): number {
  let lo = 0;
  let hi = spec.keyframes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spec.keyframes[mid].frame <= frame) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The state of frame `frame` (any integer; outside the keyframes the nearest one holds). */
export function stateAtFrame(spec: KeyframesSpec, manifest: Manifest, frame: number): StudioState {
  const keys = spec.keyframes;
  const i = segmentStart(spec, frame);
  const a = keys[i];
  if (frame <= a.frame || i === keys.length - 1) return a.state;
  const b = keys[i + 1];
  const t = ease(a.easing ?? spec.easing, (frame - a.frame) / (b.frame - a.frame));
  return interpolateState(a.state, b.state, t, manifest, spec.angles);
}

/** Every frame's state in order, lazily. */
export function* frameStates(spec: SequenceSpec, manifest: Manifest, from = 0): Generator<{ index: number; state: StudioState }> {
  const keyframes = asKeyframes(spec);
  for (let index = from; index < spec.frames; index++) yield { index, state: stateAtFrame(keyframes, manifest, index) };
}
