/** Getting model bundles into the app: catalog, URL, dropped files; validation, progress and cache. */
export { parseManifest, parseManifestText } from './parseManifest';
export { checkManifestConsistency } from './manifestConsistency';
export { bundleKey, bundleModels, bundleOnnxFiles, makeBundle, type BundleSource, type LoadedBundle } from './bundle';
export { catalogModelUrl, defaultCatalogEntry, fetchCatalog, loadCatalogBundle, type Catalog, type CatalogEntry } from './catalog';
export { loadBundleFromUrl, manifestUrlFor, type LoadOptions } from './loadFromUrl';
export { loadBundleFromFiles } from './loadFromFiles';
export { collectDroppedFiles } from './dataTransfer';
export { MODEL_CACHE_NAME, openModelCache, type ModelCache } from './modelCache';
export type { ProgressCallback } from './progress';
