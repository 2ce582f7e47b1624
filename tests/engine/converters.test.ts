/**
 * The checkpoint converters (models/recipes/convert, Python) against the UPSTREAM code itself: each fixture
 * in tests/fixtures/upstream/<family>/<name>/ holds a random-weight checkpoint in the upstream format and the
 * outputs the upstream forward pass gave for fixed inputs (made by models/recipes/convert/
 * make_upstream_fixtures.py). Here the converter turns the checkpoint into a bundle in a temp folder, and the
 * real Engine runs it on onnxruntime-web (WASM): every output must match within the fixture's tolerance.
 * For GIRAFFE the TypeScript adapter must also drive the bundle: the camera / box / background knobs the
 * fixture records, turned into feeds by giraffeFeeds, reproduce the upstream image.
 * Bad input (wrong config, wrong family, truncated file, foreign keys) must fail with a message and leave
 * no bundle behind. Needs /usr/bin/python3 with torch + onnx (Debian python3-torch), as CI has.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/bundles/parseManifest';
import { Engine } from '../../src/engine/engine';
import { giraffeDefaultState } from '../../src/families/giraffe/defaults';
import { giraffeFeeds } from '../../src/families/giraffe/feeds';
import type { Manifest } from '../../src/families/manifest';
import type { TensorData } from '../../src/families/types';
import { validateAgainstSession } from '../../src/families/validate';
import type { StudioState } from '../../src/state/studioState';
import { maxAbsDiff, readBytes } from './fixtures';

const ROOT = resolve(import.meta.dirname, '../..');
const RECIPES = join(ROOT, 'models/recipes');
const FIXTURES = join(ROOT, 'tests/fixtures/upstream');
const PYTHON = '/usr/bin/python3';
const CONVERT_TIMEOUT = 300_000;

const pythonReady = spawnSync(PYTHON, ['-c', 'import torch, onnx'], { stdio: 'ignore' }).status === 0;
if (!pythonReady && process.env.CI) throw new Error(`${PYTHON} with torch and onnx is required for the converter tests`);

interface Entry {
  dims: number[];
  data: string;
}
interface Knobs {
  camera: { azimuthDeg: number; elevationDeg: number; radius: number; fovDeg: number };
  objects: { scale: number; translation: [number, number, number]; rotationDeg: number; present: boolean }[];
  backgroundRotationDeg: number;
}
interface Reference {
  family: 'giraffe' | 'mixnmatch' | 'giraffe-hd';
  config: string;
  /** Set when the weights are committed as a seeded recipe (convert/fixtures/materialize.py). */
  checkpoint?: string;
  args: string[];
  tolerance: number;
  cases: { name: string; knobs?: Knobs; inputs: Record<string, Entry>; outputs: Record<string, Entry> }[];
}
interface Fixture {
  family: string;
  name: string;
  dir: string;
  checkpoint: string;
  ref: Reference;
}

function decode(e: Entry): TensorData {
  const bytes = Buffer.from(e.data, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { dims: e.dims, data: Float32Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true)) };
}

function listFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const family of readdirSync(FIXTURES)) {
    for (const name of readdirSync(join(FIXTURES, family))) {
      const dir = join(FIXTURES, family, name);
      const ref = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8')) as Reference;
      const checkpoint = ref.checkpoint ?? readdirSync(dir).find((f) => /\.(pt|pth)$/.test(f));
      if (!checkpoint) throw new Error(`${dir}: no checkpoint`);
      out.push({ family, name, dir, checkpoint: join(dir, checkpoint), ref });
    }
  }
  return out;
}

function convert(family: string, checkpoint: string, config: string, out: string, extra: string[] = []) {
  const r = spawnSync(PYTHON, ['-m', 'convert', family, checkpoint, '--config', config, '--out', out, ...extra], {
    cwd: RECIPES,
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1', PYTHONWARNINGS: 'ignore' },
    timeout: CONVERT_TIMEOUT,
  });
  return { status: r.status, stderr: r.stderr ?? '', stdout: r.stdout ?? '' };
}

/** A checkpoint committed as a weight recipe, rebuilt byte-for-byte-equivalent in the temp folder. */
function materialize(recipe: string, dst: string): string {
  const r = spawnSync(PYTHON, ['-m', 'convert.fixtures.materialize', recipe, dst], { cwd: RECIPES, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`materialize ${recipe}: ${r.stderr}`);
  return dst;
}

const work = mkdtempSync(join(tmpdir(), 'converters-'));
const engine = new Engine({ gpu: null });
afterAll(() => {
  engine.dispose();
  rmSync(work, { recursive: true, force: true });
});

/** The studio state an upstream case's knobs describe (codes stay at defaults: they are fed separately). */
function stateFromKnobs(manifest: Manifest, knobs: Knobs): StudioState {
  const state = giraffeDefaultState(manifest);
  state.camera = { ...knobs.camera };
  state.objects = state.objects.map((o, i) => ({
    ...o,
    scale: knobs.objects[i].scale,
    translation: knobs.objects[i].translation,
    rotationDeg: knobs.objects[i].rotationDeg,
    present: knobs.objects[i].present,
  }));
  state.backgroundRotationDeg = knobs.backgroundRotationDeg;
  return state;
}

describe.skipIf(!pythonReady).each(listFixtures().map((f) => [`${f.family}/${f.name}`, f] as const))(
  'converted %s on onnxruntime-web',
  (_label, fx) => {
    const out = join(work, `${fx.family}-${fx.name}`);
    let manifest: Manifest;

    it('converts, and the manifest validates against the real session', { timeout: CONVERT_TIMEOUT }, async () => {
      const checkpoint = fx.checkpoint.endsWith('.json') ? materialize(fx.checkpoint, `${out}.pt`) : fx.checkpoint;
      const r = convert(fx.family, checkpoint, fx.ref.config, out, fx.ref.args);
      expect(r.status, r.stderr).toBe(0);
      manifest = parseManifest(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
      expect(manifest.family).toBe(fx.family);
      expect(readFileSync(join(out, 'README.md'), 'utf8')).toMatch(/arXiv/);
      const loaded = await engine.load(fx.name, { generator: readBytes(join(out, manifest.generator.file)) }, 'auto');
      expect(loaded.provider).toBe('wasm');
      validateAgainstSession(manifest, 'generator', loaded.sessions.generator!);
    });

    it.each(fx.ref.cases.map((c) => [c.name, c] as const))('case %s matches the upstream outputs', async (_n, c) => {
      const feeds = Object.fromEntries(manifest.generator.inputs.map((i) => [i.name, decode(c.inputs[i.name])]));
      const result = await engine.run(fx.name, 'generator', feeds);
      for (const [name, entry] of Object.entries(c.outputs)) {
        const expected = decode(entry);
        expect(result.outputs[name].dims).toEqual(expected.dims);
        expect(maxAbsDiff(result.outputs[name].data, expected.data), `${name} max abs diff`).toBeLessThanOrEqual(
          fx.ref.tolerance,
        );
      }
    });

    it.skipIf(fx.ref.cases.length < 2)('a batch of two cases gives the same outputs (dynamic batch axis)', async () => {
      const [a, b] = fx.ref.cases;
      const feeds: Record<string, TensorData> = {};
      for (const input of manifest.generator.inputs) {
        const [x, y] = [decode(a.inputs[input.name]), decode(b.inputs[input.name])];
        const data = new Float32Array(x.data.length * 2);
        data.set(x.data as Float32Array);
        data.set(y.data as Float32Array, x.data.length);
        feeds[input.name] = { dims: [2, ...x.dims.slice(1)], data };
      }
      const result = await engine.run(fx.name, 'generator', feeds);
      for (const name of Object.keys(a.outputs)) {
        const [x, y] = [decode(a.outputs[name]).data, decode(b.outputs[name]).data];
        const got = result.outputs[name].data as Float32Array;
        expect(maxAbsDiff(got.subarray(0, x.length), x as Float32Array), name).toBeLessThanOrEqual(fx.ref.tolerance);
        expect(maxAbsDiff(got.subarray(x.length), y as Float32Array), name).toBeLessThanOrEqual(fx.ref.tolerance);
      }
    });

    if (fx.family === 'giraffe' || fx.family === 'giraffe-hd') {
      it.each(fx.ref.cases.map((c) => [c.name, c] as const))(
        'case %s: the GIRAFFE adapter builds upstream geometry from the knobs and reproduces the image',
        async (_n, c) => {
          const geometry = giraffeFeeds(stateFromKnobs(manifest, c.knobs!), manifest);
          const feeds: Record<string, TensorData> = {};
          for (const input of manifest.generator.inputs) {
            const upstream = decode(c.inputs[input.name]);
            if (input.role.startsWith('code:')) {
              feeds[input.name] = upstream; // codes come from seeds in the studio; use upstream's here
            } else {
              expect(geometry[input.name].dims, input.name).toEqual(upstream.dims);
              expect(maxAbsDiff(Float32Array.from(geometry[input.name].data), upstream.data), input.name).toBeLessThanOrEqual(2e-6);
              feeds[input.name] = geometry[input.name];
            }
          }
          const result = await engine.run(fx.name, 'generator', feeds);
          const expected = decode(c.outputs.image);
          expect(maxAbsDiff(result.outputs.image.data, expected.data)).toBeLessThanOrEqual(fx.ref.tolerance);
        },
      );
    }
  },
);

/**
 * Issue 7: the GIRAFFE-HD converter must be proven against upstream at 256^2 within 1e-3, with fixtures under
 * 10 MB each. Guarded here so that the proof cannot disappear silently (the parity tests above just run
 * whatever fixtures exist). giraffe-hd/compcar-256 is the slowest fixture: ~30 s to convert and ~8 s per run
 * of the generator in WASM on a 2-core machine, inside the default timeouts.
 */
describe('upstream fixtures', () => {
  const fixtures = listFixtures();

  it('GIRAFFE-HD is checked at 256^2 with a tolerance of at most 1e-3', () => {
    const hd256 = fixtures.filter(
      (f) => f.family === 'giraffe-hd' && f.ref.cases.some((c) => c.outputs.image.dims.slice(2).join('x') === '256x256'),
    );
    expect(hd256.map((f) => f.name)).not.toEqual([]);
    for (const f of hd256) expect(f.ref.tolerance, f.name).toBeLessThanOrEqual(1e-3);
  });

  it('every fixture folder is under 10 MB', () => {
    for (const f of fixtures) {
      const bytes = readdirSync(f.dir).reduce((sum, file) => sum + statSync(join(f.dir, file)).size, 0);
      expect(bytes, `${f.family}/${f.name}`).toBeLessThan(10_000_000);
    }
  });
});

describe.skipIf(!pythonReady)('converter bad input: a clear message, exit code != 0, no bundle left', () => {
  const cars = join(FIXTURES, 'giraffe/cars64-tiny/checkpoint.pt');
  const mnm = join(FIXTURES, 'mixnmatch/cub-tiny/G.pth');
  const bad = join(work, 'bad');

  function expectFailure(r: ReturnType<typeof convert>, message: RegExp, out: string) {
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/Traceback/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(bad) ? readdirSync(bad).filter((f) => f.includes('partial')) : []).toEqual([]);
  }

  it('an unknown config name lists the known ones', { timeout: CONVERT_TIMEOUT }, () => {
    const out = join(bad, 'unknown');
    expectFailure(convert('giraffe', cars, 'cars65', out), /unknown GIRAFFE config 'cars65'.*cars64/, out);
  });

  it('a checkpoint of another family is named as such', { timeout: CONVERT_TIMEOUT }, () => {
    const out = join(bad, 'family');
    expectFailure(convert('giraffe', mnm, 'cars64', out), /not a GIRAFFE checkpoint.*mixnmatch-G/, out);
    expectFailure(convert('mixnmatch', cars, 'cub', out), /not a MixNMatch generator.*giraffe/, out);
  });

  it('a checkpoint with another architecture than the config says which', { timeout: CONVERT_TIMEOUT }, () => {
    const out = join(bad, 'arch');
    expectFailure(convert('giraffe', cars, 'cars64', out), /architecture of config 'cars64'.*z_dim 16 \(checkpoint\) != 256/, out);
    expectFailure(convert('mixnmatch', mnm, 'cub', out), /parents 4 \(checkpoint\) != 20/, out);
    const clevr = join(FIXTURES, 'giraffe/clevr2345-256-tiny/checkpoint.pt');
    expectFailure(convert('giraffe', clevr, 'cars64', out), /img_size 256 \(checkpoint\) != 64 \(config\)/, out);
  });

  it('a truncated file', { timeout: CONVERT_TIMEOUT }, () => {
    const bytes = readFileSync(cars);
    const truncated = join(work, 'truncated.pt');
    writeFileSync(truncated, bytes.subarray(0, bytes.length >> 1));
    const out = join(bad, 'truncated');
    expectFailure(convert('giraffe', truncated, 'cars64', out, ['--custom-arch']), /truncated/, out);
  });

  it('missing and extra keys are named', { timeout: CONVERT_TIMEOUT }, () => {
    const edited = join(work, 'edited.pt');
    const script = [
      'import sys, torch',
      'ck = torch.load(sys.argv[1])',
      "del ck['model']['generator_test.decoder.sigma_out.bias']",
      "ck['model']['generator_test.decoder.extra_layer.weight'] = torch.zeros(2)",
      'torch.save(ck, sys.argv[2])',
    ].join('\n');
    expect(spawnSync(PYTHON, ['-c', script, cars, edited]).status).toBe(0);
    const out = join(bad, 'keys');
    const r = convert('giraffe', edited, 'cars64', out, ['--custom-arch']);
    expectFailure(r, /missing keys: decoder\.sigma_out\.bias/, out);
    expect(r.stderr).toMatch(/unexpected keys: decoder\.extra_layer\.weight/);
  });

  it('GIRAFFE-HD: another family, another dataset, pickled custom-op objects', { timeout: CONVERT_TIMEOUT }, () => {
    const out = join(bad, 'hd');
    expectFailure(convert('giraffe-hd', cars, 'compcar', out), /not a GIRAFFE-HD checkpoint.*giraffe/, out);
    const hd = materialize(join(FIXTURES, 'giraffe-hd/compcar-32/weights.json'), join(work, 'hd-compcar.pt'));
    expectFailure(convert('giraffe-hd', hd, 'ffhq', out), /trained on 'compcar'.*--config compcar/, out);
    expectFailure(convert('giraffe-hd', hd, 'lsun', out), /unknown GIRAFFE-HD config 'lsun'/, out);
    const pickled = join(work, 'pickled.pt');
    const script = [
      'import sys, types, torch',
      "op = types.ModuleType('op'); sys.modules['op'] = op",
      "exec('class FusedLeakyReLUFunction:\\n    pass', op.__dict__)",
      "torch.save({'g_ema': {}, 'args': None, 'op_state': op.FusedLeakyReLUFunction()}, sys.argv[1])",
    ].join('\n');
    const made = spawnSync(PYTHON, ['-c', script, pickled], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    expectFailure(convert('giraffe-hd', pickled, 'compcar', out), /pickles Python objects from module 'op'/, out);
  });

  it('an existing bundle is kept unless --force', { timeout: CONVERT_TIMEOUT }, () => {
    const out = join(bad, 'existing');
    writeFileSync(join(work, 'marker'), 'x');
    const first = convert('giraffe', cars, 'cars64', out, ['--custom-arch']);
    expect(first.status, first.stderr).toBe(0);
    const again = convert('giraffe', cars, 'cars64', out, ['--custom-arch']);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/--force/);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
    rmSync(out, { recursive: true });
  });
});
