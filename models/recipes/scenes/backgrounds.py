"""Backgrounds: a sky gradient plus a ground plane z = GROUND_Z with a colour ramp and a pattern.

The ground's base colour ramps from ``ground_a`` (world x -> -inf) to ``ground_b`` (x -> +inf), so
the view of the ground tells the camera azimuth; a pattern (in world x, y) is mixed on top.  Pattern
contrast fades out where a pixel's footprint on the ground approaches the pattern's feature size (a
cheap mip-map), which keeps the far ground and the horizon free of aliasing.
"""
import numpy as np

from .config import BACKGROUNDS, GROUND_Z

RAMP_LENGTH = 1.2  # world units of the tanh ramp along x

# name: (sky zenith, sky horizon, ground a (x<0), ground b (x>0), pattern, feature size, pattern rgb, contrast)
_TABLE = {
    "meadow": ((0.30, 0.55, 0.92), (0.78, 0.88, 0.97), (0.18, 0.42, 0.14), (0.66, 0.72, 0.26),
               "plain", 1.0, (0, 0, 0), 0.0),
    "tiles": ((0.42, 0.62, 0.90), (0.88, 0.92, 0.96), (0.50, 0.50, 0.55), (0.88, 0.84, 0.76),
              "checker", 0.5, (0.22, 0.22, 0.28), 0.55),
    "sunset": ((0.33, 0.20, 0.45), (0.98, 0.60, 0.30), (0.80, 0.64, 0.42), (0.42, 0.26, 0.20),
               "stripes", 0.4, (0.25, 0.12, 0.08), 0.45),
    "night_grid": ((0.03, 0.04, 0.12), (0.16, 0.19, 0.36), (0.10, 0.10, 0.18), (0.32, 0.20, 0.42),
                   "grid", 0.1, (0.30, 0.80, 0.90), 0.8),
    "overcast": ((0.58, 0.60, 0.64), (0.83, 0.84, 0.86), (0.36, 0.38, 0.42), (0.62, 0.67, 0.75),
                 "checker", 0.8, (0.25, 0.27, 0.31), 0.45),
    "dawn_rings": ((0.55, 0.65, 0.90), (0.98, 0.78, 0.80), (0.12, 0.48, 0.48), (0.36, 0.34, 0.72),
                   "rings", 0.4, (0.92, 0.92, 0.86), 0.35),
    "desert": ((0.50, 0.70, 0.95), (0.96, 0.92, 0.76), (0.88, 0.72, 0.46), (0.70, 0.38, 0.22),
               "waves", 0.6, (0.45, 0.25, 0.12), 0.35),
    "studio": ((0.86, 0.86, 0.89), (0.97, 0.97, 0.97), (0.80, 0.80, 0.82), (0.50, 0.56, 0.66),
               "plain", 1.0, (0, 0, 0), 0.0),
}
assert tuple(_TABLE) == BACKGROUNDS

SKY_ZENITH = np.array([v[0] for v in _TABLE.values()], np.float32)
SKY_HORIZON = np.array([v[1] for v in _TABLE.values()], np.float32)
GROUND_A = np.array([v[2] for v in _TABLE.values()], np.float32)
GROUND_B = np.array([v[3] for v in _TABLE.values()], np.float32)
PATTERN = [v[4] for v in _TABLE.values()]
FEATURE = np.array([v[5] for v in _TABLE.values()], np.float32)
PATTERN_RGB = np.array([v[6] for v in _TABLE.values()], np.float32)
CONTRAST = np.array([v[7] for v in _TABLE.values()], np.float32)


def _parity(v):
    return (np.floor(v).astype(np.int64) & 1).astype(np.float32)


def _pattern(name, x, y, size):
    """Pattern weight in [0, 1] at ground points; ``size`` is the feature size (cell / line width)."""
    if name == "plain":
        return np.zeros_like(x)
    if name == "checker":
        return _parity(np.floor(x / size) + np.floor(y / size))
    if name == "stripes":  # bands across world x
        return _parity(x / size)
    if name == "grid":  # lines of width `size` every 5 * size
        fx = np.abs(x / (5 * size) - np.round(x / (5 * size))) * 5
        fy = np.abs(y / (5 * size) - np.round(y / (5 * size))) * 5
        return (np.minimum(fx, fy) < 0.5).astype(np.float32)
    if name == "rings":  # concentric rings around the origin
        return _parity(np.sqrt(x * x + y * y) / size)
    if name == "waves":  # soft wavy bands along y
        return 0.5 + 0.5 * np.sin(2 * np.pi * (y + 0.15 * np.sin(2 * np.pi * x / 1.5)) / size)
    raise ValueError(f"unknown ground pattern {name!r}")


def background(bg, origins, dirs, pixel_angle, weights=False):
    """Sky-or-ground colour for the rays of B images.

    bg: (B,) background ids; origins: (B, 3); dirs: (B, N, 3) unit; pixel_angle: (B,) angular size of
    one output pixel (radians), used to fade ground patterns.  Returns (colour (B, N, 3) float32,
    depth (B, N) float32, inf on the sky, ground hit (B, N) bool); with ``weights`` also the pattern
    weight (B, N) float32 (colour = ramp + (pattern rgb - ramp) * weight; 0 on the sky and plain grounds),
    the G-buffer the 3D model's ground painter learns.
    """
    bg = np.asarray(bg, np.int64)
    dz = dirs[..., 2]
    oz = origins[:, 2:3].astype(np.float32)
    hit = dz < -1e-6
    t = (GROUND_Z - oz) / np.where(hit, dz, -1.0)
    hit &= t > 0
    t = np.where(hit, t, 0.0).astype(np.float32)
    x = origins[:, 0:1] + t * dirs[..., 0]
    y = origins[:, 1:2] + t * dirs[..., 1]
    ramp = (0.5 + 0.5 * np.tanh(x / RAMP_LENGTH))[..., None]
    ga, gb = GROUND_A[bg][:, None, :], GROUND_B[bg][:, None, :]
    colour = ga + (gb - ga) * ramp
    pattern_w = np.zeros(hit.shape, np.float32)
    for b in np.unique(bg):
        if PATTERN[b] == "plain":
            continue
        sel = np.nonzero(bg == b)[0]
        footprint = t[sel] * pixel_angle[sel, None] / np.maximum(-dz[sel], 1e-3)
        ratio = FEATURE[b] / np.maximum(footprint, 1e-9)
        fade = np.clip((ratio - 1.5) / 1.5, 0.0, 1.0)  # full contrast at >= 3 px per feature
        w = (_pattern(PATTERN[b], x[sel], y[sel], FEATURE[b]) * fade * CONTRAST[b])[..., None]
        colour[sel] += (PATTERN_RGB[b] - colour[sel]) * w
        pattern_w[sel] = np.where(hit[sel], w[..., 0], 0.0)
    sky_rays = ~hit
    h = np.clip(dz[sky_rays], 0.0, 1.0) ** 0.6
    b_sky = np.broadcast_to(bg[:, None], hit.shape)[sky_rays]
    colour[sky_rays] = SKY_HORIZON[b_sky] + (SKY_ZENITH[b_sky] - SKY_HORIZON[b_sky]) * h[:, None]
    depth = np.where(hit, t, np.inf).astype(np.float32)
    if weights:
        return colour.astype(np.float32), depth, hit, pattern_w
    return colour.astype(np.float32), depth, hit
