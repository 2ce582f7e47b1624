/**
 * Pixels -> the encoder's input tensor, as the manifest describes it (NCHW or NHWC, RGB, value range). Pure,
 * so the browser (canvas pixels) and Node (bench, tests) build exactly the same tensor.
 */
import type { Manifest } from '../families/manifest';
import type { TensorData } from '../families/types';
import { StudioError } from '../lib/errors';

type EncoderSpec = NonNullable<Manifest['encoder']>;

export interface EncoderLayout {
  width: number;
  height: number;
  channelsFirst: boolean;
}

/** Where the image's height, width and channels sit in the encoder input's shape. */
export function encoderLayout(spec: EncoderSpec): EncoderLayout {
  const dims = spec.input.shape.slice(-3);
  if (dims.length === 3 && dims[0] === 3 && typeof dims[1] === 'number' && typeof dims[2] === 'number') {
    return { channelsFirst: true, height: dims[1], width: dims[2] };
  }
  if (dims.length === 3 && dims[2] === 3 && typeof dims[0] === 'number' && typeof dims[1] === 'number') {
    return { channelsFirst: false, height: dims[0], width: dims[1] };
  }
  throw new StudioError('manifest-invalid', `encoder input "${spec.input.name}" has shape [${spec.input.shape.join(',')}]; expected [batch,3,H,W] or [batch,H,W,3].`);
}

/** RGBA pixels of exactly the layout's size (alpha already composited) -> the encoder's input tensor. */
export function encoderInput(spec: EncoderSpec, rgba: ArrayLike<number>, width: number, height: number): TensorData {
  const layout = encoderLayout(spec);
  if (width !== layout.width || height !== layout.height) {
    throw new StudioError('internal', `encoder input needs ${layout.width}x${layout.height} pixels, got ${width}x${height}`);
  }
  const [low, high] = spec.input.range;
  const scale = (high - low) / 255;
  const plane = width * height;
  const data = new Float32Array(plane * 3);
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) {
      const v = low + rgba[p * 4 + c] * scale;
      data[layout.channelsFirst ? c * plane + p : p * 3 + c] = v;
    }
  }
  const image = layout.channelsFirst ? [3, height, width] : [height, width, 3];
  // Leading axes (the batch) are 1: one image per call.
  return { dims: [...Array<number>(spec.input.shape.length - 3).fill(1), ...image], data };
}
