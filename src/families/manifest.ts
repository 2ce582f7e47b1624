/**
 * The model bundle manifest (models/<id>/manifest.json). It tells the studio which knobs a model has,
 * which ONNX input feeds each knob, and the trained ranges (values outside them are marked as
 * extrapolation). Validated with zod first, then against the real ONNX session (see validateAgainstSession).
 */
import { z } from 'zod';

/** A range a model was trained on; `default` is where the knob starts. */
const rangeSchema = z
  .object({ min: z.number().finite(), max: z.number().finite(), default: z.number().finite() })
  .refine((r) => r.min <= r.max, { message: 'min must be <= max' });

/** A dimension: a fixed size or the symbolic batch axis. */
const dimSchema = z.union([z.number().int().positive(), z.literal('batch')]);

/**
 * What an input tensor carries. `code:<factor>` is a latent/categorical code (global: [batch, D],
 * object-scoped: [batch, objects, D]); the rest are geometry the adapter computes.
 */
export const inputRoleSchema = z.union([
  z.templateLiteral(['code:', z.string()]),
  z.enum([
    'camera.world', // [batch,4,4] camera-to-world, GIRAFFE world_mat
    'camera.focal', // [batch,1] focal length on pixel coords in [-1,1]: 1/tan(fov/2)
    'objects.scale', // [batch,N,3]
    'objects.translation', // [batch,N,3]
    'objects.rotation', // [batch,N,3,3] world -> box rotation R (p_box = R(p - t)/s)
    'objects.presence', // [batch,N] 1 = object exists
    'background.rotation', // [batch,3,3]
  ]),
]);

export const tensorSpecSchema = z.object({
  name: z.string().min(1),
  shape: z.array(dimSchema).min(1),
});

export const inputSpecSchema = tensorSpecSchema.extend({ role: inputRoleSchema });

export const outputSpecSchema = tensorSpecSchema.extend({
  /** `image` is what the viewport shows; the others are optional layers. */
  role: z.enum(['image', 'mask', 'foreground', 'background']),
  /** Value range of the tensor; mapped linearly to 0..255. */
  range: z.tuple([z.number(), z.number()]),
});

/**
 * A named point of a latent factor's code space: a class the generator was trained on ("cube", "red
 * checker", "desert"). A model trained on per-class codes draws its classes at these vectors and only
 * in-betweens elsewhere, so the knob panel offers them by name, randomize picks among them and the mixer
 * names the nearest one.
 */
export const anchorSchema = z.object({ name: z.string().min(1), vector: z.array(z.number().finite()).min(1) });

export const factorSchema = z.discriminatedUnion('kind', [
  z
    .object({
      id: z.string().min(1),
      /** Word shown on the knob: shape, texture, background, pose... */
      label: z.string().min(1),
      kind: z.literal('latent'),
      scope: z.enum(['global', 'object']),
      dim: z.number().int().positive(),
      truncation: rangeSchema,
      anchors: z.array(anchorSchema).min(1).optional(),
    })
    .superRefine((f, ctx) => {
      f.anchors?.forEach((a, i) => {
        if (a.vector.length !== f.dim)
          ctx.addIssue({ code: 'custom', path: ['anchors', i, 'vector'], message: `anchor "${a.name}" has ${a.vector.length} values; the factor's dim is ${f.dim}` });
      });
    }),
  z.object({
    id: z.string().min(1),
    label: z.string().min(1),
    kind: z.literal('categorical'),
    scope: z.enum(['global', 'object']),
    /** Class names, or a count when the model has no names. */
    classes: z.union([z.array(z.string()).min(1), z.number().int().positive()]),
  }),
]);

export const cameraSpecSchema = z.object({
  /** GIRAFFE: sphere around the origin, world up = +z, look-at origin. */
  convention: z.literal('giraffe'),
  elevationDeg: rangeSchema,
  azimuthDeg: rangeSchema,
  radius: rangeSchema,
  fovDeg: rangeSchema,
  /** Depth range sampled along each ray, for drawing the frustum. */
  depthRange: z.tuple([z.number().positive(), z.number().positive()]),
});

export const objectsSpecSchema = z.object({
  count: z.number().int().positive(),
  /** Objects beyond the first may be switched off (existence mask input). */
  optional: z.boolean(),
  scale: rangeSchema,
  translation: z.object({ x: rangeSchema, y: rangeSchema, z: rangeSchema }),
  rotationDeg: rangeSchema,
});

export const encoderSpecSchema = z.object({
  file: z.string().min(1),
  input: tensorSpecSchema.extend({ range: z.tuple([z.number(), z.number()]) }),
  outputs: z.array(
    tensorSpecSchema.extend({
      /** `code:<factor>` for a latent, `logits:<factor>`/`probs:<factor>` for a categorical, or a geometry value. */
      role: z.string().min(1),
    }),
  ),
});

export const manifestSchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash, underscore'),
  name: z.string().min(1),
  family: z.enum(['giraffe', 'giraffe-hd', 'mixnmatch']),
  description: z.string(),
  /** [height, width] of the generator's image output. */
  resolution: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  generator: z.object({
    file: z.string().min(1),
    inputs: z.array(inputSpecSchema).min(1),
    outputs: z.array(outputSpecSchema).min(1),
  }),
  factors: z.array(factorSchema),
  camera: cameraSpecSchema.optional(),
  objects: objectsSpecSchema.optional(),
  backgroundRotationDeg: rangeSchema.optional(),
  encoder: encoderSpecSchema.optional(),
  /** Sample images shipped with the bundle (relative paths). */
  samples: z.array(z.string()).default([]),
  licence: z.string().optional(),
});

export type Range = z.infer<typeof rangeSchema>;
export type Dim = z.infer<typeof dimSchema>;
export type InputRole = z.infer<typeof inputRoleSchema>;
export type InputSpec = z.infer<typeof inputSpecSchema>;
export type OutputSpec = z.infer<typeof outputSpecSchema>;
export type Factor = z.infer<typeof factorSchema>;
export type CameraSpec = z.infer<typeof cameraSpecSchema>;
export type ObjectsSpec = z.infer<typeof objectsSpecSchema>;
export type Manifest = z.infer<typeof manifestSchema>;
