/**
 * Randomize / reset one factor of a state (Edit > reset factor, the "randomize" shortcut). Pure: a new state
 * comes back, the old one is untouched (undo history keeps it). Randomness comes from a seeded Rng passed
 * in, so a test or a scripted sequence can replay it.
 *
 * Paths:
 *   codes.<factor>                 new seeds (latent; a random named anchor when it has some) or classes
 *                                  (categorical); drops a reference vector
 *   objects.<i>.codes.<factor>     the same for an object-scoped factor
 *   camera                         elevation, azimuth, radius, fov uniformly in their trained ranges
 *   camera.<knob>                  one of elevationDeg, azimuthDeg, radius, fovDeg
 *   objects.<i>.pose               rotation about +z in its trained range
 *   objects.<i>.translation | objects.<i>.scale
 *   objects.<i>                    all of that object's codes and geometry
 *   backgroundRotationDeg          the background rotation in its trained range
 * Geometry with no trained range in the manifest is left as it is.
 */
import { StudioError } from '../lib/errors';
import { randomSeed, uniformIn, type Rng } from '../lib/rng';
import type { CameraState, Code, ObjectState, StudioState } from '../state/studioState';
import { anchorsOf, withAnchor } from './anchors';
import { classCount } from './codes';
import type { Manifest, Range } from './manifest';
import { adapterFor } from './registry';

const CAMERA_KNOBS = ['elevationDeg', 'azimuthDeg', 'radius', 'fovDeg'] as const;
type CameraKnob = (typeof CAMERA_KNOBS)[number];

type Target =
  | { kind: 'code'; object: number | null; factor: string }
  | { kind: 'camera'; knobs: readonly CameraKnob[] }
  | { kind: 'object'; object: number; part: 'pose' | 'translation' | 'scale' | 'all' }
  | { kind: 'background' };

function invalid(path: string, why: string): never {
  throw new StudioError('state-invalid', `Cannot change "${path}": ${why}.`);
}

function parse(path: string, state: StudioState, manifest: Manifest): Target {
  const parts = path.split('.');
  const factorExists = (id: string) => manifest.factors.some((f) => f.id === id) || invalid(path, `no factor "${id}"`);
  if (parts[0] === 'codes' && parts.length === 2 && factorExists(parts[1]))
    return { kind: 'code', object: null, factor: parts[1] };
  if (parts[0] === 'camera' && parts.length === 1) return { kind: 'camera', knobs: CAMERA_KNOBS };
  if (parts[0] === 'camera' && parts.length === 2 && (CAMERA_KNOBS as readonly string[]).includes(parts[1]))
    return { kind: 'camera', knobs: [parts[1] as CameraKnob] };
  if (parts[0] === 'backgroundRotationDeg' && parts.length === 1) return { kind: 'background' };
  if (parts[0] === 'objects' && parts.length >= 2) {
    const i = Number(parts[1]);
    if (!Number.isInteger(i) || i < 0 || i >= state.objects.length)
      invalid(path, `the state has ${state.objects.length} objects`);
    if (parts.length === 2) return { kind: 'object', object: i, part: 'all' };
    if (parts[2] === 'codes' && parts.length === 4 && factorExists(parts[3]))
      return { kind: 'code', object: i, factor: parts[3] };
    if (parts.length === 3 && (parts[2] === 'pose' || parts[2] === 'translation' || parts[2] === 'scale'))
      return { kind: 'object', object: i, part: parts[2] };
  }
  return invalid(path, 'unknown factor path');
}

function randomCode(code: Code, manifest: Manifest, factorId: string, rng: Rng): Code {
  const factor = manifest.factors.find((f) => f.id === factorId)!;
  if (code.kind === 'latent') {
    const { vector: _dropped, ...rest } = code;
    const seeded = { ...rest, seed: randomSeed(rng), seed2: randomSeed(rng) };
    // With named anchors (trained classes), a random class: a random seed would land between classes.
    const anchors = anchorsOf(factor);
    return anchors.length > 0 ? withAnchor(seeded, anchors, rng.nextUint32() % anchors.length) : seeded;
  }
  const k = factor.kind === 'categorical' ? classCount(factor.classes) : 1;
  const { probabilities: _dropped, ...rest } = code;
  return { ...rest, index: rng.nextUint32() % k, index2: rng.nextUint32() % k };
}

const pick = (rng: Rng, r: Range | undefined, current: number) => (r ? uniformIn(rng, r.min, r.max) : current);

function randomObject(o: ObjectState, part: 'pose' | 'translation' | 'scale' | 'all', m: Manifest, rng: Rng): ObjectState {
  const spec = m.objects;
  const next = { ...o };
  if (part === 'all') {
    next.codes = Object.fromEntries(Object.entries(o.codes).map(([id, c]) => [id, randomCode(c, m, id, rng)]));
  }
  if (part === 'translation' || part === 'all') {
    next.translation = [
      pick(rng, spec?.translation.x, o.translation[0]),
      pick(rng, spec?.translation.y, o.translation[1]),
      pick(rng, spec?.translation.z, o.translation[2]),
    ];
  }
  if (part === 'scale' || part === 'all') next.scale = pick(rng, spec?.scale, o.scale);
  if (part === 'pose' || part === 'all') next.rotationDeg = pick(rng, spec?.rotationDeg, o.rotationDeg);
  return next;
}

/** Rebuilds the state with the target's piece replaced by what the matching callback returns (random or default). */
function apply(
  state: StudioState,
  t: Target,
  code: (current: Code, factor: string) => Code,
  camera: (current: CameraState, knobs: readonly CameraKnob[]) => CameraState,
  object: (current: ObjectState, i: number, part: 'pose' | 'translation' | 'scale' | 'all') => ObjectState,
  background: (current: number) => number,
  path: string,
): StudioState {
  switch (t.kind) {
    case 'code': {
      if (t.object === null) {
        const current = state.codes[t.factor] ?? invalid(path, 'the state has no such code');
        return { ...state, codes: { ...state.codes, [t.factor]: code(current, t.factor) } };
      }
      const o = state.objects[t.object];
      const current = o.codes[t.factor] ?? invalid(path, 'the state has no such code');
      const objects = state.objects.slice();
      objects[t.object] = { ...o, codes: { ...o.codes, [t.factor]: code(current, t.factor) } };
      return { ...state, objects };
    }
    case 'camera':
      return { ...state, camera: camera(state.camera, t.knobs) };
    case 'object': {
      const objects = state.objects.slice();
      objects[t.object] = object(state.objects[t.object], t.object, t.part);
      return { ...state, objects };
    }
    case 'background':
      return { ...state, backgroundRotationDeg: background(state.backgroundRotationDeg) };
  }
}

/** A new state with the factor at `path` randomized (seeds for codes, uniform in the trained range for geometry). */
export function randomizeFactor(state: StudioState, manifest: Manifest, path: string, rng: Rng): StudioState {
  const target = parse(path, state, manifest);
  const cam = manifest.camera;
  return apply(
    state,
    target,
    (c, id) => randomCode(c, manifest, id, rng),
    (c, knobs) => {
      const next = { ...c };
      for (const k of knobs) next[k] = pick(rng, cam?.[k], c[k]);
      return next;
    },
    (o, _i, part) => randomObject(o, part, manifest, rng),
    (b) => pick(rng, manifest.backgroundRotationDeg, b),
    path,
  );
}

/**
 * A new state with the factor at `path` back at the manifest default (the adapter's defaultState unless
 * `defaults` is given). Resetting a whole object also restores its presence.
 */
export function resetFactor(
  state: StudioState,
  manifest: Manifest,
  path: string,
  defaults: StudioState = adapterFor(manifest).defaultState(manifest),
): StudioState {
  const target = parse(path, state, manifest);
  return apply(
    state,
    target,
    (c, id) => (target.kind === 'code' && target.object !== null ? defaults.objects[target.object] : defaults)?.codes[id] ?? c,
    (c, knobs) => {
      const next = { ...c };
      for (const k of knobs) next[k] = defaults.camera[k];
      return next;
    },
    (o, i, part) => {
      const d = defaults.objects[i];
      if (!d) return o;
      if (part === 'all') return d;
      if (part === 'pose') return { ...o, rotationDeg: d.rotationDeg };
      if (part === 'scale') return { ...o, scale: d.scale };
      return { ...o, translation: d.translation };
    },
    () => defaults.backgroundRotationDeg,
    path,
  );
}
