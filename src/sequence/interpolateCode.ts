/**
 * In-between codes. When two keyframes differ only in a code's continuous knobs (the same seeds, the same
 * classes), the knobs themselves are interpolated: blend moves along the seed -> seed2 great circle, which
 * is slerp, and the frame's state stays small and readable. Otherwise the two keyframes' resolved vectors
 * are blended (slerp for latents, a soft one-hot mix for classes) and stored in the frame's state as a
 * `vector` / `probabilities` override, so every exported PNG still reproduces its frame exactly.
 */
import { codeLength, latentVector, slerp, softOneHot } from '../families/codes';
import type { Factor } from '../families/manifest';
import type { CategoricalCode, Code, LatentCode } from '../state/studioState';
import { lerp } from './angles';

function latentBetween(a: LatentCode, b: LatentCode, t: number, dim: number, where: string): LatentCode {
  if (!a.vector && !b.vector && a.seed === b.seed && a.seed2 === b.seed2) {
    return { ...a, blend: lerp(a.blend, b.blend, t), truncation: lerp(a.truncation, b.truncation, t) };
  }
  const v = slerp(latentVector(a, dim, where), latentVector(b, dim, where), t);
  return { ...a, vector: Array.from(v) };
}

function categoricalBetween(a: CategoricalCode, b: CategoricalCode, t: number, k: number, where: string): CategoricalCode {
  if (!a.probabilities && !b.probabilities && a.index === b.index && a.index2 === b.index2) {
    return { ...a, blend: lerp(a.blend, b.blend, t) };
  }
  const pa = softOneHot(a, k, where);
  const pb = softOneHot(b, k, where);
  return { ...a, probabilities: Array.from(pa, (p, i) => (1 - t) * p + t * pb[i]) };
}

/**
 * The code at `t` in (0,1) between `a` and `b` for `factor`. A code missing on one side, or of another kind
 * (a state that does not fit the model is refused before this), holds the first keyframe's code.
 */
export function interpolateCode(a: Code, b: Code | undefined, t: number, factor: Factor | undefined, where: string): Code {
  if (!b || !factor || a.kind !== b.kind || a.kind !== factor.kind) return a;
  const len = codeLength(factor);
  if (a.kind === 'latent') return latentBetween(a, b as LatentCode, t, len, where);
  return categoricalBetween(a, b as CategoricalCode, t, len, where);
}
