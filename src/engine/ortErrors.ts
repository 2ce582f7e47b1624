/**
 * onnxruntime-web reports failures as plain Errors whose text carries an ORT status code
 * ("ERROR_CODE: 7, ERROR_MESSAGE: ... protobuf parsing failed"). These map them to the studio's stable
 * codes, so the UI can say "this file is damaged" rather than echo a C++ message.
 */
import { StudioError } from '../lib/errors';
import type { SessionName } from './protocol';

const OUT_OF_MEMORY = /out of memory|\boom\b|allocation failed|array buffer allocation|cannot enlarge memory|memory access out of bounds|bad_alloc|Aborted\(OOM\)/i;
// ORT status codes: 7 INVALID_PROTOBUF, 10 INVALID_GRAPH; plus the texts that come without a code, and graphs
// whose declared shapes contradict themselves (a broken export).
const CORRUPT = /ERROR_CODE: (7|10)\b|protobuf parsing failed|invalid protobuf|failed to load model|model_proto|ModelProto|invalid graph|No graph was found|is not a valid onnx|ShapeInferenceError|TypeInferenceError/i;

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** True for failures that more memory (a smaller model) would fix. */
export function isOutOfMemory(error: unknown): boolean {
  return error instanceof RangeError || OUT_OF_MEMORY.test(messageOf(error));
}

/** Maps a failure of InferenceSession.create. */
export function sessionCreateError(error: unknown, session: SessionName): StudioError {
  if (error instanceof StudioError) return error;
  const message = messageOf(error);
  if (isOutOfMemory(error)) {
    return new StudioError('model-too-large', `Not enough memory to load the ${session} model.`, message);
  }
  if (CORRUPT.test(message)) {
    return new StudioError('model-corrupt', `The ${session} ONNX file is damaged or not a valid ONNX model.`, message);
  }
  return new StudioError('internal', `Could not create the ${session} session: ${message}`, message);
}

/** Maps a failure of InferenceSession.run. */
export function sessionRunError(error: unknown, session: SessionName): StudioError {
  if (error instanceof StudioError) return error;
  const message = messageOf(error);
  if (isOutOfMemory(error)) {
    return new StudioError('model-too-large', `Not enough memory to run the ${session} model.`, message);
  }
  return new StudioError('internal', `The ${session} model failed to run: ${message}`, message);
}

/** Short reason for a WebGPU failure, for the fallback warning. */
export function webgpuFailureReason(error: unknown): string {
  const message = messageOf(error);
  return /device.*lost|lost.*device/i.test(message) ? 'the GPU device was lost' : `WebGPU failed (${message.slice(0, 200)})`;
}
