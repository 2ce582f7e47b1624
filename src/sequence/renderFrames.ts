/**
 * Spec -> PNG frames, shared by the browser export and the command line: each frame's state -> the family
 * adapter's feeds -> engine.run (every frame runs: never the latest-wins lane, which drops frames) -> the
 * encoder (tensor -> RGBA, optional integer upscale, deterministic PNG carrying the frame's StudioState). The next
 * run starts before this frame is encoded, and an encoder may work on several frames at once (a worker
 * pool in Node), so encoding overlaps inference: export runs at the model's frame rate, not below it.
 */
import type { FamilyAdapter } from '../families/types';
import type { Manifest } from '../families/manifest';
import type { RunResult, StudioEngine } from '../engine/types';
import { StudioError } from '../lib/errors';
import type { StudioState } from '../state/studioState';
import { inThreadEncoder, type FrameEncoder } from './encoder';
import { frameName } from './record';
import { frameStates } from './sampling';
import type { SequenceSpec } from './spec';

/** What rendering needs of a loaded model; the browser's ActiveModel and the CLI's disk bundle both give it. */
export interface SequenceModel {
  engine: Pick<StudioEngine, 'run'>;
  /** Engine key the sessions are loaded under. */
  key: string;
  manifest: Manifest;
  adapter: FamilyAdapter;
  /** Short content hash of the ONNX files, written into every PNG and sequence.json. */
  hash: string;
}

export interface RenderedFrame {
  index: number;
  name: string;
  state: StudioState;
  png: Uint8Array;
  width: number;
  height: number;
  /** NaN/Inf pixels (painted magenta). */
  nonFinite: number;
}

/** [width, height] of the exported PNGs: the model's native size times the integer scale. */
export function exportSize(spec: SequenceSpec, manifest: Manifest): [number, number] {
  const [height, width] = manifest.resolution;
  return [width * spec.output.scale, height * spec.output.scale];
}

function imageOutput(manifest: Manifest) {
  const spec = manifest.generator.outputs.find((o) => o.role === 'image');
  if (!spec) throw new StudioError('manifest-invalid', `model "${manifest.id}" declares no image output`);
  return spec;
}

async function encodeFrame(
  spec: SequenceSpec, model: SequenceModel, encoder: FrameEncoder, index: number, state: StudioState, result: RunResult,
): Promise<RenderedFrame> {
  const output = imageOutput(model.manifest);
  const tensor = result.outputs[output.name];
  if (!tensor) throw new StudioError('manifest-mismatch', `the model produced no output "${output.name}"`);
  const encoded = await encoder.encode({ tensor, range: output.range, state, modelHash: model.hash, output: spec.output });
  return { index, name: frameName(index, spec.frames), state, ...encoded };
}

/**
 * Frames `from`..frames-1 in order, lazily: stop iterating and nothing more is rendered (a run already in
 * flight finishes and is dropped). Throws StudioError from the adapter (a state that does not fit) or the
 * engine (a failed run).
 */
export async function* renderFrames(
  spec: SequenceSpec, model: SequenceModel, from = 0, encoder: FrameEncoder = inThreadEncoder,
): AsyncGenerator<RenderedFrame> {
  const states = frameStates(spec, model.manifest, from);
  const start = (item: IteratorResult<{ index: number; state: StudioState }>) => {
    if (item.done) return null;
    const { index, state } = item.value;
    const run = model.engine.run(model.key, 'generator', model.adapter.toFeeds(state, model.manifest));
    run.catch(() => undefined); // a run left in flight by a consumer that stopped must not go unhandled
    return { index, state, run };
  };
  /** Frames being encoded, in order; at most `encoder.concurrency` wait before the oldest is handed on. */
  const encoding: Promise<RenderedFrame>[] = [];
  let next = start(states.next());
  try {
    while (next) {
      const current = next;
      const result = await current.run;
      // Start the next run before encoding this frame; a state that fails to build feeds is reported after
      // the frames before it are delivered, so every good frame before a bad one is still written.
      let failure: { error: unknown } | null = null;
      try {
        next = start(states.next());
      } catch (error) {
        next = null;
        failure = { error };
      }
      const encoded = encodeFrame(spec, model, encoder, current.index, current.state, result);
      encoded.catch(() => undefined);
      encoding.push(encoded);
      while (encoding.length >= encoder.concurrency || (failure && encoding.length > 0)) yield await encoding.shift()!;
      if (failure) throw failure.error;
    }
    while (encoding.length > 0) yield await encoding.shift()!;
  } finally {
    encoding.length = 0;
  }
}
