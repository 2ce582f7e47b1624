/**
 * The encoder path: input tensor -> the model's encoder session -> codes per factor (families/encoderCodes)
 * and geometry (encoderGeometry) -> the partial state a slot carries. An object-scoped code output may give
 * one code per image ([batch, D]: applied to every object) or one per object ([batch, N, D]); the latter is
 * read object by object through the same codesFromEncoderOutputs, on per-object views of the tensors.
 */
import { codesFromEncoderOutputs } from '../families/encoderCodes';
import type { Manifest } from '../families/manifest';
import type { TensorData } from '../families/types';
import type { StudioEngine } from '../engine/types';
import type { Code } from '../state/studioState';
import { geometryFromEncoderOutputs } from './encoderGeometry';
import type { PartialObject, PartialState } from './partialState';

export interface EncoderModel {
  engine: Pick<StudioEngine, 'run'>;
  key: string;
  manifest: Manifest;
}

const CODE_ROLE = /^(code|probs|logits):(.+)$/;

/** Names of code outputs shaped [batch, N, D]: one code per object. */
function perObjectOutputs(manifest: Manifest): string[] {
  return (manifest.encoder?.outputs ?? []).filter((o) => CODE_ROLE.test(o.role) && o.shape.length === 3).map((o) => o.name);
}

/** Object i's slice of the per-object outputs, as [1, D] tensors; other outputs unchanged. */
function objectView(outputs: Record<string, TensorData>, names: string[], i: number): Record<string, TensorData> {
  const view = { ...outputs };
  for (const name of names) {
    const t = outputs[name];
    if (!t || t.dims.length !== 3) continue;
    const width = t.dims[2];
    view[name] = { dims: [1, width], data: t.data.subarray(i * width, (i + 1) * width) };
  }
  return view;
}

function split(manifest: Manifest, codes: Record<string, Code>, scope: 'global' | 'object'): Record<string, Code> {
  return Object.fromEntries(manifest.factors.filter((f) => f.scope === scope && codes[f.id]).map((f) => [f.id, codes[f.id]]));
}

/**
 * Present objects first, in the encoder's order otherwise. An encoder orders its object slots its own way: a
 * one-object image may come back in slot 2 with slot 1 absent. The mixer fills the studio's object 1 from
 * every reference's object 1, so without this a shape reference's real object and a pose reference's could
 * land in different studio objects, and the mix would show an absent slot's code (an in-between blob).
 */
export function presentFirst(objects: PartialObject[]): PartialObject[] {
  if (!objects.some((o) => o.present === false)) return objects;
  return [...objects.filter((o) => o.present !== false), ...objects.filter((o) => o.present === false)];
}

/** Encoder outputs (batch 1) -> the partial state a slot carries. */
export function partialFromOutputs(manifest: Manifest, outputs: Record<string, TensorData>): PartialState {
  const names = perObjectOutputs(manifest);
  const count = names.length > 0 ? Math.max(1, outputs[names[0]]?.dims[1] ?? 1) : 1;
  const views = Array.from({ length: count }, (_, i) => codesFromEncoderOutputs(manifest, objectView(outputs, names, i)));
  const geometry = geometryFromEncoderOutputs(manifest, outputs);
  const objectCount = Math.max(count, geometry.objects.length);
  const objects: PartialObject[] = Array.from({ length: objectCount }, (_, i) => ({
    ...(geometry.objects[i] ?? {}),
    codes: split(manifest, views[Math.min(i, views.length - 1)], 'object'),
  }));
  const hasObjectCodes = objects.some((o) => Object.keys(o.codes).length > 0 || Object.keys(o).length > 1);
  return { modelId: manifest.id, codes: split(manifest, views[0], 'global'), objects: hasObjectCodes ? presentFirst(objects) : [], camera: geometry.camera };
}

/** Runs the encoder on one image tensor (every call runs: the encoder is not on a latest-wins lane). */
export async function encodeImage(model: EncoderModel, input: TensorData): Promise<PartialState> {
  const spec = model.manifest.encoder!;
  const result = await model.engine.run(model.key, 'encoder', { [spec.input.name]: input });
  return partialFromOutputs(model.manifest, result.outputs);
}
