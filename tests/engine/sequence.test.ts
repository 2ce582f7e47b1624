/**
 * PNG sequences rendered in Node on onnxruntime-web WASM with the real fixture bundle: the streamed zip's
 * entries and metadata, determinism, upscaling, and the command-line renderer (spawned as a user runs it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/bundles/parseManifest';
import { adapterFor } from '../../src/families/registry';
import { decodePng, readPngText } from '../../src/lib/png';
import { frameStates } from '../../src/sequence/sampling';
import { presetsFor } from '../../src/sequence/presets';
import type { SequenceSpec } from '../../src/sequence/spec';
import { stateFromPngText } from '../../src/state/stateCodec';
import { renderToDisk } from '../../scripts/render/renderToDisk';

const ID = 'fixture-giraffe-tiny';
const manifest = parseManifest(JSON.parse(readFileSync(`models/${ID}/manifest.json`, 'utf8')));
const base = adapterFor(manifest).defaultState(manifest);
const dir = mkdtempSync(join(tmpdir(), 'studio-seq-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function turntable(frames: number, output: SequenceSpec['output'] = { scale: 1, filter: 'nearest' }): SequenceSpec {
  return { ...presetsFor(manifest, base).find((p) => p.id === 'turntable')!.build(base, frames), output };
}

describe('sequence export in Node (fixture-giraffe-tiny, wasm)', () => {
  const spec = turntable(3);
  const zipA = join(dir, 'a.zip');
  const zipB = join(dir, 'b.zip');

  it('streams a zip listing the frames and sequence.json, each PNG carrying its frame state', async () => {
    const result = await renderToDisk(spec, { zipPath: zipA });
    expect(result).toMatchObject({ status: 'complete', written: 3, nonFinite: 0 });
    const files = unzipSync(readFileSync(zipA));
    expect(Object.keys(files)).toEqual(['frame_00000.png', 'frame_00001.png', 'frame_00002.png', 'sequence.json']);
    const expected = [...frameStates(spec, manifest)].map((f) => f.state);
    const record = JSON.parse(strFromU8(files['sequence.json']));
    expect(record).toMatchObject({ modelId: ID, frames: { total: 3, written: 3, complete: true }, size: [64, 64], spec: { kind: 'sweep' } });
    expect(record.modelHash).toMatch(/^[0-9a-f]{16}$/);
    expected.forEach((state, i) => {
      const png = files[`frame_0000${i}.png`];
      const meta = stateFromPngText(readPngText(png))!;
      expect(meta.state).toEqual(state);
      expect(meta.modelHash).toBe(record.modelHash);
      const image = decodePng(png);
      expect([image.width, image.height]).toEqual([64, 64]);
    });
    expect(files['frame_00000.png']).not.toEqual(files['frame_00001.png']);
  });

  it('renders byte-identical zips run after run, with PNGs encoded on worker threads or in-thread', async () => {
    await renderToDisk(spec, { zipPath: zipB }, { workers: false });
    expect(readFileSync(zipB).equals(readFileSync(zipA))).toBe(true);
  });

  it('upscales x2 smooth to the same frame at twice the size', async () => {
    const out = join(dir, 'x2');
    await renderToDisk(turntable(1, { scale: 2, filter: 'smooth' }), { outDir: out });
    const image = decodePng(readFileSync(join(out, 'frame_00000.png')));
    expect([image.width, image.height]).toEqual([128, 128]);
    const native = decodePng(unzipSync(readFileSync(zipA))['frame_00000.png']);
    // Bilinear at pixel centres: the mean colour is (nearly) that of the native frame.
    const mean = (d: Uint8Array) => d.reduce((s, v, i) => (i % 4 === 0 ? s + v : s), 0) / (d.length / 4);
    expect(Math.abs(mean(image.data) - mean(native.data))).toBeLessThan(1);
  });
});

describe('npm run render (CLI)', () => {
  const run = (...args: string[]) => spawnSync('npx', ['tsx', 'scripts/render/cli.ts', ...args], { encoding: 'utf8', timeout: 120_000 });

  it('renders a 3-frame spec into a folder with the same bytes as the in-process export', () => {
    const specPath = join(dir, 'spec.json');
    writeFileSync(specPath, JSON.stringify(turntable(3)));
    const out = join(dir, 'cli-out');
    const result = run(specPath, '--out', out);
    expect(result.stderr).toMatch(/3\/3 frames/);
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['frame_00000.png', 'frame_00001.png', 'frame_00002.png', 'sequence.json']);
    const zipped = unzipSync(readFileSync(join(dir, 'a.zip')));
    for (const name of ['frame_00000.png', 'frame_00002.png', 'sequence.json']) {
      expect(Buffer.from(readFileSync(join(out, name))).equals(Buffer.from(zipped[name])), name).toBe(true);
    }
  });

  it('refuses a spec that fails its schema, naming the field, and a model that is not installed', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...turntable(3), frames: 0 }));
    const schema = run(bad, '--out', join(dir, 'never'));
    expect(schema.status).toBe(1);
    expect(schema.stderr).toMatch(/spec-invalid: sequence spec: frames: a sequence needs at least 1 frame/);
    const missing = join(dir, 'missing.json');
    const spec = turntable(3) as Extract<SequenceSpec, { kind: 'sweep' }>;
    writeFileSync(missing, JSON.stringify({ ...spec, modelId: 'no-such-model', base: { ...spec.base, modelId: 'no-such-model' } }));
    const model = run(missing, '--out', join(dir, 'never'));
    expect(model.status).toBe(1);
    expect(model.stderr).toMatch(/model-missing: model "no-such-model" is not installed.*installed: .*fixture-giraffe-tiny/);
  });
});
