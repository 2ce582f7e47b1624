/**
 * The recovered codes as the knobs would show them ("shape seed 7", "shape: cube 93%", "camera 25°/30°"),
 * so the user sees what a slot will set before looking at the image.
 */
import { anchorIndexOf, anchorsOf, nearestAnchor } from '../families/anchors';
import type { Factor, Manifest } from '../families/manifest';
import type { Code } from '../state/studioState';
import { slotTargets } from './factorSlots';
import type { PartialState } from './partialState';
import type { SlotId } from './slotIds';

const round = (v: number, digits = 2) => Number(v.toFixed(digits));

function className(factor: Factor, index: number): string {
  return factor.kind === 'categorical' && Array.isArray(factor.classes) ? factor.classes[index] ?? `class ${index}` : `class ${index}`;
}

/** One code as words. */
export function describeCode(factor: Factor, code: Code): string {
  if (code.kind === 'latent') {
    // A recovered vector has no seed to name: the trained class it is nearest to when the model names its
    // classes (anchors), else where it came from (its norm meant nothing to users).
    if (code.vector) {
      const anchors = anchorsOf(factor);
      const exact = anchorIndexOf(code, anchors);
      if (exact >= 0) return `${factor.label}: ${anchors[exact].name}`;
      const near = nearestAnchor(code.vector, anchors);
      return near ? `${factor.label}: from the image, nearest ${anchors[near.index].name}` : `${factor.label}: from the image`;
    }
    const blend = code.blend !== 0 ? ` -> ${code.seed2} at ${round(code.blend)}` : '';
    return `${factor.label} seed ${code.seed}${blend}`;
  }
  if (code.probabilities) {
    const best = code.probabilities.reduce((b, p, i, all) => (p > all[b] ? i : b), 0);
    return `${factor.label}: ${className(factor, best)} ${Math.round(code.probabilities[best] * 100)}%`;
  }
  const blend = code.blend !== 0 ? ` -> ${className(factor, code.index2)} at ${round(code.blend)}` : '';
  return `${factor.label}: ${className(factor, code.index)}${blend}`;
}

/** Lines describing what `slot` would take from `recovered` (object codes of the first object). */
export function describeSlot(manifest: Manifest, slot: SlotId, recovered: PartialState): string[] {
  const t = slotTargets(manifest, slot);
  const byId = new Map(manifest.factors.map((f) => [f.id, f]));
  const lines: string[] = [];
  for (const id of t.globalCodes) {
    const code = recovered.codes[id];
    if (code) lines.push(describeCode(byId.get(id)!, code));
  }
  for (const id of t.objectCodes) {
    recovered.objects.forEach((o, i) => {
      const code = o.codes[id];
      if (code) lines.push((recovered.objects.length > 1 ? `#${i + 1} ` : '') + describeCode(byId.get(id)!, code));
    });
  }
  if (t.geometry) {
    const cam = recovered.camera;
    const angle = (v: number | undefined) => (v === undefined ? 'knob' : `${round(v, 1)}°`);
    if (cam) lines.push(`camera elev ${angle(cam.elevationDeg)}, azim ${angle(cam.azimuthDeg)}`);
    recovered.objects.forEach((o, i) => {
      if (o.present === false) lines.push(`object ${i + 1}: absent`);
      else if (o.translation) {
        const [x, y] = o.translation;
        lines.push(`object ${i + 1}: at ${round(x)}, ${round(y)}, rot ${round(o.rotationDeg ?? 0, 0)}°, scale ${round(o.scale ?? 0)}`);
      }
    });
  }
  if (t.backgroundRotation && recovered.backgroundRotationDeg) lines.push(`background rotated ${round(recovered.backgroundRotationDeg, 1)}°`);
  return lines;
}
