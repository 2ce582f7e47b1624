/**
 * Frame pixels -> PNG bytes (integer upscale, then the deterministic encoder), behind an interface so the
 * command line can run it on worker threads while the engine computes the next frame: PNG encoding costs
 * about as much as a small generator's inference, so doing both on one thread would halve the export rate.
 * In the browser the engine already runs in its worker, so encoding on the main thread overlaps it.
 */
import { encodePng } from '../lib/png';
import type { OutputOptions } from './spec';
import { upscale, type Pixels } from './upscale';

export interface FrameEncoder {
  /** How many frames may be encoding at once (1: one at a time, on this thread). */
  readonly concurrency: number;
  encode(pixels: Pixels, output: OutputOptions, text: Record<string, string>): Promise<Uint8Array>;
}

/** Upscale + encode, the same function wherever it runs. */
export function encodeFramePng(pixels: Pixels, output: OutputOptions, text: Record<string, string>): Uint8Array {
  const scaled = upscale(pixels, output);
  return encodePng(scaled.rgba, scaled.width, scaled.height, text);
}

export const inThreadEncoder: FrameEncoder = {
  concurrency: 1,
  encode: async (pixels, output, text) => encodeFramePng(pixels, output, text),
};
