/**
 * The encoder path: input tensor -> the model's encoder session -> codes per factor (families/encoderCodes)
 * -> the partial state a slot carries. Object-scoped codes come as one code per image and apply to every
 * object (combine.ts uses a source's first object for all). Geometry outputs are not read yet: the pose slot
 * of an encoded image keeps the knobs' camera and placement.
 */
import { codesFromEncoderOutputs } from '../families/encoderCodes';
import type { Manifest } from '../families/manifest';
import type { TensorData } from '../families/types';
import type { StudioEngine } from '../engine/types';
import type { Code } from '../state/studioState';
import type { PartialState } from './partialState';

export interface EncoderModel {
  engine: Pick<StudioEngine, 'run'>;
  key: string;
  manifest: Manifest;
}

/** Encoder codes keyed by factor id, split by the factors' scopes into a partial state. */
export function partialFromCodes(manifest: Manifest, codes: Record<string, Code>): PartialState {
  const global: Record<string, Code> = {};
  const perObject: Record<string, Code> = {};
  for (const f of manifest.factors) {
    const code = codes[f.id];
    if (code) (f.scope === 'global' ? global : perObject)[f.id] = code;
  }
  return { modelId: manifest.id, codes: global, objects: Object.keys(perObject).length > 0 ? [{ codes: perObject }] : [] };
}

/** Runs the encoder on one image tensor (every call runs: the encoder is not on a latest-wins lane). */
export async function encodeImage(model: EncoderModel, input: TensorData): Promise<PartialState> {
  const spec = model.manifest.encoder!;
  const result = await model.engine.run(model.key, 'encoder', { [spec.input.name]: input });
  return partialFromCodes(model.manifest, codesFromEncoderOutputs(model.manifest, result.outputs));
}
