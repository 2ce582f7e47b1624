import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../../src/families/registry';
import { giraffeAdapter, giraffeHdAdapter } from '../../../src/families/giraffe/adapter';
import type { Manifest } from '../../../src/families/manifest';
import { studioStateSchema, type StudioState } from '../../../src/state/studioState';
import { FIXTURE_IDS, loadManifest, loadReference, type ReferenceCase } from './fixtures';

const errorCode = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

/** A state carrying a reference case's knob values, with its torch.randn codes as reference vectors. */
function stateFromCase(manifest: Manifest, c: ReferenceCase): StudioState {
  const state = adapterFor(manifest).defaultState(manifest);
  const codeInput = (factor: string) => manifest.generator.inputs.find((i) => i.role === `code:${factor}`)!;
  for (const id of Object.keys(state.codes))
    state.codes[id] = { ...state.codes[id], vector: c.inputs[codeInput(id).name].data } as StudioState['codes'][string];
  state.objects = state.objects.map((o, i) => {
    const p = c.params.objects[i];
    const codes = Object.fromEntries(
      Object.entries(o.codes).map(([id, code]) => {
        const data = c.inputs[codeInput(id).name].data;
        const d = data.length / manifest.objects!.count;
        return [id, { ...code, vector: data.slice(i * d, (i + 1) * d) }];
      }),
    );
    return { codes, translation: p.translation, scale: p.scale[0], rotationDeg: p.rotationDeg, present: p.present };
  });
  state.camera = { ...c.params.camera };
  state.backgroundRotationDeg = c.params.backgroundRotationDeg ?? 0;
  return studioStateSchema.parse(state);
}

describe.each(FIXTURE_IDS)('GIRAFFE adapter on %s', (id) => {
  const manifest = loadManifest(id);
  const adapter = adapterFor(manifest);

  it('defaultState is a valid state at the manifest defaults', () => {
    const s = adapter.defaultState(manifest);
    expect(studioStateSchema.parse(s)).toEqual(s);
    expect(s.modelId).toBe(manifest.id);
    expect(s.camera).toEqual({
      elevationDeg: manifest.camera!.elevationDeg.default,
      azimuthDeg: manifest.camera!.azimuthDeg.default,
      radius: manifest.camera!.radius.default,
      fovDeg: manifest.camera!.fovDeg.default,
    });
    expect(s.objects).toHaveLength(manifest.objects!.count);
    expect(s.objects[0].present).toBe(true);
    const shapeSeeds = s.objects.map((o) => (o.codes.shape as { seed: number }).seed);
    expect(new Set(shapeSeeds).size).toBe(shapeSeeds.length);
    expect(s.codes.background).toMatchObject({ kind: 'latent', seed: 0, seed2: 1, blend: 0, truncation: 0.65 });
  });

  it('toFeeds produces exactly the inputs the manifest declares, batch 1', () => {
    const feeds = adapter.toFeeds(adapter.defaultState(manifest), manifest);
    expect(Object.keys(feeds).sort()).toEqual(manifest.generator.inputs.map((i) => i.name).sort());
    for (const input of manifest.generator.inputs) {
      const f = feeds[input.name];
      expect(f.dims).toEqual(input.shape.map((d) => (d === 'batch' ? 1 : d)));
      expect(f.data.length).toBe(f.dims.reduce((a, b) => a * b, 1));
      expect(f.data.every(Number.isFinite)).toBe(true);
    }
  });

  it.each(loadReference(id).cases.map((c) => [c.name, c] as const))(
    'reproduces the reference inputs of case %s',
    (_name, c) => {
      const feeds = adapter.toFeeds(stateFromCase(manifest, c), manifest);
      const uniformScale = c.params.objects.every((o) => o.scale.every((v) => v === o.scale[0]));
      for (const [name, ref] of Object.entries(c.inputs)) {
        if (name === 'obj_scale' && !uniformScale) continue; // StudioState scale is uniform (GIRAFFE fix_scale_ratio)
        expect(feeds[name].dims, name).toEqual(ref.dims);
        const got = Array.from(feeds[name].data);
        ref.data.forEach((v, i) => expect(Math.abs(got[i] - v), `${name}[${i}]`).toBeLessThanOrEqual(1e-5));
      }
    },
  );

  it('throws state-invalid on a missing code or a wrong object count', () => {
    const s = adapter.defaultState(manifest);
    expect(errorCode(() => adapter.toFeeds({ ...s, codes: {} }, manifest))).toBe('state-invalid');
    expect(errorCode(() => adapter.toFeeds({ ...s, objects: [...s.objects, s.objects[0]] }, manifest))).toBe(
      'state-invalid',
    );
    const noShape = { ...s, objects: s.objects.map((o) => ({ ...o, codes: { texture: o.codes.texture } })) };
    expect(() => adapter.toFeeds(noShape, manifest)).toThrowError(/objects\.0\.codes\.shape/);
    const wrongKind = { ...s, codes: { background: { kind: 'categorical', index: 0, index2: 0, blend: 0 } as const } };
    expect(errorCode(() => adapter.toFeeds(wrongKind, manifest))).toBe('state-invalid');
  });

  it('throws manifest-invalid when a declared shape disagrees with the factor', () => {
    const bad: Manifest = structuredClone(manifest);
    bad.generator.inputs[0].shape = ['batch', manifest.objects!.count, 99];
    expect(errorCode(() => adapter.toFeeds(adapter.defaultState(manifest), bad))).toBe('manifest-invalid');
  });

  it('rig gives the same camera matrix as the camera.world feed and one box per object', () => {
    const s = adapter.defaultState(manifest);
    const rig = adapter.rig(s, manifest)!;
    const cameraInput = manifest.generator.inputs.find((i) => i.role === 'camera.world')!;
    const feed = Array.from(adapter.toFeeds(s, manifest)[cameraInput.name].data);
    rig.cameraToWorld.forEach((v, i) => expect(v).toBeCloseTo(feed[i], 6));
    expect(rig.objects).toHaveLength(s.objects.length);
    expect(rig.depthRange).toEqual(manifest.camera!.depthRange);
    expect(rig.fovDeg).toBe(s.camera.fovDeg);
  });
});

describe('registry', () => {
  it('maps giraffe and giraffe-hd to the GIRAFFE adapter, mixnmatch to its own, and rejects others', () => {
    expect(adapterFor({ family: 'giraffe' })).toBe(giraffeAdapter);
    expect(adapterFor({ family: 'giraffe-hd' })).toBe(giraffeHdAdapter);
    expect(giraffeHdAdapter.family).toBe('giraffe-hd');
    expect(adapterFor({ family: 'mixnmatch' }).family).toBe('mixnmatch');
    expect(errorCode(() => adapterFor({ family: 'stylegan' as 'giraffe' }))).toBe('manifest-invalid');
  });
});

describe('defaultState with several objects', () => {
  it('spreads several objects over x and switches off optional ones', () => {
    const duo = loadManifest('fixture-giraffe-duo');
    const s = adapterFor(duo).defaultState(duo);
    expect(s.objects.map((o) => o.translation[0])).toEqual([-0.3, 0.3]);
    expect(s.objects.map((o) => o.present)).toEqual([true, false]);
    const required = { ...duo, objects: { ...duo.objects!, optional: false } };
    expect(adapterFor(required).defaultState(required).objects.map((o) => o.present)).toEqual([true, true]);
  });
});
