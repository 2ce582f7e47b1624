/**
 * Named anchors of a latent factor (manifest `anchors`: the classes a model was trained on, e.g. "cube").
 * A model trained on per-class codes draws clean classes only at those vectors (a random seed lands between
 * them and shows an in-between), so the studio lets users pick, randomize and recognise anchors by name.
 * Family-agnostic: any latent factor of any family may list anchors.
 */
import type { Code, LatentCode } from '../state/studioState';
import type { Factor } from './manifest';

export type Anchor = { name: string; vector: number[] };

/** The anchors of a factor, or none. */
export function anchorsOf(factor: Factor): Anchor[] {
  return factor.kind === 'latent' ? (factor.anchors ?? []) : [];
}

/** Two code vectors are the same anchor when they agree to float32 rounding (a state passes through URLs and PNGs). */
function sameVector(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > 1e-5 * Math.max(1, Math.abs(b[i]))) return false;
  return true;
}

/** Index of the anchor a code is set to, or -1 (a seeded code, or a vector that is no anchor). */
export function anchorIndexOf(code: Code | undefined, anchors: readonly Anchor[]): number {
  if (!code || code.kind !== 'latent' || !code.vector) return -1;
  return anchors.findIndex((a) => sameVector(code.vector!, a.vector));
}

/** The anchor nearest to a vector (Euclidean) and its distance; null without anchors. */
export function nearestAnchor(vector: readonly number[], anchors: readonly Anchor[]): { index: number; distance: number } | null {
  let best: { index: number; distance: number } | null = null;
  anchors.forEach((a, index) => {
    if (a.vector.length !== vector.length) return;
    let d = 0;
    for (let i = 0; i < vector.length; i++) d += (vector[i] - a.vector[i]) ** 2;
    const distance = Math.sqrt(d);
    if (!best || distance < best.distance) best = { index, distance };
  });
  return best;
}

/** The code set to anchor `index` (its seeds kept, so "seed" mode returns to them), or back to its seeds for -1. */
export function withAnchor(code: LatentCode, anchors: readonly Anchor[], index: number): LatentCode {
  const { vector: _dropped, ...seeded } = code;
  return index >= 0 && index < anchors.length ? { ...seeded, vector: [...anchors[index].vector] } : seeded;
}
