import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../src/lib/errors';
import { checkSpecFitsManifest, parseSequenceSpec, parseSequenceSpecText } from '../../../src/sequence/parseSpec';
import { presetsFor } from '../../../src/sequence/presets';
import { SPEC_FORMAT } from '../../../src/sequence/spec';
import { baseState, manifest } from './helpers';

function keyframes(frames: number[], total = 10) {
  return { format: SPEC_FORMAT, version: 1, kind: 'keyframes', modelId: manifest.id, frames: total, keyframes: frames.map((frame) => ({ frame, state: baseState() })) };
}

function failure(fn: () => unknown): StudioError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('spec-invalid');
    return error as StudioError;
  }
  throw new Error('expected a spec-invalid error');
}

describe('sequence spec', () => {
  it('fills in defaults', () => {
    const spec = parseSequenceSpec(keyframes([0, 9]));
    expect(spec).toMatchObject({ fps: 24, output: { scale: 1, filter: 'nearest' }, easing: 'linear', angles: 'shortest' });
  });
  it('schema errors name the field', () => {
    const bad = keyframes([0, 9]) as Record<string, unknown>;
    expect(failure(() => parseSequenceSpec({ ...bad, frames: 0 })).message).toMatch(/frames: .*at least 1 frame/);
    expect(failure(() => parseSequenceSpec({ ...bad, frames: 2.5 })).message).toContain('frames');
    expect(failure(() => parseSequenceSpec({ ...bad, output: { scale: 3, filter: 'nearest' } })).message).toContain('output.scale');
    const noCamera = keyframes([0]) as { keyframes: { state: Record<string, unknown> }[] };
    delete noCamera.keyframes[0].state.camera;
    expect(failure(() => parseSequenceSpec(noCamera)).message).toContain('keyframes[0].state.camera');
    const sweep = presetsFor(manifest, baseState())[0].build(baseState(), 4) as unknown as { tracks: Record<string, unknown>[] };
    delete sweep.tracks[0].from;
    expect(failure(() => parseSequenceSpec(sweep)).message).toContain('tracks[0].from');
  });
  it('refuses keyframes out of order or duplicated, or past the end', () => {
    expect(failure(() => parseSequenceSpec(keyframes([0, 5, 3]))).message).toMatch(/keyframes\[2\]\.frame: 3 comes before keyframes\[1\]\.frame 5/);
    expect(failure(() => parseSequenceSpec(keyframes([0, 4, 4]))).message).toMatch(/keyframes\[2\]\.frame: duplicates keyframes\[1\] at frame 4/);
    expect(failure(() => parseSequenceSpec(keyframes([0, 11]))).message).toMatch(/keyframes\[1\]\.frame: 11 is past the end/);
    expect(() => parseSequenceSpec(keyframes([0, 10]))).not.toThrow(); // frame N closes a loop
  });
  it('refuses a state for another model, and names JSON that is not JSON', () => {
    const other = keyframes([0]) as { keyframes: { state: { modelId: string } }[] };
    other.keyframes[0].state.modelId = 'another';
    expect(failure(() => parseSequenceSpec(other)).message).toContain('keyframes[0].state.modelId');
    expect(failure(() => parseSequenceSpecText('{nope', 'spec.json')).message).toContain('spec.json is not valid JSON');
  });
  it('checks states and sweep tracks against the model', () => {
    const spec = presetsFor(manifest, baseState())[0].build(baseState(), 4);
    if (spec.kind !== 'sweep') throw new Error('the turntable preset is a sweep');
    expect(() => checkSpecFitsManifest(spec, manifest)).not.toThrow();
    expect(failure(() => checkSpecFitsManifest({ ...spec, tracks: [{ path: 'objects.0.codes.shape.seed', from: 0, to: 9 }] }, manifest)).message).toContain('tracks[0].path');
    expect(failure(() => checkSpecFitsManifest({ ...spec, tracks: [spec.tracks[0], spec.tracks[0]] }, manifest)).message).toContain('already swept');
    const tiny = { ...manifest, id: 'other' };
    expect(failure(() => checkSpecFitsManifest(spec, tiny)).message).toContain('modelId');
  });
});
