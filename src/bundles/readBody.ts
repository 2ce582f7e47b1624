/**
 * Reads a response body chunk by chunk so the loader can report bytes as they arrive (a 30 MB model on a
 * slow link must show movement, not a frozen bar), into one ArrayBuffer.
 */
import { concatBytes } from '../lib/bytes';
import { StudioError } from '../lib/errors';
import { isAbortError } from './http';

/**
 * Reads all of `response`'s body, calling `onChunk(bytes)` per chunk. With `expected` set, a body of a
 * different length is a failed download (truncated or wrong file), reported as 'fetch-failed'.
 */
export async function readBody(
  response: Response,
  url: string,
  onChunk: (bytes: number) => void,
  expected: number | null,
  signal?: AbortSignal,
): Promise<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    if (!response.body) {
      const whole = new Uint8Array(await response.arrayBuffer());
      chunks.push(whole);
      received = whole.byteLength;
      onChunk(received);
    } else {
      const reader = response.body.getReader();
      const onAbort = () => reader.cancel(signal?.reason).catch(() => undefined);
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        for (;;) {
          signal?.throwIfAborted();
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          received += value.byteLength;
          onChunk(value.byteLength);
        }
        signal?.throwIfAborted();
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    }
  } catch (error) {
    if (isAbortError(error) || signal?.aborted) throw signal?.reason ?? error;
    throw new StudioError('fetch-failed', `download of ${url} failed after ${received} bytes: ${(error as Error)?.message ?? String(error)}`);
  }
  if (expected !== null && received !== expected) {
    throw new StudioError('fetch-failed', `download of ${url} is incomplete: got ${received} of ${expected} bytes`);
  }
  const body = concatBytes(chunks, received);
  // A lone chunk may be a view into a larger buffer: hand back exactly its bytes.
  return body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? (body.buffer as ArrayBuffer) : (body.slice().buffer as ArrayBuffer);
}
