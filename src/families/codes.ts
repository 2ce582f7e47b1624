/**
 * Code knobs -> code vectors. Family-agnostic: GIRAFFE's latents and MixNMatch's categorical codes are both
 * built here so that the same knob state gives the same vector in every adapter, the mixer and the exporter.
 */
import { seededNormal } from '../lib/rng';
import { StudioError } from '../lib/errors';
import type { CategoricalCode, Code, LatentCode } from '../state/studioState';
import { anchorsOf, withAnchor } from './anchors';
import type { Factor } from './manifest';

/** Below this angle (radians) between the endpoints slerp falls back to lerp: sin(omega) ~ 0. */
const PARALLEL_EPS = 1e-6;

/**
 * Spherical interpolation, GIRAFFE's interpolate_sphere (im2scene/common.py): walks the great circle, so
 * midpoints of two N(0,I) samples keep a typical norm (a linear mix would shrink them towards the origin and
 * out of the trained distribution). `t` outside [0,1] extrapolates along the same circle. Near-parallel (and
 * exactly anti-parallel) endpoints, where sin(omega) ~ 0, use linear interpolation instead.
 */
export function slerp(a: ArrayLike<number>, b: ArrayLike<number>, t: number): Float32Array {
  if (a.length !== b.length) throw new RangeError(`slerp: lengths differ (${a.length} vs ${b.length})`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  const out = new Float32Array(a.length);
  const denom = Math.sqrt(na) * Math.sqrt(nb);
  const cos = denom > 0 ? Math.min(1, Math.max(-1, dot / denom)) : 1;
  const omega = Math.acos(cos);
  const sinOmega = Math.sin(omega);
  let wa: number;
  let wb: number;
  if (Math.abs(sinOmega) < PARALLEL_EPS) {
    wa = 1 - t;
    wb = t;
  } else {
    wa = Math.sin((1 - t) * omega) / sinOmega;
    wb = Math.sin(t * omega) / sinOmega;
  }
  for (let i = 0; i < a.length; i++) out[i] = wa * a[i] + wb * b[i];
  return out;
}

/**
 * A latent code's vector: normal(seed) slerp normal(seed2) by blend, times truncation (GIRAFFE's sample
 * temperature). A `vector` from a reference image is used as-is (no truncation: it already is the code).
 */
export function latentVector(code: LatentCode, dim: number, factorId = 'latent'): Float32Array {
  if (code.vector) {
    if (code.vector.length !== dim)
      throw new StudioError(
        'state-invalid',
        `Code "${factorId}" has a vector of length ${code.vector.length}; the model expects ${dim}.`,
      );
    return Float32Array.from(code.vector);
  }
  const a = seededNormal(code.seed, dim);
  const v = code.blend === 0 ? a : slerp(a, seededNormal(code.seed2, dim), code.blend);
  for (let i = 0; i < dim; i++) v[i] *= code.truncation;
  return v;
}

/** Number of classes of a categorical factor (names or a count). */
export function classCount(classes: string[] | number): number {
  return typeof classes === 'number' ? classes : classes.length;
}

/**
 * A categorical code's soft one-hot of length K: (1 - blend) at `index`, blend at `index2` (summing to 1).
 * `probabilities` from an encoder win when present; they are normalised to sum to 1.
 */
export function softOneHot(code: CategoricalCode, k: number, factorId = 'categorical'): Float32Array {
  const out = new Float32Array(k);
  if (code.probabilities) {
    if (code.probabilities.length !== k)
      throw new StudioError(
        'state-invalid',
        `Code "${factorId}" has ${code.probabilities.length} probabilities; the model has ${k} classes.`,
      );
    const sum = code.probabilities.reduce((acc, p) => acc + p, 0);
    if (!(sum > 0))
      throw new StudioError('state-invalid', `Code "${factorId}" has probabilities that sum to 0.`);
    code.probabilities.forEach((p, i) => (out[i] = p / sum));
    return out;
  }
  for (const [name, value] of [
    ['index', code.index],
    ['index2', code.index2],
  ] as const) {
    if (!Number.isInteger(value) || value < 0 || value >= k)
      throw new StudioError(
        'state-invalid',
        `Code "${factorId}": ${name} ${value} is out of range; the model has ${k} classes (0..${k - 1}).`,
      );
  }
  out[code.index] += 1 - code.blend;
  out[code.index2] += code.blend;
  return out;
}

/** Length of a factor's code vector: D for a latent, K for a categorical. */
export function codeLength(factor: Factor): number {
  return factor.kind === 'latent' ? factor.dim : classCount(factor.classes);
}

/**
 * The vector a factor's code feeds, checking that the state has a code of the right kind. `where` names the
 * code in messages ("codes.background", "objects.1.codes.shape").
 */
export function codeVector(code: Code | undefined, factor: Factor, where: string): Float32Array {
  if (!code) throw new StudioError('state-invalid', `The state has no code "${where}" for factor "${factor.id}".`);
  if (code.kind !== factor.kind)
    throw new StudioError(
      'state-invalid',
      `Code "${where}" is ${code.kind}; the model's factor "${factor.id}" is ${factor.kind}.`,
    );
  return code.kind === 'latent'
    ? latentVector(code, codeLength(factor), where)
    : softOneHot(code, codeLength(factor), where);
}

/**
 * A factor's starting code: a latent at `seed`, blending towards `seed + 1`, at the manifest's default
 * truncation (set to a named anchor when the factor has anchors); a categorical at class 0, blending
 * towards class 1 (class 0 again for a one-class factor).
 * Shared by every family so that "reset" means the same thing for a GIRAFFE and a MixNMatch code.
 */
export function defaultCode(factor: Factor, seed = 0): Code {
  if (factor.kind === 'latent') {
    const code: LatentCode = { kind: 'latent', seed, seed2: seed + 1, blend: 0, truncation: factor.truncation.default };
    // A factor with named anchors starts at one (seed 0 -> the second anchor: "cube" rather than "sphere",
    // "red checker" rather than "red solid"), never between classes where a seed would land.
    const anchors = anchorsOf(factor);
    return anchors.length > 0 ? withAnchor(code, anchors, (seed + 1) % anchors.length) : code;
  }
  const k = classCount(factor.classes);
  return { kind: 'categorical', index: 0, index2: Math.min(1, k - 1), blend: 0 };
}
