import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cameraToWorld } from '../../../src/rig/camera';
import { deg } from '../../../src/lib/units';
import { asKeyframes, frameStates, stateAtFrame } from '../../../src/sequence/sampling';
import { presetsFor } from '../../../src/sequence/presets';
import { parseSequenceSpec } from '../../../src/sequence/parseSpec';
import { SPEC_FORMAT, type KeyframesSpec } from '../../../src/sequence/spec';
import { baseState, manifest } from './helpers';
import { anchoredSceneManifest } from '../ui/fixtures';
import { giraffeDefaultState } from '../../../src/families/giraffe/defaults';
import { anchorIndexOf } from '../../../src/families/anchors';
import { mixnmatchAdapter } from '../../../src/families/mixnmatch/adapter';
import { namedCubTiny } from '../families/mixnmatchFixture';

function keyframesSpec(frames: number[], total: number): KeyframesSpec {
  const keyframes = frames.map((frame, i) => {
    const s = baseState();
    s.camera.azimuthDeg = 37 * i;
    s.objects[0].codes.shape = { kind: 'latent', seed: 100 + i, seed2: 1, blend: 0, truncation: 0.65 };
    return { frame, state: s };
  });
  return parseSequenceSpec({ format: SPEC_FORMAT, version: 1, kind: 'keyframes', modelId: manifest.id, frames: total, keyframes, easing: 'ease-in-out' }) as KeyframesSpec;
}

describe('frame sampling', () => {
  it('hits every keyframe exactly, whatever the spacing and easing', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 6 }), (raw) => {
        const frames = [...raw].sort((a, b) => a - b);
        const spec = keyframesSpec(frames, 201);
        for (const k of spec.keyframes) expect(stateAtFrame(spec, manifest, k.frame)).toBe(k.state);
      }),
      { numRuns: 50 },
    );
  });
  it('holds the first keyframe before it and the last after it', () => {
    const spec = keyframesSpec([5, 10], 20);
    expect(stateAtFrame(spec, manifest, 0)).toBe(spec.keyframes[0].state);
    expect(stateAtFrame(spec, manifest, 19)).toBe(spec.keyframes[1].state);
  });
  it('yields exactly `frames` states, lazily', () => {
    const spec = keyframesSpec([0, 9], 10);
    const all = [...frameStates(spec, manifest)];
    expect(all.map((f) => f.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('turntable preset', () => {
  const base = baseState();
  const turntable = presetsFor(manifest, base).find((p) => p.id === 'turntable')!;
  const spec = turntable.build(base, 12);
  const az = [...frameStates(spec, manifest)].map((f) => f.state.camera.azimuthDeg);

  it('excludes frame N (it would equal frame 0) and steps evenly', () => {
    expect(az).toHaveLength(12);
    expect(az[0]).toBe(base.camera.azimuthDeg);
    for (let i = 1; i < 12; i++) expect(az[i] - az[i - 1]).toBeCloseTo(30, 9);
  });
  it('loops: the step from frame N-1 to frame 0 equals the others, in the camera matrices too', () => {
    const wrapStep = (((az[0] - az[11]) % 360) + 360) % 360;
    expect(wrapStep).toBeCloseTo(30, 9);
    const cam = (a: number) => cameraToWorld({ elevationDeg: deg(25), azimuthDeg: deg(a), radius: 2.732 });
    const dist = (p: number[], q: number[]) => Math.hypot(p[3] - q[3], p[7] - q[7], p[11] - q[11]);
    const step = dist(cam(az[1]), cam(az[0]));
    expect(dist(cam(az[0]), cam(az[11]))).toBeCloseTo(step, 9);
  });
  it('compiles to two keyframes with the end one closing the loop, not rendered', () => {
    const keyed = asKeyframes(spec);
    expect(keyed.keyframes.map((k) => k.frame)).toEqual([0, 12]);
    expect(keyed.angles).toBe('turns');
  });
});

describe('morph presets', () => {
  it('shape morph sweeps the first object\'s shape blend 0 -> 1 and ends on seed2', () => {
    const base = baseState();
    const spec = presetsFor(manifest, base).find((p) => p.id === 'shape-morph')!.build(base, 5);
    const states = [...frameStates(spec, manifest)].map((f) => f.state);
    const blends = states.map((s) => (s.objects[0].codes.shape as { blend: number }).blend);
    expect(blends[0]).toBe(0);
    expect(blends[4]).toBe(1);
    expect(presetsFor(manifest, base).map((p) => p.id)).toEqual(['turntable', 'elevation', 'shape-morph', 'texture-morph']);
  });
});

describe('morph presets on a factor with named classes', () => {
  const m = anchoredSceneManifest();
  const base = giraffeDefaultState(m); // starts on "cube"
  const shape = m.factors.find((f) => f.id === 'shape')!;
  const anchors = shape.kind === 'latent' ? shape.anchors! : [];

  it('go from the class shown to the next class through in-between codes, not between seeds', () => {
    const preset = presetsFor(m, base).find((p) => p.id === 'shape-morph')!;
    expect(preset.label).toBe('Shape morph (class -> next class)');
    const states = [...frameStates(preset.build(base, 5), m)].map((f) => f.state.objects[0].codes.shape);
    expect(anchorIndexOf(states[0], anchors)).toBe(1);
    expect(anchorIndexOf(states[4], anchors)).toBe(2);
    const middle = (states[2] as { vector: number[] }).vector;
    expect(anchorIndexOf(states[2], anchors)).toBe(-1);
    expect(middle[1]).toBeGreaterThan(0.3); // slerp from cube [0,1,0,0] towards cone [0,0,1,0]
    expect(middle[2]).toBeGreaterThan(0.3);
  });
});

describe('presets for a model without a camera (MixNMatch)', () => {
  const m = namedCubTiny();
  const base = mixnmatchAdapter.defaultState(m);

  it('offers class morphs and a pose morph, no turntable, in words that fit class knobs', () => {
    const presets = presetsFor(m, base);
    expect(presets.map((p) => p.id)).toEqual(['shape-morph', 'texture-morph', 'pose-morph']);
    expect(presets[0].label).toBe('Shape morph (class -> second class)');
    expect(presets[2].label).toBe('Pose morph (seed -> seed2)');
  });

  it('the pose morph moves the pose code from its seed to its second seed', () => {
    const spec = presetsFor(m, base).find((p) => p.id === 'pose-morph')!.build(base, 4);
    const blends = [...frameStates(spec, m)].map((f) => (f.state.codes.pose as { blend: number }).blend);
    expect(blends[0]).toBe(0);
    expect(blends[3]).toBe(1);
  });
});
