/** Loads a bundle from models/<id>/ on disk into an in-thread Engine, with its adapter's default feeds. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifest } from '../../src/bundles/parseManifest.ts';
import { Engine } from '../../src/engine/engine.ts';
import { adapterFor } from '../../src/families/registry.ts';
import type { Feeds } from '../../src/families/types.ts';
import type { Manifest } from '../../src/families/manifest.ts';

export interface NodeModel {
  engine: Engine;
  key: string;
  manifest: Manifest;
  feeds: Feeds;
}

export async function loadNodeModel(id: string, modelsDir = 'models'): Promise<NodeModel> {
  const dir = join(modelsDir, id);
  const manifest = parseManifest(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  const bytes = readFileSync(join(dir, manifest.generator.file));
  const engine = new Engine();
  const key = `${id}@bench`;
  await engine.load(key, { generator: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }, 'wasm');
  const adapter = adapterFor(manifest);
  return { engine, key, manifest, feeds: adapter.toFeeds(adapter.defaultState(manifest), manifest) };
}
