/**
 * A rendered frame's output tensor -> PNG bytes: tensor -> RGBA, the frame's StudioState as PNG text, integer
 * upscale, then the deterministic encoder. Behind an interface so the command line can run all of it on
 * worker threads while the engine computes the next frame: in Node the engine's WASM run blocks the main
 * thread, so every millisecond of per-frame work left there is a millisecond less of inference (PNG encoding
 * costs about as much as a small generator's run; tensor -> RGBA and the state text ~0.5 ms more).
 * In the browser the engine already runs in its worker, so encoding on the main thread overlaps it.
 */
import type { TensorData } from '../families/types';
import { tensorToRgba } from '../engine/frame';
import { encodePng } from '../lib/png';
import { stateToPngText } from '../state/stateCodec';
import type { StudioState } from '../state/studioState';
import type { OutputOptions } from './spec';
import { upscale } from './upscale';

/** Everything a frame's PNG is made from; structured-cloneable, so it can be posted to a worker. */
export interface FrameJob {
  /** The model's image output, planar [1, C, H, W]. */
  tensor: TensorData;
  /** The output's value range (manifest), mapped to 0..255. */
  range: [number, number];
  state: StudioState;
  /** Short content hash of the model, written into the PNG beside the state. */
  modelHash: string;
  output: OutputOptions;
}

export interface EncodedFrame {
  png: Uint8Array;
  /** Size of the PNG (after upscaling). */
  width: number;
  height: number;
  /** NaN/Inf pixels (painted magenta). */
  nonFinite: number;
}

export interface FrameEncoder {
  /** How many frames may be encoding at once (1: one at a time, on this thread). */
  readonly concurrency: number;
  /** May take ownership of `job.tensor.data` (transfer it to a worker): the caller must not reuse it. */
  encode(job: FrameJob): Promise<EncodedFrame>;
}

/** The whole job, the same function wherever it runs. */
export function encodeFrameJob(job: FrameJob): EncodedFrame {
  const frame = tensorToRgba(job.tensor, job.range);
  const text = stateToPngText(job.state, { modelHash: job.modelHash });
  const scaled = upscale(frame, job.output);
  return { png: encodePng(scaled.rgba, scaled.width, scaled.height, text), width: scaled.width, height: scaled.height, nonFinite: frame.nonFinite };
}

export const inThreadEncoder: FrameEncoder = {
  concurrency: 1,
  encode: async (job) => encodeFrameJob(job),
};
