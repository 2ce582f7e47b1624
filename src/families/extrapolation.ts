/**
 * Which knobs sit outside what the model was trained on. Extrapolation is allowed (GIRAFFE's own render
 * programs use it), but the image is less trustworthy there, so the knob panel marks these paths and the
 * status bar warns.
 *
 * Paths: camera.<knob>, objects.<i>.translation.<x|y|z>, objects.<i>.scale, objects.<i>.rotationDeg,
 * backgroundRotationDeg, and for latent codes <code path>.truncation and <code path>.blend (blend outside
 * [0, 1] extrapolates the slerp). Angles that go round (azimuth, object and background rotation) count as
 * inside when any turn of them (value + k*360) is inside the range. Absent objects are not checked.
 */
import type { Code, StudioState } from '../state/studioState';
import type { Manifest, Range } from './manifest';

/** Slack for values typed as the range's own bounds after float round-trips. */
const EPS = 1e-9;

function outside(value: number, r: Range): boolean {
  return value < r.min - EPS || value > r.max + EPS;
}

/** Outside, for an angle in degrees: no turn of it lands in the range. */
function angleOutside(value: number, r: Range): boolean {
  if (r.max - r.min >= 360 - EPS) return false;
  const k = Math.ceil((r.min - EPS - value) / 360);
  return outside(value + 360 * k, r);
}

function codePaths(code: Code, manifest: Manifest, id: string, prefix: string): string[] {
  const factor = manifest.factors.find((f) => f.id === id);
  if (!factor || factor.kind !== 'latent' || code.kind !== 'latent' || code.vector) return [];
  const out: string[] = [];
  if (outside(code.truncation, factor.truncation)) out.push(`${prefix}.truncation`);
  if (code.blend !== 0 && outside(code.blend, { min: 0, max: 1, default: 0 })) out.push(`${prefix}.blend`);
  return out;
}

export function extrapolatedKnobs(state: StudioState, manifest: Manifest): string[] {
  const out: string[] = [];
  const cam = manifest.camera;
  if (cam) {
    if (outside(state.camera.elevationDeg, cam.elevationDeg)) out.push('camera.elevationDeg');
    if (angleOutside(state.camera.azimuthDeg, cam.azimuthDeg)) out.push('camera.azimuthDeg');
    if (outside(state.camera.radius, cam.radius)) out.push('camera.radius');
    if (outside(state.camera.fovDeg, cam.fovDeg)) out.push('camera.fovDeg');
  }
  for (const [id, code] of Object.entries(state.codes)) out.push(...codePaths(code, manifest, id, `codes.${id}`));
  const spec = manifest.objects;
  state.objects.forEach((o, i) => {
    if (!o.present) return;
    if (spec) {
      (['x', 'y', 'z'] as const).forEach((axis, a) => {
        if (outside(o.translation[a], spec.translation[axis])) out.push(`objects.${i}.translation.${axis}`);
      });
      if (outside(o.scale, spec.scale)) out.push(`objects.${i}.scale`);
      if (angleOutside(o.rotationDeg, spec.rotationDeg)) out.push(`objects.${i}.rotationDeg`);
    }
    for (const [id, code] of Object.entries(o.codes))
      out.push(...codePaths(code, manifest, id, `objects.${i}.codes.${id}`));
  });
  const bg = manifest.backgroundRotationDeg;
  if (bg && angleOutside(state.backgroundRotationDeg, bg)) out.push('backgroundRotationDeg');
  return out;
}
