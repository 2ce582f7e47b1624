// @vitest-environment happy-dom
/**
 * The viewport's layer select (issue 7 item 3) and the rig panel's message for a model without a camera.
 * The select appears only for models with optional layers and writes the choice into the layer store.
 */
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { rigMessage } from '../../../src/app/RigPanel';
import { useSessionStore } from '../../../src/state/sessionStore';
import { useFrameStore } from '../../../src/ui/frameStore';
import { ImageViewport } from '../../../src/ui/ImageViewport';
import { useLayerStore } from '../../../src/ui/layerStore';
import { loadManifest } from '../families/fixtures';
import { cubTiny } from '../families/mixnmatchFixture';
import { flatManifest } from './fixtures';
import { mount, type Mounted } from './render';

let mounted: Mounted | null = null;
afterEach(async () => {
  await mounted?.unmount();
  mounted = null;
  useLayerStore.getState().setLayer('image');
  useFrameStore.getState().clear();
});

const select = () => document.querySelector<HTMLSelectElement>('[data-testid="viewport-layer"]');

describe('viewport layer select', () => {
  it('lists the layers of a MixNMatch bundle and sets the store', async () => {
    useSessionStore.getState().setModel(cubTiny(), 'k', 'wasm');
    useFrameStore.getState().showFrame({ width: 2, height: 2, rgba: new Uint8ClampedArray(16) });
    mounted = await mount(<ImageViewport />);
    const el = select()!;
    expect([...el.options].map((o) => o.value)).toEqual(['image', 'foreground', 'background', 'mask']);
    expect(el.value).toBe('image');
    await act(async () => {
      el.value = 'mask';
      el.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(useLayerStore.getState().layer).toBe('mask');
    expect(select()!.value).toBe('mask');
    expect(document.querySelector('[data-testid="viewport-canvas"]')).not.toBeNull();
  });

  it('shows image for a choice the model lacks, and no select for an image-only model', async () => {
    useLayerStore.getState().setLayer('foreground');
    useSessionStore.getState().setModel(loadManifest('fixture-giraffe-duo'), 'k', 'wasm');
    mounted = await mount(<ImageViewport />);
    expect([...select()!.options].map((o) => o.value)).toEqual(['image', 'mask']);
    expect(select()!.value).toBe('image');
    await act(async () => useSessionStore.getState().setModel(flatManifest(), 'k2', 'wasm'));
    expect(select()).toBeNull();
  });
});

describe('rig panel message', () => {
  it("says a MixNMatch model has no 3D camera, in the family's words", () => {
    expect(rigMessage(cubTiny())).toMatch(/^MixNMatch models have no 3D camera: /);
    expect(rigMessage(null)).toBe('No model loaded.');
    expect(rigMessage(null, true)).toBe('Loading the model…');
  });
});
