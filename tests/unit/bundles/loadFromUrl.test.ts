import { describe, expect, it } from 'vitest';
import { loadBundleFromUrl, manifestUrlFor } from '../../../src/bundles/loadFromUrl';
import { openModelCache } from '../../../src/bundles/modelCache';
import { bundleKey, bundleModels } from '../../../src/bundles/bundle';
import { sha256Hex } from '../../../src/bundles/hash';
import { StudioError } from '../../../src/lib/errors';
import type { LoadProgress } from '../../../src/state/sessionStore';
import { fakeFetch, fakeOnnx, MemoryCacheStorage, validManifest, type Route } from './helpers';

const BASE = 'https://models.test/bundles/tiny/';
const GEN = fakeOnnx(25_000, 1);
const ENC = fakeOnnx(12_345, 2);

function routes(extra: Record<string, Route> = {}): Record<string, Route> {
  return {
    [`${BASE}manifest.json`]: { body: JSON.stringify(validManifest()), contentType: 'application/json' },
    [`${BASE}generator.onnx`]: { body: GEN, chunkSize: 4096 },
    [`${BASE}encoder.onnx`]: { body: ENC, chunkSize: 1000 },
    ...extra,
  };
}

async function rejection(promise: Promise<unknown>): Promise<StudioError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(StudioError);
  return error as StudioError;
}

/** The invariants a progress bar relies on. */
function expectProgressInvariants(events: LoadProgress[], total: number | null) {
  expect(events.length).toBeGreaterThan(2);
  for (let i = 1; i < events.length; i++) expect(events[i].loaded).toBeGreaterThanOrEqual(events[i - 1].loaded);
  for (const e of events) expect(e.total).toBe(total);
  if (total !== null) {
    for (const e of events) expect(e.loaded).toBeLessThanOrEqual(total);
    expect(events.at(-1)!.loaded).toBe(total);
  }
}

describe('manifestUrlFor', () => {
  it('accepts a folder with or without a slash, or the manifest itself', () => {
    expect(manifestUrlFor('https://a.test/m/x')).toBe('https://a.test/m/x/manifest.json');
    expect(manifestUrlFor('https://a.test/m/x/')).toBe('https://a.test/m/x/manifest.json');
    expect(manifestUrlFor('https://a.test/m/x/bundle.json')).toBe('https://a.test/m/x/bundle.json');
    expect(manifestUrlFor('https://a.test/m/x?v=2')).toBe('https://a.test/m/x/manifest.json?v=2');
  });
});

describe('loadBundleFromUrl', () => {
  it('loads both ONNX files with monotone byte progress over a fixed total, ending at 100%', async () => {
    const events: LoadProgress[] = [];
    const bundle = await loadBundleFromUrl(BASE.slice(0, -1), (p) => events.push(p), { fetch: fakeFetch(routes()), cache: null });
    expect(bundle.manifest.id).toBe('test-mixnmatch-tiny');
    expect(new Uint8Array(bundle.files['generator.onnx'])).toEqual(GEN);
    expect(new Uint8Array(bundle.files['encoder.onnx'])).toEqual(ENC);
    expect(bundle.source).toEqual({ kind: 'url', where: `${BASE}manifest.json` });
    expectProgressInvariants(events, GEN.length + ENC.length);
    expect(events.map((e) => e.label)).toContain('encoder.onnx');
    expect(bundleModels(bundle).generator).toBe(bundle.files['generator.onnx']);
    expect(bundleKey(bundle)).toMatch(/^test-mixnmatch-tiny@[0-9a-f]{16}$/);
  });

  it('reports a null total (still monotone) when a size is unknown or the body is content-encoded', async () => {
    for (const extra of [{ contentLength: false }, { contentEncoding: 'gzip' }] as const) {
      const events: LoadProgress[] = [];
      const r = routes({ [`${BASE}encoder.onnx`]: { body: ENC, ...extra } });
      await loadBundleFromUrl(BASE, (p) => events.push(p), { fetch: fakeFetch(r), cache: null });
      expectProgressInvariants(events, null);
      expect(events.at(-1)!.loaded).toBe(GEN.length + ENC.length);
    }
  });

  it('hashes the ONNX bytes: same bytes, same hash; other bytes, other hash', async () => {
    const a = await loadBundleFromUrl(BASE, undefined, { fetch: fakeFetch(routes()), cache: null });
    const b = await loadBundleFromUrl(BASE, undefined, { fetch: fakeFetch(routes()), cache: null });
    const c = await loadBundleFromUrl(BASE, undefined, {
      fetch: fakeFetch(routes({ [`${BASE}encoder.onnx`]: { body: fakeOnnx(12_345, 3) } })),
      cache: null,
    });
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(c.hash);
    const single = validManifest();
    delete single.encoder;
    const d = await loadBundleFromUrl(BASE, undefined, {
      fetch: fakeFetch(routes({ [`${BASE}manifest.json`]: { body: JSON.stringify(single) } })),
      cache: null,
    });
    expect(d.hash).toBe((await sha256Hex(GEN)).slice(0, 16));
  });

  it('404 on the manifest or an ONNX file is fetch-failed naming the URL and status', async () => {
    const missing = await rejection(loadBundleFromUrl('https://models.test/nothing/', undefined, { fetch: fakeFetch(routes()), cache: null }));
    expect(missing.code).toBe('fetch-failed');
    expect(missing.message).toBe('could not fetch https://models.test/nothing/manifest.json: HTTP 404 Not Found');
    const r = routes();
    delete r[`${BASE}encoder.onnx`];
    const onnx = await rejection(loadBundleFromUrl(BASE, undefined, { fetch: fakeFetch(r), cache: null }));
    expect(onnx.code).toBe('fetch-failed');
    expect(onnx.message).toContain(`${BASE}encoder.onnx: HTTP 404`);
  });

  it('a network error is fetch-failed', async () => {
    const failing = async () => {
      throw new TypeError('fetch failed');
    };
    const error = await rejection(loadBundleFromUrl(BASE, undefined, { fetch: failing, cache: null }));
    expect(error.code).toBe('fetch-failed');
    expect(error.message).toContain(`${BASE}manifest.json`);
  });

  it('an HTML page or non-JSON where the manifest should be is not-a-bundle', async () => {
    const html = '<!doctype html><html><body>Studio</body></html>';
    for (const route of [{ body: html, contentType: 'text/html; charset=utf-8' }, { body: html, contentType: 'text/plain' }, { body: 'hello', contentType: 'text/plain' }]) {
      const error = await rejection(
        loadBundleFromUrl(BASE, undefined, { fetch: fakeFetch(routes({ [`${BASE}manifest.json`]: route })), cache: null }),
      );
      expect(error.code).toBe('not-a-bundle');
      expect(error.message).toContain(`${BASE}manifest.json`);
    }
    // A dev server's SPA fallback answering for a missing .onnx file.
    const fallback = routes({ [`${BASE}generator.onnx`]: { body: html, contentType: 'text/html' } });
    const onnx = await rejection(loadBundleFromUrl(BASE, undefined, { fetch: fakeFetch(fallback), cache: null }));
    expect(onnx.code).toBe('not-a-bundle');
    expect(onnx.message).toContain('generator.onnx');
  });

  it('an invalid manifest is manifest-invalid naming the field', async () => {
    const m = validManifest();
    m.factors[1].classes = 0;
    const error = await rejection(
      loadBundleFromUrl(BASE, undefined, { fetch: fakeFetch(routes({ [`${BASE}manifest.json`]: { body: JSON.stringify(m) } })), cache: null }),
    );
    expect(error.code).toBe('manifest-invalid');
    expect(error.message).toContain('factors[1].classes');
  });

  it('a body shorter than its Content-Length is fetch-failed, and progress never passes the total', async () => {
    const events: LoadProgress[] = [];
    const r = routes({ [`${BASE}encoder.onnx`]: { body: ENC, contentLength: ENC.length + 10 } });
    const error = await rejection(loadBundleFromUrl(BASE, (p) => events.push(p), { fetch: fakeFetch(r), cache: null }));
    expect(error.code).toBe('fetch-failed');
    expect(error.message).toContain('incomplete');
    for (const e of events) expect(e.loaded).toBeLessThanOrEqual(e.total!);
  });

  it('stops on abort and rethrows the abort reason', async () => {
    const controller = new AbortController();
    const promise = loadBundleFromUrl(
      BASE,
      (p) => {
        if (p.loaded > 5000) controller.abort();
      },
      { fetch: fakeFetch(routes()), cache: null, signal: controller.signal },
    );
    const error = await promise.then(() => null, (e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
  });
});

describe('model cache', () => {
  it('a warm load skips the network for ONNX files and still ends at 100%', async () => {
    const storage = new MemoryCacheStorage();
    const cold = fakeFetch(routes());
    await loadBundleFromUrl(BASE, undefined, { fetch: cold, cache: openModelCache(storage.asCacheStorage()) });
    expect(cold.calls.filter((u) => u.endsWith('.onnx'))).toHaveLength(2);

    const warm = fakeFetch(routes());
    const events: LoadProgress[] = [];
    const bundle = await loadBundleFromUrl(BASE, (p) => events.push(p), { fetch: warm, cache: openModelCache(storage.asCacheStorage()) });
    expect(warm.calls).toEqual([`${BASE}manifest.json`]);
    expect(new Uint8Array(bundle.files['encoder.onnx'])).toEqual(ENC);
    expectProgressInvariants(events, GEN.length + ENC.length);
  });

  it('a truncated cache entry is discarded and downloaded again', async () => {
    const storage = new MemoryCacheStorage();
    await loadBundleFromUrl(BASE, undefined, { fetch: fakeFetch(routes()), cache: openModelCache(storage.asCacheStorage()) });
    const cache = await storage.open('disentangle-models-v1');
    const [key] = [...cache.entries.keys()].filter((k) => k.includes('generator.onnx'));
    const entry = cache.entries.get(key)!;
    entry.bytes = entry.bytes.slice(0, 1000);

    const again = fakeFetch(routes());
    const bundle = await loadBundleFromUrl(BASE, undefined, { fetch: again, cache: openModelCache(storage.asCacheStorage()) });
    expect(again.calls).toEqual([`${BASE}manifest.json`, `${BASE}generator.onnx`]);
    expect(new Uint8Array(bundle.files['generator.onnx'])).toEqual(GEN);
    expect(cache.entries.get(key)!.bytes.length).toBe(GEN.length);
  });

  it('a changed manifest gets fresh ONNX downloads and replaces the old entries', async () => {
    const storage = new MemoryCacheStorage();
    await loadBundleFromUrl(BASE, undefined, { fetch: fakeFetch(routes()), cache: openModelCache(storage.asCacheStorage()) });
    const changed = validManifest();
    changed.name = 'Tiny, re-converted';
    const next = fakeFetch(routes({ [`${BASE}manifest.json`]: { body: JSON.stringify(changed) } }));
    await loadBundleFromUrl(BASE, undefined, { fetch: next, cache: openModelCache(storage.asCacheStorage()) });
    expect(next.calls.filter((u) => u.endsWith('.onnx'))).toHaveLength(2);
    expect((await storage.open('disentangle-models-v1')).entries.size).toBe(2);
  });

  it('works without Cache Storage (Node, insecure contexts)', async () => {
    expect(openModelCache(undefined)).toBeNull();
    const bundle = await loadBundleFromUrl(BASE, undefined, { fetch: fakeFetch(routes()) });
    expect(bundle.files['generator.onnx'].byteLength).toBe(GEN.length);
  });
});
