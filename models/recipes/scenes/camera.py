"""Camera on a sphere, exactly in the GIRAFFE convention (im2scene/camera.py).

World up is +z.  Azimuth theta and polar angle phi = 90deg - elevation place the camera at
    position = radius * (sin(phi) cos(theta), sin(phi) sin(theta), cos(phi)),
looking at the origin.  ``look_at`` builds the camera-to-world rotation whose columns are the camera
axes (x right, y up, z pointing BACKWARDS, from the origin towards the camera), as GIRAFFE's
``look_at(eye, up=+z)`` does.  The camera looks along its -z axis.
"""
import numpy as np


def camera_position(azimuth_deg, elevation_deg, radius):
    """Camera centres (B, 3) in world coordinates for azimuth/elevation in degrees and a radius."""
    theta = np.radians(np.asarray(azimuth_deg, np.float64))
    phi = np.radians(90.0 - np.asarray(elevation_deg, np.float64))
    r = np.asarray(radius, np.float64)
    pos = np.stack([np.sin(phi) * np.cos(theta), np.sin(phi) * np.sin(theta), np.cos(phi)], -1)
    return pos * r[..., None]


def look_at(eye):
    """Camera-to-world rotations (B, 3, 3), columns = camera x (right), y (up), z (backwards).

    z = normalize(eye - origin), x = normalize(up x z), y = z x x, with up = +z (GIRAFFE).  At
    elevation exactly +-90deg up x z vanishes; the tiny epsilon mirrors GIRAFFE's and keeps it finite.
    """
    eye = np.asarray(eye, np.float64).reshape(-1, 3)
    z = eye / np.maximum(np.linalg.norm(eye, axis=1, keepdims=True), 1e-5)
    up = np.broadcast_to(np.array([0.0, 0.0, 1.0]), z.shape)
    x = np.cross(up, z)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-5)
    y = np.cross(z, x)
    y /= np.maximum(np.linalg.norm(y, axis=1, keepdims=True), 1e-5)
    return np.stack([x, y, z], axis=2)


def pixel_coords(res, supersample=1):
    """Sample positions (res*ss, res*ss, 2) as (x, y) in [-1, 1]; see ``pixel_rays`` for the rules.

    Output pixel (row, col) has its centre at x = -1 + 2*col/(res-1), y = 1 - 2*row/(res-1).  With
    supersampling ss = 2 each output pixel gets 2x2 samples at +-0.25 pixel pitch around its centre,
    laid out so that samples [2*row:2*row+2, 2*col:2*col+2] belong to output pixel (row, col).
    """
    pitch = 2.0 / (res - 1)
    offsets = (np.arange(supersample) + 0.5) / supersample - 0.5  # ss=2: -0.25, +0.25
    grid = (np.arange(res)[:, None] + offsets[None, :]).reshape(-1)  # in pixel units
    xs = -1.0 + grid * pitch
    ys = 1.0 - grid * pitch
    return np.stack(np.meshgrid(xs, ys, indexing="xy"), axis=-1)


def pixel_rays(azimuth_deg, elevation_deg, radius, fov_deg, res, supersample=1):
    """THE pixel -> ray mapping (GIRAFFE convention).  Returns origins (B, 3), unit dirs (B, N, 3).

    - Pixel coordinates: x, y in [-1, 1] at pixel centres, as GIRAFFE's ``arange_pixels`` followed by
      its y flip: x = -1 + 2*col/(W-1) grows to the RIGHT (+x pixel is to the right), and
      y = 1 - 2*row/(H-1), so image row 0 is the TOP of the image (y = +1).
    - Focal: f = 1 / tan(fov/2) with fov in degrees (the full field of view spans the centres of the
      edge pixels, as in GIRAFFE's ``get_camera_mat``).
    - Camera space: the ray through (x, y) has direction (x/f, y/f, -1): the camera looks along its
      -z axis (forward = -z_cam, right = +x_cam, up = +y_cam); OpenGL-style.
    - World: dir_world = C @ dir_cam with C = look_at(camera_position(...)) (columns x, y, z of the
      camera), origin = camera position.  Directions are normalised.
    - N = (res*supersample)^2 samples in row-major order of the supersampled image (see
      ``pixel_coords``).
    """
    eye = camera_position(azimuth_deg, elevation_deg, radius).reshape(-1, 3)
    rot = look_at(eye)
    f = 1.0 / np.tan(np.radians(np.asarray(fov_deg, np.float64)) / 2.0)
    f = np.broadcast_to(f, (eye.shape[0],))
    xy = pixel_coords(res, supersample).reshape(-1, 2).astype(np.float32)
    cam = np.empty((eye.shape[0], xy.shape[0], 3), np.float32)
    cam[..., 0] = xy[None, :, 0] / f[:, None].astype(np.float32)
    cam[..., 1] = xy[None, :, 1] / f[:, None].astype(np.float32)
    cam[..., 2] = -1.0
    dirs = np.matmul(cam, rot.transpose(0, 2, 1).astype(np.float32))
    dirs /= np.sqrt((dirs * dirs).sum(-1, keepdims=True))
    return eye.astype(np.float32), dirs.astype(np.float32)


def project(points, azimuth_deg, elevation_deg, radius, fov_deg, res):
    """World points (B, K, 3) -> (col, row) pixel positions (B, K, 2), the inverse of ``pixel_rays``."""
    eye = camera_position(azimuth_deg, elevation_deg, radius).reshape(-1, 3)
    rot = look_at(eye)
    f = 1.0 / np.tan(np.radians(np.asarray(fov_deg, np.float64)) / 2.0)
    f = np.broadcast_to(f, (eye.shape[0],))
    cam = np.einsum("bji,bkj->bki", rot, np.asarray(points, np.float64) - eye[:, None, :])
    x = f[:, None] * cam[..., 0] / -cam[..., 2]
    y = f[:, None] * cam[..., 1] / -cam[..., 2]
    col = (x + 1.0) * (res - 1) / 2.0
    row = (1.0 - y) * (res - 1) / 2.0
    return np.stack([col, row], axis=-1)
