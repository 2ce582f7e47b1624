/**
 * The knobs a quick sweep may move: the continuous ones (camera, object geometry, background rotation, a
 * code's blend and truncation). Seeds and class indices are not swept (a seed halfway between two seeds is
 * meaningless): morphing a code is a sweep of its blend towards seed2/index2. Paths are the knob paths the
 * knob panel uses, so a sweep's track names the knob the user sees.
 */
import type { Manifest } from '../families/manifest';
import type { StudioState } from '../state/studioState';

export interface SweepableKnob {
  path: string;
  label: string;
  /** Trained range (or the natural one: a full turn, blend 0..1): where the sweep form starts. */
  min: number;
  max: number;
}

const AXES = ['x', 'y', 'z'] as const;

function codeKnobs(manifest: Manifest, codes: StudioState['codes'], prefix: string, who: string): SweepableKnob[] {
  const out: SweepableKnob[] = [];
  for (const factor of manifest.factors) {
    const code = codes[factor.id];
    if (!code) continue;
    const path = `${prefix}.${factor.id}`;
    const blendLabel = code.kind === 'latent' ? 'blend seed -> seed2' : 'blend class -> class2';
    out.push({ path: `${path}.blend`, label: `${who}${factor.label} ${blendLabel}`, min: 0, max: 1 });
    if (factor.kind === 'latent') {
      out.push({ path: `${path}.truncation`, label: `${who}${factor.label} truncation`, min: factor.truncation.min, max: factor.truncation.max });
    }
  }
  return out;
}

/** Every sweepable knob of `state` under `manifest`, in the order the knob panel shows them. */
export function sweepableKnobs(manifest: Manifest, state: StudioState): SweepableKnob[] {
  const out: SweepableKnob[] = [];
  const cam = manifest.camera;
  out.push(
    { path: 'camera.azimuthDeg', label: 'camera azimuth (deg)', min: cam?.azimuthDeg.min ?? 0, max: cam?.azimuthDeg.max ?? 360 },
    { path: 'camera.elevationDeg', label: 'camera elevation (deg)', min: cam?.elevationDeg.min ?? 0, max: cam?.elevationDeg.max ?? 90 },
    { path: 'camera.radius', label: 'camera radius', min: cam?.radius.min ?? 1, max: cam?.radius.max ?? 4 },
    { path: 'camera.fovDeg', label: 'camera field of view (deg)', min: cam?.fovDeg.min ?? 10, max: cam?.fovDeg.max ?? 60 },
  );
  const spec = manifest.objects;
  state.objects.forEach((_, i) => {
    const who = state.objects.length > 1 ? `object ${i + 1} ` : 'object ';
    out.push({ path: `objects.${i}.rotationDeg`, label: `${who}rotation (deg)`, min: spec?.rotationDeg.min ?? 0, max: spec?.rotationDeg.max ?? 360 });
    AXES.forEach((axis, a) => {
      const r = spec?.translation[axis];
      out.push({ path: `objects.${i}.translation.${a}`, label: `${who}translation ${axis}`, min: r?.min ?? -1, max: r?.max ?? 1 });
    });
    out.push({ path: `objects.${i}.scale`, label: `${who}scale`, min: spec?.scale.min ?? 0.1, max: spec?.scale.max ?? 1 });
    out.push(...codeKnobs(manifest, state.objects[i].codes, `objects.${i}.codes`, who));
  });
  out.push(...codeKnobs(manifest, state.codes, 'codes', ''));
  if (manifest.backgroundRotationDeg) {
    const r = manifest.backgroundRotationDeg;
    out.push({ path: 'backgroundRotationDeg', label: 'background rotation (deg)', min: r.min, max: r.max });
  }
  return out;
}

/** Paths whose values are angles that go round (wrap at 360). */
export function isAnglePath(path: string): boolean {
  return path === 'camera.azimuthDeg' || path === 'backgroundRotationDeg' || /^objects\.\d+\.rotationDeg$/.test(path);
}
