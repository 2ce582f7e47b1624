/**
 * Which output layer the viewport shows (image, or an optional foreground / background / mask layer the
 * manifest lists). A UI choice, not part of StudioState: it does not change the image a state reproduces,
 * only what is on screen (and so what "Save image" saves). Kept by role so it survives a model switch; a model
 * without that layer shows its image.
 */
import { create } from 'zustand';
import type { LayerRole } from '../families/outputLayers';

export interface LayerStore {
  layer: LayerRole;
  setLayer(layer: LayerRole): void;
}

export const useLayerStore = create<LayerStore>()((set) => ({
  layer: 'image',
  setLayer: (layer) => set({ layer }),
}));
