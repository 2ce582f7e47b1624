"""The deferred model's extra training signals, from the renderer's G-buffers (scenes.gbuffers).

Why each term (studio_models/deferred.py says what the layers are):
- ``light``: the 2D renderer's diffuse and specular layers against the true light terms on object pixels.
  Without it, albedo x diffuse is ambiguous and the painter's colours drift with the shading.
- ``box``: each object's volume-rendered box point and opacity on the ray grid against the true ones
  (the visible object's box point, split by the per-slot coverage, averaged over each ray's pixel block).
  The painter reads the pattern at this point: a box point that sits inside the object (soft density)
  would paint a checker shifted and warped. It also gives the density a direct geometric target.
- ``paint`` / ``ground``: BCE on the painters' logits against the weight each pixel shows (a sigmoid fed an
  L1 saturates at a wrong answer; the MixNMatch-style model's dots field froze that way), at the TRUE box
  point / ground hit of interior pixels, so a painter learns its pattern even while the geometry is off.
- ``colour``: the two albedo colours of each appearance code, L1 against the albedo each lit pixel shows,
  (rgb - specular) / diffuse, mixed by the true weight (so the colour heads learn apart from the painter).
- ``shade`` (analytic light): the normal painter and the light's L1 against the true light terms at the true
  box point and view ray of interior pixels.
The painters learn their fields from the pixels alone in a cheap first phase (``painter_step``: no volume
render), then everything trains together.
"""
import numpy as np
import torch
import torch.nn.functional as F

from scenes.gbuffers import QUANT, dequantise, shown_albedo
from studio_models.camera import rays
from . import factors
from .data import to_tensors

GBUF_KEYS = tuple(QUANT)
INTERIOR = 0.99   # coverage above which a pixel shows one surface only (the painters' training pixels)
ATLAS_PIXELS = 16  # a ground atlas reads this many times the painters' ground pixels (up to all of a batch's)


def gbuffer_tensors(b: dict) -> dict:
    """A batch's G-buffers as float tensors [B, C, H, W] (premultiplied by coverage, as stored)."""
    out = {}
    for k in GBUF_KEYS:
        v = torch.from_numpy(dequantise(k, b["gbuf_" + k]))
        out[k] = v.permute(0, 3, 1, 2) if v.dim() == 4 else v[:, None]
    return out


def _sample(mask: torch.Tensor, n: int, gen: torch.Generator):
    """Flat indices of up to n pixels where ``mask`` [B*HW] is true, drawn without replacement."""
    idx = torch.nonzero(mask)[:, 0]
    if len(idx) > n:
        idx = idx[torch.randperm(len(idx), generator=gen)[:n]]
    return idx


def _flat(x):
    return x.permute(0, 2, 3, 1).reshape(-1, x.shape[1])


def painter_losses(gen, inputs: dict, rgb, mask, obj_mask, gb: dict, tg: torch.Generator, n_pixels=4096):
    """BCE of both painters' logits and the albedo-colour L1, at true G-buffer points of interior pixels.
    ``inputs``: the generator's inputs for the batch (codes and camera)."""
    sh = gen.shading
    bsz, _, res, _ = rgb.shape
    hw = res * res
    parts = {}
    origin, d = rays(inputs["camera_world"], inputs["camera_focal"], gen.pixels)    # full-resolution pixel rays
    d_unit = d / d.norm(dim=-1, keepdim=True)
    # objects: interior pixels of one slot; that slot's appearance code
    owner = obj_mask.argmax(1)                                               # [B,H,W]
    own_cov = obj_mask.max(1).values
    ok = ((mask[:, 0] >= INTERIOR) & (own_cov >= INTERIOR)).reshape(-1)
    idx = _sample(ok, n_pixels, tg)
    if len(idx):
        b_idx = torch.div(idx, hw, rounding_mode="trunc")
        slot = owner.reshape(-1)[idx]
        z_app = inputs["z_app"][b_idx, slot]
        box = _flat(gb["box"])[idx]
        target = _flat(gb["texture_w"])[idx]
        logits = sh.object_logits(box, z_app)
        parts["paint"] = F.binary_cross_entropy_with_logits(logits, target)
        light = {k: _flat(gb[k])[idx] for k in ("diffuse", "spec")}
        lit = light["diffuse"][:, 0] > 0.3
        shown = shown_albedo(_flat(rgb)[idx], light)
        pred = sh.object_albedo(target, z_app)
        parts["colour"] = ((pred - shown).abs().mean(1) * lit).sum() / lit.sum().clamp_min(1)
        if gen.cfg.analytic_light:   # the normal painter and the light, at the true box point and view ray
            def at(x):
                return x[b_idx, slot]
            terms = sh.normal_painter.code_terms(at(inputs["z_shape"]))
            ray = d_unit.reshape(-1, 3)[idx]
            dif, spe = sh.object_light(box, terms, 1.0 / at(inputs["obj_scale"]), at(inputs["obj_rotation"]), ray)
            parts["shade"] = (dif - light["diffuse"]).abs().mean() + (spe - light["spec"]).abs().mean()
    # ground: interior ground pixels, analytic hit points at the image's own camera
    okg = (gb["ground"][:, 0] >= INTERIOR).reshape(-1)
    atlas = gen.cfg.ground_atlas > 0
    # an atlas learns each texel from the pixels that land near it: it reads them all (a lookup each)
    idx = _sample(okg, n_pixels * (ATLAS_PIXELS if atlas else 1), tg)
    if len(idx):
        hit, log_fp, _ = sh.ground_inputs(origin, d_unit, inputs["camera_focal"], res)
        b_idx = torch.div(idx, hw, rounding_mode="trunc")
        target = _flat(gb["ground_w"])[idx]
        if atlas:   # weights of one mixed map per batch item: the pixels grouped by item, in order
            idx, order = idx.sort()
            b_idx, target = b_idx[order], target[order]
            w = sh.ground_weight(torch.cat([hit.reshape(-1, 2)[idx], log_fp.reshape(-1, 1)[idx]], -1),
                                 inputs["z_bg"], b_idx)
            parts["ground"] = F.binary_cross_entropy(w.clamp(1e-6, 1.0 - 1e-6), target)
        else:
            logits = sh.ground_logits(hit.reshape(-1, 2)[idx], log_fp.reshape(-1, 1)[idx], inputs["z_bg"][b_idx])
            parts["ground"] = F.binary_cross_entropy_with_logits(logits, target)
    return parts


def geometry_losses(aux: dict, mask, obj_mask, gb: dict, k: int):
    """Light-term L1 on object pixels (full resolution) and box point / opacity L1 on the ray grid."""
    denom = mask.sum().clamp_min(1.0)
    light = (((aux["diffuse"] * mask - gb["diffuse"]).abs() + (aux["spec"] * mask - gb["spec"]).abs()).sum()
             / denom)
    share = obj_mask / mask.clamp_min(1e-3)                                   # [B,N,H,W] slot share of coverage
    true_op = F.avg_pool2d(obj_mask, k)                                      # [B,N,g,g]
    true_box = torch.stack([F.avg_pool2d(gb["box"] * share[:, i:i + 1], k) for i in range(obj_mask.shape[1])], 1)
    n_cells = true_op.sum().clamp_min(1.0)
    box = (aux["box"] - true_box).abs().sum() / n_cells / 3.0
    opacity = (aux["opacity"] - true_op).abs().sum() / n_cells
    return {"light": light, "box": box + opacity}


def painter_step(gen, codes, b: dict, tg: torch.Generator, frozen_codes: bool = False):
    """Painter-only phase: the losses above on a batch, nothing rendered (the painters and colour heads).
    frozen_codes: the code tables get no gradient (a warm start's fields keep the codes they were trained on
    while new painters learn on them)."""
    t = to_tensors(b)
    n = gen.cfg.n_objects
    with torch.set_grad_enabled(not frozen_codes):
        inputs = codes(factors.classes(b, n))
    inputs = dict(inputs, **factors.geometry(b, n))
    parts = painter_losses(gen, inputs, t["rgb"], t["mask"], t["obj_mask"], gbuffer_tensors(b), tg)
    return sum(parts.values()), parts


def pe_columns(in_dim: int, n_old: int, n_new: int) -> list:
    """For a Linear on PositionalEncoding(n_new, in_dim) features: the column of the n_old-octave layout
    that each new column takes its weights from (x, then sin and cos per input dim and octave; n_new <= n_old)."""
    cols = list(range(in_dim))
    for block in (0, 1):                                                     # sin, cos
        for a in range(in_dim):
            cols += [in_dim + block * in_dim * n_old + a * n_old + k for k in range(n_new)]
    return cols


def warm_start(gen, codes, ck: dict, say=print, reinit=()):
    """Load another run's EMA weights into a deferred generator: every tensor of the same shape; the
    renderer's RGB+mask output convs into the first 4 of its 6 output channels when the source is not
    deferred (the RGB becomes the background base colour; diffuse and specular start at the channels' init),
    and the first 4 when the target lights its objects analytically (the renderer's light terms are dropped);
    the background field's input layer for its lower octaves when it has fewer. The rest keeps its init, and
    so do the modules named in ``reinit`` (prefixes such as "shading.ground_painter": retrain one part)."""
    src = ck.get("ema_gen") or ck["gen"]
    src_cfg = ck["config"]
    own = gen.state_dict()
    loaded, adapted = 0, 0
    with torch.no_grad():
        for name, v in src.items():
            if name not in own or any(name.startswith(p + ".") for p in reinit):
                continue
            if own[name].shape == v.shape:
                own[name].copy_(v)
                loaded += 1
            elif name.startswith("renderer.to_rgb") and own[name].shape[1:] == v.shape[1:]:
                n = min(own[name].shape[0], v.shape[0])   # more outputs: the rest stay small; fewer: the first n
                own[name][:n].copy_(v[:n])
                own[name][n:].mul_(0.1)
                adapted += 1
            elif name == "bg_field.in_d.weight" and gen.cfg.bg_n_freq < src_cfg["bg_n_freq"]:
                in_dim = gen.bg_field.pe.fmat.shape[0]
                own[name].copy_(v[:, pe_columns(in_dim, src_cfg["bg_n_freq"], gen.cfg.bg_n_freq)])
                adapted += 1
    gen.load_state_dict(own)
    codes.load_state_dict(ck.get("ema_codes") or ck["codes"])
    say(f"warm start: {loaded} tensors loaded, {adapted} adapted, {len(own) - loaded - adapted} new")


def numpy_rng_generator(rng: np.random.Generator) -> torch.Generator:
    """A torch generator seeded from the run's numpy RNG (pixel sampling stays reproducible on resume)."""
    return torch.Generator().manual_seed(int(rng.integers(0, 2 ** 31)))
