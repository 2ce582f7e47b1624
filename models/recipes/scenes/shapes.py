"""Signed distance functions of the primitives, in box coordinates.

Every shape lies inside [-1, 1]^3 and touches the bottom face z = -1, so it rests on the ground when
its translation z is ``config.object_z(s)``.  Functions take points (N, 3) float32 and return (N,)
distances; a few are conservative bounds (|bound| <= true distance), which sphere tracing allows.

``BOUNDS[shape] = (centre_z, radius)``: a sphere around the shape (centre on the box z axis, so it is
unchanged by yaw), used to trace only the rays that can hit it.
``FOOTPRINT[shape]``: radius in box units of the shape's footprint circle on the ground (collisions).
"""
import numpy as np

from .config import SHAPES


def _len2(a, b):
    return np.sqrt(a * a + b * b)


def sphere(p):
    """Unit sphere at the box centre."""
    return np.sqrt((p * p).sum(-1)) - 1.0


def cube(p):
    """Cube of half-size 0.8 centred at z = -0.2 (exact box SDF)."""
    q = np.abs(p - np.array([0.0, 0.0, -0.2], np.float32)) - 0.8
    outside = np.sqrt((np.maximum(q, 0.0) ** 2).sum(-1))
    return outside + np.minimum(q.max(-1), 0.0)


def cylinder(p):
    """Upright cylinder, radius 0.8, z in [-1, 0.8] (exact capped-cylinder SDF)."""
    dx = _len2(p[:, 0], p[:, 1]) - 0.8
    dz = np.abs(p[:, 2] + 0.1) - 0.9
    return np.minimum(np.maximum(dx, dz), 0.0) + _len2(np.maximum(dx, 0.0), np.maximum(dz, 0.0))


_CONE_R, _CONE_BOTTOM, _CONE_APEX = 0.95, -1.0, 0.9
_CONE_L = float(np.hypot(_CONE_R, _CONE_APEX - _CONE_BOTTOM))


def cone(p):
    """Upright cone, base radius 0.95 at z = -1, apex at z = 0.9 (bound: max of side and base)."""
    h = _CONE_APEX - _CONE_BOTTOM
    side = (_len2(p[:, 0], p[:, 1]) * h - _CONE_R * (_CONE_APEX - p[:, 2])) / _CONE_L
    return np.maximum(side, _CONE_BOTTOM - p[:, 2])


def torus(p):
    """Standing ring in the box x-z plane (axis along box y): R = 0.65, r = 0.3, centre z = -0.05."""
    q = _len2(p[:, 0], p[:, 2] + 0.05) - 0.65
    return _len2(q, p[:, 1]) - 0.3


def octahedron(p):
    """Regular octahedron |x|+|y|+|z| <= 1 standing on a vertex (bound, exact on the faces)."""
    return (np.abs(p).sum(-1) - 1.0) * np.float32(0.57735027)


def capsule(p):
    """Upright capsule: radius 0.5 around the segment z in [-0.5, 0.5]."""
    z = p[:, 2] - np.clip(p[:, 2], -0.5, 0.5)
    return np.sqrt(p[:, 0] ** 2 + p[:, 1] ** 2 + z ** 2) - 0.5


SDF = {"sphere": sphere, "cube": cube, "cylinder": cylinder, "cone": cone, "torus": torus,
       "octahedron": octahedron, "capsule": capsule}
BOUNDS = {"sphere": (0.0, 1.0), "cube": (-0.2, 1.39), "cylinder": (-0.1, 1.21),
          "cone": (-0.3, 1.21), "torus": (-0.05, 0.96), "octahedron": (0.0, 1.0),
          "capsule": (0.0, 1.0)}
FOOTPRINT = {"sphere": 1.0, "cube": 1.14, "cylinder": 0.8, "cone": 0.95, "torus": 0.96,
             "octahedron": 1.0, "capsule": 0.5}

assert set(SDF) == set(SHAPES) == set(BOUNDS) == set(FOOTPRINT)


def sdf(shape_id):
    """The SDF function of a shape id (index into config.SHAPES)."""
    return SDF[SHAPES[shape_id]]


def normals(fn, p, eps=1e-3):
    """Unit surface normals (N, 3) from the SDF gradient (tetrahedron finite differences)."""
    k = np.array([[1, -1, -1], [-1, -1, 1], [-1, 1, -1], [1, 1, 1]], np.float32)
    n = np.zeros_like(p)
    for v in k:
        n += v[None, :] * fn(p + eps * v[None, :])[:, None]
    return n / np.maximum(np.linalg.norm(n, axis=-1, keepdims=True), 1e-12)
