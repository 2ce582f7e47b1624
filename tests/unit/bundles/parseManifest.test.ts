import { describe, expect, it } from 'vitest';
import { parseManifest, parseManifestText } from '../../../src/bundles/parseManifest';
import { StudioError } from '../../../src/lib/errors';
import { readJson, validManifest } from './helpers';

function errorOf(fn: () => unknown): StudioError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    return error as StudioError;
  }
  throw new Error('expected a StudioError');
}

describe('parseManifest', () => {
  it('accepts the test manifest and the fixture bundles', () => {
    expect(parseManifest(validManifest()).id).toBe('test-mixnmatch-tiny');
    for (const id of ['fixture-giraffe-tiny', 'fixture-giraffe-duo']) {
      let json: unknown;
      try {
        json = readJson(`models/${id}/manifest.json`);
      } catch {
        continue; // fixture bundle not generated in this checkout
      }
      expect(parseManifest(json).id).toBe(id);
    }
  });

  it('names the field path and the bad value', () => {
    const m = validManifest();
    m.generator.inputs[2].role = 'camera.foo';
    const error = errorOf(() => parseManifest(m));
    expect(error.code).toBe('manifest-invalid');
    expect(error.message).toBe('manifest.json: generator.inputs[2].role: invalid value "camera.foo"');
  });

  it('says a required field is missing, and lists at most three issues', () => {
    const m = validManifest();
    delete m.generator.file;
    m.family = 'stylegan';
    m.resolution = [32];
    m.factors[0].dim = -1;
    const { message } = errorOf(() => parseManifest(m));
    expect(message).toMatch(/^manifest\.json: /);
    expect(message).toContain('family: invalid value "stylegan"');
    expect(message).toContain('(+1 more)');
    expect(message.split('; ')).toHaveLength(3);
    expect(errorOf(() => parseManifest({ ...validManifest(), name: undefined })).message).toContain('name: missing');
  });

  it('refuses a factor no input feeds, or fed twice', () => {
    const m = validManifest();
    m.generator.inputs = m.generator.inputs.filter((i: { role: string }) => i.role !== 'code:shape');
    expect(errorOf(() => parseManifest(m)).message).toContain('"shape": fed by 0 generator inputs');
    const twice = validManifest();
    twice.generator.inputs.push({ name: 'p2', shape: ['batch', 3], role: 'code:shape' });
    expect(errorOf(() => parseManifest(twice)).message).toContain('fed by 2 generator inputs');
  });

  it('refuses duplicate input names, a missing image output and a default outside its range', () => {
    const dup = validManifest();
    dup.generator.inputs[1].name = 'z';
    expect(errorOf(() => parseManifest(dup)).message).toContain('generator.inputs: name "z" used twice');
    const noImage = validManifest();
    noImage.generator.outputs[0].role = 'mask';
    expect(errorOf(() => parseManifest(noImage)).message).toContain('0 outputs with role "image"');
    const range = validManifest();
    range.factors[0].truncation.default = 3;
    const { code, message } = errorOf(() => parseManifest(range));
    expect(code).toBe('manifest-invalid');
    expect(message).toContain('factors[0].truncation.default: 3 is outside 0..2');
  });

  it('refuses a code input whose size disagrees with its factor, and a role naming no factor', () => {
    const m = validManifest();
    m.generator.inputs[3].shape = ['batch', 6];
    expect(errorOf(() => parseManifest(m)).message).toContain('last dimension 6 does not match factor "texture" size 5');
    const unknown = validManifest();
    unknown.generator.inputs.push({ name: 'q', shape: ['batch', 2], role: 'code:colour' });
    expect(errorOf(() => parseManifest(unknown)).message).toContain('"code:colour" names no factor');
  });

  it('tells non-JSON text (not a bundle) from JSON that fails the schema', () => {
    expect(errorOf(() => parseManifestText('<!doctype html><html>')).code).toBe('not-a-bundle');
    expect(errorOf(() => parseManifestText('{"schemaVersion": 2}')).code).toBe('manifest-invalid');
    expect(errorOf(() => parseManifest([])).message).toBe('manifest.json: (top level): expected object, got array');
    expect(errorOf(() => parseManifest({ ...validManifest(), resolution: '64' })).message).toBe(
      'manifest.json: resolution: expected tuple, got string "64"',
    );
  });
});
