"""Evaluate a run against ground truth and write metrics.json + knob-sweep strips into the bundle.

    cd models/recipes
    /usr/bin/python3 -m train.eval --run runs/main --data data/v1 --out ../scenes-giraffe-hd-128 [--n 1000]

- PSNR / SSIM over the whole image, over object pixels (weighted by the true coverage mask) and over the
  background, on test_seen and test_unseen (from disk; splits not built yet are rendered on the spot with
  the same RNG, so the numbers are the same images either way).
- Knob sweeps: one scene, one knob varied (elevation, azimuth, translation, scale, rotation, shape, texture,
  background); the true render (top row) above the model (bottom row), saved as sweep_<knob>.png, with the
  sweep's PSNR in metrics.json. The base scene (red checker cube on tiles) makes several frames held-out
  combinations (sphere/octahedron-checker, torus-tiles, cube-stripes, solid-tiles, checker-overcast,
  cube-desert).
- Encoder (when runs/<name>/encoder.pt exists): class accuracy per factor and pose/camera errors
  (train.encoder.evaluate).
metrics.json: {"seen": {"psnr", "psnr_object", "psnr_background", "ssim", "ssim_object", "n"}, "unseen": {...},
"sweeps": {...}, "encoder": {"accuracy": {...}, "azimuth_error_deg": ..., "seen": {...}, "unseen": {...}}, ...}.
Refuses to replace an existing metrics.json without --overwrite. Regenerates the bundle's README.md card.
"""
import argparse
import os
import sys
import time

from . import env

torch = env.torch
import numpy as np  # noqa: E402

from studio_models.pngio import write_png  # noqa: E402
from scenes import config as sc  # noqa: E402
from scenes.render import render  # noqa: E402
from scenes import shards as shard_io  # noqa: E402
from . import bundle, card, ckpt as ckpt_io, data as data_io, metrics  # noqa: E402
from .export import generator_inputs  # noqa: E402
from .model import from_checkpoint  # noqa: E402

BASE = dict(azimuth_deg=30.0, elevation_deg=25.0, radius=2.75, fov_deg=40.0, background="tiles",
            shape="cube", colour="red", texture="checker", translation=(0.0, 0.0), scale=0.32, yaw_deg=20.0)
SWEEPS = {
    "elevation": ("elevation_deg", list(np.linspace(10, 40, 7))),
    "azimuth": ("azimuth_deg", list(range(0, 360, 45))),
    "translation": ("translation", [(x, 0.0) for x in np.linspace(-0.5, 0.5, 6)]),
    "scale": ("scale", list(np.linspace(0.24, 0.40, 5))),
    "rotation": ("yaw_deg", list(range(0, 180, 30))),
    "shape": ("shape", list(sc.SHAPES)),
    "texture": ("texture", list(sc.TEXTURES)),
    "background": ("background", list(sc.BACKGROUNDS)),
}


def parse(argv=None):
    p = argparse.ArgumentParser(prog="python -m train.eval", description=__doc__.split("\n")[0])
    p.add_argument("--run", required=True)
    p.add_argument("--data", default="data/v1")
    p.add_argument("--out", required=True, help="bundle folder (metrics.json, sweep_*.png, README.md)")
    p.add_argument("--n", type=int, default=1000, help="images per test split")
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--overwrite", action="store_true")
    p.add_argument("--raw", action="store_true", help="evaluate the raw weights instead of the EMA")
    p.add_argument("--no-sweeps", action="store_true")
    return p.parse_args(argv)


def test_split(root, split, n, seed, shapes):
    """First n images of a split: from disk when its shards cover them, else rendered (same images)."""
    have = shard_io.split_shards(root, split)
    if have:
        d = shard_io.load_split(root, split, keys=data_io.KEYS, limit=n)
        if len(d["rgb"]) >= n:
            return d, "disk"
    res = data_io.dataset_config(root)["res"]
    parts = [data_io.render_split(split, range(i, min(n, i + 100)), res, seed=seed, shapes=shapes)
             for i in range(0, n, 100)]
    return {k: np.concatenate([p[k] for p in parts]) for k in data_io.KEYS}, "rendered"


@torch.no_grad()
def image_metrics(gen, codes, d, batch):
    acc = {k: [] for k in ("psnr", "psnr_object", "psnr_background", "ssim", "ssim_object", "mse")}
    for i in range(0, len(d["rgb"]), batch):
        b = {k: v[i:i + batch] for k, v in d.items()}
        t = data_io.to_tensors(b)
        img, _ = gen(**generator_inputs(gen, codes, b))
        rgb, m = t["rgb"], t["mask"]
        acc["psnr"].append(metrics.psnr(img, rgb))
        acc["psnr_object"].append(metrics.psnr(img, rgb, m))
        acc["psnr_background"].append(metrics.psnr(img, rgb, 1 - m))
        acc["ssim"].append(metrics.ssim(img, rgb))
        acc["ssim_object"].append(metrics.ssim(img, rgb, m))
        acc["mse"].append(metrics.mse(img, rgb))
    a = {k: torch.cat(v) for k, v in acc.items()}
    out = {k: round(float(v.mean()), 4) for k, v in a.items() if k != "mse"}
    out["psnr_pooled"] = round(float(-10 * torch.log10(a["mse"].mean())), 4)
    out["n"] = len(d["rgb"])
    return out, a


def sweep_factors(knob):
    key, values = SWEEPS[knob]
    rows = []
    for v in values:
        f = dict(BASE, **{key: v})
        rows.append(f)
    n = len(rows)
    g = lambda k: np.array([r[k] for r in rows], np.float32)  # noqa: E731
    tr = np.zeros((n, 2, 3), np.float32)
    scale = np.zeros((n, 2), np.float32)
    yaw = np.zeros((n, 2), np.float32)
    for i, r in enumerate(rows):
        scale[i] = (r["scale"], 0.3)
        tr[i, 0] = (r["translation"][0], r["translation"][1], sc.object_z(r["scale"]))
        tr[i, 1] = (0.0, 0.0, sc.object_z(0.3))
        yaw[i] = (r["yaw_deg"], 0.0)
    ids = lambda k, table: np.array([[table.index(r[k]), 0] for r in rows], np.int8)  # noqa: E731
    return dict(azimuth_deg=g("azimuth_deg"), elevation_deg=g("elevation_deg"), radius=g("radius"),
                fov_deg=g("fov_deg"), background=np.array([sc.BACKGROUNDS.index(r["background"]) for r in rows], np.int8),
                present=np.array([[True, False]] * n), shape=ids("shape", sc.SHAPES), colour=ids("colour", sc.COLOURS),
                texture=ids("texture", sc.TEXTURES), translation=tr, scale=scale, yaw_deg=yaw)


@torch.no_grad()
def sweeps(gen, codes, out_dir, res):
    result = {}
    for knob in SWEEPS:
        f = sweep_factors(knob)
        true = render(f, res)
        t = data_io.to_tensors(true)
        img, _ = gen(**generator_inputs(gen, codes, f))
        strip = torch.cat([torch.cat(list(t["rgb"]), 2), torch.cat(list(img), 2)], 1)
        write_png(os.path.join(out_dir, f"sweep_{knob}.png"), strip)
        result[knob] = dict(values=[v if isinstance(v, str) else np.round(np.asarray(v, float), 3).tolist()
                                    for v in SWEEPS[knob][1]],
                            psnr=round(float(metrics.psnr(img, t["rgb"]).mean()), 3),
                            psnr_object=round(float(metrics.psnr(img, t["rgb"], t["mask"]).mean()), 3))
    return result


def main(argv=None):
    a = parse(argv)
    env.setup()
    ck = ckpt_io.load(os.path.join(a.run, "ckpt.pt"))
    cfg, gen, codes = from_checkpoint(ck, ema=not a.raw)
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    mpath = os.path.join(out, "metrics.json")
    if os.path.exists(mpath) and not a.overwrite:
        raise SystemExit(f"error: {mpath} exists; pass --overwrite to replace it")
    dc = data_io.dataset_config(a.data)
    if dc["res"] != cfg.img_size:
        raise SystemExit(f"error: dataset resolution {dc['res']} != generator {cfg.img_size}")
    t0 = time.time()
    res = {"weights": f"{a.run}/ckpt.pt step {ck['step']} ({'raw' if a.raw else 'EMA'}), "
                      f"{ck['elapsed_s'] / 3600:.2f} h of training", "step": ck["step"]}
    per = {}
    for name, split in (("seen", "test_seen"), ("unseen", "test_unseen")):
        d, src = test_split(a.data, split, a.n, dc["seed"], dc.get("shapes"))
        res[name], per[name] = image_metrics(gen, codes, d, a.batch)
        res[name]["source"] = src
        if name == "unseen":  # by held-out pair kind
            res["unseen_by_pair"] = {}
            for kind, bit in sc.PAIR_BITS.items():
                sel = torch.from_numpy((d["held_out"] & bit) > 0)
                if sel.any():
                    res["unseen_by_pair"][kind] = dict(
                        n=int(sel.sum()), psnr=round(float(per[name]["psnr"][sel].mean()), 3),
                        psnr_object=round(float(per[name]["psnr_object"][sel].mean()), 3))
        print(f"{name}: {res[name]}", flush=True)
    if not a.no_sweeps:
        res["sweeps"] = sweeps(gen, codes, out, cfg.img_size)
        print("sweeps: " + ", ".join(f"{k} {v['psnr']:.1f}/{v['psnr_object']:.1f}" for k, v in res["sweeps"].items()))
    if os.path.exists(os.path.join(a.run, "encoder.pt")):
        from .encoder import evaluate_run
        res["encoder"] = evaluate_run(a.run, a.data, n=a.n, gen_codes=codes)
        print(f"encoder: {res['encoder']['accuracy']} azimuth {res['encoder']['azimuth_error_deg']}")
    res["eval_seconds"] = round(time.time() - t0, 1)
    data_io.save_json(mpath, res)
    n_params = sum(p.numel() for p in gen.parameters())
    onnx_path = os.path.join(out, "generator.onnx")
    card.write_card(out, model_id=os.path.basename(out.rstrip("/")), cfg=cfg.to_dict(),
                    train_args=ck.get("train_args", {}), step=ck["step"], hours=ck["elapsed_s"] / 3600,
                    history=ck.get("history", []), n_params=n_params,
                    onnx_bytes=os.path.getsize(onnx_path) if os.path.exists(onnx_path) else 0,
                    data_info=dict(root=a.data, train=len(shard_io.split_shards(a.data, "train")) * dc["shard_size"],
                                   test=f"{dc['counts']['test_seen']} / {dc['counts']['test_unseen']}"))
    print(f"wrote {mpath} in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
