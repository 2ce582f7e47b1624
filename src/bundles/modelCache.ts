/**
 * Keeps downloaded ONNX bytes in the browser's Cache Storage so reopening a model skips the network
 * (after mediapipe-samples' opfs_cache). Each entry records its byte length; an entry whose body does not
 * have that length (a write cut short by a closed tab or a full disk) is deleted and downloaded again.
 *
 * Keys are the file's URL plus a digest of the manifest text it was listed in: the loader always
 * revalidates the manifest, so a bundle re-converted with a new manifest gets new keys, and a warm load
 * needs no request for the ONNX files at all (a size cannot be learned without one, so it is checked on
 * read rather than used in the key). Where Cache Storage is missing (Node, insecure contexts) or refuses
 * (private windows, quota), caching is skipped and loading works as before.
 */
export const MODEL_CACHE_NAME = 'disentangle-models-v1';

const SIZE_HEADER = 'x-studio-bytes';
const DIGEST_PARAM = 'studio-manifest';

export interface ModelCache {
  /** Cached bytes, or null on a miss or a damaged entry (which is removed). */
  read(key: string): Promise<ArrayBuffer | null>;
  /** Stores bytes; failures (quota) are swallowed: the cache is an optimisation. */
  write(key: string, bytes: ArrayBuffer): Promise<void>;
}

/** Cache key for one ONNX URL listed in a manifest with the given digest. */
export function modelCacheKey(url: string, manifestDigest: string): string {
  const u = new URL(url);
  u.searchParams.set(DIGEST_PARAM, manifestDigest);
  return u.href;
}

/** The URL a key was made from, so older versions of the same file can be dropped on write. */
function keyBase(key: string): string {
  const u = new URL(key);
  u.searchParams.delete(DIGEST_PARAM);
  return u.href;
}

class CacheStorageModelCache implements ModelCache {
  private cache: Promise<Cache | null> | null = null;

  constructor(private readonly storage: CacheStorage) {}

  private open(): Promise<Cache | null> {
    this.cache ??= this.storage.open(MODEL_CACHE_NAME).catch(() => null);
    return this.cache;
  }

  async read(key: string): Promise<ArrayBuffer | null> {
    try {
      const cache = await this.open();
      const hit = await cache?.match(key);
      if (!cache || !hit) return null;
      const expected = Number(hit.headers.get(SIZE_HEADER));
      const bytes = await hit.arrayBuffer();
      if (!Number.isFinite(expected) || expected <= 0 || bytes.byteLength !== expected) {
        await cache.delete(key);
        return null;
      }
      return bytes;
    } catch {
      return null;
    }
  }

  async write(key: string, bytes: ArrayBuffer): Promise<void> {
    try {
      const cache = await this.open();
      if (!cache) return;
      const base = keyBase(key);
      for (const request of await cache.keys()) {
        if (request.url !== key && keyBase(request.url) === base) await cache.delete(request);
      }
      const headers = { 'content-type': 'application/octet-stream', [SIZE_HEADER]: String(bytes.byteLength) };
      await cache.put(key, new Response(bytes, { headers }));
    } catch {
      // Quota exceeded, private mode, or a storage error: the next load downloads again.
    }
  }
}

/** The Cache Storage model cache, or null where the browser has none (Node, http:// other than localhost). */
export function openModelCache(storage: CacheStorage | undefined = globalThis.caches): ModelCache | null {
  return storage ? new CacheStorageModelCache(storage) : null;
}
