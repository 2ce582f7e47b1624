/**
 * The MixNMatch adapter driving a real converted bundle in onnxruntime-web (WASM): the upstream cub-tiny
 * fixture (tests/fixtures/upstream/mixnmatch/cub-tiny: a random-weight G.pth and the outputs upstream
 * G_NET gave) is converted with the project's converter, and the knob state that describes each reference
 * case (classes, blends or encoder-style probabilities, and the noise vectors as reference vectors) is
 * turned into feeds by the adapter. The feeds must equal upstream's inputs and the outputs (image and the
 * foreground / mask / background layers) must match within 1e-4.
 * Needs /usr/bin/python3 with torch + onnx (Debian python3-torch), as CI has; elsewhere it skips and says why.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/bundles/parseManifest';
import { Engine } from '../../src/engine/engine';
import type { Manifest } from '../../src/families/manifest';
import { mixnmatchAdapter } from '../../src/families/mixnmatch/adapter';
import type { TensorData } from '../../src/families/types';
import { validateAgainstSession } from '../../src/families/validate';
import { checkStateFitsManifest } from '../../src/state/fitState';
import type { StudioState } from '../../src/state/studioState';
import { cubTiny } from '../unit/families/mixnmatchFixture';
import { maxAbsDiff, readBytes } from './fixtures';
import { mixnmatchStateFor } from './mixnmatchState';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'tests/fixtures/upstream/mixnmatch/cub-tiny');
const PYTHON = '/usr/bin/python3';
const CONVERT_TIMEOUT = 300_000;

const probe = spawnSync(PYTHON, ['-c', 'import torch, onnx'], { encoding: 'utf8' });
const pythonReady = probe.status === 0;
const skipReason = `${PYTHON} cannot import torch and onnx (${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()}): install Debian's python3-torch to run the MixNMatch engine test`;
if (!pythonReady) {
  if (process.env.CI) throw new Error(skipReason);
  console.warn(`skipping tests/engine/mixnmatch.test.ts: ${skipReason}`);
}

interface Entry {
  dims: number[];
  data: string;
}
interface Reference {
  config: string;
  args: string[];
  tolerance: number;
  cases: { name: string; inputs: Record<string, Entry>; outputs: Record<string, Entry> }[];
}

function decode(e: Entry): TensorData {
  const bytes = Buffer.from(e.data, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { dims: e.dims, data: Float32Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true)) };
}

function stateFor(manifest: Manifest, inputs: Record<string, Entry>): StudioState {
  return mixnmatchStateFor(manifest, Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, decode(v)])));
}

const reference = JSON.parse(readFileSync(join(FIXTURE, 'reference.json'), 'utf8')) as Reference;
const work = mkdtempSync(join(tmpdir(), 'mixnmatch-'));
const engine = new Engine({ gpu: null });
afterAll(() => {
  engine.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!pythonReady)('MixNMatch adapter on the converted cub-tiny bundle (onnxruntime-web)', () => {
  const out = join(work, 'mixnmatch-cub-tiny');
  let manifest: Manifest;

  it('converts; the manifest is the unit tests\' copy and matches the real session', { timeout: CONVERT_TIMEOUT }, async () => {
    const r = spawnSync(
      PYTHON,
      ['-m', 'convert', 'mixnmatch', join(FIXTURE, 'G.pth'), '--config', reference.config, '--out', out, ...reference.args],
      { cwd: join(ROOT, 'models/recipes'), encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', PYTHONWARNINGS: 'ignore' }, timeout: CONVERT_TIMEOUT },
    );
    expect(r.status, r.stderr).toBe(0);
    manifest = parseManifest(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
    expect({ ...manifest, id: 'mixnmatch-cub-tiny' }).toEqual(cubTiny());
    const loaded = await engine.load('cub-tiny', { generator: readBytes(join(out, manifest.generator.file)) }, 'auto');
    validateAgainstSession(manifest, 'generator', loaded.sessions.generator!);
  });

  it.each(reference.cases.map((c) => [c.name, c] as const))(
    'case %s: the adapter\'s feeds are upstream\'s inputs and reproduce every output within 1e-4',
    async (_name, c) => {
      const state = stateFor(manifest, c.inputs);
      expect(checkStateFitsManifest(state, manifest)).toEqual([]);
      const feeds = mixnmatchAdapter.toFeeds(state, manifest);
      for (const input of manifest.generator.inputs) {
        const upstream = decode(c.inputs[input.name]);
        expect(feeds[input.name].dims, input.name).toEqual(upstream.dims);
        expect(maxAbsDiff(feeds[input.name].data, upstream.data), input.name).toBeLessThanOrEqual(1e-7);
      }
      const result = await engine.run('cub-tiny', 'generator', feeds);
      for (const [name, entry] of Object.entries(c.outputs)) {
        const expected = decode(entry);
        expect(result.outputs[name].dims, name).toEqual(expected.dims);
        expect(maxAbsDiff(result.outputs[name].data, expected.data), `${name} max abs diff`).toBeLessThanOrEqual(reference.tolerance);
      }
    },
  );

  it('the default state renders a finite image in the manifest range', async () => {
    const result = await engine.run('cub-tiny', 'generator', mixnmatchAdapter.toFeeds(mixnmatchAdapter.defaultState(manifest), manifest));
    const image = result.outputs.image.data as Float32Array;
    expect(image.every((v) => Number.isFinite(v) && v >= -1 && v <= 1)).toBe(true);
    const mask = result.outputs.mask.data as Float32Array;
    expect(mask.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('a manifest claiming 5 shape classes fails against the real session, naming p_code', async () => {
    const five = parseManifest({
      ...manifest,
      generator: { ...manifest.generator, inputs: manifest.generator.inputs.map((i) => (i.name === 'p_code' ? { ...i, shape: ['batch', 5] } : i)) },
      factors: manifest.factors.map((f) => (f.id === 'shape' ? { ...f, classes: 5 } : f)),
    });
    const loaded = await engine.load('cub-tiny-5', { generator: readBytes(join(out, manifest.generator.file)) }, 'auto');
    expect(() => validateAgainstSession(five, 'generator', loaded.sessions.generator!)).toThrow(
      expect.objectContaining({ code: 'manifest-mismatch', message: expect.stringContaining('input "p_code"') }),
    );
  });
});
