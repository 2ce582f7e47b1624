/**
 * Turns the newest StudioState into pixels: adapter feeds -> engine (latest wins) -> RGBA frame -> frame
 * store. Knob-to-pixels time is measured from the state change to the frame being handed to the viewport.
 */
import type { EngineClient } from '../engine/engineClient';
import { tensorToRgba } from '../engine/frame';
import { isSuperseded } from '../engine/types';
import { StudioError } from '../lib/errors';
import type { StudioState } from '../state/studioState';
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
  const feeds = model.adapter.toFeeds(state, model.manifest);
  const result = await engine.runLatest(model.key, 'generator', feeds);
  if (isSuperseded(result)) return null;
  const spec = model.manifest.generator.outputs.find((o) => o.role === 'image')!;
  const tensor = result.outputs[spec.name];
  if (!tensor) throw new StudioError('manifest-mismatch', `the model produced no output "${spec.name}"`);
  const frame = tensorToRgba(tensor, spec.range);
  return {
    ...frame,
    runMs: result.ms,
    frameMs: performance.now() - startedAt,
    provider: result.provider,
    warning: result.warning,
  };
}
