/**
 * The built-in models: `/models/catalog.json` lists them, `/models/<id>/` serves each bundle. The studio
 * opens the entry marked `default` (else the first) on start, so an image is on screen without a choice.
 */
import { z } from 'zod';
import { manifestSchema } from '../families/manifest';
import { StudioError } from '../lib/errors';
import { type LoadedBundle } from './bundle';
import { defaultFetch, fetchOk, looksLikeHtml, resolveUrl, type FetchLike } from './http';
import { describeIssues } from './issues';
import { loadBundleFromUrl, type LoadOptions } from './loadFromUrl';
import type { ProgressCallback } from './progress';

export const catalogEntrySchema = z.object({
  id: manifestSchema.shape.id,
  name: z.string().min(1),
  family: manifestSchema.shape.family,
  description: z.string(),
  default: z.boolean().optional(),
});

export const catalogSchema = z.object({ models: z.array(catalogEntrySchema) });

export type CatalogEntry = z.infer<typeof catalogEntrySchema>;
export type Catalog = z.infer<typeof catalogSchema>;

/** `<base>models/` as an absolute URL; `baseUrl` is the app's base (Vite's BASE_URL, e.g. "/"). */
export function modelsRootUrl(baseUrl = '/'): string {
  const base = resolveUrl(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  return new URL('models/', base).href;
}

/** Folder URL of one built-in bundle. */
export function catalogModelUrl(baseUrl: string, id: string): string {
  return new URL(`${encodeURIComponent(id)}/`, modelsRootUrl(baseUrl)).href;
}

/** Fetches and validates the catalog. Throws 'fetch-failed', 'not-a-bundle' (not JSON) or 'manifest-invalid'. */
export async function fetchCatalog(
  baseUrl = '/', options: { signal?: AbortSignal; fetch?: FetchLike } = {},
): Promise<Catalog> {
  const url = new URL('catalog.json', modelsRootUrl(baseUrl)).href;
  const response = await fetchOk(options.fetch ?? defaultFetch, url, { signal: options.signal, cache: 'no-cache' });
  const text = await response.text();
  let json: unknown;
  try {
    if (looksLikeHtml(response.headers.get('content-type'))) throw new Error('got a web page');
    json = JSON.parse(text);
  } catch (error) {
    throw new StudioError('not-a-bundle', `${url} is not a model catalog (${(error as Error).message})`);
  }
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) throw new StudioError('manifest-invalid', describeIssues(url, parsed.error.issues, json));
  return parsed.data;
}

/** The entry to open on start: the one marked default, else the first; null for an empty catalog. */
/**
 * Test fixtures ship beside the trained models (random weights, the real graphs at a tiny size, what the
 * tests and a fresh clone run on). Their ids start with "fixture-"; menus list them apart, so a first-time
 * user does not pick one and get noise.
 */
export function isTestFixture(entry: Pick<CatalogEntry, 'id'>): boolean {
  return entry.id.startsWith('fixture-');
}

export function defaultCatalogEntry(catalog: Catalog): CatalogEntry | null {
  return catalog.models.find((m) => m.default) ?? catalog.models[0] ?? null;
}

/**
 * Loads a built-in bundle by id. A manifest whose id differs from its catalog id is refused: the id is
 * what saved states and URLs refer to, so the two must agree.
 */
export async function loadCatalogBundle(
  baseUrl: string, id: string, onProgress?: ProgressCallback, options: Omit<LoadOptions, 'source'> = {},
): Promise<LoadedBundle> {
  const bundle = await loadBundleFromUrl(catalogModelUrl(baseUrl, id), onProgress, {
    ...options,
    source: { kind: 'catalog', where: id },
  });
  if (bundle.manifest.id !== id) {
    throw new StudioError('manifest-invalid', `catalog entry "${id}" serves a manifest with id "${bundle.manifest.id}"`);
  }
  return bundle;
}
