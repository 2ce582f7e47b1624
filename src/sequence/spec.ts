/**
 * The sequence spec: what a PNG sequence is, as plain JSON, so the timeline, a saved spec file and the
 * command-line renderer all read the same thing. Two kinds: keyframes (full StudioStates at frame indices)
 * and a quick sweep (knob paths from -> to over N frames on a base state). Frames are integer indices, so a
 * keyframe is always hit exactly; times in seconds are only `frame / fps` for display and playback.
 */
import { z } from 'zod';
import { studioStateSchema } from '../state/studioState';

export const SPEC_FORMAT = 'disentangle-studio/sequence';
export const SPEC_VERSION = 1;
/** An upper bound that keeps a typo (1e9 frames) from starting an endless export. */
export const MAX_FRAMES = 1_000_000;

export const easingSchema = z.enum(['linear', 'ease-in', 'ease-out', 'ease-in-out']);

/**
 * How angles (azimuth, object and background rotation) move between keyframes: `shortest` takes the shorter
 * way round (350 -> 10 passes 0), `turns` moves by the numbers as written (0 -> 360 is one full turn).
 */
export const angleModeSchema = z.enum(['shortest', 'turns']);

/** Integer upscaling of the model's native resolution for the exported PNGs. */
export const outputSchema = z.object({
  scale: z.union([z.literal(1), z.literal(2), z.literal(4)]),
  filter: z.enum(['nearest', 'smooth']),
});

const framesSchema = z
  .number()
  .int('frames must be a whole number')
  .min(1, 'a sequence needs at least 1 frame')
  .max(MAX_FRAMES, `at most ${MAX_FRAMES} frames`);

const common = {
  format: z.literal(SPEC_FORMAT),
  version: z.literal(SPEC_VERSION),
  /** Shown in the timeline and written to sequence.json. */
  name: z.string().optional(),
  modelId: z.string().min(1),
  /** Number of frames rendered, indices 0..frames-1. */
  frames: framesSchema,
  /** Playback rate of the preview (and a hint for whoever assembles a video). */
  fps: z.number().finite().positive().max(240).default(24),
  output: outputSchema.default({ scale: 1, filter: 'nearest' }),
};

export const keyframeSchema = z.object({
  /** Frame index; may equal `frames` for an end keyframe that closes a loop and is not rendered itself. */
  frame: z.number().int().min(0),
  state: studioStateSchema,
  /** Easing of the segment from this keyframe to the next; the spec's easing when absent. */
  easing: easingSchema.optional(),
});

export const keyframesSpecSchema = z.object({
  ...common,
  kind: z.literal('keyframes'),
  easing: easingSchema.default('linear'),
  angles: angleModeSchema.default('shortest'),
  keyframes: z.array(keyframeSchema).min(1, 'at least one keyframe'),
});

export const sweepTrackSchema = z.object({
  /** A sweepable knob path, e.g. "camera.azimuthDeg", "objects.0.codes.shape.blend" (see knobs.ts). */
  path: z.string().min(1),
  from: z.number().finite(),
  to: z.number().finite(),
});

export const sweepSpecSchema = z.object({
  ...common,
  kind: z.literal('sweep'),
  /** The state every frame starts from; the tracks overwrite their knobs. */
  base: studioStateSchema,
  tracks: z.array(sweepTrackSchema).min(1, 'at least one track'),
  easing: easingSchema.default('linear'),
  /**
   * true: `to` is reached at frame `frames`, which is not rendered, so the last frame steps into the first
   * exactly like every other step (a 0 -> 360 turntable loops seamlessly). false: the last frame is `to`.
   */
  loop: z.boolean().default(false),
});

export const sequenceSpecSchema = z.discriminatedUnion('kind', [keyframesSpecSchema, sweepSpecSchema]);

export type Easing = z.infer<typeof easingSchema>;
export type AngleMode = z.infer<typeof angleModeSchema>;
export type OutputOptions = z.infer<typeof outputSchema>;
export type Keyframe = z.infer<typeof keyframeSchema>;
export type KeyframesSpec = z.infer<typeof keyframesSpecSchema>;
export type SweepTrack = z.infer<typeof sweepTrackSchema>;
export type SweepSpec = z.infer<typeof sweepSpecSchema>;
export type SequenceSpec = z.infer<typeof sequenceSpecSchema>;
/** What a caller may write: defaults (fps, output, easing, angles, loop) filled in by parsing. */
export type SequenceSpecInput = z.input<typeof sequenceSpecSchema>;
