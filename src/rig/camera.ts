/**
 * GIRAFFE's camera, in the model's own z-up world (im2scene/camera.py: to_sphere + look_at; the generator
 * in models/recipes/studio_models/camera.py builds the same matrix).
 *
 * - Position on a sphere of radius r: theta = azimuth, polar angle phi = 90deg - elevation,
 *   eye = r (cos el cos az, cos el sin az, sin el) = r (sin phi cos theta, sin phi sin theta, cos phi).
 * - Camera-to-world (GIRAFFE's world_mat), columns = camera axes in world + eye:
 *     z = normalize(eye - origin)     camera +z points BACK, away from the origin; the camera looks along -z
 *     x = normalize(up x z), up = +z  image right
 *     y = z x x                       image up
 *   The generator casts rays d_cam = (x_c/f, y_c/f, -1) (GIRAFFE's image_points_to_world, negative_depth).
 * - At the poles up x z vanishes (GIRAFFE's eps clamp would give a zero column); there x is taken as its
 *   limit from the equator side, (-sin az, cos az, 0), so the image stays upright while dragging over.
 */
import { deg, toDegrees, toRadians, rad, type Degrees } from '../lib/units';
import type { Vec3 } from './axes';
import { cross, norm, scale } from './vec';

export interface CameraPose {
  elevationDeg: Degrees;
  azimuthDeg: Degrees;
  radius: number;
}

/** Below this |up x z| the camera is treated as sitting on a pole. */
const POLE_EPS = 1e-9;

/** The camera's centre in world space: r (cos el cos az, cos el sin az, sin el). */
export function cameraPosition(pose: CameraPose): Vec3 {
  const el = toRadians(pose.elevationDeg);
  const az = toRadians(pose.azimuthDeg);
  return [
    pose.radius * Math.cos(el) * Math.cos(az),
    pose.radius * Math.cos(el) * Math.sin(az),
    pose.radius * Math.sin(el),
  ];
}

/**
 * GIRAFFE's world_mat: row-major 4x4 camera-to-world, look-at the origin, up +z, camera looking along its
 * own -z axis. This is exactly the `camera.world` input the generator expects.
 */
export function cameraToWorld(pose: CameraPose): number[] {
  const eye = cameraPosition(pose);
  const z = scale(eye, 1 / norm(eye));
  let x = cross([0, 0, 1], z);
  const nx = norm(x);
  if (nx < POLE_EPS) {
    const az = toRadians(pose.azimuthDeg);
    // Limit of up x z as the camera approaches the pole from the side of positive cos(elevation).
    x = [-Math.sin(az), Math.cos(az), 0];
  } else {
    x = scale(x, 1 / nx);
  }
  const y = cross(z, x);
  return [x[0], y[0], z[0], eye[0], x[1], y[1], z[1], eye[1], x[2], y[2], z[2], eye[2], 0, 0, 0, 1];
}

/** The direction the camera looks in (world): minus the third column of cameraToWorld. */
export function cameraForward(m: readonly number[]): Vec3 {
  return [-m[2], -m[6], -m[10]];
}

/**
 * The inverse of cameraPosition, for dragging the camera in the rig: elevation in [-90, 90], azimuth in
 * (-180, 180]. On a pole (and at the origin) the azimuth is undefined; `previousAzimuthDeg` is kept there
 * so the knob does not jump.
 */
export function poseFromPosition(p: Vec3, previousAzimuthDeg: Degrees = deg(0)): CameraPose {
  const radius = norm(p);
  if (radius === 0) return { elevationDeg: deg(0), azimuthDeg: previousAzimuthDeg, radius: 0 };
  const horizontal = Math.hypot(p[0], p[1]);
  const elevationDeg = toDegrees(rad(Math.atan2(p[2], horizontal)));
  const azimuthDeg = horizontal < POLE_EPS * radius ? previousAzimuthDeg : toDegrees(rad(Math.atan2(p[1], p[0])));
  return { elevationDeg, azimuthDeg, radius };
}

/** Focal length on pixel coordinates in [-1, 1] (GIRAFFE's get_camera_mat): 1 / tan(fov / 2). */
export function focal(fov: Degrees): number {
  return 1 / Math.tan(toRadians(fov) / 2);
}
