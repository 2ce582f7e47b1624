/**
 * A bundle from models/<id>/ on disk, loaded into the in-thread Engine on onnxruntime-web (WASM), as a
 * SequenceModel. The hash is computed exactly as the browser computes it (bundles/makeBundle), so the
 * PNGs and sequence.json of a command-line render name the same model hash as the studio's export.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleKey, bundleModels, bundleOnnxFiles, makeBundle } from '../../src/bundles/bundle.ts';
import { parseManifestText } from '../../src/bundles/parseManifest.ts';
import { Engine } from '../../src/engine/engine.ts';
import { adapterFor } from '../../src/families/registry.ts';
import { validateAgainstSession } from '../../src/families/validate.ts';
import { StudioError } from '../../src/lib/errors.ts';
import type { SequenceModel } from '../../src/sequence/renderFrames.ts';

export interface DiskModel extends SequenceModel {
  engine: Engine;
  dispose(): void;
}

/** Ids of the bundles installed under `modelsDir` (folders with a manifest.json). */
export function installedModels(modelsDir: string): string[] {
  if (!existsSync(modelsDir)) return [];
  return readdirSync(modelsDir)
    .filter((id) => id !== 'recipes' && existsSync(join(modelsDir, id, 'manifest.json')))
    .sort();
}

function readArrayBuffer(path: string): ArrayBuffer {
  const b = readFileSync(path);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

/** Loads models/<id>/. Throws StudioError('model-missing') naming the installed ids when it is not there. */
export async function loadDiskModel(id: string, modelsDir = 'models'): Promise<DiskModel> {
  const dir = resolve(modelsDir, id);
  const manifestPath = join(dir, 'manifest.json');
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(id) || !existsSync(manifestPath)) {
    const installed = installedModels(modelsDir);
    throw new StudioError(
      'model-missing',
      `model "${id}" is not installed: no ${join(modelsDir, id, 'manifest.json')} (installed: ${installed.join(', ') || 'none'})`,
    );
  }
  const manifest = parseManifestText(readFileSync(manifestPath, 'utf8'), manifestPath);
  if (manifest.id !== id) throw new StudioError('manifest-invalid', `${manifestPath}: id "${manifest.id}" differs from its folder "${id}"`);
  const files: Record<string, ArrayBuffer> = {};
  for (const { file } of bundleOnnxFiles(manifest)) files[file] = readArrayBuffer(join(dir, file));
  const bundle = await makeBundle(manifest, files, { kind: 'files', where: dir });
  const engine = new Engine({ gpu: null });
  const key = bundleKey(bundle);
  try {
    const loaded = await engine.load(key, bundleModels(bundle), 'wasm');
    for (const [session, info] of Object.entries(loaded.sessions)) validateAgainstSession(manifest, session as 'generator' | 'encoder', info!);
  } catch (error) {
    engine.dispose();
    throw error;
  }
  return { engine, key, manifest, adapter: adapterFor(manifest), hash: bundle.hash, dispose: () => engine.dispose() };
}
