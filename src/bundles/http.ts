/**
 * Fetch with the studio's error codes: a URL that cannot be reached or answers with an error status is
 * `fetch-failed` (naming the URL and status); one that answers with a web page where a bundle file
 * should be is `not-a-bundle` (the usual result of a dev server's SPA fallback or a mistyped folder).
 * An abort is passed through unchanged, so callers can tell "cancelled" from "failed".
 */
import { StudioError } from '../lib/errors';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** The global fetch, looked up at call time (tests and the CLI may install one late). */
export const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

/** Absolute URL: relative ones resolve against the page (or worker) location. */
export function resolveUrl(url: string, base?: string): string {
  try {
    return new URL(url, base ?? globalThis.location?.href).href;
  } catch {
    throw new StudioError('fetch-failed', `"${url}" is not a valid URL`);
  }
}

/** Node's fetch says only "fetch failed" and puts the reason (ECONNREFUSED...) in `cause`. */
function errorText(error: unknown): string {
  const message = (error as Error | null)?.message ?? String(error);
  const cause = (error as { cause?: { message?: unknown } } | null)?.cause?.message;
  return typeof cause === 'string' && cause ? `${message} (${cause})` : message;
}

export function isAbortError(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'AbortError';
}

/** fetch(), with network errors and non-2xx statuses turned into StudioError('fetch-failed'). */
export async function fetchOk(fetchImpl: FetchLike, url: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetchImpl(url, init);
  } catch (error) {
    if (isAbortError(error) || init.signal?.aborted) throw error;
    throw new StudioError('fetch-failed', `could not fetch ${url}: ${errorText(error)}`);
  }
  if (!response.ok) {
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    // Release the connection; the body of an error page is not needed.
    response.body?.cancel().catch(() => undefined);
    throw new StudioError('fetch-failed', `could not fetch ${url}: HTTP ${status}`);
  }
  return response;
}

/** A web page rather than data: by Content-Type, or by the first non-blank byte being '<'. */
export function looksLikeHtml(contentType: string | null, head?: Uint8Array): boolean {
  if (contentType && /\b(text\/html|application\/xhtml)/i.test(contentType)) return true;
  if (!head) return false;
  for (const byte of head) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0xef || byte === 0xbb || byte === 0xbf) continue;
    return byte === 0x3c; // '<'
  }
  return false;
}

/**
 * Byte length the body will have, or null when unknown. With a Content-Encoding the header counts the
 * compressed bytes while the stream yields decompressed ones, so it cannot be trusted for progress.
 */
export function declaredLength(response: Response): number | null {
  const encoding = response.headers.get('content-encoding');
  if (encoding && encoding.toLowerCase() !== 'identity') return null;
  const raw = response.headers.get('content-length');
  if (raw === null || !/^\d+$/.test(raw.trim())) return null;
  return Number(raw);
}
