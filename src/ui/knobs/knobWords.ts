/**
 * Knob paths in the words of the panel ("object 2 scale", "background truncation"), for the status bar's
 * extrapolation warning: a user reads labels, not state paths.
 */
import type { Manifest } from '../../families/manifest';

const CAMERA: Record<string, string> = { elevationDeg: 'elevation', azimuthDeg: 'azimuth', radius: 'radius', fovDeg: 'FOV' };
const OBJECT: Record<string, string> = { scale: 'scale', rotationDeg: 'pose', present: 'present' };
const AXES = ['x', 'y', 'z'];

export function describeKnobPath(path: string, manifest: Manifest, objectCount: number): string {
  const parts = path.split('.');
  const factorLabel = (id: string) => manifest.factors.find((f) => f.id === id)?.label ?? id;
  if (parts[0] === 'camera' && parts[1]) return CAMERA[parts[1]] ?? parts[1];
  if (parts[0] === 'backgroundRotationDeg') return 'background rotation';
  if (parts[0] === 'codes' && parts[1]) return [factorLabel(parts[1]), parts[2]].filter(Boolean).join(' ');
  if (parts[0] === 'objects' && parts[1] !== undefined) {
    const who = objectCount > 1 ? `object ${Number(parts[1]) + 1} ` : '';
    const rest = parts.slice(2);
    if (rest[0] === 'translation') return `${who}translation ${AXES[Number(rest[1])] ?? rest[1] ?? ''}`.trim();
    if (rest[0] === 'codes' && rest[1]) return `${who}${[factorLabel(rest[1]), rest[2]].filter(Boolean).join(' ')}`;
    if (rest[0]) return `${who}${OBJECT[rest[0]] ?? rest[0]}`;
  }
  return path;
}
