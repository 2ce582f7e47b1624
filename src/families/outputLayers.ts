/**
 * Which generator outputs the viewport can show. The manifest lists an `image` output and, for models that
 * draw in layers (GIRAFFE-HD's foreground / background / mask, MixNMatch's foreground / mask / background),
 * optional extra outputs by role. Layers are chosen by role, not by output name, so a choice such as "mask"
 * carries over when the user switches to another model that has one, and falls back to the image when the
 * new model has none.
 */
import type { Manifest, OutputSpec } from './manifest';

export type LayerRole = OutputSpec['role'];

/** Order the layer menu lists them in: the composite first, then its parts. */
const ORDER: readonly LayerRole[] = ['image', 'foreground', 'background', 'mask'];

export interface LayerChoice {
  role: LayerRole;
  /** The manifest's output name (what the engine returns it under). */
  output: string;
  /** The word the viewport menu shows. */
  label: string;
}

/** The layers `manifest` offers, image first; one entry per role (the first output of each role). */
export function layerChoices(manifest: Pick<Manifest, 'generator'>): LayerChoice[] {
  const choices: LayerChoice[] = [];
  for (const role of ORDER) {
    const spec = manifest.generator.outputs.find((o) => o.role === role);
    if (spec) choices.push({ role, output: spec.name, label: role });
  }
  return choices;
}

/** The output to show for `role`: that layer when the manifest has it, else the image output. */
export function outputForLayer(manifest: Pick<Manifest, 'generator'>, role: LayerRole): OutputSpec {
  const outputs = manifest.generator.outputs;
  return outputs.find((o) => o.role === role) ?? outputs.find((o) => o.role === 'image')!;
}
