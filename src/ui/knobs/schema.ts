/**
 * The knob panel as plain data: manifest + current state + selected object -> groups of knobs. Kept apart
 * from leva so the words, bounds, class names and extrapolation marks can be tested without a DOM, and so
 * nothing here knows a model family: every knob comes from the manifest.
 */
import { anchorIndexOf, anchorsOf, type Anchor } from '../../families/anchors';
import type { Factor, Manifest, Range } from '../../families/manifest';
import type { Code, StudioState } from '../../state/studioState';
import { getAtPath } from '../../state/statePath';
import { extrapolatedSet, extrapolationPathOf } from './extrapolated';
import { includeValue, knobBounds, knobStep, type Bounds } from './ranges';

/** Largest seed the state schema accepts (uint32). */
export const MAX_SEED = 2 ** 32 - 1;

export type KnobControl =
  /**
   * Continuous slider over min..max. A typed value may go past the slider (extrapolation) but never past
   * `limits`, the values the knob can mean at all (a positive radius, a FOV below 180 deg, a blend in 0..1).
   */
  | { type: 'number'; value: number; min: number; max: number; step: number; limits: Bounds }
  /** Integer field without a slider (seeds span 2^32). */
  | { type: 'integer'; value: number; min: number; max: number }
  | { type: 'select'; value: number; options: { label: string; value: number }[] }
  | { type: 'boolean'; value: boolean };

/** Where a knob's value lives: a StudioState path, or the UI's selected object (not part of the image). */
export type KnobBinding =
  | { kind: 'state'; path: string }
  | { kind: 'selectedObject' }
  /** The named anchor a latent code is set to (manifest anchors): -1 = its seeds. */
  | { kind: 'anchor'; codePath: string };

export interface KnobSpec {
  /** Leva key inside its group; the input's DOM id is `${group.id}.${key}`. */
  key: string;
  /** The word the user reads. */
  label: string;
  binding: KnobBinding;
  control: KnobControl;
  /** Trained range (shown in the extrapolation tooltip); null when the knob has none. */
  trained: Bounds | null;
  /** The path extrapolatedKnobs() reports for this knob; null when it is never checked. */
  extrapolationPath: string | null;
  /** Outside the trained range right now (as families/extrapolation.ts decides). */
  extrapolating: boolean;
  /** The factor this knob belongs to: what "randomize selected factor" acts on after the knob moves. */
  factorPath: string | null;
  /** Path of the code this knob belongs to, to show "from image" while a reference vector overrides it. */
  codePath?: string;
  /** An anchor knob's anchors, by option value (kept out of the group signature: they never change). */
  anchors?: Anchor[];
}

/** A factor the group's randomize/reset buttons act on (actions.randomize / actions.resetFactor path). */
export interface FactorAction {
  label: string;
  path: string;
}

export interface KnobGroup {
  /** Leva folder key: the title the user reads and the first part of every input id. */
  id: string;
  /** One entry: plain randomize/reset buttons; several: a randomize row and a reset row, one button each. */
  actions: FactorAction[];
  knobs: KnobSpec[];
}

/** Builds every group the manifest asks for, showing object-scoped knobs for `selectedObject`. */
export function buildKnobGroups(manifest: Manifest, state: StudioState, selectedObject: number): KnobGroup[] {
  const objectCount = state.objects.length;
  const selected = clampIndex(selectedObject, objectCount);
  const groups: KnobGroup[] = [];
  const ids = new Set<string>();
  const uniqueId = (wanted: string): string => {
    let id = wanted;
    for (let n = 2; ids.has(id); n++) id = `${wanted} ${n}`;
    ids.add(id);
    return id;
  };

  const extrapolated = extrapolatedSet(state, manifest);
  if (manifest.objects && objectCount > 0) groups.push(objectGroup(manifest, state, selected, uniqueId('object')));
  for (const factor of manifest.factors) {
    if (factor.scope !== 'object' || objectCount === 0) continue;
    const codePath = `objects.${selected}.codes.${factor.id}`;
    groups.push(codeGroup(factor, state, codePath, uniqueId(factor.label)));
  }
  for (const factor of manifest.factors) {
    if (factor.scope !== 'global') continue;
    groups.push(codeGroup(factor, state, `codes.${factor.id}`, uniqueId(factor.label)));
  }
  if (manifest.camera) groups.push(cameraGroup(manifest, state, uniqueId('camera')));
  else if (manifest.backgroundRotationDeg) groups.push(backgroundRotationGroup(manifest, state, uniqueId('scene')));
  for (const group of groups) {
    for (const knob of group.knobs) knob.extrapolating = !!knob.extrapolationPath && extrapolated.has(knob.extrapolationPath);
  }
  return groups;
}

/** A structural fingerprint: equal strings mean the leva schema need not be rebuilt (values aside). */
export function groupSignature(group: KnobGroup): string {
  return JSON.stringify([
    group.id,
    group.actions,
    group.knobs.map((k) => [k.key, k.label, k.binding, controlShape(k.control), k.trained, k.extrapolationPath, k.factorPath, k.codePath ?? null]),
  ]);
}

/** The current value of every knob of a group, keyed by leva key. */
export function groupValues(group: KnobGroup, state: StudioState, selectedObject: number): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const knob of group.knobs) {
    const b = knob.binding;
    values[knob.key] =
      b.kind === 'state' ? getAtPath(state, b.path) : b.kind === 'anchor' ? anchorIndexOf(getAtPath(state, b.codePath) as Code | undefined, knob.anchors ?? []) : selectedObject;
  }
  return values;
}

/** Turns what leva reports into a valid state value for the knob (integers rounded, seeds kept in uint32). */
export function coerceKnobValue(control: KnobControl, raw: unknown): number | boolean {
  switch (control.type) {
    case 'boolean':
      return Boolean(raw);
    case 'integer':
      return Math.min(control.max, Math.max(control.min, Math.round(Number(raw) || 0)));
    case 'select':
      return Math.round(Number(raw));
    case 'number':
      return Number(raw);
  }
}

function controlShape(control: KnobControl): unknown {
  switch (control.type) {
    case 'number':
      return [control.type, control.min, control.max, control.step];
    case 'integer':
      return [control.type, control.min, control.max];
    case 'select':
      return [control.type, control.options];
    case 'boolean':
      return [control.type];
  }
}

function clampIndex(index: number, count: number): number {
  if (count <= 0) return 0;
  return Math.min(count - 1, Math.max(0, Math.trunc(index) || 0));
}

interface SliderOptions {
  /** Factor path for randomize-selected (defaults to none). */
  factorPath?: string;
  limits?: Partial<Bounds>;
  /** Fixed bounds instead of a widened trained range (blend); they are also the knob's limits. */
  bounds?: Bounds;
  step?: number;
}

/** A continuous knob over a trained range, bounds widened for extrapolation and stretched to show the value. */
function slider(key: string, label: string, path: string, value: number, trained: Range | null, opts: SliderOptions = {}): KnobSpec {
  const base = opts.bounds ?? (trained ? knobBounds(trained, opts.limits) : { min: value - 1, max: value + 1 });
  const bounds = includeValue(base, value);
  const limits = opts.bounds ?? { min: opts.limits?.min ?? -Infinity, max: opts.limits?.max ?? Infinity };
  return {
    key,
    label,
    binding: { kind: 'state', path },
    control: { type: 'number', value, min: bounds.min, max: bounds.max, step: opts.step ?? knobStep(bounds), limits },
    trained: trained ? { min: trained.min, max: trained.max } : null,
    extrapolationPath: extrapolationPathOf(path),
    extrapolating: false,
    factorPath: opts.factorPath ?? null,
  };
}

function objectGroup(manifest: Manifest, state: StudioState, selected: number, id: string): KnobGroup {
  const spec = manifest.objects!;
  const object = state.objects[selected];
  const base = `objects.${selected}`;
  const knobs: KnobSpec[] = [];
  if (spec.count > 1) {
    knobs.push({
      key: 'object',
      label: 'object',
      binding: { kind: 'selectedObject' },
      control: {
        type: 'select',
        value: selected,
        options: state.objects.map((_, i) => ({ label: `object ${i + 1}`, value: i })),
      },
      trained: null,
      extrapolationPath: null,
      extrapolating: false,
      factorPath: null,
    });
  }
  if (spec.optional && selected > 0) {
    knobs.push({
      key: 'present',
      label: 'present',
      binding: { kind: 'state', path: `${base}.present` },
      control: { type: 'boolean', value: object.present },
      trained: null,
      extrapolationPath: null,
      extrapolating: false,
      factorPath: null,
    });
  }
  const axes = ['x', 'y', 'z'] as const;
  axes.forEach((axis, i) => {
    knobs.push(
      slider(`translation${axis.toUpperCase()}`, `translation ${axis}`, `${base}.translation.${i}`, object.translation[i], spec.translation[axis], {
        factorPath: `${base}.translation`,
      }),
    );
  });
  knobs.push(slider('scale', 'scale', `${base}.scale`, object.scale, spec.scale, { limits: { min: 1e-3 }, factorPath: `${base}.scale` }));
  knobs.push(slider('pose', 'pose', `${base}.rotationDeg`, object.rotationDeg, spec.rotationDeg, { step: 0.5, factorPath: `${base}.pose` }));
  const actions = [
    { label: 'translation', path: `${base}.translation` },
    { label: 'scale', path: `${base}.scale` },
    { label: 'pose', path: `${base}.pose` },
  ];
  return { id, actions, knobs };
}

function codeGroup(factor: Factor, state: StudioState, codePath: string, id: string): KnobGroup {
  const code = getAtPath(state, codePath) as Code | undefined;
  const knobs: KnobSpec[] = [];
  if (factor.kind === 'latent') {
    const latent = code?.kind === 'latent' ? code : undefined;
    const anchors = anchorsOf(factor);
    if (anchors.length > 0) {
      knobs.push({
        key: 'class',
        label: 'class',
        binding: { kind: 'anchor', codePath },
        control: { type: 'select', value: anchorIndexOf(code, anchors), options: [{ label: '(seed below)', value: -1 }, ...anchors.map((a, i) => ({ label: a.name, value: i }))] },
        trained: null,
        extrapolationPath: null,
        extrapolating: false,
        factorPath: null,
        anchors,
      });
    }
    knobs.push(seedKnob('seed', 'seed', `${codePath}.seed`, latent?.seed ?? 0));
    knobs.push(seedKnob('seed2', 'blend-to seed', `${codePath}.seed2`, latent?.seed2 ?? 0));
    knobs.push(slider('blend', 'blend', `${codePath}.blend`, latent?.blend ?? 0, null, { bounds: { min: 0, max: 1 }, step: 0.01 }));
    knobs.push(
      slider('truncation', 'truncation', `${codePath}.truncation`, latent?.truncation ?? factor.truncation.default, factor.truncation, {
        limits: { min: 0 },
      }),
    );
  } else {
    const categorical = code?.kind === 'categorical' ? code : undefined;
    const options = classOptions(factor.classes);
    knobs.push(classKnob('class', 'class', `${codePath}.index`, categorical?.index ?? 0, options));
    knobs.push(classKnob('class2', 'second class', `${codePath}.index2`, categorical?.index2 ?? 0, options));
    knobs.push(slider('blend', 'blend', `${codePath}.blend`, categorical?.blend ?? 0, null, { bounds: { min: 0, max: 1 }, step: 0.01 }));
  }
  for (const knob of knobs) {
    knob.codePath = codePath;
    knob.factorPath = codePath;
  }
  return { id, actions: [{ label: factor.label, path: codePath }], knobs };
}

function seedKnob(key: string, label: string, path: string, value: number): KnobSpec {
  return {
    key,
    label,
    binding: { kind: 'state', path },
    control: { type: 'integer', value, min: 0, max: MAX_SEED },
    trained: null,
    extrapolationPath: null,
    extrapolating: false,
    factorPath: null,
  };
}

function classKnob(key: string, label: string, path: string, value: number, options: { label: string; value: number }[]): KnobSpec {
  return {
    key,
    label,
    binding: { kind: 'state', path },
    control: { type: 'select', value, options },
    trained: null,
    extrapolationPath: null,
    extrapolating: false,
    factorPath: null,
  };
}

/** Class names when the manifest has them (numbered when names repeat), else the indices. */
export function classOptions(classes: string[] | number): { label: string; value: number }[] {
  if (typeof classes === 'number') return Array.from({ length: classes }, (_, i) => ({ label: String(i), value: i }));
  const seen = new Map<string, number>();
  for (const name of classes) seen.set(name, (seen.get(name) ?? 0) + 1);
  return classes.map((name, i) => ({ label: (seen.get(name) ?? 0) > 1 ? `${i}: ${name}` : name, value: i }));
}

function cameraGroup(manifest: Manifest, state: StudioState, id: string): KnobGroup {
  const spec = manifest.camera!;
  const camera = state.camera;
  const knobs: KnobSpec[] = [
    slider('elevation', 'elevation', 'camera.elevationDeg', camera.elevationDeg, spec.elevationDeg, { step: 0.5, factorPath: 'camera' }),
    slider('azimuth', 'azimuth', 'camera.azimuthDeg', camera.azimuthDeg, spec.azimuthDeg, { step: 0.5, factorPath: 'camera' }),
    slider('radius', 'radius', 'camera.radius', camera.radius, spec.radius, { limits: { min: 1e-3 }, factorPath: 'camera' }),
    slider('fov', 'FOV', 'camera.fovDeg', camera.fovDeg, spec.fovDeg, { limits: { min: 1, max: 179 }, step: 0.1, factorPath: 'camera' }),
  ];
  const actions = [{ label: 'camera', path: 'camera' }];
  if (manifest.backgroundRotationDeg) {
    knobs.push(backgroundRotationKnob(manifest, state));
    actions.push({ label: 'background', path: BACKGROUND_ROTATION });
  }
  return { id, actions, knobs };
}

const BACKGROUND_ROTATION = 'backgroundRotationDeg';

function backgroundRotationKnob(manifest: Manifest, state: StudioState): KnobSpec {
  return slider('backgroundRotation', 'background rotation', BACKGROUND_ROTATION, state.backgroundRotationDeg, manifest.backgroundRotationDeg!, {
    step: 0.5,
    factorPath: BACKGROUND_ROTATION,
  });
}

function backgroundRotationGroup(manifest: Manifest, state: StudioState, id: string): KnobGroup {
  return { id, actions: [{ label: 'background rotation', path: BACKGROUND_ROTATION }], knobs: [backgroundRotationKnob(manifest, state)] };
}

/** Every factor path of the model, for all objects: what Edit > Randomize all and Reset factor… list. */
export function allFactorActions(manifest: Manifest, state: StudioState): FactorAction[] {
  const out: FactorAction[] = [];
  const many = state.objects.length > 1;
  state.objects.forEach((_, i) => {
    const prefix = many ? `object ${i + 1} ` : '';
    for (const f of manifest.factors) if (f.scope === 'object') out.push({ label: `${prefix}${f.label}`, path: `objects.${i}.codes.${f.id}` });
    if (manifest.objects) {
      for (const part of ['translation', 'scale', 'pose']) out.push({ label: `${prefix}${part}`, path: `objects.${i}.${part}` });
    }
  });
  for (const f of manifest.factors) if (f.scope === 'global') out.push({ label: f.label, path: `codes.${f.id}` });
  if (manifest.camera) out.push({ label: 'camera', path: 'camera' });
  if (manifest.backgroundRotationDeg) out.push({ label: 'background rotation', path: BACKGROUND_ROTATION });
  return out;
}
