/**
 * Failures a user can cause with a bad bundle, on the real onnxruntime-web: each must surface as the
 * StudioError code the UI explains, and leave the engine usable.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import type { Manifest } from '../../src/families/manifest';
import { validateAgainstSession } from '../../src/families/validate';
import { StudioError } from '../../src/lib/errors';
import { loadFixture } from './fixtures';
import { writeOnnx } from './onnxWriter';

const engine = new Engine({ gpu: null });
afterAll(() => engine.dispose());
const fixture = loadFixture('fixture-giraffe-tiny');

async function loadError(models: { generator: ArrayBuffer }, key = 'bad'): Promise<StudioError> {
  const error = await engine.load(key, models, 'auto').then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StudioError);
  return error as StudioError;
}

describe('bad bundles on onnxruntime-web', () => {
  it('a truncated ONNX file is model-corrupt', async () => {
    const truncated = fixture.generator.slice(0, Math.floor(fixture.generator.byteLength * 0.6));
    const error = await loadError({ generator: truncated });
    expect(error.code).toBe('model-corrupt');
    expect(error.message).toMatch(/generator ONNX file is damaged/);
    expect(error.detail).toMatch(/ERROR_CODE/);
  });

  it('bytes that are not ONNX at all are model-corrupt', async () => {
    const text = new TextEncoder().encode('<html>404 Not Found</html>');
    expect((await loadError({ generator: text.buffer as ArrayBuffer })).code).toBe('model-corrupt');
  });

  it('a graph whose declared shapes contradict each other is model-corrupt', async () => {
    const broken = writeOnnx({
      inputs: [{ name: 'x', shape: [1, 4] }],
      outputs: [{ name: 'y', shape: [1, 5] }],
      nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }],
    });
    expect((await loadError({ generator: broken })).code).toBe('model-corrupt');
  });

  it('a manifest with a wrong dim is manifest-mismatch naming the input and both shapes', async () => {
    const loaded = await engine.load('tiny', { generator: fixture.generator }, 'wasm');
    const manifest: Manifest = structuredClone(fixture.manifest);
    const zShape = manifest.generator.inputs.find((i) => i.name === 'z_shape')!;
    zShape.shape = ['batch', 1, 32];
    const error = (() => {
      try {
        validateAgainstSession(manifest, 'generator', loaded.sessions.generator!);
      } catch (e) {
        return e as StudioError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(StudioError);
    expect(error!.code).toBe('manifest-mismatch');
    expect(error!.message).toContain('input "z_shape": manifest says [batch,1,32], model has [batch,1,16]');
  });

  it('a manifest that forgets an input names it', async () => {
    const loaded = await engine.load('tiny', { generator: fixture.generator }, 'wasm');
    const manifest: Manifest = structuredClone(fixture.manifest);
    manifest.generator.inputs = manifest.generator.inputs.filter((i) => i.name !== 'obj_presence');
    expect(() => validateAgainstSession(manifest, 'generator', loaded.sessions.generator!)).toThrow(
      /input "obj_presence": the model requires it but the manifest does not feed it/,
    );
  });

  it('forcing WebGPU where there is none (Node) is provider-unavailable', async () => {
    await expect(engine.load('gpu', { generator: fixture.generator }, 'webgpu')).rejects.toMatchObject({
      code: 'provider-unavailable',
    });
  });

  it('wrong feeds fail with a clear error and the engine keeps working', async () => {
    await engine.load('tiny', { generator: fixture.generator }, 'wasm');
    const feeds = { ...fixture.cases[0].inputs };
    const missing = { ...feeds };
    delete (missing as Record<string, unknown>).obj_presence;
    await expect(engine.run('tiny', 'generator', missing)).rejects.toMatchObject({ code: 'internal', message: /obj_presence/ });
    const result = await engine.run('tiny', 'generator', feeds);
    expect(result.outputs.image.dims).toEqual([1, 3, 64, 64]);
  });
});
