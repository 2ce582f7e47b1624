import { describe, expect, it } from 'vitest';
import { addKeyframe, moveKeyframe, removeKeyframe, setFrameCount } from '../../../src/sequence/editKeyframes';
import { parseSequenceSpec } from '../../../src/sequence/parseSpec';
import { presetsFor } from '../../../src/sequence/presets';
import { baseState } from './helpers';
import { manifest } from './helpers';

const at = (az: number) => {
  const s = baseState();
  s.camera.azimuthDeg = az;
  return s;
};

describe('keyframe edits', () => {
  it('add captures states in frame order, replacing one on the same frame; the result parses', () => {
    let spec = addKeyframe(null, 0, at(0));
    spec = addKeyframe(spec, 20, at(90));
    spec = addKeyframe(spec, 10, at(45));
    spec = addKeyframe(spec, 10, at(50));
    expect(spec.keyframes.map((k) => [k.frame, k.state.camera.azimuthDeg])).toEqual([[0, 0], [10, 50], [20, 90]]);
    expect(() => parseSequenceSpec(JSON.parse(JSON.stringify(spec)))).not.toThrow();
  });
  it('move refuses an occupied frame and keeps order; remove of the last leaves no sequence', () => {
    let spec = addKeyframe(addKeyframe(null, 0, at(0)), 10, at(90));
    expect(() => moveKeyframe(spec, 1, 0)).toThrow(/already has a keyframe/);
    spec = moveKeyframe(spec, 0, 15);
    expect(spec.keyframes.map((k) => k.frame)).toEqual([10, 15]);
    expect(removeKeyframe(removeKeyframe(spec, 0)!, 0)).toBeNull();
  });
  it('shortening refuses to cut off a keyframe; editing a sweep turns it into keyframes', () => {
    const spec = addKeyframe(null, 20, at(0));
    expect(() => setFrameCount(spec, 10)).toThrow(/frame 20/);
    const sweep = presetsFor(manifest, baseState())[0].build(baseState(), 12);
    const edited = addKeyframe(sweep, 6, at(7));
    expect(edited.kind).toBe('keyframes');
    expect(edited.keyframes.map((k) => k.frame)).toEqual([0, 6, 12]);
  });
  it('refuses a state of another model', () => {
    const spec = addKeyframe(null, 0, at(0));
    expect(() => addKeyframe(spec, 3, { ...at(0), modelId: 'other' })).toThrow(/for model/);
  });
});
