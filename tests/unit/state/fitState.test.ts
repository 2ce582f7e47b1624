import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../../src/bundles/parseManifest';
import { checkStateFitsManifest } from '../../../src/state/fitState';
import type { StudioState } from '../../../src/state/studioState';
import { sampleState } from './sampleState';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const manifest = parseManifest(JSON.parse(readFileSync(`${ROOT}tests/fixtures/manifests/valid.json`, 'utf8')));

function edit(change: (s: StudioState) => void): StudioState {
  const s = structuredClone(sampleState());
  change(s);
  return s;
}

describe('checkStateFitsManifest', () => {
  it('accepts a fitting state, including geometry outside the trained ranges', () => {
    expect(checkStateFitsManifest(sampleState(), manifest)).toEqual([]);
    expect(checkStateFitsManifest(edit((s) => (s.camera.elevationDeg = 89)), manifest)).toEqual([]);
  });

  it('catches a class index out of range', () => {
    const problems = checkStateFitsManifest(edit((s) => ((s.codes.background as { index: number }).index = 4)), manifest);
    expect(problems).toEqual(['codes.background.index: class 4, factor "background" has 4 classes (0..3)']);
  });

  it('catches the other misfits', () => {
    expect(checkStateFitsManifest(edit((s) => (s.modelId = 'other')), manifest)[0]).toContain('"other"');
    const bad = edit((s) => {
      s.codes.colour = { kind: 'latent', seed: 0, seed2: 0, blend: 0, truncation: 1 };
      s.codes.pose = { kind: 'latent', seed: 0, seed2: 0, blend: 0, truncation: 1, vector: [1, 2, 3] };
      s.codes.texture = { kind: 'categorical', index: 0, index2: 0, blend: 0, probabilities: [0.5, 0.5, 0.5, 0, 0] };
      s.codes.shape = { kind: 'categorical', index: 0, index2: 0, blend: 0, probabilities: [1, 0] };
      delete s.codes.background;
      s.objects.push({ codes: {}, translation: [0, 0, 0], scale: 1, rotationDeg: 0, present: true });
    });
    const problems = checkStateFitsManifest(bad, manifest).join('\n');
    expect(problems).toContain('codes.colour: the model has no factor "colour"');
    expect(problems).toContain('codes.pose.vector: 3 values, factor "pose" has dimension 8');
    expect(problems).toContain('codes.texture.probabilities: sum to 1.50000');
    expect(problems).toContain('codes.shape.probabilities: 2 values, factor "shape" has 3 classes');
    expect(problems).toContain('codes.background: missing');
    expect(problems).toContain('objects: 1 objects, the model has 0');
    const wrongKind = edit((s) => (s.codes.pose = { kind: 'categorical', index: 0, index2: 0, blend: 0 }));
    expect(checkStateFitsManifest(wrongKind, manifest)[0]).toContain('a categorical code, but factor "pose" is latent');
    const nearlyOne = edit((s) => ((s.codes.texture as { probabilities?: number[] }).probabilities = [0.2, 0.2, 0.2, 0.2, 0.2005]));
    expect(checkStateFitsManifest(nearlyOne, manifest)).toEqual([]);
  });

  it('checks per-object codes against a multi-object fixture', () => {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(`${ROOT}models/fixture-giraffe-duo/manifest.json`, 'utf8'));
    } catch {
      return;
    }
    const duo = parseManifest(json);
    const latent = { kind: 'latent' as const, seed: 1, seed2: 2, blend: 0, truncation: 0.65 };
    const object = { codes: { shape: latent, texture: latent }, translation: [0, 0, 0] as [number, number, number], scale: 0.3, rotationDeg: 0, present: true };
    const state: StudioState = {
      version: 1,
      modelId: duo.id,
      codes: { background: latent },
      objects: [object, { ...object, present: false }],
      camera: { elevationDeg: 25, azimuthDeg: 30, radius: 2.732, fovDeg: 49.13 },
      backgroundRotationDeg: 0,
    };
    expect(checkStateFitsManifest(state, duo)).toEqual([]);
    const misplaced = { ...state, codes: { background: latent, shape: latent } };
    expect(checkStateFitsManifest(misplaced, duo)).toEqual(['codes.shape: factor "shape" is not global in this model']);
    const vector = { ...latent, vector: [1] };
    const oneBad = { ...state, objects: [object, { ...object, codes: { shape: latent, texture: vector } }] };
    expect(checkStateFitsManifest(oneBad, duo)).toEqual(['objects[1].codes.texture.vector: 1 values, factor "texture" has dimension 16']);
  });
});
