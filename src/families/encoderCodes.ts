/**
 * Encoder outputs -> codes, one per factor, for the mixer ("take the shape from this photo"). Family-agnostic:
 * the manifest's encoder output roles say what each tensor is, so MixNMatch's four-way split (z, b, p, c) and
 * any later family's encoder go through the same code.
 *
 * Roles read (others, e.g. geometry values, are left to their own readers):
 * - `code:<factor>`   a latent vector, used as-is (LatentCode.vector; no truncation: it already is the code);
 * - `probs:<factor>`  probabilities; each must lie in [0, 1] and they must sum to 1 within 1e-3, because a
 *                     tensor that does not is not what the manifest claims (most often logits declared as
 *                     probs), and feeding it would silently give a wrong image;
 * - `logits:<factor>` unnormalised scores, turned into probabilities by a (max-shifted) softmax.
 * A categorical code also gets index = the most likely class and index2/blend = the runner-up and its share
 * of the two, so when a knob later drops the probabilities the panel starts from the closest two-class mix.
 */
import { StudioError } from '../lib/errors';
import type { CategoricalCode, Code, LatentCode } from '../state/studioState';
import { codeLength } from './codes';
import type { Factor, Manifest } from './manifest';
import type { TensorData } from './types';

/** How far from 1 a `probs:` output may sum (float32 softmax over 200 classes lands well inside). */
export const PROBABILITY_SUM_TOLERANCE = 1e-3;

type EncoderOutputSpec = NonNullable<Manifest['encoder']>['outputs'][number];

interface CodeOutput {
  spec: EncoderOutputSpec;
  kind: 'code' | 'probs' | 'logits';
  factor: Factor;
}

const ROLE = /^(code|probs|logits):(.+)$/;

/** The outputs that carry a factor's code, checked against the factor's kind; duplicates are refused. */
function codeOutputs(manifest: Manifest): CodeOutput[] {
  if (!manifest.encoder) throw new StudioError('manifest-invalid', `${manifest.id}: the manifest declares no encoder.`);
  const seen = new Map<string, string>();
  const out: CodeOutput[] = [];
  for (const spec of manifest.encoder.outputs) {
    const match = ROLE.exec(spec.role);
    if (!match) continue;
    const kind = match[1] as CodeOutput['kind'];
    const factor = manifest.factors.find((f) => f.id === match[2]);
    if (!factor) throw new StudioError('manifest-invalid', `Encoder output "${spec.name}" has role ${spec.role}, but no factor "${match[2]}" exists.`);
    const wanted = kind === 'code' ? 'latent' : 'categorical';
    if (factor.kind !== wanted)
      throw new StudioError('manifest-invalid', `Encoder output "${spec.name}" has role ${spec.role}, but factor "${factor.id}" is ${factor.kind}.`);
    const previous = seen.get(factor.id);
    if (previous) throw new StudioError('manifest-invalid', `Encoder outputs "${previous}" and "${spec.name}" both give factor "${factor.id}".`);
    seen.set(factor.id, spec.name);
    out.push({ spec, kind, factor });
  }
  return out;
}

/** Row `batchIndex` of a [batch, D] (or [D]) tensor, checked for width and finite values. */
function row(tensor: TensorData | undefined, { spec, factor }: CodeOutput, batchIndex: number): number[] {
  if (!tensor) throw new StudioError('manifest-mismatch', `The encoder produced no output "${spec.name}" (${spec.role}).`);
  const width = codeLength(factor);
  const dims = tensor.dims;
  const batch = dims.length === 1 ? 1 : dims[0];
  const rowWidth = dims.length === 1 ? dims[0] : dims.slice(1).reduce((a, b) => a * b, 1);
  if (rowWidth !== width || batchIndex >= batch || tensor.data.length < batch * width)
    throw new StudioError(
      'manifest-mismatch',
      `Encoder output "${spec.name}" (${spec.role}) has shape [${dims.join(', ')}]; factor "${factor.id}" needs [batch, ${width}].`,
    );
  const values = Array.from(tensor.data.subarray(batchIndex * width, (batchIndex + 1) * width));
  if (values.some((v) => !Number.isFinite(v)))
    throw new StudioError('output-not-finite', `Encoder output "${spec.name}" (${spec.role}) has NaN or Inf values; the reference image cannot be encoded.`);
  return values;
}

/** Softmax, shifted by the max so large logits do not overflow. */
export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exp = logits.map((v) => Math.exp(v - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((v) => v / sum);
}

/** Checks that `probs` are probabilities; the message names the output and says what to fix. */
function checkProbabilities(probs: number[], { spec, factor }: CodeOutput): void {
  const sum = probs.reduce((a, b) => a + b, 0);
  const bad = probs.findIndex((p) => p < -PROBABILITY_SUM_TOLERANCE || p > 1 + PROBABILITY_SUM_TOLERANCE);
  if (bad >= 0 || Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
    const what = `sums to ${sum.toPrecision(6)}` + (bad >= 0 ? ` and has ${probs[bad].toPrecision(4)} for class ${bad}` : '');
    throw new StudioError(
      'manifest-mismatch',
      `Encoder output "${spec.name}" (${spec.role}) ${what}, so it is not probabilities over factor "${factor.id}"'s ${probs.length} classes. ` +
        `If the model outputs unnormalised scores, declare the role "logits:${factor.id}" in the manifest.`,
    );
  }
}

/** The two most likely classes and the runner-up's share of the pair (0 when the top class has it all). */
function topTwo(probs: number[]): { index: number; index2: number; blend: number } {
  let index = 0;
  for (let i = 1; i < probs.length; i++) if (probs[i] > probs[index]) index = i;
  let index2 = index === 0 && probs.length > 1 ? 1 : 0;
  for (let i = 0; i < probs.length; i++) if (i !== index && probs[i] > probs[index2]) index2 = i;
  const pair = probs[index] + probs[index2];
  const blend = index2 === index || pair <= 0 ? 0 : probs[index2] / pair;
  return { index, index2, blend };
}

function latentCode(vector: number[], factor: Extract<Factor, { kind: 'latent' }>): LatentCode {
  return { kind: 'latent', seed: 0, seed2: 1, blend: 0, truncation: factor.truncation.default, vector };
}

function categoricalCode(probabilities: number[]): CategoricalCode {
  return { kind: 'categorical', ...topTwo(probabilities), probabilities };
}

/**
 * The codes a reference image's encoder outputs give, keyed by factor id, for the factors the manifest's
 * encoder covers (a factor with no encoder output is absent: the mixer keeps its knob value).
 *
 * @param manifest the loaded model's manifest; its `encoder.outputs` roles decide what each tensor is.
 * @param outputs the encoder session's outputs by name ([batch, D] float32; [D] is accepted too).
 * @param batchIndex which image of a batched run to read (default 0).
 * @returns `LatentCode`s with `vector` (seeds at 0/1 and the default truncation, unused while the vector is
 *   set) and `CategoricalCode`s with `probabilities` summing to 1 plus the closest index/index2/blend.
 * @throws StudioError 'manifest-mismatch' for a missing output, a wrong width or `probs` that are not
 *   probabilities (the message names the output, its sum and the fix); 'output-not-finite' for NaN/Inf;
 *   'manifest-invalid' when the manifest has no encoder or an output role names a missing or wrong-kind factor.
 */
export function codesFromEncoderOutputs(
  manifest: Manifest,
  outputs: Record<string, TensorData>,
  batchIndex = 0,
): Record<string, Code> {
  const codes: Record<string, Code> = {};
  for (const entry of codeOutputs(manifest)) {
    const values = row(outputs[entry.spec.name], entry, batchIndex);
    const { factor } = entry;
    if (factor.kind === 'latent') {
      codes[factor.id] = latentCode(values, factor);
    } else if (entry.kind === 'logits') {
      codes[factor.id] = categoricalCode(softmax(values));
    } else {
      checkProbabilities(values, entry);
      // Renormalise the float32 rounding away so the state's own check (fitState, 1e-3) never trips on it.
      const clamped = values.map((p) => Math.max(0, p));
      const sum = clamped.reduce((a, b) => a + b, 0);
      codes[factor.id] = categoricalCode(clamped.map((p) => p / sum));
    }
  }
  return codes;
}
