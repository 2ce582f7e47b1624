/**
 * Optional output layers (issue 7 item 3): which outputs the viewport can show, which one a choice picks,
 * and that the frame renderer draws the chosen layer with its own range and re-shows the last run when the
 * choice changes (so "Save image", which saves the frame store's frame, saves what is shown).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { frameFromOutputs, renderState } from '../../../src/app/frameRenderer';
import type { ActiveModel } from '../../../src/app/activeModel';
import type { EngineClient } from '../../../src/engine/engineClient';
import { layerChoices, outputForLayer } from '../../../src/families/outputLayers';
import { mixnmatchAdapter } from '../../../src/families/mixnmatch/adapter';
import type { TensorData } from '../../../src/families/types';
import { useFrameStore } from '../../../src/ui/frameStore';
import { useLayerStore } from '../../../src/ui/layerStore';
import { loadManifest } from '../families/fixtures';
import { cubTiny } from '../families/mixnmatchFixture';
import { flatManifest } from './fixtures';

/** A [1, C, 2, 2] tensor filled with `value`. */
const plane = (channels: number, value: number): TensorData => ({ dims: [1, channels, 2, 2], data: new Float32Array(channels * 4).fill(value) });

afterEach(() => {
  useLayerStore.getState().setLayer('image');
  useFrameStore.getState().clear();
});

describe('layer choices', () => {
  it('lists the image first, then the optional layers the manifest has', () => {
    expect(layerChoices(cubTiny())).toEqual([
      { role: 'image', output: 'image', label: 'image' },
      { role: 'foreground', output: 'foreground', label: 'foreground' },
      { role: 'background', output: 'background', label: 'background' },
      { role: 'mask', output: 'mask', label: 'mask' },
    ]);
    expect(layerChoices(loadManifest('fixture-giraffe-duo')).map((c) => c.role)).toEqual(['image', 'mask']);
    expect(layerChoices(flatManifest()).map((c) => c.role)).toEqual(['image']);
  });

  it('picks the chosen layer, or the image when the model has no such layer', () => {
    expect(outputForLayer(cubTiny(), 'mask')).toMatchObject({ name: 'mask', range: [0, 1] });
    expect(outputForLayer(loadManifest('fixture-giraffe-duo'), 'foreground')).toMatchObject({ name: 'image', role: 'image' });
  });

  it('the layer store starts on the image', () => {
    expect(useLayerStore.getState().layer).toBe('image');
  });
});

describe('frames of a layer', () => {
  const outputs = { image: plane(3, -1), foreground: plane(3, 1), mask: plane(1, 0.5), background: plane(3, 0) };

  it('maps each layer with its own manifest range', () => {
    const m = cubTiny();
    expect(frameFromOutputs(outputs, m, 'image').rgba.slice(0, 4)).toEqual(Uint8ClampedArray.of(0, 0, 0, 255));
    expect(frameFromOutputs(outputs, m, 'foreground').rgba.slice(0, 4)).toEqual(Uint8ClampedArray.of(255, 255, 255, 255));
    const mask = frameFromOutputs(outputs, m, 'mask');
    expect(mask.layer).toBe('mask');
    expect(mask.rgba.slice(0, 4)).toEqual(Uint8ClampedArray.of(128, 128, 128, 255)); // 0.5 of [0,1], grey
    expect(frameFromOutputs(outputs, m, 'background').rgba[0]).toBe(128); // 0 of [-1,1]
  });

  it('says which output is missing', () => {
    expect(() => frameFromOutputs({ image: plane(3, 0) }, cubTiny(), 'mask')).toThrow(/no output "mask" \(mask\)/);
  });

  it('renderState shows the chosen layer, and a new choice re-shows the last run without running the model', async () => {
    const manifest = cubTiny();
    let runs = 0;
    const engine = {
      runLatest: async () => {
        runs++;
        return { outputs, ms: 1, provider: 'wasm' };
      },
    } as unknown as EngineClient;
    const model = { manifest, adapter: mixnmatchAdapter, key: 'k', provider: 'wasm' } as unknown as ActiveModel;
    useLayerStore.getState().setLayer('mask');
    const frame = await renderState(engine, model, mixnmatchAdapter.defaultState(manifest), performance.now());
    expect(frame?.layer).toBe('mask');
    expect(frame?.rgba[0]).toBe(128);
    useFrameStore.getState().showFrame(frame!, frame!.nonFinite); // what the controller does
    useLayerStore.getState().setLayer('foreground');
    expect(useFrameStore.getState().frame?.rgba[0]).toBe(255);
    useLayerStore.getState().setLayer('image');
    expect(useFrameStore.getState().frame?.rgba[0]).toBe(0);
    expect(runs).toBe(1);
  });
});
