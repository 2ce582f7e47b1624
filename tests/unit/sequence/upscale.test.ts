import { describe, expect, it } from 'vitest';
import { upscale } from '../../../src/sequence/upscale';

const px = (w: number, h: number, f: (x: number, y: number) => number[]) => {
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rgba.set(f(x, y), (y * w + x) * 4);
  return { width: w, height: h, rgba };
};

describe('upscale', () => {
  it('x1 is the frame itself', () => {
    const src = px(2, 2, () => [1, 2, 3, 255]);
    expect(upscale(src, { scale: 1, filter: 'smooth' })).toBe(src);
  });
  it('nearest repeats each pixel scale x scale times', () => {
    const src = px(2, 1, (x) => [x * 100, 0, 0, 255]);
    const out = upscale(src, { scale: 2, filter: 'nearest' });
    expect(out).toMatchObject({ width: 4, height: 2 });
    const reds = Array.from({ length: 8 }, (_, i) => out.rgba[i * 4]);
    expect(reds).toEqual([0, 0, 100, 100, 0, 0, 100, 100]);
  });
  it('smooth keeps a flat image flat and ramps between two pixels, symmetric and deterministic', () => {
    const flat = upscale(px(3, 3, () => [7, 8, 9, 255]), { scale: 4, filter: 'smooth' });
    expect(new Set(flat.rgba)).toEqual(new Set([7, 8, 9, 255]));
    const two = upscale(px(2, 1, (x) => [x * 255, 0, 0, 255]), { scale: 4, filter: 'smooth' });
    const row = Array.from({ length: 8 }, (_, i) => two.rgba[i * 4]);
    // Output pixel centres sit at 1/8, 3/8, 5/8, 7/8 of the way between the two source centres.
    expect(row).toEqual([0, 0, 32, 96, 159, 223, 255, 255]);
    expect(upscale(px(2, 1, (x) => [x * 255, 0, 0, 255]), { scale: 4, filter: 'smooth' }).rgba).toEqual(two.rgba);
  });
});
