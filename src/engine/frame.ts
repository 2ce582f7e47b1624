/**
 * Turns a generator output tensor into canvas pixels. NaN/Inf values are painted magenta and counted, so
 * a diverged model shows up as a warning and a visibly wrong image, never as a silent black frame.
 */
import { StudioError } from '../lib/errors';
import type { TensorData } from '../families/types';

export interface RgbaFrame {
  width: number;
  height: number;
  /** Row-major RGBA, ready for `new ImageData(rgba, width, height)`. */
  rgba: Uint8ClampedArray;
  /** Pixels with at least one NaN/Inf channel (painted magenta). */
  nonFinite: number;
}

const NON_FINITE_RGB = [255, 0, 255] as const;

/** [1,C,H,W] or [C,H,W] with C = 1 (grey, e.g. a mask) or C = 3 (RGB). */
function planarLayout(dims: readonly number[]): { channels: number; height: number; width: number } {
  const lead = dims.slice(0, -3);
  const [channels, height, width] = dims.slice(-3);
  if (dims.length < 3 || lead.some((d) => d !== 1) || (channels !== 1 && channels !== 3)) {
    throw new StudioError('internal', `Cannot show a tensor of shape [${dims.join(',')}] as an image: expected [1,3,H,W] or [1,1,H,W].`);
  }
  return { channels, height, width };
}

/**
 * Maps `range` linearly to 0..255 (values outside are clamped). One pass with no allocation when a
 * `target` of the right size is passed (a frame loop can reuse one buffer): a 128x128 RGB frame takes
 * a fraction of a millisecond.
 */
export function tensorToRgba(tensor: TensorData, range: [number, number], target?: Uint8ClampedArray): RgbaFrame {
  const { channels, height, width } = planarLayout(tensor.dims);
  const plane = width * height;
  const data = tensor.data;
  if (data.length < plane * channels) {
    throw new StudioError('internal', `Tensor data has ${data.length} values, shape [${tensor.dims.join(',')}] needs ${plane * channels}.`);
  }
  const [low, high] = range;
  const scale = high === low ? 0 : 255 / (high - low);
  const rgba = target && target.length === plane * 4 ? target : new Uint8ClampedArray(plane * 4);
  const g = channels === 3 ? plane : 0;
  const b = channels === 3 ? 2 * plane : 0;
  let nonFinite = 0;
  for (let i = 0, o = 0; i < plane; i++, o += 4) {
    const rv = (data[i] - low) * scale;
    const gv = (data[i + g] - low) * scale;
    const bv = (data[i + b] - low) * scale;
    // x - x is 0 for every finite x and NaN for NaN/Inf: cheaper than three Number.isFinite calls.
    if (rv - rv === 0 && gv - gv === 0 && bv - bv === 0) {
      rgba[o] = rv;
      rgba[o + 1] = gv;
      rgba[o + 2] = bv;
    } else {
      nonFinite++;
      rgba[o] = NON_FINITE_RGB[0];
      rgba[o + 1] = NON_FINITE_RGB[1];
      rgba[o + 2] = NON_FINITE_RGB[2];
    }
    rgba[o + 3] = 255;
  }
  return { width, height, rgba, nonFinite };
}
