/** Shared fixtures: a RigGeometry built with the project's own camera math, as an adapter would. */
import type { RigGeometry } from '../../../src/families/types';
import { deg } from '../../../src/lib/units';
import { cameraToWorld } from '../../../src/rig/camera';

export const RADIUS = 2.732;

export function rigGeometry(
  elevationDeg: number,
  azimuthDeg: number,
  objects: RigGeometry['objects'] = [],
  extra: Partial<Pick<RigGeometry, 'fovDeg' | 'depthRange' | 'radius'>> = {},
): RigGeometry {
  const radius = extra.radius ?? RADIUS;
  return {
    cameraToWorld: cameraToWorld({ elevationDeg: deg(elevationDeg), azimuthDeg: deg(azimuthDeg), radius }),
    fovDeg: extra.fovDeg ?? 49.13,
    radius,
    depthRange: extra.depthRange ?? [0.5, 6],
    objects,
  };
}
