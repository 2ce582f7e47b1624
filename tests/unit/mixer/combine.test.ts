import { describe, expect, it } from 'vitest';
import { slotOfFactor, slotTargets } from '../../../src/mixer/factorSlots';
import { combine, takeSlot } from '../../../src/mixer/combine';
import type { StudioState } from '../../../src/state/studioState';
import { duo, mixnmatch, variant } from './helpers';
import { sampleState } from '../state/sampleState';

describe('combination rule, GIRAFFE family', () => {
  const m = duo();
  const [current, a, b, c, d] = [0, 1, 2, 3, 4].map((k) => variant(k, m));
  const mixed = combine(current, m, { background: a, shape: b, texture: c, pose: d });

  it('takes each factor from its slot', () => {
    expect(mixed.codes.background).toEqual(a.codes.background);
    expect(mixed.backgroundRotationDeg).toBe(a.backgroundRotationDeg);
    mixed.objects.forEach((o, i) => {
      expect(o.codes.shape).toEqual(b.objects[i].codes.shape);
      expect(o.codes.texture).toEqual(c.objects[i].codes.texture);
      expect([o.translation, o.scale, o.rotationDeg, o.present]).toEqual([d.objects[i].translation, d.objects[i].scale, d.objects[i].rotationDeg, d.objects[i].present]);
    });
    expect(mixed.camera).toEqual(d.camera);
  });

  it('keeps the knob values of factors with no slot', () => {
    const onlyShape = combine(current, m, { shape: b });
    expect(onlyShape.codes).toEqual(current.codes);
    expect(onlyShape.camera).toEqual(current.camera);
    expect(onlyShape.objects.map((o) => o.codes.texture)).toEqual(current.objects.map((o) => o.codes.texture));
    expect(onlyShape.objects.map((o) => o.translation)).toEqual(current.objects.map((o) => o.translation));
  });

  it('uses the first object of a one-object source for every object, and keeps what the source lacks', () => {
    const encoded = { modelId: m.id, codes: {}, objects: [{ codes: { shape: { ...b.objects[0].codes.shape, vector: Array(16).fill(0.5) } } }] };
    const next = takeSlot(current, encoded, m, 'shape');
    expect(next.objects.every((o) => o.codes.shape.kind === 'latent' && o.codes.shape.vector?.[0] === 0.5)).toBe(true);
    const posed = takeSlot(current, encoded, m, 'pose');
    expect(posed).toEqual(current);
  });

  it('does not modify its inputs', () => {
    const copy: StudioState = structuredClone(current);
    combine(current, m, { background: a, pose: d });
    expect(current).toEqual(copy);
  });
});

describe('combination rule, MixNMatch-like factors', () => {
  const m = mixnmatch();
  it('sorts factors into slots by id', () => {
    expect(m.factors.map((f) => slotOfFactor(f))).toEqual(['pose', 'background', 'shape', 'texture']);
    expect(slotOfFactor({ id: 'background-noise' })).toBe('background');
    expect(slotOfFactor({ id: 'lighting' })).toBeNull();
    expect(slotTargets(m, 'pose').geometry).toBe(false);
  });

  it('takes background, shape, texture and pose codes from their slots', () => {
    const base = sampleState();
    const other: StudioState = {
      ...base,
      codes: {
        pose: { kind: 'latent', seed: 99, seed2: 1, blend: 0, truncation: 1 },
        background: { kind: 'categorical', index: 1, index2: 1, blend: 0 },
        shape: { kind: 'categorical', index: 2, index2: 2, blend: 0 },
        texture: { kind: 'categorical', index: 0, index2: 0, blend: 0, probabilities: [0.9, 0.1, 0, 0, 0] },
      },
    };
    for (const slot of ['background', 'shape', 'texture', 'pose'] as const) {
      const next = takeSlot(base, other, m, slot);
      expect(next.codes[slot]).toEqual(other.codes[slot]);
      for (const id of Object.keys(base.codes).filter((id) => id !== slot)) expect(next.codes[id]).toEqual(base.codes[id]);
    }
  });
});
