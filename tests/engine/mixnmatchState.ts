/**
 * The knob state that describes a recorded MixNMatch input set, for engine tests that drive the real
 * adapter: a one-hot or a two-class mix becomes class / second class / blend (what a user sets); anything
 * softer becomes probabilities (what an encoder gives); a latent becomes its exact vector.
 */
import type { Manifest } from '../../src/families/manifest';
import { mixnmatchAdapter } from '../../src/families/mixnmatch/adapter';
import type { TensorData } from '../../src/families/types';
import type { Code, StudioState } from '../../src/state/studioState';

export function categoricalFrom(values: Float32Array): Code {
  const nonZero = [...values.keys()].filter((i) => values[i] !== 0);
  if (nonZero.length === 1) return { kind: 'categorical', index: nonZero[0], index2: nonZero[0], blend: 0 };
  if (nonZero.length === 2) return { kind: 'categorical', index: nonZero[0], index2: nonZero[1], blend: values[nonZero[1]] };
  return { kind: 'categorical', index: 0, index2: 0, blend: 0, probabilities: Array.from(values) };
}

/** The adapter's default state with every code replaced by the one that yields `inputs` (keyed by input name). */
export function mixnmatchStateFor(manifest: Manifest, inputs: Record<string, TensorData>): StudioState {
  const state = mixnmatchAdapter.defaultState(manifest);
  for (const input of manifest.generator.inputs) {
    const id = input.role.slice('code:'.length);
    const values = Float32Array.from(inputs[input.name].data as Float32Array);
    const current = state.codes[id];
    state.codes[id] = current.kind === 'latent' ? { ...current, vector: Array.from(values) } : categoricalFrom(values);
  }
  return state;
}
