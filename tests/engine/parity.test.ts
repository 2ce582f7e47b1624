/**
 * The fixture bundles, run by the real Engine on onnxruntime-web (WASM, Node), reproduce the PyTorch
 * outputs recorded next to them, and their manifests agree with the real sessions.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { tensorToRgba } from '../../src/engine/frame';
import { validateAgainstSession } from '../../src/families/validate';
import { FIXTURE_IDS, loadFixture, maxAbsDiff } from './fixtures';

const engine = new Engine({ gpu: null });
afterAll(() => engine.dispose());

describe.each(FIXTURE_IDS)('%s on onnxruntime-web WASM', (id) => {
  const fixture = loadFixture(id);

  it('loads, reports the real session I/O, and the manifest validates against it', async () => {
    const loaded = await engine.load(id, { generator: fixture.generator }, 'auto');
    expect(loaded.provider).toBe('wasm');
    expect(loaded.warning).toBeUndefined();
    const info = loaded.sessions.generator!;
    expect(info.inputs.map((t) => t.name).sort()).toEqual(fixture.manifest.generator.inputs.map((t) => t.name).sort());
    expect(info.outputs.map((t) => t.name)).toEqual(expect.arrayContaining(['image', 'mask']));
    expect(() => validateAgainstSession(fixture.manifest, 'generator', info)).not.toThrow();
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('case %s matches PyTorch within tolerance', async (_name, c) => {
    const result = await engine.run(id, 'generator', c.inputs);
    expect(result.provider).toBe('wasm');
    for (const [name, expected] of Object.entries(c.outputs)) {
      const actual = result.outputs[name];
      expect(actual.dims).toEqual(expected.dims);
      expect(actual.data).toBeInstanceOf(Float32Array);
      const diff = maxAbsDiff(actual.data, expected.data);
      expect(diff, `${name} max abs diff`).toBeLessThanOrEqual(fixture.tolerance);
    }
    const spec = fixture.manifest.generator.outputs.find((o) => o.role === 'image')!;
    const frame = tensorToRgba(result.outputs[spec.name], spec.range);
    expect(frame).toMatchObject({ width: 64, height: 64, nonFinite: 0 });
  });
});
