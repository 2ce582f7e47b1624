/**
 * Presets for the sequences people make most: a turntable (the camera orbits once, looping seamlessly), an
 * elevation sweep over the trained range, and shape / texture / pose morphs (a code's blend from its seed to
 * its second seed, i.e. slerp between two codes, or from a class to its second class; for a factor with named
 * classes, from the class shown to the next one, since its seeds lie between classes). Each starts from the
 * current state, so from what the user sees; only presets the model has knobs for are offered.
 */
import { anchorIndexOf, anchorsOf, withAnchor, type Anchor } from '../families/anchors';
import type { Factor, Manifest } from '../families/manifest';
import { getAtPath, setAtPath } from '../state/statePath';
import type { LatentCode, StudioState } from '../state/studioState';
import { newKeyframesSpec } from './editKeyframes';
import { SPEC_FORMAT, SPEC_VERSION, type KeyframesSpec, type SequenceSpec, type SweepSpec, type SweepTrack } from './spec';

export type PresetId = 'turntable' | 'elevation' | 'shape-morph' | 'texture-morph' | 'pose-morph';

export interface Preset {
  id: PresetId;
  label: string;
  build(base: StudioState, frames?: number): SequenceSpec;
}

const DEFAULT_FRAMES: Record<PresetId, number> = { turntable: 36, elevation: 24, 'shape-morph': 24, 'texture-morph': 24, 'pose-morph': 24 };

function sweep(id: PresetId, base: StudioState, tracks: SweepTrack[], frames: number, rest: Partial<SweepSpec> = {}): SweepSpec {
  return {
    format: SPEC_FORMAT,
    version: SPEC_VERSION,
    kind: 'sweep',
    name: id,
    modelId: base.modelId,
    frames,
    fps: 24,
    output: { scale: 1, filter: 'nearest' },
    base,
    tracks,
    easing: 'linear',
    loop: false,
    ...rest,
  };
}

/** The factor a morph preset moves: by id or label ("shape"; "texture" or "appearance"). */
function morphFactor(manifest: Manifest, words: string[]): Factor | undefined {
  return manifest.factors.find((f) => words.includes(f.id) || words.includes(f.label.toLowerCase()));
}

/** Path of a factor's code in `state`: the first object's for object-scoped factors. */
function codePath(factor: Factor): string {
  return factor.scope === 'object' ? `objects.0.codes.${factor.id}` : `codes.${factor.id}`;
}

/** "Shape morph (seed -> seed2)" for a latent code, "(class -> second class)" for a categorical one. */
function morphLabel(word: string, factor: Factor): string {
  return `${word} morph (${factor.kind === 'latent' ? 'seed -> seed2' : 'class -> second class'})`;
}

/** Two keyframes: the code at the class it shows (the first, if it shows none) and at the next class. */
function anchorMorph(id: PresetId, base: StudioState, factor: Factor, anchors: Anchor[], frames: number): KeyframesSpec {
  const path = codePath(factor);
  const code = getAtPath(base, path) as LatentCode;
  const from = Math.max(0, anchorIndexOf(code, anchors));
  const at = (i: number) => setAtPath(base, path, withAnchor(code, anchors, i % anchors.length));
  const last = Math.max(0, frames - 1);
  const spec = newKeyframesSpec(at(from), frames);
  return { ...spec, name: id, easing: 'ease-in-out', keyframes: last > 0 ? [...spec.keyframes, { frame: last, state: at(from + 1) }] : spec.keyframes };
}

function morphPreset(id: PresetId, word: string, factor: Factor | undefined, state: StudioState): Preset[] {
  if (!factor || (factor.scope === 'object' && state.objects.length === 0)) return [];
  const anchors = anchorsOf(factor);
  if (anchors.length > 1) {
    return [{ id, label: `${word} morph (class -> next class)`, build: (base, frames = DEFAULT_FRAMES[id]) => anchorMorph(id, base, factor, anchors, frames) }];
  }
  const path = `${codePath(factor)}.blend`;
  const label = morphLabel(word, factor);
  return [{ id, label, build: (base, frames = DEFAULT_FRAMES[id]) => sweep(id, base, [{ path, from: 0, to: 1 }], frames, { easing: 'ease-in-out' }) }];
}

/** The presets `manifest` supports, for `state`'s object count. */
export function presetsFor(manifest: Manifest, state: StudioState): Preset[] {
  const presets: Preset[] = [];
  if (manifest.camera) {
    const elevation = manifest.camera.elevationDeg;
    presets.push(
      {
        id: 'turntable',
        label: 'Turntable (camera orbits 360°)',
        build: (base, frames = DEFAULT_FRAMES.turntable) => {
          const from = base.camera.azimuthDeg;
          return sweep('turntable', base, [{ path: 'camera.azimuthDeg', from, to: from + 360 }], frames, { loop: true });
        },
      },
      {
        id: 'elevation',
        label: 'Elevation sweep (trained range)',
        build: (base, frames = DEFAULT_FRAMES.elevation) =>
          sweep('elevation', base, [{ path: 'camera.elevationDeg', from: elevation.min, to: elevation.max }], frames, { easing: 'ease-in-out' }),
      },
    );
  }
  presets.push(...morphPreset('shape-morph', 'Shape', morphFactor(manifest, ['shape']), state));
  presets.push(...morphPreset('texture-morph', 'Texture', morphFactor(manifest, ['texture', 'appearance', 'app']), state));
  // MixNMatch's pose is a code, not a camera: its morph is what a turntable is for the 3D models.
  presets.push(...morphPreset('pose-morph', 'Pose', morphFactor(manifest, ['pose']), state));
  return presets;
}
