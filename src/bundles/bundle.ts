/**
 * A bundle once it is in memory: the validated manifest, the ONNX bytes it names, where it came from and
 * a content hash. Everything after loading (engine, adapters, UI) works from this, whatever the source.
 */
import type { Manifest } from '../families/manifest';
import type { SessionName } from '../engine/protocol';
import { hashFiles } from './hash';

export type BundleSourceKind = 'catalog' | 'url' | 'files';

export interface BundleSource {
  kind: BundleSourceKind;
  /** Catalog id, manifest URL, or the dropped manifest's path: shown to the user, used in messages. */
  where: string;
}

export interface LoadedBundle {
  manifest: Manifest;
  /** ONNX bytes keyed by the path the manifest uses (generator.file, encoder.file). */
  files: Record<string, ArrayBuffer>;
  source: BundleSource;
  /** Short SHA-256 hex of the ONNX bytes (see hashFiles). */
  hash: string;
}

/** The ONNX files a manifest names, generator first, each with the session it feeds. */
export function bundleOnnxFiles(manifest: Manifest): { session: SessionName; file: string }[] {
  const out: { session: SessionName; file: string }[] = [{ session: 'generator', file: manifest.generator.file }];
  if (manifest.encoder) out.push({ session: 'encoder', file: manifest.encoder.file });
  return out;
}

/** Assembles a bundle and hashes its ONNX bytes in manifest order. */
export async function makeBundle(
  manifest: Manifest,
  files: Record<string, ArrayBuffer>,
  source: BundleSource,
): Promise<LoadedBundle> {
  const ordered = bundleOnnxFiles(manifest).map(({ file }) => [file, files[file]] as [string, ArrayBuffer]);
  return { manifest, files, source, hash: await hashFiles(ordered) };
}

/** What the engine's load request takes: bytes per session. */
export function bundleModels(bundle: LoadedBundle): Partial<Record<SessionName, ArrayBuffer>> {
  const models: Partial<Record<SessionName, ArrayBuffer>> = {};
  for (const { session, file } of bundleOnnxFiles(bundle.manifest)) models[session] = bundle.files[file];
  return models;
}

/** The key the engine keeps this bundle's sessions under: model id plus content hash. */
export function bundleKey(bundle: LoadedBundle): string {
  return `${bundle.manifest.id}@${bundle.hash}`;
}
