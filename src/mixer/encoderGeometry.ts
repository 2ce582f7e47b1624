/**
 * Geometry an encoder may estimate besides codes (roles in the manifest's encoder outputs): the camera
 * (`camera.azimuthCosSin`, `camera.elevationDeg`, `camera.radius`) and each object's placement
 * (`objects.translation`, `objects.scale`, `objects.rotationCosSin`, `objects.presence`). Angles come as
 * (cos, sin) pairs, which a network regresses without the 0/360 jump; here they become degrees in [0, 360).
 * Whatever the encoder does not give stays absent, so the pose slot keeps those knob values.
 */
import type { Manifest } from '../families/manifest';
import type { TensorData } from '../families/types';
import type { CameraState } from '../state/studioState';
import type { PartialObject } from './partialState';

const degrees = (cos: number, sin: number) => {
  const d = (Math.atan2(sin, cos) * 180) / Math.PI;
  return d < 0 ? d + 360 : d;
};

const finite = (values: ArrayLike<number>) => Array.from(values).every(Number.isFinite);

export interface EncodedGeometry {
  camera?: Partial<CameraState>;
  /** Per object, only the fields the encoder gave. */
  objects: Omit<PartialObject, 'codes'>[];
}

/** Reads the geometry outputs of one encoder run (batch 1). Non-finite values are ignored, not applied. */
export function geometryFromEncoderOutputs(manifest: Manifest, outputs: Record<string, TensorData>): EncodedGeometry {
  const count = manifest.objects?.count ?? 0;
  const camera: Partial<CameraState> = {};
  const objects: Omit<PartialObject, 'codes'>[] = Array.from({ length: count }, () => ({}));
  for (const spec of manifest.encoder?.outputs ?? []) {
    const t = outputs[spec.name];
    if (!t || !finite(t.data)) continue;
    const d = t.data;
    switch (spec.role) {
      case 'camera.azimuthCosSin':
        camera.azimuthDeg = degrees(d[0], d[1]);
        break;
      case 'camera.elevationDeg':
        camera.elevationDeg = d[0];
        break;
      case 'camera.radius':
        if (d[0] > 0) camera.radius = d[0];
        break;
      case 'objects.translation':
        objects.forEach((o, i) => d.length >= 3 * (i + 1) && (o.translation = [d[3 * i], d[3 * i + 1], d[3 * i + 2]]));
        break;
      case 'objects.scale': {
        const per = d.length / Math.max(1, count);
        objects.forEach((o, i) => per >= 1 && (o.scale = d[i * per]));
        break;
      }
      case 'objects.rotationCosSin':
        objects.forEach((o, i) => d.length >= 2 * (i + 1) && (o.rotationDeg = degrees(d[2 * i], d[2 * i + 1])));
        break;
      case 'objects.presence': {
        // Encoders order objects their own way (the always-present one need not be first); a scene keeps at
        // least one object, so when none reaches 0.5 the most likely one stays.
        const best = Array.from(d).reduce((b, p, i, all) => (p > all[b] ? i : b), 0);
        objects.forEach((o, i) => i < d.length && (o.present = d[i] >= 0.5 || i === best));
        break;
      }
    }
  }
  return { camera: Object.keys(camera).length > 0 ? camera : undefined, objects };
}
