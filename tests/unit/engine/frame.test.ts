import { describe, expect, it } from 'vitest';
import { tensorToRgba } from '../../../src/engine/frame';

function planar(channels: number[][], height: number, width: number) {
  return { dims: [1, channels.length, height, width], data: Float32Array.from(channels.flat()) };
}

describe('tensorToRgba', () => {
  it('maps the output range linearly to 0..255 and interleaves planar RGB', () => {
    const frame = tensorToRgba(planar([[-1, 1], [0, 1], [1, -1]], 1, 2), [-1, 1]);
    expect(frame).toMatchObject({ width: 2, height: 1, nonFinite: 0 });
    expect(Array.from(frame.rgba)).toEqual([0, 128, 255, 255, 255, 255, 0, 255]);
  });

  it('clamps values outside the range', () => {
    const frame = tensorToRgba(planar([[-5, 5], [0.5, 0.5], [0, 1]], 1, 2), [0, 1]);
    expect(Array.from(frame.rgba)).toEqual([0, 128, 0, 255, 255, 128, 255, 255]);
  });

  it('shows a one-channel mask as grey', () => {
    const frame = tensorToRgba(planar([[0, 0.5, 1, 0.25]], 2, 2), [0, 1]);
    expect(frame).toMatchObject({ width: 2, height: 2 });
    expect(Array.from(frame.rgba.subarray(0, 8))).toEqual([0, 0, 0, 255, 128, 128, 128, 255]);
  });

  it('counts NaN/Inf pixels and paints them magenta instead of black', () => {
    const frame = tensorToRgba(planar([[NaN, 0, 0], [0, Infinity, 0], [0, 0, 0]], 1, 3), [0, 1]);
    expect(frame.nonFinite).toBe(2);
    expect(Array.from(frame.rgba)).toEqual([255, 0, 255, 255, 255, 0, 255, 255, 0, 0, 0, 255]);
  });

  it('reuses a target buffer of the right size, and ignores one of the wrong size', () => {
    const target = new Uint8ClampedArray(8);
    const frame = tensorToRgba(planar([[0, 1], [0, 1], [0, 1]], 1, 2), [0, 1], target);
    expect(frame.rgba).toBe(target);
    expect(Array.from(target)).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    expect(tensorToRgba(planar([[0]], 1, 1), [0, 1], target).rgba).not.toBe(target);
  });

  it('maps a degenerate range to black rather than NaN', () => {
    const frame = tensorToRgba(planar([[3]], 1, 1), [1, 1]);
    expect(frame.nonFinite).toBe(0);
    expect(Array.from(frame.rgba)).toEqual([0, 0, 0, 255]);
  });

  it('rejects shapes that are not an image', () => {
    expect(() => tensorToRgba({ dims: [1, 2, 4, 4], data: new Float32Array(32) }, [0, 1])).toThrow(/\[1,2,4,4\]/);
    expect(() => tensorToRgba({ dims: [2, 3, 4, 4], data: new Float32Array(96) }, [0, 1])).toThrow();
    expect(() => tensorToRgba({ dims: [1, 3, 4, 4], data: new Float32Array(10) }, [0, 1])).toThrow(/needs 48/);
  });

  it('converts a 128x128 frame well under a millisecond (averaged, generous bound)', () => {
    const tensor = { dims: [1, 3, 128, 128], data: Float32Array.from({ length: 3 * 128 * 128 }, (_, i) => Math.sin(i)) };
    const target = new Uint8ClampedArray(128 * 128 * 4);
    for (let i = 0; i < 20; i++) tensorToRgba(tensor, [-1, 1], target);
    const runs = 200;
    const start = performance.now();
    for (let i = 0; i < runs; i++) tensorToRgba(tensor, [-1, 1], target);
    const perFrame = (performance.now() - start) / runs;
    // ~0.35 ms on the slow 2-core CI VM, ~0.1 ms on a desktop; the bound leaves room for a loaded machine.
    expect(perFrame).toBeLessThan(2);
  });
});
