"""Render a batch of scenes (a dict of factor arrays) to RGB and masks, 2x2 supersampled.

Factors (B = batch, slot j in {0, 1}); see sampling.py for how they are drawn:
    azimuth_deg, elevation_deg, radius, fov_deg: (B,)      background: (B,) int
    shape, colour, texture: (B, 2) int                      present: (B, 2) bool
    translation: (B, 2, 3) world units                      scale: (B, 2)    yaw_deg: (B, 2)
An object maps a world point p to its box as p_box = R (p - t) / s, R = Rz(yaw) (GIRAFFE).

Shading: one directional light fixed in the world (from +x+y, high up), hemispheric ambient and a
small Blinn-Phong highlight.  The ground and sky are unlit and receive no shadows (so background and
objects stay separable factors).
"""
import numpy as np

from . import backgrounds, palette, shapes, textures
from .camera import pixel_rays
from .config import SHAPES, SUPERSAMPLE, check_resolution
from .trace import sphere_trace

LIGHT = np.array([0.45, 0.30, 0.85], np.float32) / np.linalg.norm([0.45, 0.30, 0.85])


def rot_z(yaw_deg):
    """R = Rz(yaw) (..., 3, 3) = [[c, -s, 0], [s, c, 0], [0, 0, 1]], as scipy from_euler('z', yaw)."""
    a = np.radians(np.asarray(yaw_deg, np.float64))
    c, s = np.cos(a), np.sin(a)
    z, o = np.zeros_like(a), np.ones_like(a)
    return np.stack([np.stack([c, -s, z], -1), np.stack([s, c, z], -1),
                     np.stack([z, z, o], -1)], -2).astype(np.float32)


def light_terms(n, view_dir):
    """(diffuse factor, specular) per point, each (N,), for world normals and ray directions (N, 3).

    The lit colour is albedo * diffuse + specular; the two terms depend on shape and pose
    only, never on the texture, which is what the MixNMatch-style model's G-buffers rely on.
    """
    ndl = np.maximum(n @ LIGHT, 0.0)
    ambient = 0.34 + 0.14 * n[:, 2]
    h = LIGHT[None, :] - view_dir
    h /= np.maximum(np.linalg.norm(h, axis=-1, keepdims=True), 1e-9)
    spec = 0.22 * np.maximum((n * h).sum(-1), 0.0) ** 24
    return ambient + 0.62 * ndl, spec


def _object_pass(f, j, k, origins, dirs, depth, colour, owner, gbuf=None):
    """Trace object slot j in every image whose slot-j shape is k; write nearer hits into buffers
    (and, given ``gbuf``, the hit's box point and light terms into gbuf["box"], ["diffuse"], ["spec"])."""
    sel = np.nonzero(f["present"][:, j] & (f["shape"][:, j] == k))[0]
    if sel.size == 0:
        return
    fn = shapes.SDF[SHAPES[k]]
    cz, rb = shapes.BOUNDS[SHAPES[k]]
    s = f["scale"][sel, j].astype(np.float32)
    t = f["translation"][sel, j].astype(np.float32)
    centre = t + np.stack([np.zeros_like(s), np.zeros_like(s), cz * s], -1)
    oc = origins[sel] - centre
    d = dirs[sel]  # (M, N, 3)
    b = np.einsum("mnk,mk->mn", d, oc)
    disc = b * b - ((oc * oc).sum(-1) - (rb * s) ** 2)[:, None]
    m_i, p_i = np.nonzero(disc > 0)
    sq = np.sqrt(disc[m_i, p_i])
    t_far = -b[m_i, p_i] + sq
    front = t_far > 0
    m_i, p_i, sq, t_far = m_i[front], p_i[front], sq[front], t_far[front]
    t_near = np.maximum(-b[m_i, p_i] - sq, 0.0)
    R = rot_z(f["yaw_deg"][sel, j])
    o_box = np.einsum("mij,mj->mi", R, origins[sel] - t) / s[:, None]
    d_world = d[m_i, p_i]
    d_box = np.einsum("nij,nj->ni", R[m_i], d_world)
    inv_s = 1.0 / s[m_i]
    o_ray = o_box[m_i]
    hit, tau = sphere_trace(fn, o_ray, d_box, t_near * inv_s, t_far * inv_s)
    tw = tau * s[m_i]
    flat = sel[m_i] * dirs.shape[1] + p_i
    win = hit & (tw < depth[flat])
    if not win.any():
        return
    m_w, flat = m_i[win], flat[win]
    p_box = o_ray[win] + tau[win, None] * d_box[win]
    n_world = np.einsum("nji,nj->ni", R[m_w], shapes.normals(fn, p_box))
    img = sel[m_w]
    w = textures.texture_weight(f["texture"][img, j], p_box)[:, None]
    cid = f["colour"][img, j]
    albedo = palette.PRIMARY[cid] + (palette.SECONDARY[cid] - palette.PRIMARY[cid]) * w
    diffuse, spec = light_terms(n_world, d_world[win])
    colour[flat] = albedo * diffuse[:, None] + spec[:, None]
    if gbuf is not None:
        gbuf["box"][flat], gbuf["diffuse"][flat], gbuf["spec"][flat] = p_box, diffuse, spec
        gbuf["texture_w"][flat] = w[:, 0]
    depth[flat] = tw[win]
    owner[flat] = j


def _downsample(x, b, res, ss):
    """Average ss x ss sample blocks: (B*S*S, ...) -> (B, res, res, ...)."""
    x = x.reshape((b, res, ss, res, ss) + x.shape[1:])
    acc = np.zeros((b, res, res) + x.shape[5:], np.float32)
    for i in range(ss):
        for k in range(ss):
            acc += x[:, :, i, :, k]
    return acc / (ss * ss)


def _to_u8(x):
    return np.clip(np.round(x * 255.0), 0, 255).astype(np.uint8)


def render(f, res, supersample=SUPERSAMPLE, aux=False, gbuffers=False):
    """Render factors ``f`` (dict of arrays, batch B) at ``res`` x ``res``.

    Returns {"rgb": (B, res, res, 3) uint8, "mask": (B, res, res) uint8 coverage of any object
    (0-255), "obj_mask": (B, 2, res, res) uint8 visible coverage per object slot}; with aux=True also
    "ground": (B, res, res) float coverage of the ground plane (the rest of the background is sky);
    with gbuffers=True also the visible object's G-buffers, premultiplied by its coverage (0 off objects)
    and averaged like the image: "box" (B, res, res, 3) box-space point, "diffuse" and "spec" (B, res, res)
    light terms (colour = albedo(texture, box) * diffuse + spec), "texture_w" (B, res, res) the texture's
    secondary-colour weight; and of the visible ground: "ground" (B, res, res) coverage and "ground_w" its
    pattern weight premultiplied by it; all float32.
    """
    res = check_resolution(res)
    ss = int(supersample)
    nb = len(f["background"])
    origins, dirs = pixel_rays(f["azimuth_deg"], f["elevation_deg"], f["radius"], f["fov_deg"],
                               res, ss)
    n = dirs.shape[1]
    focal = 1.0 / np.tan(np.radians(np.asarray(f["fov_deg"], np.float64)) / 2.0)
    pix_angle = np.broadcast_to(2.0 / ((res - 1) * focal), (nb,)).astype(np.float32)
    colour, depth, g_hit, ground_w = backgrounds.background(f["background"], origins, dirs, pix_angle,
                                                            weights=True)
    colour, depth, g_hit = colour.reshape(-1, 3), depth.reshape(-1), g_hit.reshape(-1)
    owner = np.full(nb * n, -1, np.int8)
    gbuf = None
    if gbuffers:
        gbuf = {"box": np.zeros((nb * n, 3), np.float32), "diffuse": np.zeros(nb * n, np.float32),
                "spec": np.zeros(nb * n, np.float32), "texture_w": np.zeros(nb * n, np.float32)}
    for j in range(2):
        for k in range(len(SHAPES)):
            _object_pass(f, j, k, origins, dirs, depth, colour, owner, gbuf)
    out = {
        "rgb": _to_u8(_downsample(colour, nb, res, ss)),
        "mask": _to_u8(_downsample((owner >= 0).astype(np.float32), nb, res, ss)),
        "obj_mask": np.stack([_to_u8(_downsample((owner == j).astype(np.float32), nb, res, ss))
                              for j in range(2)], axis=1),
    }
    ground = g_hit & (owner < 0)  # the visible ground
    if gbuf is not None:
        out.update({name: _downsample(v, nb, res, ss) for name, v in gbuf.items()})
        out["ground_w"] = _downsample(ground_w.reshape(-1) * ground, nb, res, ss)
    if gbuf is not None or aux:
        out["ground"] = _downsample(ground.astype(np.float32), nb, res, ss)
    return out
