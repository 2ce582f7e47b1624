"""The MixNMatch-style model's four codes, and how the scenes "single" layout's factors map onto them.

MixNMatch (FineGAN) conditions on a background class b, a parent class p (shape), a child class c
(texture) and a continuous noise z (pose). Here the classes are the scenes classes:
- b: 8 backgrounds; p: 7 shapes; c: 40 = colour x pattern, class c = pattern * 8 + colour, named
  "<pattern> <colour>" ("checker red"), because the data's texture is the pair (the secondary colour is
  fixed per primary colour, so nothing else varies).
- z (pose, 5 dims, standard normal like MixNMatch's noise): z[0:2] is a 2-D Gaussian whose angle is the
  object's yaw (the angle of an isotropic Gaussian is uniform, as yaw is in the data); z[2], z[3], z[4]
  map scale, translation x and y through the normal CDF onto their uniform ranges. So a seeded pose code
  is a valid pose drawn from the data's distribution, truncation pulls towards the middle of the ranges,
  and the encoder's regression target is well defined (z[0:2] = E|z| (cos, sin) of the yaw).

The camera is fixed (layout "single"), so the code -> pose -> placement map is a closed form that the
generator graph evaluates itself (``placement``): no learned placement, no GridSample in the ONNX graph.
"""
import math

import numpy as np
import torch

from scenes import config as sc
from scenes.camera import camera_position, look_at
from studio_models.windows import crop, paste, resample_matrix, sample_matrix  # noqa: F401 (fx.crop, ...)

LAYOUT = "single"
BACKGROUNDS = list(sc.BACKGROUNDS)
SHAPES = list(sc.SHAPES)
TEXTURE_NAMES = [f"{pattern} {colour}" for pattern in sc.TEXTURES for colour in sc.COLOURS]
N_B, N_P, N_C = len(BACKGROUNDS), len(SHAPES), len(TEXTURE_NAMES)
N_COLOURS, N_PATTERNS = len(sc.COLOURS), len(sc.TEXTURES)
Z_DIM = 5
RAYLEIGH_MEAN = math.sqrt(math.pi / 2)  # E|z| of a 2-D standard normal
Z_CLIP = 2.5  # inverse-CDF targets are clipped here (uniform ends map to +-inf)

RANGES = sc.layout_ranges(LAYOUT)
SCALE_LO, SCALE_HI = RANGES["scale"]
XY_LO, XY_HI = RANGES["translation_xy"]
CAMERA = sc.layout(LAYOUT)["camera"]
FOCAL = 1.0 / math.tan(math.radians(CAMERA["fov_deg"]) / 2.0)
# How far (in units of the object scale s) the window around the projected box centre reaches; 1.6
# covers the box's horizontal diagonal (sqrt 2) and its height seen from 25 deg elevation.
WINDOW_HALF = 1.6


def texture_class(colour, pattern):
    return pattern * N_COLOURS + colour


def split_texture(c):
    """c -> (colour, pattern)."""
    return c % N_COLOURS, c // N_COLOURS


def _camera_frame():
    eye = camera_position([CAMERA["azimuth_deg"]], [CAMERA["elevation_deg"]], [CAMERA["radius"]])[0]
    rot = look_at(eye[None])[0]  # columns x, y, z of the camera
    return eye.astype(np.float32), rot.T.astype(np.float32)  # world -> camera rows


EYE, WORLD_TO_CAM = _camera_frame()


def _norm_ppf(u):
    from statistics import NormalDist
    nd = NormalDist()
    return np.array([nd.inv_cdf(float(x)) for x in np.ravel(u)], np.float64).reshape(np.shape(u))


def pose_to_z(yaw_deg, scale, tx, ty):
    """Data factors (arrays [B]) -> pose codes [B, 5] (float32); the encoder's regression target."""
    yaw = np.radians(np.asarray(yaw_deg, np.float64))
    eps = 1e-4
    u = [(np.asarray(scale) - SCALE_LO) / (SCALE_HI - SCALE_LO),
         (np.asarray(tx) - XY_LO) / (XY_HI - XY_LO), (np.asarray(ty) - XY_LO) / (XY_HI - XY_LO)]
    zs = [np.clip(_norm_ppf(np.clip(x, eps, 1 - eps)), -Z_CLIP, Z_CLIP) for x in u]
    return np.stack([RAYLEIGH_MEAN * np.cos(yaw), RAYLEIGH_MEAN * np.sin(yaw)] + zs, -1).astype(np.float32)


def _phi(x):
    return 0.5 * (1.0 + torch.erf(x / math.sqrt(2.0)))


def z_to_pose(z):
    """Pose codes [B, 5] -> (cos yaw, sin yaw, scale, tx, ty), each [B]; ONNX-exportable (Erf, Sqrt)."""
    r = torch.sqrt(z[:, 0] ** 2 + z[:, 1] ** 2 + 1e-8)
    cos, sin = z[:, 0] / r, z[:, 1] / r
    s = SCALE_LO + (SCALE_HI - SCALE_LO) * _phi(z[:, 2])
    tx = XY_LO + (XY_HI - XY_LO) * _phi(z[:, 3])
    ty = XY_LO + (XY_HI - XY_LO) * _phi(z[:, 4])
    return cos, sin, s, tx, ty


def pose_features(z):
    """What the object decoders see of the pose: [B, 5] = cos, sin, and scale / x / y mapped to [-1, 1]."""
    cos, sin, s, tx, ty = z_to_pose(z)
    span = lambda v, lo, hi: 2.0 * (v - lo) / (hi - lo) - 1.0  # noqa: E731
    return torch.stack([cos, sin, span(s, SCALE_LO, SCALE_HI), span(tx, XY_LO, XY_HI),
                        span(ty, XY_LO, XY_HI)], -1)


def placement(z, res):
    """The object's window in the image: centre (col, row) and half-size, in pixels, each [B].

    The box centre (tx, ty, ground + s) is projected with the fixed camera (scenes.camera conventions);
    the half-size is WINDOW_HALF * s * focal / depth in pixels.
    """
    _, _, s, tx, ty = z_to_pose(z)
    p = torch.stack([tx, ty, sc.GROUND_Z + s], -1) - torch.from_numpy(EYE)
    cam = p @ torch.from_numpy(WORLD_TO_CAM).T
    depth = -cam[:, 2]
    x = FOCAL * cam[:, 0] / depth
    y = FOCAL * cam[:, 1] / depth
    half_px = (res - 1) / 2.0
    col = (x + 1.0) * half_px
    row = (1.0 - y) * half_px
    half = WINDOW_HALF * s * FOCAL / depth * half_px
    return col, row, half


def batch_codes(b):
    """Dataset batch (dict of arrays, slot 0 = the object) -> integer classes and pose codes (torch)."""
    colour, pattern = b["colour"][:, 0].astype(np.int64), b["texture"][:, 0].astype(np.int64)
    return {
        "b": torch.from_numpy(b["background"].astype(np.int64)),
        "p": torch.from_numpy(b["shape"][:, 0].astype(np.int64)),
        "c": torch.from_numpy(texture_class(colour, pattern)),
        "colour": torch.from_numpy(colour), "pattern": torch.from_numpy(pattern),
        "z": torch.from_numpy(pose_to_z(b["yaw_deg"][:, 0], b["scale"][:, 0], b["translation"][:, 0, 0],
                                        b["translation"][:, 0, 1])),
    }
