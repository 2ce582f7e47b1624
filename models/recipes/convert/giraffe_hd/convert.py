"""`python3 -m convert giraffe-hd CKPT.pt --config compcar --out DIR`: GIRAFFE-HD end to end.

Why the checkpoint's own args: GIRAFFE-HD saves {'g', 'd', 'g_ema', 'g_optim', 'd_optim', 'args', 'cur_itr'};
`args` holds the size, code sizes and ranges it was trained with, so they are taken from there (the preset
only checks the dataset and fills gaps). The EMA generator `g_ema` is converted, as eval.py does.
"""
import os

import torch

from ..bundle import atomic_bundle_dir, rng, write_json
from ..checkpoint import check_keys, load_file, strip_prefix
from ..detect import guess_family
from ..errors import ConvertError
from ..giraffe.card import sha256
from ..giraffe.manifest import elevation_deg, mid
from ..onnx_export import export
from .generator import INPUT_NAMES, OUTPUT_NAMES, GiraffeHDGenerator
from .presets import TITLES, inject_index, resolve


def scale_ratio(cfg):
    lo, hi = cfg["scale_range_min"], cfg["scale_range_max"]
    return tuple(round(mid(a / lo[0], b / hi[0]), 6) for a, b in zip(lo, hi))


def build_generator(checkpoint: str, config: str, inject=None):
    obj = load_file(checkpoint)
    family = guess_family(obj)
    if family != "giraffe-hd":
        raise ConvertError(f"this is not a GIRAFFE-HD checkpoint (it looks like: {family}); expected the "
                           "checkpoint/<iter>_<dataset>_<size>.pt written by GIRAFFEHD's train.py")
    sd = strip_prefix(obj.get("g_ema") or obj.get("g"))
    cfg = resolve(config, obj.get("args"))
    k = inject_index(cfg) if inject is None else int(inject)
    gen = GiraffeHDGenerator(cfg, k, scale_ratio(cfg))
    check_keys(gen, sd, f"GIRAFFE-HD g_ema weights for config '{config}' (size {cfg['size']})")
    gen.load_state_dict(sd, strict=True)
    return gen.eval(), cfg, k


def example_inputs(cfg, batch=2):
    g = torch.Generator().manual_seed(0)
    eye = torch.eye(4).repeat(batch, 1, 1)
    eye[:, 2, 3] = 2.732
    return dict(zip(INPUT_NAMES, [
        torch.randn(batch, 1, cfg["z_dim"], generator=g), torch.randn(batch, 1, cfg["z_dim"], generator=g),
        torch.randn(batch, cfg["z_dim_bg"], generator=g), torch.randn(batch, cfg["z_dim_bg"], generator=g), eye,
        torch.full((batch, 1), 11.43), torch.full((batch, 1, 3), 0.21), torch.zeros(batch, 1, 3),
        torch.eye(3).repeat(batch, 1, 1, 1)]))


def manifest(cfg, model_id, name, description):
    z, zb, H = cfg["z_dim"], cfg["z_dim_bg"], int(cfg["size"])
    shapes = [[1, z], [1, z], [zb], [zb], [4, 4], [1], [1, 3], [1, 3], [1, 3, 3]]
    roles = ["code:shape", "code:texture", "code:background-shape", "code:background", "camera.world",
             "camera.focal", "objects.scale", "objects.translation", "objects.rotation"]
    trunc = rng(0.0, 1.0, 1.0)
    latent = lambda fid, label, scope, dim: {"id": fid, "label": label, "kind": "latent", "scope": scope,
                                             "dim": dim, "truncation": trunc}
    u, v = cfg["range_u"], cfg["range_v"]
    lo, hi, tl, th, rr = (cfg["scale_range_min"], cfg["scale_range_max"], cfg["translation_range_min"],
                          cfg["translation_range_max"], cfg["rotation_range"])
    img = lambda n, c, role, r: {"name": n, "shape": ["batch", c, H, H], "role": role, "range": r}
    return {
        "schemaVersion": 1, "id": model_id, "name": name, "family": "giraffe-hd", "description": description,
        "resolution": [H, H],
        "generator": {"file": "generator.onnx",
                      "inputs": [{"name": n, "shape": ["batch", *s], "role": r} for n, s, r in zip(INPUT_NAMES, shapes, roles)],
                      "outputs": [img("image", 3, "image", [-1, 1]), img("foreground", 3, "foreground", [-1, 1]),
                                  img("background", 3, "background", [-1, 1]), img("mask", 1, "mask", [0, 1])]},
        "factors": [latent("shape", "shape", "object", z), latent("texture", "appearance", "object", z),
                    latent("background-shape", "background shape", "global", zb),
                    latent("background", "background", "global", zb)],
        "camera": {"convention": "giraffe",
                   "elevationDeg": rng(elevation_deg(v[1]), elevation_deg(v[0]), elevation_deg(mid(*v))),
                   "azimuthDeg": rng(360 * u[0], 360 * u[1], 360 * mid(*u)), "radius": rng(2.732, 2.732, 2.732),
                   "fovDeg": rng(cfg["fov"], cfg["fov"], cfg["fov"]), "depthRange": [0.5, 6.0]},
        "objects": {"count": 1, "optional": False, "scale": rng(lo[0], hi[0], mid(lo[0], hi[0])),
                    "translation": {a: rng(tl[i], th[i], mid(tl[i], th[i])) for i, a in enumerate("xyz")},
                    "rotationDeg": rng(360 * rr[0], 360 * rr[1], 360 * mid(*rr))},
        "samples": [],
        "licence": "MIT (code: AustinXY/GIRAFFEHD); weights: yours",
    }


def card(cfg, m, checkpoint, k, n_params):
    return "\n".join([
        f"# {m['name']}", "",
        "Converted from a GIRAFFE-HD checkpoint with `models/recipes/convert` (`python3 -m convert giraffe-hd`).", "",
        "- Paper: Yang Xue, Yuheng Li, Krishna Kumar Singh, Yong Jae Lee, *GIRAFFE HD: A High-Resolution 3D-aware "
        "Generative Model*, CVPR 2022 (arXiv:2203.14954). Code: https://github.com/AustinXY/GIRAFFEHD (MIT).",
        f"- Checkpoint: `{os.path.basename(checkpoint)}` (sha256 `{sha256(checkpoint)[:16]}…`), EMA weights `g_ema`.",
        f"- Dataset config `{cfg['dataset']}`; {cfg['size']}x{cfg['size']} output, z_dim {cfg['z_dim']}/{cfg['z_dim_bg']}, "
        f"feature volume {cfg['res_vol']}^2 x {cfg['feat_dim']}; style mixing fixed at inject_index {k} "
        f"(shape style for the first {k} layers, appearance after); {n_params:,} parameters.",
        "- Outputs: final image, foreground, background in [-1,1] and the foreground mask in [0,1] (optional layers).",
        "- Export: ONNX opset 17, dynamic batch; static-weight modulated convolution (upstream's fused=False path), "
        "eval-mode noise buffers, no custom CUDA ops; camera and box are inputs (upstream's u/v/radius/rval knobs "
        "are built by the studio as GIRAFFE matrices).", "",
        "Metrics: not measured by the converter.", ""])


def run(args) -> str:
    torch.set_grad_enabled(False)
    gen, cfg, k = build_generator(args.checkpoint, args.config, getattr(args, "inject_index", None))
    model_id = args.id or os.path.basename(os.path.abspath(args.out.rstrip("/"))).lower()
    name = args.name or f"GIRAFFE-HD, {TITLES.get(cfg['dataset'], cfg['dataset'])} {cfg['size']}x{cfg['size']} (converted)"
    m = manifest(cfg, model_id, name, f"GIRAFFE-HD checkpoint converted with config {cfg['dataset']}.")
    n_params = sum(p.numel() for p in gen.parameters())
    with atomic_bundle_dir(args.out, args.force) as tmp:
        export(gen, example_inputs(cfg), OUTPUT_NAMES, os.path.join(tmp, "generator.onnx"))
        write_json(os.path.join(tmp, "manifest.json"), m)
        with open(os.path.join(tmp, "README.md"), "w") as f:
            f.write(card(cfg, m, args.checkpoint, k, n_params))
    return f"wrote {args.out}: giraffe-hd {cfg['dataset']}, {cfg['size']}^2, {n_params:,} parameters, inject_index {k}"
