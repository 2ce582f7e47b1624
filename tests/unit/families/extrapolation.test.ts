import { describe, expect, it } from 'vitest';
import { extrapolatedKnobs } from '../../../src/families/extrapolation';
import { adapterFor } from '../../../src/families/registry';
import type { StudioState } from '../../../src/state/studioState';
import { loadManifest } from './fixtures';

const manifest = loadManifest('fixture-giraffe-duo');
const base = adapterFor(manifest).defaultState(manifest);

describe('extrapolatedKnobs', () => {
  it('is empty at the defaults', () => {
    expect(extrapolatedKnobs(base, manifest)).toEqual([]);
  });

  it('names each knob outside its trained range', () => {
    const s: StudioState = structuredClone(base);
    s.camera.elevationDeg = 60;
    s.camera.radius = 3;
    s.objects[0].scale = 0.5;
    s.objects[0].translation = [0, 0.9, 0.1];
    s.codes.background = { kind: 'latent', seed: 0, seed2: 1, blend: 1.5, truncation: 2 };
    expect(extrapolatedKnobs(s, manifest).sort()).toEqual(
      [
        'camera.elevationDeg',
        'camera.radius',
        'codes.background.blend',
        'codes.background.truncation',
        'objects.0.scale',
        'objects.0.translation.y',
        'objects.0.translation.z',
      ].sort(),
    );
  });

  it('treats angles modulo 360 and ignores absent objects', () => {
    const s: StudioState = structuredClone(base);
    s.camera.azimuthDeg = -90;
    s.objects[0].rotationDeg = 725;
    s.objects[1].scale = 9; // absent by default
    expect(extrapolatedKnobs(s, manifest)).toEqual([]);
    const narrow = { ...manifest, camera: { ...manifest.camera!, azimuthDeg: { min: -30, max: 30, default: 0 } } };
    expect(extrapolatedKnobs({ ...s, camera: { ...s.camera, azimuthDeg: 350 } }, narrow)).toEqual([]);
    expect(extrapolatedKnobs({ ...s, camera: { ...s.camera, azimuthDeg: 300 } }, narrow)).toEqual(['camera.azimuthDeg']);
  });
});
