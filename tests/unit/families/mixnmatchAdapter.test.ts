/** The MixNMatch adapter: default state, feeds (names, dims, soft one-hot, blends, truncation), no rig. */
import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../../src/families/registry';
import { mixnmatchAdapter, MIXNMATCH_NO_RIG_MESSAGE } from '../../../src/families/mixnmatch/adapter';
import { latentVector } from '../../../src/families/codes';
import { checkStateFitsManifest } from '../../../src/state/fitState';
import { studioStateSchema, type CategoricalCode, type StudioState } from '../../../src/state/studioState';
import { cubTiny, namedCubTiny } from './mixnmatchFixture';
import { thrown } from '../thrownError';

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);

function withCode(state: StudioState, id: string, patch: Partial<CategoricalCode>): StudioState {
  return { ...state, codes: { ...state.codes, [id]: { ...(state.codes[id] as CategoricalCode), ...patch } } };
}

describe('MixNMatch adapter', () => {
  const manifest = cubTiny();

  it('is what the registry gives for family mixnmatch, with no rig and a message saying why', () => {
    expect(adapterFor(manifest)).toBe(mixnmatchAdapter);
    const state = mixnmatchAdapter.defaultState(manifest);
    expect(mixnmatchAdapter.rig(state, manifest)).toBeNull();
    expect(mixnmatchAdapter.noRigMessage?.(manifest)).toBe(MIXNMATCH_NO_RIG_MESSAGE);
    expect(MIXNMATCH_NO_RIG_MESSAGE).toMatch(/^MixNMatch models have no 3D camera: .*shape, texture and background.*pose/);
  });

  it('defaultState fits the manifest: class 0 -> 1 at blend 0, distinct seeds, no objects, a valid unused camera', () => {
    const state = mixnmatchAdapter.defaultState(manifest);
    expect(checkStateFitsManifest(state, manifest)).toEqual([]);
    expect(studioStateSchema.parse(state)).toEqual(state);
    expect(state.objects).toEqual([]);
    expect(state.modelId).toBe(manifest.id);
    for (const id of ['background', 'shape', 'texture'])
      expect(state.codes[id]).toEqual({ kind: 'categorical', index: 0, index2: 1, blend: 0 });
    expect(state.codes.pose).toEqual({ kind: 'latent', seed: 0, seed2: 1, blend: 0, truncation: 1 });
    expect(state.codes['background-noise']).toEqual({ kind: 'latent', seed: 2, seed2: 3, blend: 0, truncation: 1 });
  });

  it('a one-class factor blends towards itself', () => {
    const m = { ...manifest, factors: manifest.factors.map((f) => (f.id === 'shape' && f.kind === 'categorical' ? { ...f, classes: 1 } : f)) };
    expect(mixnmatchAdapter.defaultState(m).codes.shape).toEqual({ kind: 'categorical', index: 0, index2: 0, blend: 0 });
  });

  it('toFeeds gives one [1, D] tensor per manifest input, named and sized as the manifest says', () => {
    const feeds = mixnmatchAdapter.toFeeds(mixnmatchAdapter.defaultState(manifest), manifest);
    expect(Object.keys(feeds).sort()).toEqual(manifest.generator.inputs.map((i) => i.name).sort());
    for (const input of manifest.generator.inputs) {
      expect(feeds[input.name].dims).toEqual([1, input.shape[1]]);
      expect(feeds[input.name].data).toBeInstanceOf(Float32Array);
      expect(feeds[input.name].data.length).toBe(input.shape[1]);
    }
  });

  it('categorical feeds are soft one-hots that sum to 1: class, blend towards a second class', () => {
    let state = mixnmatchAdapter.defaultState(manifest);
    state = withCode(state, 'background', { index: 2, index2: 5, blend: 0.3 });
    state = withCode(state, 'shape', { index: 3, index2: 1, blend: 0 });
    state = withCode(state, 'texture', { index: 4, index2: 4, blend: 0.6 });
    const feeds = mixnmatchAdapter.toFeeds(state, manifest);
    for (const name of ['b_code', 'p_code', 'c_code']) expect(sum(feeds[name].data)).toBeCloseTo(1, 6);
    expect(Array.from(feeds.b_code.data)).toEqual([0, 0, 0.7, 0, 0, 0.3, 0, 0].map(Math.fround));
    expect(Array.from(feeds.p_code.data)).toEqual([0, 0, 0, 1]);
    expect(Array.from(feeds.c_code.data)).toEqual([0, 0, 0, 0, 1, 0, 0, 0]);
    const full = mixnmatchAdapter.toFeeds(withCode(state, 'background', { blend: 1 }), manifest);
    expect(Array.from(full.b_code.data)).toEqual([0, 0, 0, 0, 0, 1, 0, 0]);
  });

  it('encoder probabilities win over the class knobs, normalised to sum to 1', () => {
    const probs = [0.1, 0.2, 0.3, 0.4];
    const state = withCode(mixnmatchAdapter.defaultState(manifest), 'shape', { probabilities: probs });
    const feeds = mixnmatchAdapter.toFeeds(state, manifest);
    expect(Array.from(feeds.p_code.data)).toEqual(probs.map(Math.fround));
  });

  it('latent feeds are the seeded vectors times truncation, or a reference vector as-is', () => {
    const base = mixnmatchAdapter.defaultState(manifest);
    const feeds = mixnmatchAdapter.toFeeds(base, manifest);
    const pose = base.codes.pose;
    if (pose.kind !== 'latent') throw new Error('pose is latent');
    expect(feeds.z_pose.data).toEqual(latentVector(pose, 16));
    expect(feeds.z_pose.data).not.toEqual(feeds.z_bg.data);
    const half = mixnmatchAdapter.toFeeds({ ...base, codes: { ...base.codes, pose: { ...pose, truncation: 0.5 } } }, manifest);
    half.z_pose.data.forEach((v, i) => expect(v).toBeCloseTo(feeds.z_pose.data[i] * 0.5, 6));
    const vector = Array.from({ length: 16 }, (_, i) => i / 10);
    const fromImage = mixnmatchAdapter.toFeeds({ ...base, codes: { ...base.codes, pose: { ...pose, vector } } }, manifest);
    expect(Array.from(fromImage.z_pose.data)).toEqual(vector.map(Math.fround));
  });

  it('the same knobs give the same feeds with or without class names', () => {
    const state = withCode(mixnmatchAdapter.defaultState(manifest), 'shape', { index: 2, index2: 3, blend: 0.25 });
    const named = namedCubTiny();
    expect(mixnmatchAdapter.toFeeds({ ...state, modelId: named.id }, named)).toEqual(mixnmatchAdapter.toFeeds(state, manifest));
  });

  it('an out-of-range class is state-invalid, naming the code and the class count; the state is not touched', () => {
    const state = withCode(mixnmatchAdapter.defaultState(manifest), 'shape', { index: 7 });
    const before = structuredClone(state);
    const e = thrown(() => mixnmatchAdapter.toFeeds(state, manifest));
    expect(e.code).toBe('state-invalid');
    expect(e.message).toMatch(/codes\.shape.*index 7.*4 classes \(0\.\.3\)/);
    expect(state).toEqual(before);
  });

  it('a missing or wrong-kind code is state-invalid', () => {
    const state = mixnmatchAdapter.defaultState(manifest);
    const { texture: _t, ...rest } = state.codes;
    expect(thrown(() => mixnmatchAdapter.toFeeds({ ...state, codes: rest }, manifest)).message).toMatch(/no code "codes\.texture"/);
    const wrong = { ...state, codes: { ...state.codes, pose: state.codes.shape } };
    expect(thrown(() => mixnmatchAdapter.toFeeds(wrong, manifest)).message).toMatch(/codes\.pose" is categorical.*latent/);
  });

  it('a manifest input not sized like its factor, or a geometry input, is manifest-invalid naming the input', () => {
    const state = mixnmatchAdapter.defaultState(manifest);
    const resized = {
      ...manifest,
      generator: { ...manifest.generator, inputs: manifest.generator.inputs.map((i) => (i.name === 'p_code' ? { ...i, shape: ['batch' as const, 5] } : i)) },
    };
    const e = thrown(() => mixnmatchAdapter.toFeeds(state, resized));
    expect(e.code).toBe('manifest-invalid');
    expect(e.message).toMatch(/Input "p_code" \(code:shape\) is declared \[batch, 5\]; factor "shape" implies \[batch, 4\]/);
    const camera = {
      ...manifest,
      generator: { ...manifest.generator, inputs: [...manifest.generator.inputs, { name: 'cam', shape: ['batch' as const, 4, 4], role: 'camera.world' as const }] },
    };
    expect(thrown(() => mixnmatchAdapter.toFeeds(state, camera)).message).toMatch(/"cam" has role camera\.world; a MixNMatch model takes codes only/);
  });
});
