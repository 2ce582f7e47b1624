"""Evaluate the MixNMatch-style model and write metrics.json, sweeps and the model card into its bundle.

    /usr/bin/python3 -m mnm.eval --run runs/mnm --data data/single --out ../scenes-mixnmatch-128 --n 1000

- seen / unseen: the generator fed the true codes of test_seen / test_unseen images (unseen = every image
  holds a background x shape x texture pairing never in training) vs the rendered image: PSNR and SSIM over
  the whole image, over object pixels (true coverage) and background pixels; per held-out pair kind.
- encoder: class accuracy per factor (background, shape, texture = colour and pattern both right; colour and
  pattern alone too) and pose errors (yaw in degrees, scale, translation in world units).
- mix: four different test_unseen images; background from the 1st, shape from the 2nd, texture from the 3rd,
  pose from the 4th, all read by the encoder; the generated image is compared with the scenes renderer's
  true image of that combination. "mix_true_codes" feeds the true codes of the same combinations, which
  separates the generator's share of the error from the encoder's.
Same form as the built-in 3D model's metrics.json (seen/unseen psnr, psnr_object, ssim; encoder accuracy per
factor; mix psnr).
"""
import argparse
import json
import math
import os
import sys
import time

from train.env import setup

torch = setup()
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from scenes import config as sc  # noqa: E402
from scenes.render import render  # noqa: E402
from scenes.sampling import Sampler  # noqa: E402
from scenes.shards import load_split  # noqa: E402
from train.metrics import mse, psnr, ssim  # noqa: E402

from . import factors as fx  # noqa: E402
from .card import write_card  # noqa: E402
from .export import MODEL_ID, load_models  # noqa: E402
from .model import one_hot, texture_probs  # noqa: E402
from .train import KEYS, gen_inputs, to_batch  # noqa: E402

PAIR_NAMES = {v: k for k, v in sc.PAIR_BITS.items()}
EXTRA_KEYS = ("index", "held_out", "azimuth_deg", "elevation_deg", "radius", "fov_deg", "present")  # to re-render mixes


def batched(fn, n, size=50):
    outs = [fn(slice(i, min(n, i + size))) for i in range(0, n, size)]
    return {k: torch.cat([o[k] for o in outs]) for k in outs[0]}


def image_scores(pred, rgb, mask):
    bgw = 1.0 - mask
    return {"psnr": psnr(pred, rgb), "psnr_object": psnr(pred, rgb, mask), "psnr_background": psnr(pred, rgb, bgw),
            "ssim": ssim(pred, rgb), "ssim_object": ssim(pred, rgb, mask), "mse": mse(pred, rgb)}


def summarise(scores, n):
    out = {k: round(v.mean().item(), 4) for k, v in scores.items() if k != "mse"}
    out["psnr_pooled"] = round(-10 * math.log10(scores["mse"].mean().item()), 4)
    out["n"] = n
    return out


def generate(gen, codes, sl):
    with torch.no_grad():
        return {"image": gen(*[t[sl] for t in gen_inputs(codes)])["image"]}


def encode(enc, rgb, sl):
    with torch.no_grad():
        o = enc(rgb[sl])
    return {"b": o["b"].softmax(1), "p": o["p"].softmax(1), "c": texture_probs(o["colour"], o["pattern"]),
            "colour": o["colour"].argmax(1), "pattern": o["pattern"].argmax(1), "z": o["z"]}


def pose_errors(z_pred, z_true):
    cp, sp, s_p, x_p, y_p = fx.z_to_pose(z_pred)
    ct, st, s_t, x_t, y_t = fx.z_to_pose(z_true)
    yaw = torch.rad2deg(torch.atan2(sp * ct - cp * st, cp * ct + sp * st)).abs()
    return {"yaw_error_deg": round(yaw.median().item(), 3), "yaw_error_mean_deg": round(yaw.mean().item(), 3),
            "scale_error": round((s_p - s_t).abs().mean().item(), 4),
            "translation_error": round(torch.sqrt((x_p - x_t) ** 2 + (y_p - y_t) ** 2).mean().item(), 4)}


def encoder_scores(e, codes):
    acc = lambda a, b: round((a == b).float().mean().item(), 4)  # noqa: E731
    return {"n": len(codes["b"]),
            "accuracy": {"background": acc(e["b"].argmax(1), codes["b"]), "shape": acc(e["p"].argmax(1), codes["p"]),
                         "texture": acc(e["c"].argmax(1), codes["c"]), "colour": acc(e["colour"], codes["colour"]),
                         "pattern": acc(e["pattern"], codes["pattern"])},
            **pose_errors(e["z"], codes["z"])}


def true_render(d, i_bg, i_shape, i_tex, i_pose):
    """The renderer's image of (background of i_bg, shape of i_shape, texture of i_tex, pose of i_pose)."""
    f = {k: d[k][i_pose].copy() for k in ("azimuth_deg", "elevation_deg", "radius", "fov_deg", "present",
                                          "translation", "scale", "yaw_deg")}
    f["background"] = d["background"][i_bg].copy()
    f["shape"] = d["shape"][i_shape].copy()
    f["colour"] = d["colour"][i_tex].copy()
    f["texture"] = d["texture"][i_tex].copy()
    res = sc.check_resolution(d["rgb"].shape[1])
    parts = [render({k: v[i:i + 16] for k, v in f.items()}, res) for i in range(0, len(i_bg), 16)]
    return f, {k: np.concatenate([q[k] for q in parts]) for k in ("rgb", "mask")}


def mix_eval(gen, d, e, n_mix, seed=0):
    """Mixes of the split ``d`` whose images the encoder already read (``e``, from encode())."""
    rng = np.random.default_rng(seed)
    n = len(d["rgb"])
    quads = np.stack([rng.choice(n, 4, replace=False) for _ in range(n_mix)])
    f, out = true_render(d, quads[:, 0], quads[:, 1], quads[:, 2], quads[:, 3])
    true_rgb, true_mask, true_codes, _ = to_batch(dict(f, rgb=out["rgb"], mask=out["mask"]), np.arange(n_mix))
    with torch.no_grad():
        mixed = gen(e["z"][quads[:, 3]], e["b"][quads[:, 0]], e["p"][quads[:, 1]], e["c"][quads[:, 2]])["image"]
        from_true = gen(*gen_inputs(true_codes))["image"]
    sampler = Sampler()
    held = sum(1 for q in range(n_mix)
               if sampler.pair_bits(int(f["shape"][q, 0]), int(f["texture"][q, 0]), int(f["background"][q])))
    return (summarise(image_scores(mixed, true_rgb, true_mask), n_mix),
            summarise(image_scores(from_true, true_rgb, true_mask), n_mix), held, mixed, true_rgb, quads)


def write_mix_fixture(d, quads, true_rgb, mixed, out_dir, n_cases=4):
    """Source PNGs + true render of the first mixes, for the studio's own test of mixing (tests/engine):
    the studio must reach the same PSNR through its mixer code as PyTorch does here."""
    os.makedirs(out_dir, exist_ok=True)
    for old in os.listdir(out_dir):  # a rerun picks other images: leave no stale ones behind
        if old.endswith(".png"):
            os.remove(os.path.join(out_dir, old))
    cases = []
    for q in range(n_cases):
        names = {}
        for slot, j in zip(("background", "shape", "texture", "pose"), quads[q]):
            names[slot] = f"test_unseen_{int(d['index'][j]):04d}.png"
            Image.fromarray(d["rgb"][j]).save(os.path.join(out_dir, names[slot]))
        truth = f"mix{q}_truth.png"
        to_u8 = (true_rgb[q].permute(1, 2, 0).numpy() * 255 + 0.5).astype(np.uint8)
        Image.fromarray(to_u8).save(os.path.join(out_dir, truth))
        cases.append({"sources": names, "truth": truth,
                      "psnr_pytorch": round(psnr(mixed[q:q + 1], true_rgb[q:q + 1]).item(), 3)})
    mean = sum(c["psnr_pytorch"] for c in cases) / len(cases)
    spec = {"about": "four held-out renders -> encoder -> mixer -> generator vs the renderer's true image of the "
                     "mixed factors; written by python -m mnm.eval. The test passes when the mean PSNR of the "
                     "studio's result is >= min_mean_psnr (PyTorch's mean here minus 0.5 dB).",
            "model": "scenes-mixnmatch-128", "min_mean_psnr": round(mean - 0.5, 2), "cases": cases}
    with open(os.path.join(out_dir, "cases.json"), "w") as f:
        json.dump(spec, f, indent=2)
        f.write("\n")


def grid_png(rows, path):
    """rows: list of [N, 3, H, W] tensors -> one PNG, rows stacked."""
    img = torch.cat([torch.cat(list(r), 2) for r in rows], 1)
    Image.fromarray((img.clamp(0, 1).permute(1, 2, 0).numpy() * 255 + 0.5).astype(np.uint8)).save(path)


def sweeps(gen, out_dir):
    """One PNG per factor: rows = 2 base codes, columns = the factor's classes (pose: 6 seeds)."""
    g = torch.Generator().manual_seed(3)
    base = [dict(z=torch.randn(1, fx.Z_DIM, generator=g), b=one_hot(torch.tensor([k]), fx.N_B),
                 p=one_hot(torch.tensor([k + 1]), fx.N_P), c=one_hot(torch.tensor([5 + 9 * k]), fx.N_C)) for k in (0, 3)]
    specs = {"shape": ("p", fx.N_P), "texture": ("c", fx.N_C), "background": ("b", fx.N_B), "pose": ("z", 6)}
    for name, (key, count) in specs.items():
        rows = []
        for b0 in base:
            codes = {k: v.repeat(count, 1) for k, v in b0.items()}
            if key == "z":
                codes["z"] = torch.randn(count, fx.Z_DIM, generator=g)
            else:
                codes[key] = torch.eye(count)
            if name == "texture":  # 40 columns is too wide: 8 colours of the pattern stripes + 5 patterns
                pick = [8 * 2 + k for k in range(8)] + [8 * k + 5 for k in range(5)]
                codes = {k: v[: len(pick)] for k, v in codes.items()}
                codes["c"] = torch.eye(fx.N_C)[pick]
            with torch.no_grad():
                rows.append(gen(codes["z"], codes["b"], codes["p"], codes["c"])["image"])
        grid_png(rows, os.path.join(out_dir, f"sweep_{name}.png"))


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m mnm.eval", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True, help="the bundle folder (written by mnm.export)")
    p.add_argument("--n", type=int, default=1000, help="test images per split")
    p.add_argument("--mix", type=int, default=300, help="four-image mixes")
    p.add_argument("--no-fixture", action="store_true", help="do not write tests/fixtures/mix/<id>/ (smoke tests)")
    a = p.parse_args(argv)
    if not os.path.exists(os.path.join(a.out, "manifest.json")):
        print(f"error: {a.out} has no manifest.json: run mnm.export first", file=sys.stderr)
        return 2
    t0 = time.time()
    gen, enc, ck = load_models(a.run)
    targs = ck["train_args"]
    phases = f"{targs['steps']} joint steps"
    phases += f" + {targs['child_steps']} child-stage steps" if targs.get("child_steps") else ""
    phases += f" + {targs['encoder_steps']} encoder-only steps" if targs.get("encoder_steps") else ""
    metrics = {"weights": f"{a.run}/ckpt.pt step {ck['step']} (EMA generator; {phases}), "
                          f"{ck['elapsed_s'] / 3600:.2f} h of training", "step": ck["step"]}
    enc_block = {"step": ck["step"]}
    unseen_data = unseen_encoded = None
    for name, split in (("seen", "test_seen"), ("unseen", "test_unseen")):
        d = load_split(a.data, split, keys=KEYS + EXTRA_KEYS, limit=a.n)
        n = len(d["rgb"])
        rgb, mask, codes, _ = to_batch({k: v for k, v in d.items() if k != "held_out"}, np.arange(n))
        pred = batched(lambda sl: generate(gen, codes, sl), n)["image"]
        scores = image_scores(pred, rgb, mask)
        metrics[name] = dict(summarise(scores, n), source="disk")
        e = batched(lambda sl: encode(enc, rgb, sl), n)
        enc_block[name] = encoder_scores(e, codes)
        if name == "unseen":
            unseen_data, unseen_encoded = d, e
            metrics["unseen_by_pair"] = {}
            for bit, kind in PAIR_NAMES.items():
                sel = torch.from_numpy((d["held_out"] & bit) > 0)
                if sel.any():
                    metrics["unseen_by_pair"][kind] = {
                        "n": int(sel.sum()), "psnr": round(scores["psnr"][sel].mean().item(), 3),
                        "psnr_object": round(scores["psnr_object"][sel].mean().item(), 3)}
    enc_block["accuracy"] = enc_block["unseen"]["accuracy"]
    enc_block["note"] = "top-level accuracy is test_unseen; per split above"
    metrics["encoder"] = enc_block
    mix, mix_true, held, mixed, true_rgb, quads = mix_eval(gen, unseen_data, unseen_encoded, a.mix)
    metrics["mix"] = dict(mix, held_out_combinations=held,
                          about="background / shape / texture / pose from four different test_unseen images "
                                "(encoder) vs the renderer's image of that combination")
    metrics["mix_true_codes"] = dict(mix_true, about="same combinations from their true codes (generator only)")
    grid_png([mixed[:8], true_rgb[:8]], os.path.join(a.out, "mix_examples.png"))
    fixture = os.path.join(os.path.dirname(__file__), "..", "..", "..", "tests", "fixtures", "mix", MODEL_ID)
    if not a.no_fixture and os.path.isdir(os.path.dirname(os.path.dirname(fixture))):
        write_mix_fixture(unseen_data, quads, true_rgb, mixed, fixture)
    sweeps(gen, a.out)
    metrics["eval_seconds"] = round(time.time() - t0, 1)
    with open(os.path.join(a.out, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=2)
        f.write("\n")
    write_card(a.out, ck, metrics, gen)
    print(json.dumps({k: metrics[k] for k in ("seen", "unseen", "mix")}, indent=1))
    print("encoder", json.dumps(enc_block["unseen"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
