import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBundleFromFiles } from '../../../src/bundles/loadFromFiles';
import { StudioError } from '../../../src/lib/errors';
import type { LoadProgress } from '../../../src/state/sessionStore';
import { fakeOnnx, ROOT, validManifest } from './helpers';

/** A File as a folder pick or drop gives it: name plus folder-relative path. */
function file(path: string, body: string | Uint8Array): File {
  const f = new File([body as BlobPart], path.slice(path.lastIndexOf('/') + 1));
  if (path.includes('/')) Object.defineProperty(f, 'webkitRelativePath', { value: path });
  return f;
}

const manifestText = () => JSON.stringify(validManifest());

async function rejection(promise: Promise<unknown>): Promise<StudioError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(StudioError);
  return error as StudioError;
}

describe('loadBundleFromFiles', () => {
  it('loads loose files, reporting progress to 100%', async () => {
    const events: LoadProgress[] = [];
    const bundle = await loadBundleFromFiles(
      [file('README.md', '# hi'), file('encoder.onnx', fakeOnnx(300, 2)), file('manifest.json', manifestText()), file('generator.onnx', fakeOnnx(500))],
      (p) => events.push(p),
    );
    expect(bundle.source).toEqual({ kind: 'files', where: 'manifest.json' });
    expect(bundle.files['generator.onnx'].byteLength).toBe(500);
    expect(events.at(-1)).toEqual({ label: 'encoder.onnx', loaded: 800, total: 800 });
  });

  it('loads a dropped folder, preferring the file at the manifest-relative path', async () => {
    const m = validManifest();
    m.generator.file = 'onnx/generator.onnx';
    const bundle = await loadBundleFromFiles([
      file('tiny/manifest.json', JSON.stringify(m)),
      file('tiny/onnx/generator.onnx', fakeOnnx(500)),
      file('tiny/old/generator.onnx', fakeOnnx(10)),
      file('tiny/encoder.onnx', fakeOnnx(300)),
    ]);
    expect(bundle.files['onnx/generator.onnx'].byteLength).toBe(500);
    expect(bundle.source.where).toBe('tiny/manifest.json');
  });

  it('says which referenced file is missing and what was dropped', async () => {
    const error = await rejection(loadBundleFromFiles([file('manifest.json', manifestText()), file('a.onnx', fakeOnnx(5)), file('README.md', 'x')]));
    expect(error.code).toBe('not-a-bundle');
    expect(error.message).toBe('manifest.json names generator.onnx, which is not among the dropped files (got: manifest.json, a.onnx, README.md)');
  });

  it('refuses no manifest, several manifests, and an ambiguous file name', async () => {
    expect((await rejection(loadBundleFromFiles([file('a.onnx', 'x')]))).message).toContain('no manifest.json among the dropped files (got: a.onnx)');
    const two = await rejection(loadBundleFromFiles([file('a/manifest.json', manifestText()), file('b/manifest.json', manifestText())]));
    expect(two.code).toBe('not-a-bundle');
    expect(two.message).toContain('2 manifest.json files among the dropped files (a/manifest.json, b/manifest.json)');
    const ambiguous = await rejection(
      loadBundleFromFiles([file('manifest.json', manifestText()), file('x/generator.onnx', 'a'), file('y/generator.onnx', 'b'), file('encoder.onnx', 'c')]),
    );
    expect(ambiguous.message).toContain('several dropped files have that name (x/generator.onnx, y/generator.onnx)');
  });

  it('an invalid manifest is manifest-invalid, named by its dropped path', async () => {
    const m = validManifest();
    m.resolution = [32, 0];
    const error = await rejection(loadBundleFromFiles([file('tiny/manifest.json', JSON.stringify(m))]));
    expect(error.code).toBe('manifest-invalid');
    expect(error.message).toMatch(/^tiny\/manifest\.json: resolution\[1\]/);
  });

  it('loads the fixture bundle folder when present', async () => {
    const dir = `${ROOT}models/fixture-giraffe-tiny/`;
    let files: File[];
    try {
      files = ['manifest.json', 'generator.onnx', 'README.md'].map((n) => file(`fixture-giraffe-tiny/${n}`, readFileSync(dir + n)));
    } catch {
      return; // fixture not generated in this checkout
    }
    const bundle = await loadBundleFromFiles(files);
    expect(bundle.manifest.id).toBe('fixture-giraffe-tiny');
    expect(bundle.hash).toMatch(/^[0-9a-f]{16}$/);
  });
});
