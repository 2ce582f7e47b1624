/**
 * PNG scanline filters (None, Sub, Up, Average, Paeth). The encoder picks one per row by the usual
 * minimum-sum-of-absolute-differences rule: a pure function of the pixels, so the same image gives the
 * same bytes in every browser and in Node, which byte-identical exported sequences depend on.
 *
 * One loop per filter type, no per-byte dispatch: the filters were a third of a frame's PNG encoding in the
 * sequence export's profile (node --cpu-prof), and the PNG encoder runs once per exported frame.
 */

/** The Paeth predictor as the PNG spec's pseudocode writes it (the decoder's, and the tests' oracle). */
export function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Predictor of byte i for filter `type`, from the reconstructed current row and the previous row (decoding). */
function predict(type: number, row: Uint8Array, prev: Uint8Array, i: number, bpp: number): number {
  const a = i >= bpp ? row[i - bpp] : 0;
  const b = prev[i];
  switch (type) {
    case 0: return 0; // prettier-ignore
    case 1: return a; // prettier-ignore
    case 2: return b; // prettier-ignore
    case 3: return (a + b) >>> 1; // prettier-ignore
    default: return paeth(a, b, i >= bpp ? prev[i - bpp] : 0); // prettier-ignore
  }
}

/** Filters `row` (previous row `prev`) with `type` into out[offset + 1..] and returns the heuristic's sum. */
function filterRow(type: number, row: Uint8Array, prev: Uint8Array, bpp: number, out: Uint8Array, offset: number): number {
  out[offset] = type;
  const n = row.length;
  const o = offset + 1;
  let sum = 0;
  let i = 0;
  switch (type) {
    case 0:
      for (; i < n; i++) {
        const v = row[i];
        out[o + i] = v;
        sum += v < 128 ? v : 256 - v;
      }
      break;
    case 1:
      for (; i < bpp; i++) {
        const v = row[i];
        out[o + i] = v;
        sum += v < 128 ? v : 256 - v;
      }
      for (; i < n; i++) {
        const v = (row[i] - row[i - bpp]) & 0xff;
        out[o + i] = v;
        sum += v < 128 ? v : 256 - v;
      }
      break;
    case 2:
      for (; i < n; i++) {
        const v = (row[i] - prev[i]) & 0xff;
        out[o + i] = v;
        sum += v < 128 ? v : 256 - v;
      }
      break;
    case 3:
      for (; i < bpp; i++) {
        const v = (row[i] - (prev[i] >>> 1)) & 0xff;
        out[o + i] = v;
        sum += v < 128 ? v : 256 - v;
      }
      for (; i < n; i++) {
        const v = (row[i] - ((row[i - bpp] + prev[i]) >>> 1)) & 0xff;
        out[o + i] = v;
        sum += v < 128 ? v : 256 - v;
      }
      break;
    default:
      for (; i < bpp; i++) {
        const v = (row[i] - prev[i]) & 0xff; // Paeth with a = c = 0 predicts b
        out[o + i] = v;
        sum += v < 128 ? v : 256 - v;
      }
      for (; i < n; i++) {
        const a = row[i - bpp];
        const b = prev[i];
        const c = prev[i - bpp];
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        const pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        const v = (row[i] - pred) & 0xff;
        out[o + i] = v;
        sum += v < 128 ? v : 256 - v;
      }
  }
  return sum;
}

/** Filtered scanlines (1 + stride bytes per row) ready for zlib. */
export function filterImage(pixels: Uint8Array, height: number, stride: number, bpp: number): Uint8Array {
  const out = new Uint8Array(height * (stride + 1));
  const scratch = new Uint8Array(stride + 1);
  let prev: Uint8Array = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = pixels.subarray(y * stride, (y + 1) * stride);
    const offset = y * (stride + 1);
    let best = filterRow(0, row, prev, bpp, out, offset);
    for (let type = 1; type <= 4; type++) {
      const sum = filterRow(type, row, prev, bpp, scratch, 0);
      if (sum < best) {
        best = sum;
        out.set(scratch, offset);
      }
    }
    prev = row;
  }
  return out;
}

/** Reverses filterImage in place of a fresh buffer; throws on an unknown filter type. */
export function unfilterImage(data: Uint8Array, height: number, stride: number, bpp: number): Uint8Array {
  const out = new Uint8Array(height * stride);
  let prev: Uint8Array = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const type = data[y * (stride + 1)];
    if (type > 4) throw new Error(`unknown filter type ${type} on row ${y}`);
    const src = data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = out.subarray(y * stride, (y + 1) * stride);
    for (let i = 0; i < stride; i++) row[i] = (src[i] + predict(type, row, prev, i, bpp)) & 0xff;
    prev = row;
  }
  return out;
}
