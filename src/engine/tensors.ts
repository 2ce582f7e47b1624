/**
 * Conversion between the studio's plain TensorData (transferable, ORT-free) and ORT tensors. Outputs are
 * copied out and their ORT tensors disposed at once: GPU-located outputs hold GPU buffers until disposed,
 * and a frame loop must not accumulate them.
 */
import type { Tensor } from 'onnxruntime-web';
import { StudioError } from '../lib/errors';
import type { TensorData } from '../families/types';
import type { OrtModule } from './ort';

/** Builds ORT input tensors; the caller disposes them (see disposeAll). */
export function toOrtFeeds(ort: OrtModule, feeds: Record<string, TensorData>): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  try {
    for (const [name, tensor] of Object.entries(feeds)) {
      const size = tensor.dims.reduce((a, b) => a * b, 1);
      if (size !== tensor.data.length) {
        throw new StudioError(
          'state-invalid',
          `Input "${name}" has ${tensor.data.length} values but dims [${tensor.dims.join(',')}] need ${size}.`,
        );
      }
      out[name] = new ort.Tensor('float32', tensor.data, tensor.dims);
    }
  } catch (error) {
    disposeAll(out);
    throw error;
  }
  return out;
}

export function disposeAll(tensors: Record<string, { dispose(): void }>): void {
  for (const tensor of Object.values(tensors)) tensor.dispose();
}

function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

function toFloat32(type: Tensor.Type, data: Tensor.DataType): Float32Array {
  if (data instanceof Float32Array) return data.slice();
  if (type === 'float16' && data instanceof Uint16Array) return Float32Array.from(data, halfToFloat);
  if (Array.isArray(data)) throw new StudioError('internal', `Output of type ${type} cannot be shown as an image.`);
  return Float32Array.from(data as ArrayLike<number | bigint>, Number);
}

/** Copies every output into a fresh Float32Array (transferable, owned by the caller) and disposes it. */
export async function readOutputs(outputs: Record<string, Tensor>): Promise<Record<string, TensorData>> {
  const result: Record<string, TensorData> = {};
  try {
    for (const [name, tensor] of Object.entries(outputs)) {
      const data = await tensor.getData(); // CPU: the data itself; GPU: a download
      result[name] = { dims: [...tensor.dims], data: toFloat32(tensor.type, data) };
    }
  } finally {
    disposeAll(outputs);
  }
  return result;
}
