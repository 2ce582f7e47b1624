/**
 * Typed errors with a stable code. They cross the worker boundary as plain data ({code, message, detail})
 * and are rebuilt on the main side, so the UI can show a specific message and tests can assert the code.
 */
export type ErrorCode =
  | 'manifest-invalid' // fails the zod schema; message names the field
  | 'manifest-mismatch' // manifest disagrees with the ONNX session's names or dims
  | 'model-corrupt' // ONNX bytes cannot be parsed
  | 'model-too-large' // out of memory creating the session
  | 'fetch-failed' // URL 404s, network error
  | 'not-a-bundle' // the files/URL do not form a bundle
  | 'state-invalid' // a URL/PNG/preset state fails its schema or does not fit the model
  | 'output-not-finite' // NaN/Inf in the generator's output
  | 'provider-unavailable' // forced WebGPU where no real adapter exists
  | 'device-lost' // WebGPU device lost mid-run
  | 'worker-crashed'
  | 'image-invalid'
  | 'spec-invalid' // a sequence spec fails its schema or its rules (order of keyframes, frames); message names the field
  | 'model-missing' // a spec or state names a model that is not installed
  | 'export-failed' // writing an exported sequence failed (disk full, folder permission revoked); says what was kept
  | 'internal';

export interface StudioErrorData {
  code: ErrorCode;
  message: string;
  detail?: string;
}

export class StudioError extends Error {
  readonly code: ErrorCode;
  readonly detail?: string;
  constructor(code: ErrorCode, message: string, detail?: string) {
    super(message);
    this.name = 'StudioError';
    this.code = code;
    this.detail = detail;
  }
  toData(): StudioErrorData {
    return { code: this.code, message: this.message, detail: this.detail };
  }
  static fromData(data: StudioErrorData): StudioError {
    return new StudioError(data.code, data.message, data.detail);
  }
  /** Wraps anything thrown into a StudioError, keeping a StudioError's own code. */
  static from(error: unknown, fallback: ErrorCode = 'internal'): StudioError {
    if (error instanceof StudioError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new StudioError(fallback, message);
  }
}

/** Ends a message with a full stop so that a sentence can follow it ("… (unexpected EOF). Model X stays loaded."). */
export function withFullStop(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
