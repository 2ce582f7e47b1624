/**
 * What the three.js rig draws for a GIRAFFE(-HD) state, in the model's z-up world; the preview converts it
 * with src/rig/axes.ts.
 */
import type { StudioState } from '../../state/studioState';
import type { Manifest } from '../manifest';
import type { RigGeometry } from '../types';
import { cameraToWorld } from '../../rig/camera';
import { deg } from '../../lib/units';
import { GIRAFFE_DEPTH_RANGE } from './defaults';

export function giraffeRig(state: StudioState, manifest: Manifest): RigGeometry {
  const { camera } = state;
  return {
    cameraToWorld: cameraToWorld({
      elevationDeg: deg(camera.elevationDeg),
      azimuthDeg: deg(camera.azimuthDeg),
      radius: camera.radius,
    }),
    fovDeg: camera.fovDeg,
    radius: camera.radius,
    depthRange: manifest.camera ? [...manifest.camera.depthRange] : [...GIRAFFE_DEPTH_RANGE],
    objects: state.objects.map((o) => ({
      translation: [o.translation[0], o.translation[1], o.translation[2]],
      scale: o.scale,
      rotationDeg: o.rotationDeg,
      present: o.present,
    })),
  };
}
