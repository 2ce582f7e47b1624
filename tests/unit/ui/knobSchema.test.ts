import { describe, expect, it } from 'vitest';
import { allFactorActions, buildKnobGroups, coerceKnobValue, MAX_SEED, type KnobGroup } from '../../../src/ui/knobs/schema';
import { toLevaSchema } from '../../../src/ui/knobs/levaSchema';
import { setKnobValue } from '../../../src/state/statePath';
import { knobBounds } from '../../../src/ui/knobs/ranges';
import { flatManifest, flatState, sceneManifest, sceneState } from './fixtures';

const knob = (groups: KnobGroup[], groupId: string, key: string) => {
  const k = groups.find((g) => g.id === groupId)?.knobs.find((x) => x.key === key);
  if (!k) throw new Error(`no knob ${groupId}.${key}`);
  return k;
};
const labels = (groups: KnobGroup[]) => groups.flatMap((g) => g.knobs.map((k) => k.label));

describe('buildKnobGroups', () => {
  it('names every factor of a 3D scene with the studio words', () => {
    const groups = buildKnobGroups(sceneManifest(), sceneState(), 0);
    expect(groups.map((g) => g.id)).toEqual(['object', 'shape', 'texture', 'background', 'camera']);
    expect(labels(groups)).toEqual(
      expect.arrayContaining(['object', 'translation x', 'translation y', 'translation z', 'scale', 'pose', 'seed', 'blend-to seed', 'blend', 'truncation', 'elevation', 'azimuth', 'radius', 'FOV', 'background rotation']),
    );
  });

  it('binds object knobs to the selected object, with a present toggle only for optional extra objects', () => {
    const first = buildKnobGroups(sceneManifest(), sceneState(), 0);
    expect(knob(first, 'object', 'scale').binding).toEqual({ kind: 'state', path: 'objects.0.scale' });
    expect(first[0].knobs.some((k) => k.key === 'present')).toBe(false);
    const second = buildKnobGroups(sceneManifest(), sceneState(), 1);
    expect(knob(second, 'object', 'translationX')).toMatchObject({ binding: { path: 'objects.1.translation.0' }, control: { value: 0.3 } });
    expect(knob(second, 'shape', 'seed').binding).toEqual({ kind: 'state', path: 'objects.1.codes.shape.seed' });
    expect(knob(second, 'object', 'present').control).toEqual({ type: 'boolean', value: true });
    // An out-of-range selection falls back to the last object.
    expect(knob(buildKnobGroups(sceneManifest(), sceneState(), 9), 'object', 'pose').binding).toEqual({ kind: 'state', path: 'objects.1.rotationDeg' });
  });

  it('shows the object selector only when the model has several objects', () => {
    const m = sceneManifest();
    const single = sceneManifest({ objects: { ...m.objects!, count: 1 } });
    const state = { ...sceneState(), objects: sceneState().objects.slice(0, 1) };
    expect(buildKnobGroups(single, state, 0)[0].knobs.map((k) => k.key)).not.toContain('object');
    const selector = knob(buildKnobGroups(m, sceneState(), 0), 'object', 'object');
    expect(selector.binding).toEqual({ kind: 'selectedObject' });
    expect(selector.control).toMatchObject({ type: 'select', options: [{ label: 'object 1', value: 0 }, { label: 'object 2', value: 1 }] });
  });

  it('uses class names for categorical factors when the manifest has them, else indices; no camera, no FOV', () => {
    const groups = buildKnobGroups(flatManifest(), flatState(), 0);
    expect(groups.map((g) => g.id)).toEqual(['background', 'shape', 'pose']);
    expect(knob(groups, 'background', 'class').control).toEqual({
      type: 'select',
      value: 1,
      options: [{ label: 'sky', value: 0 }, { label: 'grass', value: 1 }, { label: 'sand', value: 2 }],
    });
    expect(knob(groups, 'background', 'class2').label).toBe('second class');
    expect((knob(groups, 'shape', 'class').control as { options: { label: string }[] }).options.map((o) => o.label)).toEqual(['0', '1', '2', '3']);
    expect(labels(groups)).not.toContain('FOV');
    expect(labels(groups)).not.toContain('elevation');
  });

  it('gives latent codes integer seeds and a truncation slider over the (widened) trained range', () => {
    const groups = buildKnobGroups(sceneManifest(), sceneState(), 0);
    expect(knob(groups, 'background', 'seed').control).toEqual({ type: 'integer', value: 0, min: 0, max: MAX_SEED });
    expect(knob(groups, 'background', 'blend').control).toMatchObject({ type: 'number', min: 0, max: 1 });
    expect(knob(groups, 'background', 'truncation').control).toMatchObject({ type: 'number', value: 0.65, min: 0, max: 1.875 });
  });

  it('lets sliders reach beyond the trained range and marks values there as extrapolating', () => {
    const inside = buildKnobGroups(sceneManifest(), sceneState(), 0);
    const elevation = knob(inside, 'camera', 'elevation');
    expect(elevation.control).toMatchObject({ min: 2.5, max: 47.5 });
    expect(elevation.trained).toEqual({ min: 10, max: 40 });
    expect(elevation.extrapolating).toBe(false);

    let state = setKnobValue(sceneState(), 'camera.elevationDeg', 45);
    state = setKnobValue(state, 'objects.1.translation.0', 0.9);
    const outside = buildKnobGroups(sceneManifest(), state, 1);
    expect(knob(outside, 'camera', 'elevation').extrapolating).toBe(true);
    expect(knob(outside, 'object', 'translationX').extrapolating).toBe(true);
    expect(knob(outside, 'object', 'translationY').extrapolating).toBe(false);
    expect(knob(outside, 'camera', 'azimuth').extrapolating).toBe(false);
  });

  it('stretches a slider to show a value beyond its bounds instead of clamping it', () => {
    const state = setKnobValue(sceneState(), 'camera.elevationDeg', 80);
    expect(knob(buildKnobGroups(sceneManifest(), state, 0), 'camera', 'elevation').control).toMatchObject({ value: 80, max: 80 });
  });

  it('lists randomize/reset factors per folder and for the whole model', () => {
    const groups = buildKnobGroups(sceneManifest(), sceneState(), 1);
    expect(groups[0].actions.map((a) => a.path)).toEqual(['objects.1.translation', 'objects.1.scale', 'objects.1.pose']);
    expect(groups.find((g) => g.id === 'camera')!.actions.map((a) => a.path)).toEqual(['camera', 'backgroundRotationDeg']);
    const all = allFactorActions(sceneManifest(), sceneState());
    expect(all.map((a) => a.path)).toContain('objects.1.codes.texture');
    expect(all.find((a) => a.path === 'objects.1.codes.texture')!.label).toBe('object 2 texture');
  });
});

describe('knob values', () => {
  it('clamps and rounds seeds', () => {
    const seed = { type: 'integer', value: 0, min: 0, max: MAX_SEED } as const;
    expect(coerceKnobValue(seed, 3.6)).toBe(4);
    expect(coerceKnobValue(seed, -5)).toBe(0);
    expect(coerceKnobValue(seed, 2 ** 40)).toBe(MAX_SEED);
  });

  it('a knob move takes a code back from a reference image', () => {
    const state = sceneState();
    state.codes.background = { ...state.codes.background, vector: [1, 2, 3, 4] } as typeof state.codes.background;
    const next = setKnobValue(state, 'codes.background.seed', 7);
    expect(next.codes.background).toEqual({ kind: 'latent', seed: 7, seed2: 1, blend: 0, truncation: 0.65 });
    expect(state.codes.background).toHaveProperty('vector'); // immutable
    expect(setKnobValue(next, 'codes.background.seed', 7)).toBe(next); // no change, same object
  });

  it('widens a degenerate trained range', () => {
    expect(knobBounds({ min: 0, max: 0 })).toEqual({ min: -0.25, max: 0.25 });
  });
});

describe('toLevaSchema', () => {
  it('ignores leva initial and store-originated changes, forwards panel changes', () => {
    const groups = buildKnobGroups(sceneManifest(), sceneState(), 0);
    const camera = groups.find((g) => g.id === 'camera')!;
    const changes: unknown[] = [];
    const schema = toLevaSchema(camera, { change: (_g, k, v) => changes.push([k.key, v]), randomize: () => {}, reset: () => {} });
    const elevation = schema.elevation as { onChange: (v: unknown, p: string, c: object) => void; min: number };
    expect(elevation.min).toBe(2.5);
    elevation.onChange(30, 'camera.elevation', { initial: true, fromPanel: true });
    elevation.onChange(31, 'camera.elevation', { initial: false, fromPanel: false });
    elevation.onChange(32, 'camera.elevation', { initial: false, fromPanel: true });
    expect(changes).toEqual([['elevation', 32]]);
    expect(schema.randomize).toBeDefined();
    expect((schema.seed as undefined) ?? null).toBeNull();
  });
});
