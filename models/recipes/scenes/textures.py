"""Object-space procedural textures: a weight in [0, 1] of the secondary colour at a box point.

Patterns are functions of p_box (so they move, turn and scale with the object).  Periods are chosen
to cover >= ~8 output pixels at 128x128 for the smallest object (scale 0.24, box unit ~15 px):
checker cells 0.45 (period 0.9), stripes period 0.7, dots lattice 0.5, diagonal period 0.8.
"""
import numpy as np

from .config import TEXTURES


def _parity(v):
    return (np.floor(v).astype(np.int64) & 1).astype(np.float32)


def solid(p):
    """Plain primary colour."""
    return np.zeros(len(p), np.float32)


def checker(p):
    """3D checkerboard, cubic cells of 0.45 box units (offset so no face lies on a cell border)."""
    c = (p + 0.1) / 0.45
    return _parity(np.floor(c[:, 0]) + np.floor(c[:, 1]) + np.floor(c[:, 2]))


def stripes(p):
    """Horizontal bands along box z, 0.35 wide (period 0.7)."""
    return _parity((p[:, 2] + 1.0) / 0.35)


def dots(p):
    """Balls of radius 0.16 on a cubic lattice of spacing 0.5, cut by the surface into spots."""
    q = (p + 0.25) / 0.5
    d = (q - np.round(q)) * 0.5
    return (np.sqrt((d * d).sum(-1)) < 0.16).astype(np.float32)


def diagonal(p):
    """Slanted bands across (x + z) / sqrt(2), 0.4 wide (period 0.8)."""
    return _parity((p[:, 0] + p[:, 2]) * 0.70710678 / 0.4 + 0.37)


TEXTURE_FNS = {"solid": solid, "checker": checker, "stripes": stripes, "dots": dots,
               "diagonal": diagonal}
assert tuple(TEXTURE_FNS) == TEXTURES


def texture_weight(texture_ids, p):
    """Secondary-colour weight (N,) for points p (N, 3) with per-point texture ids (N,)."""
    w = np.zeros(len(p), np.float32)
    for tid in np.unique(texture_ids):
        sel = texture_ids == tid
        w[sel] = TEXTURE_FNS[TEXTURES[tid]](p[sel])
    return w
