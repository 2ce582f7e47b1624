/**
 * Every bundle shipped in models/ opens as the studio opens it: the manifest passes the schema and the
 * consistency rules, its sessions match the manifest's names and shapes, and the default state renders a
 * finite image with visible variation. Catches a retrained or re-exported bundle that the app would refuse.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/bundles/parseManifest';
import { Engine } from '../../src/engine/engine';
import { tensorToRgba } from '../../src/engine/frame';
import { adapterFor } from '../../src/families/registry';
import { validateAgainstSession } from '../../src/families/validate';
import { checkStateFitsManifest } from '../../src/state/fitState';

const ids = readdirSync('models').filter((id) => existsSync(join('models', id, 'manifest.json')));
const engine = new Engine();
afterAll(() => engine.dispose());

const bytesOf = (path: string) => {
  const b = readFileSync(path);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};

describe.each(ids)('built-in bundle %s', (id) => {
  const dir = join('models', id);

  it('loads, matches its ONNX sessions and renders its default state', async () => {
    const manifest = parseManifest(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    expect(manifest.id).toBe(id);
    const models = {
      generator: bytesOf(join(dir, manifest.generator.file)),
      ...(manifest.encoder ? { encoder: bytesOf(join(dir, manifest.encoder.file)) } : {}),
    };
    const loaded = await engine.load(id, models, 'wasm');
    for (const [session, info] of Object.entries(loaded.sessions)) validateAgainstSession(manifest, session as 'generator' | 'encoder', info!);

    const adapter = adapterFor(manifest);
    const state = adapter.defaultState(manifest);
    expect(checkStateFitsManifest(state, manifest)).toEqual([]);
    const result = await engine.run(id, 'generator', adapter.toFeeds(state, manifest));
    const spec = manifest.generator.outputs.find((o) => o.role === 'image')!;
    const frame = tensorToRgba(result.outputs[spec.name], spec.range);
    expect(frame.nonFinite).toBe(0);
    expect([frame.height, frame.width]).toEqual(manifest.resolution);
    const grey = new Set<number>();
    for (let i = 0; i < frame.rgba.length; i += 4) grey.add(frame.rgba[i] + frame.rgba[i + 1] + frame.rgba[i + 2]);
    expect(grey.size).toBeGreaterThan(50);
    await engine.unload(id);
  });

  it('ships a model card and the samples its manifest names', () => {
    const manifest = parseManifest(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    expect(readFileSync(join(dir, 'README.md'), 'utf8').length).toBeGreaterThan(200);
    for (const sample of manifest.samples) expect(existsSync(join(dir, sample)), sample).toBe(true);
  });
});
