/**
 * Turns the newest StudioState into pixels: adapter feeds -> engine (latest wins) -> RGBA frame -> frame
 * store. Knob-to-pixels time is measured from the state change to the frame being handed to the viewport.
 *
 * The viewport shows the output layer the user picked (layerStore: image by default, or a foreground /
 * background / mask output the manifest lists), mapped with that output's own range. Switching the layer
 * re-shows the last run's outputs at once, without running the model again: this module is the one that
 * holds them, so it listens to the layer store itself.
 */
import type { EngineClient } from '../engine/engineClient';
import { tensorToRgba, type RgbaFrame } from '../engine/frame';
import { isSuperseded } from '../engine/types';
import { outputForLayer, type LayerRole } from '../families/outputLayers';
import type { Manifest } from '../families/manifest';
import type { TensorData } from '../families/types';
import { StudioError } from '../lib/errors';
import type { StudioState } from '../state/studioState';
import { useFrameStore } from '../ui/frameStore';
import { useLayerStore } from '../ui/layerStore';
import type { ActiveModel } from './activeModel';

export interface RenderedFrame {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  nonFinite: number;
  runMs: number;
  frameMs: number;
  provider: ActiveModel['provider'];
  warning?: string;
  /** The layer these pixels show (the image unless the user picked a layer this model has). */
  layer: LayerRole;
}

/**
 * The pixels of `layer` among a run's `outputs` (the image when the manifest has no such layer), mapped
 * from the output's manifest range to 0..255.
 */
export function frameFromOutputs(
  outputs: Record<string, TensorData>,
  manifest: Pick<Manifest, 'generator'>,
  layer: LayerRole,
): RgbaFrame & { layer: LayerRole } {
  const spec = outputForLayer(manifest, layer);
  const tensor = outputs[spec.name];
  if (!tensor) throw new StudioError('manifest-mismatch', `the model produced no output "${spec.name}" (${spec.role})`);
  return { ...tensorToRgba(tensor, spec.range), layer: spec.role };
}

/** The outputs of the last run that reached the screen, so a layer switch can re-show them. */
let lastRun: { manifest: Manifest; outputs: Record<string, TensorData> } | null = null;
let followingLayer = false;

/** Re-shows the last run in the newly picked layer (installed once, on the first render). */
function followLayerChoice(): void {
  if (followingLayer) return;
  followingLayer = true;
  useLayerStore.subscribe((store, previous) => {
    if (store.layer === previous.layer || !lastRun) return;
    try {
      const frame = frameFromOutputs(lastRun.outputs, lastRun.manifest, store.layer);
      useFrameStore.getState().showFrame(frame, frame.nonFinite);
    } catch {
      // The next render reports the same problem through the controller's notices.
    }
  });
}

/**
 * Renders `state` with `model`. Resolves null when a newer request superseded this one (the newer one
 * shows its own frame). Throws StudioError for a state that does not fit or a failed run.
 */
export async function renderState(
  engine: EngineClient,
  model: ActiveModel,
  state: StudioState,
  startedAt: number,
): Promise<RenderedFrame | null> {
  followLayerChoice();
  const feeds = model.adapter.toFeeds(state, model.manifest);
  const result = await engine.runLatest(model.key, 'generator', feeds);
  if (isSuperseded(result)) return null;
  // The layer is read after the run, so a switch made while the model ran is honoured.
  const frame = frameFromOutputs(result.outputs, model.manifest, useLayerStore.getState().layer);
  lastRun = { manifest: model.manifest, outputs: result.outputs };
  return {
    ...frame,
    runMs: result.ms,
    frameMs: performance.now() - startedAt,
    provider: result.provider,
    warning: result.warning,
  };
}
