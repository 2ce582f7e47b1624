/**
 * Issue 4 "Bad input" for MixNMatch models: a class count that disagrees with the ONNX input width, a class
 * index out of range in a link or a PNG state, and (see encoderCodes.test.ts) encoder outputs that are not
 * probabilities. Each gets a message that names what is wrong, and nothing is changed in the user's state.
 */
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../../src/bundles/parseManifest';
import type { SessionInfo } from '../../../src/engine/protocol';
import { mixnmatchAdapter } from '../../../src/families/mixnmatch/adapter';
import type { Manifest } from '../../../src/families/manifest';
import { validateAgainstSession } from '../../../src/families/validate';
import { StudioError } from '../../../src/lib/errors';
import { checkStateFitsManifest } from '../../../src/state/fitState';
import { readStateFromHash, hashForState } from '../../../src/app/urlState';
import { stateFromPngText, stateToPngText } from '../../../src/state/stateCodec';
import type { StudioState } from '../../../src/state/studioState';
import { cubTiny } from './mixnmatchFixture';
import { thrown } from '../thrownError';

/** What onnxruntime reports for the cub-tiny generator (as the converted bundle really has it). */
function sessionOf(manifest: Manifest): SessionInfo {
  return {
    inputs: manifest.generator.inputs.map((i) => ({ name: i.name, shape: i.shape.map((d) => (d === 'batch' ? 'batch' : d)), type: 'float32' })),
    outputs: manifest.generator.outputs.map((o) => ({ name: o.name, shape: o.shape.map((d) => (d === 'batch' ? 'batch' : d)), type: 'float32' })),
  };
}

/** cub-tiny whose manifest claims 5 shape classes (factor and input agree with each other, not with the model). */
function fiveShapes(): Manifest {
  const m = cubTiny();
  return parseManifest({
    ...m,
    generator: { ...m.generator, inputs: m.generator.inputs.map((i) => (i.name === 'p_code' ? { ...i, shape: ['batch', 5] } : i)) },
    factors: m.factors.map((f) => (f.id === 'shape' ? { ...f, classes: 5 } : f)),
  });
}

describe('a class count that disagrees with the ONNX input width', () => {
  it('is manifest-mismatch when the session is checked, naming the input and the class counts', () => {
    const real = sessionOf(cubTiny());
    expect(() => validateAgainstSession(cubTiny(), 'generator', real)).not.toThrow();
    const e = thrown(() => validateAgainstSession(fiveShapes(), 'generator', real));
    expect(e.code).toBe('manifest-mismatch');
    expect(e.message).toContain('input "p_code": manifest says [batch,5], model has [batch,4] (factor "shape" has 5 classes, the model\'s input takes 4)');
  });

  it('is refused when the manifest loads if the factor and its own input disagree, naming the input', () => {
    const m = cubTiny();
    const e = thrown(() => parseManifest({ ...m, factors: m.factors.map((f) => (f.id === 'texture' ? { ...f, classes: 9 } : f)) }));
    expect(e.code).toBe('manifest-invalid');
    expect(e.message).toMatch(/generator input "c_code": last dimension 8 does not match factor "texture" size 9/);
  });
});

describe('a class index out of range in a link or a PNG state', () => {
  const manifest = cubTiny();
  const bad: StudioState = (() => {
    const s = mixnmatchAdapter.defaultState(manifest);
    return { ...s, codes: { ...s.codes, texture: { kind: 'categorical', index: 12, index2: 1, blend: 0 } } };
  })();

  it('survives the link round trip (schema-valid) and is reported by fitState naming factor and class count', () => {
    const fromLink = readStateFromHash(hashForState(bad))!;
    expect(fromLink).toEqual(bad);
    expect(checkStateFitsManifest(fromLink, manifest)).toEqual(['codes.texture.index: class 12, factor "texture" has 8 classes (0..7)']);
  });

  it('the same from a PNG state', () => {
    const record = stateFromPngText(stateToPngText(bad))!;
    expect(checkStateFitsManifest(record.state, manifest)).toEqual(['codes.texture.index: class 12, factor "texture" has 8 classes (0..7)']);
  });

  it('second class out of range too; the adapter refuses it as state-invalid and leaves the state as it was', () => {
    const s = { ...bad, codes: { ...bad.codes, texture: { kind: 'categorical' as const, index: 1, index2: 8, blend: 0.5 } } };
    expect(checkStateFitsManifest(s, manifest)).toEqual(['codes.texture.index2: class 8, factor "texture" has 8 classes (0..7)']);
    const before = structuredClone(s);
    const e = thrown(() => mixnmatchAdapter.toFeeds(s, manifest));
    expect(e.code).toBe('state-invalid');
    expect(e.message).toMatch(/codes\.texture.*index2 8 is out of range; the model has 8 classes \(0\.\.7\)/);
    expect(s).toEqual(before);
  });

  it('a negative class never gets past the state schema', () => {
    const negative = { ...bad, codes: { ...bad.codes, texture: { kind: 'categorical', index: -1, index2: 0, blend: 0 } } };
    expect(() => stateFromPngText(stateToPngText(negative as StudioState))).toThrow(StudioError);
  });
});
