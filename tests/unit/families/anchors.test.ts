import { describe, expect, it } from 'vitest';
import { anchorIndexOf, nearestAnchor, withAnchor } from '../../../src/families/anchors';
import { defaultCode } from '../../../src/families/codes';
import { manifestSchema } from '../../../src/families/manifest';
import { randomizeFactor } from '../../../src/families/randomize';
import { createRng } from '../../../src/lib/rng';
import { describeCode } from '../../../src/mixer/knobSummary';
import type { LatentCode } from '../../../src/state/studioState';
import { anchoredSceneManifest, sceneManifest } from '../ui/fixtures';
import { giraffeDefaultState } from '../../../src/families/giraffe/defaults';

const manifest = anchoredSceneManifest();
const shape = manifest.factors.find((f) => f.id === 'shape')!;
const anchors = shape.kind === 'latent' ? shape.anchors! : [];
const seeded: LatentCode = { kind: 'latent', seed: 5, seed2: 6, blend: 0, truncation: 1 };

describe('named anchors of a latent factor', () => {
  it('the manifest refuses an anchor whose length is not the factor dim, naming it', () => {
    const raw = JSON.parse(JSON.stringify(sceneManifest()));
    raw.factors[0].anchors = [{ name: 'cube', vector: [1, 2, 3] }];
    const result = manifestSchema.safeParse(raw);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error!.issues)).toContain('anchor \\"cube\\" has 3 values; the factor\'s dim is 4');
    expect(result.error!.issues[0].path).toEqual(['factors', 0, 'anchors', 0, 'vector']);
  });

  it('a code set to an anchor is recognised (also after float32 rounding), and -1 returns to its seeds', () => {
    const cube = withAnchor(seeded, anchors, 1);
    expect(cube.vector).toEqual([0, 1, 0, 0]);
    expect(anchorIndexOf(cube, anchors)).toBe(1);
    expect(anchorIndexOf({ ...cube, vector: [0, Math.fround(1 + 1e-7), 0, 0] }, anchors)).toBe(1);
    expect(anchorIndexOf(seeded, anchors)).toBe(-1);
    expect(withAnchor(cube, anchors, -1)).toEqual(seeded);
  });

  it('the nearest anchor names a recovered vector in the mixer', () => {
    expect(nearestAnchor([0.1, 0.2, 0.9, 0], anchors)).toMatchObject({ index: 2 });
    expect(describeCode(shape, withAnchor(seeded, anchors, 1))).toBe('shape: cube');
    expect(describeCode(shape, { ...seeded, vector: [0.1, 0.2, 0.9, 0] })).toBe('shape: from the image, nearest cone');
    const texture = manifest.factors.find((f) => f.id === 'texture')!;
    expect(describeCode(texture, { ...seeded, vector: [1, 1, 1, 1] })).toBe('texture: from the image');
  });

  it('a fresh state starts on anchors, never between classes', () => {
    expect(anchorIndexOf(defaultCode(shape, 0), anchors)).toBe(1);
    const state = giraffeDefaultState(manifest);
    expect(state.objects.map((o) => anchorIndexOf(o.codes.shape, anchors))).toEqual([1, 0]);
    expect((state.objects[0].codes.texture as LatentCode).vector).toBeUndefined(); // no anchors: seeds
  });

  it('randomize picks a random anchor', () => {
    const state = giraffeDefaultState(manifest);
    const rng = createRng(7);
    const picked = new Set<number>();
    let s = state;
    for (let i = 0; i < 30; i++) {
      s = randomizeFactor(s, manifest, 'objects.0.codes.shape', rng);
      picked.add(anchorIndexOf(s.objects[0].codes.shape, anchors));
    }
    expect([...picked].sort()).toEqual([0, 1, 2]);
  });
});
