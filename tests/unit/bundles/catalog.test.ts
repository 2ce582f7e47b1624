import { describe, expect, it } from 'vitest';
import { catalogModelUrl, defaultCatalogEntry, fetchCatalog, loadCatalogBundle } from '../../../src/bundles/catalog';
import { StudioError } from '../../../src/lib/errors';
import { fakeFetch, fakeOnnx, validManifest } from './helpers';
import type { Catalog } from '../../../src/bundles/catalog';

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e as StudioError);

const APP = 'https://studio.test/app/';
const catalog: Catalog = {
  models: [
    { id: 'a', name: 'A', family: 'giraffe', description: '' },
    { id: 'test-mixnmatch-tiny', name: 'Tiny', family: 'mixnmatch', description: 'x', default: true },
  ],
};

describe('catalog', () => {
  it('fetches /models/catalog.json under the app base and picks the default entry', async () => {
    const fetch = fakeFetch({ [`${APP}models/catalog.json`]: { body: JSON.stringify(catalog), contentType: 'application/json' } });
    const result = await fetchCatalog(APP.slice(0, -1), { fetch });
    expect(defaultCatalogEntry(result)?.id).toBe('test-mixnmatch-tiny');
    expect(defaultCatalogEntry({ models: [catalog.models[0]] })?.id).toBe('a');
    expect(defaultCatalogEntry({ models: [] })).toBeNull();
    expect(catalogModelUrl(APP, 'a')).toBe(`${APP}models/a/`);
  });

  it('names the bad field of an invalid catalog', async () => {
    const bad = { models: [{ ...catalog.models[0], family: 'gan' }] };
    const fetch = fakeFetch({ [`${APP}models/catalog.json`]: { body: JSON.stringify(bad) } });
    const error = await failure(fetchCatalog(APP, { fetch }));
    expect(error.code).toBe('manifest-invalid');
    expect(error.message).toContain('models[0].family: invalid value "gan"');
  });

  it('loads a built-in bundle as source kind catalog', async () => {
    const root = `${APP}models/test-mixnmatch-tiny/`;
    const fetch = fakeFetch({
      [`${root}manifest.json`]: { body: JSON.stringify(validManifest()) },
      [`${root}generator.onnx`]: { body: fakeOnnx(100) },
      [`${root}encoder.onnx`]: { body: fakeOnnx(50) },
    });
    const bundle = await loadCatalogBundle(APP, 'test-mixnmatch-tiny', undefined, { fetch, cache: null });
    expect(bundle.source).toEqual({ kind: 'catalog', where: 'test-mixnmatch-tiny' });
    const wrong = fakeFetch({
      [`${APP}models/other/manifest.json`]: { body: JSON.stringify(validManifest()) },
      [`${APP}models/other/generator.onnx`]: { body: fakeOnnx(100) },
      [`${APP}models/other/encoder.onnx`]: { body: fakeOnnx(50) },
    });
    const error = await failure(loadCatalogBundle(APP, 'other', undefined, { fetch: wrong, cache: null }));
    expect(error.code).toBe('manifest-invalid');
  });
});
