/**
 * The row filters are written one loop per type for speed; this checks them byte for byte against the
 * textbook definition (PNG spec section 9: a per-byte predictor; `paeth` is the spec's pseudocode, which the
 * fast Paeth loop does not use), on random images, so the exported PNG bytes cannot drift.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterImage, paeth } from '../../../src/lib/png/filters';

/** The spec's filters and the minimum-sum-of-absolute-differences choice, one byte at a time. */
function referenceFilterImage(pixels: Uint8Array, height: number, stride: number, bpp: number): Uint8Array {
  const out = new Uint8Array(height * (stride + 1));
  let prev: Uint8Array = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = pixels.subarray(y * stride, (y + 1) * stride);
    let best: { sum: number; bytes: Uint8Array } | null = null;
    for (let type = 0; type <= 4; type++) {
      const bytes = new Uint8Array(stride + 1);
      bytes[0] = type;
      let sum = 0;
      for (let i = 0; i < stride; i++) {
        const a = i >= bpp ? row[i - bpp] : 0;
        const b = prev[i];
        const c = i >= bpp ? prev[i - bpp] : 0;
        const pred = [0, a, b, (a + b) >>> 1, paeth(a, b, c)][type];
        const v = (row[i] - pred) & 0xff;
        bytes[i + 1] = v;
        sum += v < 128 ? v : 256 - v;
      }
      if (!best || sum < best.sum) best = { sum, bytes };
    }
    out.set(best!.bytes, y * (stride + 1));
    prev = row;
  }
  return out;
}

describe('PNG row filters', () => {
  it('match the per-byte reference on random images (every filter type, 1-4 bytes per pixel)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 3 }),
        fc.integer(), (bpp, width, height, smoothness, seed) => {
          // smooth images make Sub/Up/Average/Paeth win; noise makes None win
          let s = seed >>> 0;
          const rand = () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
          const px = new Uint8Array(width * height * bpp);
          for (let i = 0; i < px.length; i++) px[i] = smoothness === 0 ? rand() : (i * smoothness + (rand() >> (4 + smoothness))) & 0xff;
          expect(filterImage(px, height, width * bpp, bpp)).toEqual(referenceFilterImage(px, height, width * bpp, bpp));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('chooses more than one filter type on a natural image', () => {
    const w = 32;
    const px = new Uint8Array(w * w * 4);
    for (let i = 0; i < px.length; i++) px[i] = (Math.floor(i / 4) % w) * 3 + (i % 4 === 1 ? (i * 7919) % 13 : 0);
    const types = new Set<number>();
    const out = filterImage(px, w, w * 4, 4);
    for (let y = 0; y < w; y++) types.add(out[y * (w * 4 + 1)]);
    expect(types.size).toBeGreaterThan(1);
  });
});
