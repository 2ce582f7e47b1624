/**
 * Opening a bundle from a URL: the manifest (always revalidated), then its ONNX files from the model cache
 * or the network, with one byte-level progress stream over all files.
 */
import { StudioError } from '../lib/errors';
import { bundleOnnxFiles, makeBundle, type BundleSource, type LoadedBundle } from './bundle';
import { sha256Hex } from './hash';
import { declaredLength, defaultFetch, fetchOk, looksLikeHtml, resolveUrl, type FetchLike } from './http';
import { modelCacheKey, openModelCache, type ModelCache } from './modelCache';
import { parseManifestText } from './parseManifest';
import { ByteProgress, type ProgressCallback } from './progress';
import { readBody } from './readBody';

export interface LoadOptions {
  signal?: AbortSignal;
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
  /** Defaults to Cache Storage where it exists; null disables caching. */
  cache?: ModelCache | null;
  /** How the bundle is described in LoadedBundle.source; defaults to {kind:'url', where: manifest URL}. */
  source?: BundleSource;
}

/** A folder URL (with or without trailing slash) or a direct .json URL -> the manifest's absolute URL. */
export function manifestUrlFor(url: string): string {
  const absolute = new URL(resolveUrl(url.trim()));
  if (/\.json$/i.test(absolute.pathname)) return absolute.href;
  if (!absolute.pathname.endsWith('/')) absolute.pathname += '/';
  const manifest = new URL('manifest.json', absolute);
  manifest.search = absolute.search; // e.g. a version or token parameter on the folder link
  return manifest.href;
}

async function fetchManifest(fetchImpl: FetchLike, url: string, signal?: AbortSignal) {
  const response = await fetchOk(fetchImpl, url, { signal, cache: 'no-cache' });
  const text = await response.text();
  if (looksLikeHtml(response.headers.get('content-type'), new TextEncoder().encode(text.slice(0, 64)))) {
    throw new StudioError('not-a-bundle', `${url} is a web page, not a bundle's manifest.json: is this the model's folder URL?`);
  }
  return { text, manifest: parseManifestText(text, url) };
}

/** One ONNX file, either already in memory (cache hit) or an open response whose body is still to read. */
type Pending =
  | { file: string; url: string; key: string; cached: ArrayBuffer }
  | { file: string; url: string; key: string; response: Response; size: number | null };

async function openFile(
  file: string, manifestUrl: string, digest: string, fetchImpl: FetchLike, cache: ModelCache | null, signal: AbortSignal,
): Promise<Pending> {
  const url = resolveUrl(file, manifestUrl);
  const key = modelCacheKey(url, digest);
  const cached = await cache?.read(key);
  if (cached) return { file, url, key, cached };
  const response = await fetchOk(fetchImpl, url, { signal });
  if (looksLikeHtml(response.headers.get('content-type'))) {
    response.body?.cancel().catch(() => undefined);
    throw new StudioError('not-a-bundle', `${url} (named by the manifest as "${file}") is a web page, not an ONNX file`);
  }
  return { file, url, key, response, size: declaredLength(response) };
}

async function readAll(pending: Pending[], progress: ByteProgress, cache: ModelCache | null, signal: AbortSignal) {
  const files: Record<string, ArrayBuffer> = {};
  for (const p of pending) {
    progress.begin(p.file);
    if ('cached' in p) {
      files[p.file] = p.cached;
      progress.add(p.cached.byteLength);
      continue;
    }
    const bytes = await readBody(p.response, p.url, (n) => progress.add(n), p.size, signal);
    const head = new Uint8Array(bytes, 0, Math.min(64, bytes.byteLength));
    if (looksLikeHtml(null, head)) {
      throw new StudioError('not-a-bundle', `${p.url} (named by the manifest as "${p.file}") is a web page, not an ONNX file`);
    }
    files[p.file] = bytes;
    await cache?.write(p.key, bytes);
  }
  return files;
}

/**
 * Loads a bundle from a folder URL or a manifest URL. Progress counts ONNX bytes (cached ones included,
 * so a warm load still ends at 100%); `total` is null when a server does not send Content-Length.
 * Throws StudioError 'fetch-failed' | 'not-a-bundle' | 'manifest-invalid', or the abort reason.
 */
export async function loadBundleFromUrl(
  url: string, onProgress?: ProgressCallback, options: LoadOptions = {},
): Promise<LoadedBundle> {
  const fetchImpl = options.fetch ?? defaultFetch;
  const cache = options.cache === undefined ? openModelCache() : options.cache;
  const outer = options.signal;
  outer?.throwIfAborted();
  const manifestUrl = manifestUrlFor(url);
  const { text, manifest } = await fetchManifest(fetchImpl, manifestUrl, outer);
  const digest = (await sha256Hex(new TextEncoder().encode(text))).slice(0, 16);

  // One controller for all file requests: a failure in one cancels the others.
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  try {
    const names = bundleOnnxFiles(manifest).map((f) => f.file);
    const pending = await Promise.all(
      names.map((file) => openFile(file, manifestUrl, digest, fetchImpl, cache, controller.signal)),
    );
    const progress = new ByteProgress(totalSize(pending), onProgress);
    const files = await readAll(pending, progress, cache, controller.signal);
    return await makeBundle(manifest, files, options.source ?? { kind: 'url', where: manifestUrl });
  } catch (error) {
    controller.abort(error);
    throw outer?.aborted ? outer.reason : error;
  } finally {
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

function totalSize(pending: Pending[]): number | null {
  let total = 0;
  for (const p of pending) {
    const size = 'cached' in p ? p.cached.byteLength : p.size;
    if (size === null) return null;
    total += size;
  }
  return total;
}
