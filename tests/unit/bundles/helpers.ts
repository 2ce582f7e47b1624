/** Test doubles for the bundle loader: a routed fake fetch with chunked bodies, an in-memory Cache Storage. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FetchLike } from '../../../src/bundles/http';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function readJson(path: string): any {
  return JSON.parse(readFileSync(`${ROOT}${path}`, 'utf8'));
}

export const validManifest = () => readJson('tests/fixtures/manifests/valid.json');

export interface Route {
  body: Uint8Array | string;
  status?: number;
  contentType?: string;
  /** false: no Content-Length header; a number: that (possibly wrong) value. */
  contentLength?: boolean | number;
  contentEncoding?: string;
  chunkSize?: number;
}

export interface FakeFetch extends FetchLike {
  calls: string[];
}

/** fetch() over a route table; bodies stream in `chunkSize` pieces with a macrotask between pieces. */
export function fakeFetch(routes: Record<string, Route>): FakeFetch {
  const calls: string[] = [];
  const impl = (async (input: string, init?: RequestInit) => {
    calls.push(input);
    init?.signal?.throwIfAborted();
    const route = routes[input];
    if (!route) return new Response('not found', { status: 404, statusText: 'Not Found' });
    const bytes = typeof route.body === 'string' ? new TextEncoder().encode(route.body) : route.body;
    const chunk = route.chunkSize ?? 1000;
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((r) => setTimeout(r, 0));
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(offset, offset + chunk));
        offset += chunk;
      },
    });
    const headers = new Headers({ 'content-type': route.contentType ?? 'application/octet-stream' });
    if (route.contentLength !== false) {
      headers.set('content-length', String(typeof route.contentLength === 'number' ? route.contentLength : bytes.length));
    }
    if (route.contentEncoding) headers.set('content-encoding', route.contentEncoding);
    return new Response(stream, { status: route.status ?? 200, headers });
  }) as FakeFetch;
  impl.calls = calls;
  return impl;
}

/** Deterministic pseudo-random bytes standing in for an ONNX file. */
export function fakeOnnx(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  out[0] = 0x08; // protobuf field 1 (ir_version), as real ONNX files start
  return out;
}

/** A Map-backed stand-in for the browser's CacheStorage (enough for ModelCache). */
export class MemoryCacheStorage {
  readonly caches = new Map<string, MemoryCache>();
  async open(name: string): Promise<MemoryCache> {
    if (!this.caches.has(name)) this.caches.set(name, new MemoryCache());
    return this.caches.get(name)!;
  }
  asCacheStorage(): CacheStorage {
    return this as unknown as CacheStorage;
  }
}

export class MemoryCache {
  readonly entries = new Map<string, { headers: [string, string][]; bytes: Uint8Array }>();
  async match(key: RequestInfo | URL): Promise<Response | undefined> {
    const entry = this.entries.get(urlOf(key));
    return entry && new Response(entry.bytes.slice(), { headers: entry.headers });
  }
  async put(key: RequestInfo | URL, response: Response): Promise<void> {
    const bytes = new Uint8Array(await response.arrayBuffer());
    this.entries.set(urlOf(key), { headers: [...response.headers], bytes });
  }
  async delete(key: RequestInfo | URL): Promise<boolean> {
    return this.entries.delete(urlOf(key));
  }
  async keys(): Promise<Request[]> {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
}

function urlOf(key: RequestInfo | URL): string {
  return typeof key === 'string' ? key : key instanceof URL ? key.href : key.url;
}
