/**
 * StudioState: the one serialisable source of truth. A URL, a PNG's metadata, a preset and a
 * sequence keyframe are all this type, so it must stay plain JSON (no class instances, no typed arrays
 * except `vector`, stored as a number[]).
 *
 * It is family-agnostic: codes are keyed by the manifest's factor ids; geometry is in physical units
 * (degrees, the model's world units). Only a family adapter turns it into tensors.
 */
import { z } from 'zod';

export const STATE_VERSION = 1;

/** A continuous latent: seeded normal vector, slerped towards a second seed, scaled by truncation. */
export const latentCodeSchema = z.object({
  kind: z.literal('latent'),
  seed: z.number().int().min(0).max(2 ** 32 - 1),
  seed2: z.number().int().min(0).max(2 ** 32 - 1),
  /** 0 = seed, 1 = seed2, spherical interpolation in between. */
  blend: z.number().finite(),
  /** Multiplies the unit-variance vector (GIRAFFE's sample_tmp). */
  truncation: z.number().finite().min(0),
  /** Set when the code came from a reference image (encoder or PNG): overrides the seeds until a knob moves. */
  vector: z.array(z.number().finite()).optional(),
});

/** A categorical code: class index blended towards a second class (soft one-hot). */
export const categoricalCodeSchema = z.object({
  kind: z.literal('categorical'),
  index: z.number().int().min(0),
  index2: z.number().int().min(0),
  blend: z.number().finite().min(0).max(1),
  /** Soft one-hot from an encoder; overrides index/index2/blend until a knob moves. */
  probabilities: z.array(z.number().finite().min(0)).optional(),
});

export const codeSchema = z.discriminatedUnion('kind', [latentCodeSchema, categoricalCodeSchema]);

const vec3Schema = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);

export const objectStateSchema = z.object({
  /** Codes of object-scoped factors (e.g. shape, texture), keyed by factor id. */
  codes: z.record(z.string(), codeSchema),
  /** World units, in the model's own (z-up for GIRAFFE) convention. */
  translation: vec3Schema,
  /** Half-size of the object's box in world units (uniform). */
  scale: z.number().finite(),
  /** Pose: rotation about the world up axis, degrees. */
  rotationDeg: z.number().finite(),
  present: z.boolean(),
});

export const cameraStateSchema = z.object({
  elevationDeg: z.number().finite(),
  azimuthDeg: z.number().finite(),
  radius: z.number().finite().positive(),
  fovDeg: z.number().finite().gt(0).lt(180),
});

export const studioStateSchema = z.object({
  version: z.literal(STATE_VERSION),
  modelId: z.string().min(1),
  /** Codes of global factors (background, MixNMatch pose...), keyed by factor id. */
  codes: z.record(z.string(), codeSchema),
  objects: z.array(objectStateSchema),
  camera: cameraStateSchema,
  backgroundRotationDeg: z.number().finite(),
});

export type LatentCode = z.infer<typeof latentCodeSchema>;
export type CategoricalCode = z.infer<typeof categoricalCodeSchema>;
export type Code = z.infer<typeof codeSchema>;
export type ObjectState = z.infer<typeof objectStateSchema>;
export type CameraState = z.infer<typeof cameraStateSchema>;
export type StudioState = z.infer<typeof studioStateSchema>;
