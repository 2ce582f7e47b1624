/** States and slot contents for the mixer's unit tests, on the duo fixture (2 objects) and the MixNMatch-like test manifest. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { giraffeDefaultState } from '../../../src/families/giraffe/defaults';
import { manifestSchema, type Manifest } from '../../../src/families/manifest';
import type { SlotContent } from '../../../src/mixer/slots';
import type { StudioState } from '../../../src/state/studioState';
import { loadManifest } from '../families/fixtures';

export const duo = (): Manifest => loadManifest('fixture-giraffe-duo');
export const mixnmatch = (): Manifest =>
  manifestSchema.parse(JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/manifests/valid.json'), 'utf8')));

/** The duo's default state with every seed offset by `k` and geometry moved by `k`, so each field is told apart. */
export function variant(k: number, manifest = duo()): StudioState {
  const s = giraffeDefaultState(manifest);
  const bump = (codes: StudioState['codes']) =>
    Object.fromEntries(Object.entries(codes).map(([id, c]) => [id, c.kind === 'latent' ? { ...c, seed: c.seed + 100 * k } : c]));
  return {
    ...s,
    codes: bump(s.codes),
    objects: s.objects.map((o, i) => ({ ...o, codes: bump(o.codes), translation: [o.translation[0], 0.1 * k, 0], rotationDeg: 10 * k + i, scale: 0.2 + 0.01 * k, present: true })),
    camera: { ...s.camera, elevationDeg: 10 + k, azimuthDeg: 20 * k },
    backgroundRotationDeg: 5 * k,
  };
}

export function content(state: StudioState, name: string, origin: SlotContent['origin'] = 'metadata'): SlotContent {
  return { sourceName: name, thumbnail: 'data:,', recovered: state, origin };
}
