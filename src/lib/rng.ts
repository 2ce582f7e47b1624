/**
 * Seeded randomness. A latent code's seed knob must give the same vector in every browser, in Node and in
 * the Python recipes, so nothing here uses Math.random and every step is written out for re-implementation.
 *
 * Algorithm (all arithmetic on unsigned 32-bit integers, wrapping mod 2^32):
 *
 *   splitmix32(state):                       # seeds the generator; returns (value, new state)
 *     state = state + 0x9E3779B9
 *     z = state
 *     z = (z ^ (z >> 16)) * 0x85EBCA6B
 *     z = (z ^ (z >> 13)) * 0xC2B2AE35
 *     z = z ^ (z >> 16)
 *
 *   sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 32-bit), state a, b, c, d:
 *     a, b, c, d = four successive splitmix32 values from `seed`
 *     then 12 outputs are drawn and discarded (mixes the state)
 *     next():  t = a + b + d;  d = d + 1;  a = b ^ (b >> 9);  b = c + (c << 3);
 *              c = rotl(c, 21) + t;  return t
 *
 *   uniform01 (open interval, never 0 or 1):   (next() + 0.5) / 2^32
 *
 *   seededNormal(seed, dim): Box-Muller on consecutive pairs (u1, u2) of uniform01 draws:
 *     r = sqrt(-2 ln u1);  out[2i] = r cos(2 pi u2);  out[2i+1] = r sin(2 pi u2)
 *     (an odd dim drops the last sine); computed in float64, stored as float32.
 *
 * Python reproduction (checked against this file by tests/unit/families/rng.test.ts's pinned values):
 *
 *   M = 0xFFFFFFFF
 *   def splitmix32(s):
 *       s = (s + 0x9E3779B9) & M; z = s
 *       z = ((z ^ (z >> 16)) * 0x85EBCA6B) & M
 *       z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M
 *       return z ^ (z >> 16), s
 *   def sfc32(seed):
 *       st = seed & M; v = []
 *       for _ in range(4): z, st = splitmix32(st); v.append(z)
 *       a, b, c, d = v
 *       while True:
 *           t = (a + b + d) & M; d = (d + 1) & M; a = b ^ (b >> 9); b = (c + (c << 3)) & M
 *           c = (((c << 21) | (c >> 11)) + t) & M; yield t
 *   (discard 12 values, then u = (t + 0.5) / 2**32 and Box-Muller as above; np.float32 at the end.)
 */

/** A stream of uniform 32-bit integers. */
export interface Rng {
  /** Next unsigned 32-bit integer. */
  nextUint32(): number;
  /** Uniform in the open interval (0, 1). */
  nextFloat(): number;
}

const DISCARD = 12;

/** One splitmix32 step: returns [value, nextState], both unsigned 32-bit. */
export function splitmix32(state: number): [number, number] {
  const s = (state + 0x9e3779b9) >>> 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [z >>> 0, s];
}

/** sfc32 seeded from a 32-bit seed via splitmix32; see the file doc for the exact recipe. */
export function createRng(seed: number): Rng {
  let st = seed >>> 0;
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [z, next] = splitmix32(st);
    words.push(z);
    st = next;
  }
  let [a, b, c, d] = words;
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < DISCARD; i++) nextUint32();
  return {
    nextUint32,
    nextFloat: () => (nextUint32() + 0.5) / 4294967296,
  };
}

/** Uniform integer in [0, 2^32 - 1]: a fresh seed for a code knob. */
export function randomSeed(rng: Rng): number {
  return rng.nextUint32();
}

/** Uniform float in [min, max] (for geometry knobs). */
export function uniformIn(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng.nextFloat();
}

/** Fills `out` with standard normals from `rng` by Box-Muller (pairs; an odd length drops the last sine). */
export function fillNormal(rng: Rng, out: Float32Array): Float32Array {
  for (let i = 0; i < out.length; i += 2) {
    const u1 = rng.nextFloat();
    const u2 = rng.nextFloat();
    const r = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    out[i] = r * Math.cos(angle);
    if (i + 1 < out.length) out[i + 1] = r * Math.sin(angle);
  }
  return out;
}

/** The seeded normal vector behind a latent code's seed knob: same seed, same vector, everywhere. */
export function seededNormal(seed: number, dim: number): Float32Array {
  if (!Number.isInteger(dim) || dim < 0) throw new RangeError(`dim must be a non-negative integer, got ${dim}`);
  return fillNormal(createRng(seed), new Float32Array(dim));
}
