/**
 * The knob panel for a converted MixNMatch bundle (the cub-tiny fixture's manifest): the studio's words,
 * class selects with names when the manifest names them and indices otherwise, no camera or object folders.
 */
import { describe, expect, it } from 'vitest';
import { mixnmatchAdapter } from '../../../src/families/mixnmatch/adapter';
import { buildKnobGroups, type KnobGroup } from '../../../src/ui/knobs/schema';
import { cubTiny, namedCubTiny, SHAPE_NAMES } from '../families/mixnmatchFixture';

const group = (groups: KnobGroup[], id: string) => {
  const g = groups.find((x) => x.id === id);
  if (!g) throw new Error(`no group ${id}`);
  return g;
};
const options = (g: KnobGroup, key: string) => {
  const control = g.knobs.find((k) => k.key === key)!.control;
  if (control.type !== 'select') throw new Error(`${key} is ${control.type}`);
  return control.options;
};

describe('knob panel for a MixNMatch model', () => {
  it('has one folder per factor with the studio words, and no camera or object folder', () => {
    const m = cubTiny();
    const groups = buildKnobGroups(m, mixnmatchAdapter.defaultState(m), 0);
    expect(groups.map((g) => g.id)).toEqual(['pose', 'background variation', 'background', 'shape', 'texture']);
    expect(groups.some((g) => /camera|object|scene/.test(g.id))).toBe(false);
    expect(group(groups, 'shape').knobs.map((k) => k.label)).toEqual(['class', 'second class', 'blend']);
    expect(group(groups, 'pose').knobs.map((k) => k.label)).toEqual(['seed', 'blend-to seed', 'blend', 'truncation']);
  });

  it('lists classes by index when the manifest gives only a count', () => {
    const m = cubTiny();
    const groups = buildKnobGroups(m, mixnmatchAdapter.defaultState(m), 0);
    expect(options(group(groups, 'shape'), 'class')).toEqual(['0', '1', '2', '3'].map((label, value) => ({ label, value })));
    expect(options(group(groups, 'texture'), 'class2')).toHaveLength(8);
  });

  it('lists class names when the manifest names them (numbered where a name repeats)', () => {
    const m = namedCubTiny();
    const state = mixnmatchAdapter.defaultState(m);
    const groups = buildKnobGroups(m, { ...state, codes: { ...state.codes, shape: { kind: 'categorical', index: 2, index2: 3, blend: 0.4 } } }, 0);
    const shape = group(groups, 'shape');
    expect(options(shape, 'class').map((o) => o.label)).toEqual(SHAPE_NAMES);
    expect(shape.knobs.map((k) => [k.binding, k.control.value])).toEqual([
      [{ kind: 'state', path: 'codes.shape.index' }, 2],
      [{ kind: 'state', path: 'codes.shape.index2' }, 3],
      [{ kind: 'state', path: 'codes.shape.blend' }, 0.4],
    ]);
    expect(options(group(groups, 'background'), 'class').map((o) => o.label)).toEqual([
      '0: desert', 'sky', 'grass', '3: desert', 'sea', 'snow', 'wall', 'wood',
    ]);
    expect(options(group(groups, 'texture'), 'class')[7]).toEqual({ label: '7', value: 7 });
  });
});
