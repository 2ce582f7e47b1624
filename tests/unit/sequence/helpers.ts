/** A fixture manifest and state for the sequence units, plus a fake engine that paints a frame per state. */
import { giraffeDefaultState } from '../../../src/families/giraffe/defaults';
import { adapterFor } from '../../../src/families/registry';
import type { Manifest } from '../../../src/families/manifest';
import type { SequenceModel } from '../../../src/sequence/renderFrames';
import type { StudioState } from '../../../src/state/studioState';
import { loadManifest } from '../families/fixtures';

export const manifest: Manifest = loadManifest('fixture-giraffe-duo');
export const baseState = (): StudioState => giraffeDefaultState(manifest);

/** A model whose "engine" returns an image derived from the camera feed, so different states give different frames. */
export function fakeModel(options: { failAt?: number } = {}): SequenceModel & { runs: number } {
  const [h, w] = manifest.resolution;
  const model = {
    runs: 0,
    key: 'fake',
    manifest,
    adapter: adapterFor(manifest),
    hash: '0123456789abcdef',
    engine: {
      run: async (_key: string, _session: string, feeds: Record<string, { data: Float32Array }>) => {
        const i = model.runs++;
        if (options.failAt === i) throw new Error('engine exploded');
        const seed = feeds.camera_world.data[3] + feeds.camera_world.data[7];
        const data = new Float32Array(3 * h * w).map((_, k) => (Math.sin(seed * 10 + k * 0.01) + 1) / 2);
        return { outputs: { image: { dims: [1, 3, h, w], data } }, ms: 1, provider: 'wasm' as const };
      },
    },
  };
  return model;
}
