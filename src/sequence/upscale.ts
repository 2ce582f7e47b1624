/**
 * Integer upscaling of a frame for export, in plain integer arithmetic: no canvas (whose smoothing differs
 * between browsers and does not exist in Node), so the browser and the command line write the same bytes.
 * `nearest` repeats each pixel scale x scale times (pixel-exact, for papers); `smooth` is bilinear with
 * pixel-centre alignment and edge clamping, weights in units of 1/(2*scale), rounded half up.
 */
import type { OutputOptions } from './spec';

export interface Pixels {
  width: number;
  height: number;
  /** Row-major RGBA. */
  rgba: Uint8Array | Uint8ClampedArray;
}

function nearest(src: Pixels, s: number): Pixels {
  const { width: w, height: h, rgba } = src;
  const out = new Uint8Array(w * s * h * s * 4);
  const rowBytes = w * s * 4;
  // Whole pixels as 32-bit words (byte order does not matter for a copy); a view needs 4-byte alignment.
  const aligned = rgba.byteOffset % 4 === 0 ? rgba : rgba.slice();
  const pixels = new Uint32Array(aligned.buffer, aligned.byteOffset, w * h);
  const outPixels = new Uint32Array(out.buffer);
  for (let y = 0; y < h; y++) {
    const row = y * s * w * s;
    for (let x = 0; x < w; x++) outPixels.fill(pixels[y * w + x], row + x * s, row + x * s + s);
    for (let r = 1; r < s; r++) out.copyWithin((y * s + r) * rowBytes, y * s * rowBytes, (y * s + 1) * rowBytes);
  }
  return { width: w * s, height: h * s, rgba: out };
}

/** For each output coordinate: the two source indices and the weight of the second, out of 2s. */
function taps(size: number, s: number): { i0: Int32Array; i1: Int32Array; w1: Int32Array } {
  const n = size * s;
  const i0 = new Int32Array(n);
  const i1 = new Int32Array(n);
  const w1 = new Int32Array(n);
  for (let o = 0; o < n; o++) {
    // source position = (o + 0.5) / s - 0.5 = (2o + 1 - s) / (2s)
    const num = 2 * o + 1 - s;
    const base = Math.floor(num / (2 * s));
    w1[o] = num - base * 2 * s;
    i0[o] = Math.min(size - 1, Math.max(0, base));
    i1[o] = Math.min(size - 1, Math.max(0, base + 1));
  }
  return { i0, i1, w1 };
}

function smooth(src: Pixels, s: number): Pixels {
  const { width: w, height: h, rgba } = src;
  const W = w * s;
  const H = h * s;
  const out = new Uint8Array(W * H * 4);
  const tx = taps(w, s);
  const ty = taps(h, s);
  const d = 2 * s;
  const half = (d * d) >> 1;
  for (let y = 0; y < H; y++) {
    const r0 = ty.i0[y] * w * 4;
    const r1 = ty.i1[y] * w * 4;
    const wy1 = ty.w1[y];
    const wy0 = d - wy1;
    for (let x = 0; x < W; x++) {
      const c0 = tx.i0[x] * 4;
      const c1 = tx.i1[x] * 4;
      const wx1 = tx.w1[x];
      const wx0 = d - wx1;
      const o = (y * W + x) * 4;
      for (let c = 0; c < 4; c++) {
        const top = rgba[r0 + c0 + c] * wx0 + rgba[r0 + c1 + c] * wx1;
        const bottom = rgba[r1 + c0 + c] * wx0 + rgba[r1 + c1 + c] * wx1;
        out[o + c] = Math.floor((top * wy0 + bottom * wy1 + half) / (d * d));
      }
    }
  }
  return { width: W, height: H, rgba: out };
}

/** The frame at `output.scale` times its size; scale 1 returns it unchanged. */
export function upscale(src: Pixels, output: OutputOptions): Pixels {
  if (output.scale === 1) return src;
  return output.filter === 'nearest' ? nearest(src, output.scale) : smooth(src, output.scale);
}
