/**
 * A quick sweep as keyframes: the base state with every track at `from` on frame 0 and at `to` on the last
 * frame (or, for a loop, on frame N, which is not rendered). Angles move as written ('turns'), because a
 * sweep's numbers are the user's intent: 0 -> 360 is a full turn, not a standstill. Writing a code knob
 * drops a reference-image vector on that code, as moving the knob in the panel would.
 */
import type { Manifest } from '../families/manifest';
import { StudioError } from '../lib/errors';
import type { StudioState } from '../state/studioState';
import { getAtPath, setKnobValue } from '../state/statePath';
import { sweepableKnobs } from './knobs';
import type { KeyframesSpec, SweepSpec, SweepTrack } from './spec';

/** The base state with every track's knob set to `pick(track)`. */
export function applyTracks(base: StudioState, tracks: readonly SweepTrack[], pick: (track: SweepTrack) => number): StudioState {
  return tracks.reduce((state, track) => setKnobValue(state, track.path, pick(track)), base);
}

/**
 * Refuses tracks that do not name a sweepable knob of this model, or name one twice. Messages name the
 * track (`tracks[1].path`) like the schema's do.
 */
export function checkTracks(spec: SweepSpec, manifest: Manifest): void {
  const allowed = new Set(sweepableKnobs(manifest, spec.base).map((k) => k.path));
  const seen = new Map<string, number>();
  spec.tracks.forEach((track, i) => {
    if (!allowed.has(track.path) || typeof getAtPath(spec.base, track.path) !== 'number') {
      throw new StudioError('spec-invalid', `sequence spec: tracks[${i}].path: "${track.path}" is not a knob a sweep can move on ${manifest.id}`);
    }
    const first = seen.get(track.path);
    if (first !== undefined) throw new StudioError('spec-invalid', `sequence spec: tracks[${i}].path: "${track.path}" is already swept by tracks[${first}]`);
    seen.set(track.path, i);
  });
}

/** The sweep as an equivalent keyframes spec (same frames, fps, output, easing). */
export function sweepToKeyframes(spec: SweepSpec): KeyframesSpec {
  const start = applyTracks(spec.base, spec.tracks, (t) => t.from);
  const end = applyTracks(spec.base, spec.tracks, (t) => t.to);
  const endFrame = spec.loop ? spec.frames : spec.frames - 1;
  const keyframes = endFrame > 0 ? [{ frame: 0, state: start }, { frame: endFrame, state: end }] : [{ frame: 0, state: start }];
  return {
    format: spec.format,
    version: spec.version,
    ...(spec.name !== undefined ? { name: spec.name } : {}),
    kind: 'keyframes',
    modelId: spec.modelId,
    frames: spec.frames,
    fps: spec.fps,
    output: spec.output,
    easing: spec.easing,
    angles: 'turns',
    keyframes,
  };
}
