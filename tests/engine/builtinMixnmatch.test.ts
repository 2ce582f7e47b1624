/**
 * The built-in MixNMatch-style bundle (models/scenes-mixnmatch-128) on onnxruntime-web (WASM, Node), driven
 * through the real adapter: the knob state for each recorded case gives exactly the recorded inputs and the
 * outputs match PyTorch (tests/fixtures/scenes-mixnmatch-128.reference.json, written by `python -m mnm.export`);
 * the encoder matches too, its class outputs are probabilities, and a generated image read back by the
 * encoder regenerates as the same picture (what the mixer relies on).
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/bundles/parseManifest';
import { Engine } from '../../src/engine/engine';
import { codesFromEncoderOutputs } from '../../src/families/encoderCodes';
import { mixnmatchAdapter } from '../../src/families/mixnmatch/adapter';
import type { TensorData } from '../../src/families/types';
import { validateAgainstSession } from '../../src/families/validate';
import { checkStateFitsManifest } from '../../src/state/fitState';
import { maxAbsDiff, readBytes } from './fixtures';
import { mixnmatchStateFor } from './mixnmatchState';

const ID = 'scenes-mixnmatch-128';
const manifest = parseManifest(JSON.parse(readFileSync(`models/${ID}/manifest.json`, 'utf8')));

interface RawCase {
  name: string;
  inputs: Record<string, { dims: number[]; data: number[] }>;
  outputs: Record<string, { dims: number[]; data: string }>;
}
const reference = JSON.parse(readFileSync(`tests/fixtures/${ID}.reference.json`, 'utf8')) as {
  tolerance: number;
  cases: RawCase[];
  encoder: { tolerance: number; cases: RawCase[] };
};

const decode = (base64: string) => {
  const bytes = Buffer.from(base64, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true));
};
const inputsOf = (c: RawCase): Record<string, TensorData> =>
  Object.fromEntries(Object.entries(c.inputs).map(([k, v]) => [k, { dims: v.dims, data: Float32Array.from(v.data) }]));

function psnr(a: Float32Array, b: Float32Array): number {
  let se = 0;
  for (let i = 0; i < a.length; i++) se += (a[i] - b[i]) ** 2;
  return -10 * Math.log10(se / a.length);
}

const engine = new Engine({ gpu: null });
afterAll(() => engine.dispose());

describe('built-in MixNMatch-style bundle on onnxruntime-web WASM', () => {
  it('loads both sessions and the manifest agrees with them', async () => {
    const loaded = await engine.load(ID, { generator: readBytes(`models/${ID}/generator.onnx`), encoder: readBytes(`models/${ID}/encoder.onnx`) }, 'wasm');
    validateAgainstSession(manifest, 'generator', loaded.sessions.generator!);
    validateAgainstSession(manifest, 'encoder', loaded.sessions.encoder!);
  });

  it('names its classes as the knob panel shows them', () => {
    const classes = Object.fromEntries(manifest.factors.map((f) => [f.id, f.kind === 'categorical' ? f.classes : f.dim]));
    expect(classes.shape).toEqual(['sphere', 'cube', 'cylinder', 'cone', 'torus', 'octahedron', 'capsule']);
    expect(classes.texture).toContain('checker red');
    expect(classes.texture).toHaveLength(40);
    expect(classes.background).toContain('desert');
    expect(classes.pose).toBe(5);
  });

  it.each(reference.cases.map((c) => [c.name, c] as const))('case %s: adapter feeds = recorded inputs; outputs = PyTorch', async (_name, c) => {
    const inputs = inputsOf(c);
    const state = mixnmatchStateFor(manifest, inputs);
    expect(checkStateFitsManifest(state, manifest)).toEqual([]);
    const feeds = mixnmatchAdapter.toFeeds(state, manifest);
    for (const [name, tensor] of Object.entries(inputs)) expect(maxAbsDiff(feeds[name].data as Float32Array, tensor.data as Float32Array), name).toBeLessThanOrEqual(1e-7);
    const result = await engine.run(ID, 'generator', feeds);
    for (const [name, entry] of Object.entries(c.outputs)) {
      expect(result.outputs[name].dims, name).toEqual(entry.dims);
      expect(maxAbsDiff(result.outputs[name].data as Float32Array, decode(entry.data)), `${name} max abs diff`).toBeLessThanOrEqual(reference.tolerance);
    }
  });

  it.each(reference.encoder.cases.map((c) => [c.name, c] as const))(
    'encoder on %s matches PyTorch; its codes regenerate the same picture',
    async (_name, c) => {
      const inputs = inputsOf(c);
      const result = await engine.run(ID, 'encoder', inputs);
      for (const [name, entry] of Object.entries(c.outputs))
        expect(maxAbsDiff(result.outputs[name].data as Float32Array, decode(entry.data)), `${name} max abs diff`).toBeLessThanOrEqual(reference.encoder.tolerance);
      const codes = codesFromEncoderOutputs(manifest, result.outputs);
      for (const id of ['background', 'shape', 'texture']) {
        const code = codes[id];
        expect(code.kind).toBe('categorical');
        if (code.kind === 'categorical') expect(code.probabilities!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      }
      const state = { ...mixnmatchAdapter.defaultState(manifest), codes };
      expect(checkStateFitsManifest(state, manifest)).toEqual([]);
      const again = await engine.run(ID, 'generator', mixnmatchAdapter.toFeeds(state, manifest));
      expect(psnr(again.outputs.image.data as Float32Array, inputs.image.data as Float32Array)).toBeGreaterThan(24);
    },
  );
});
