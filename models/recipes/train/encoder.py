"""Train the encoder (image -> classes, codes, camera, object poses) and measure it.

    cd models/recipes
    nohup /usr/bin/python3 -m train.encoder --run runs/main --data data/v1 > runs/main.encoder.out 2>&1 &
    /usr/bin/python3 -m train.encoder --run runs/main --resume

Why generator renders: a classifier trained only on the dataset learns the correlations of its training
split (PROBES: 85% shape accuracy on seen combinations, 57% on unseen ones): held-out pairs never appear, so
"checker" can come to mean "not a sphere". The generator composes factors independently, so every batch
mixes dataset images with ``--gen-frac`` generator renders of uniformly random (shape, colour, texture,
background) combinations, held-out pairs included, at random poses from the trained ranges. The generator
is reloaded from runs/<name>/ckpt.pt (EMA weights) every ``--reload-every`` steps, so it improves as the
generator trains. (Only the generator's renders show held-out pairs; the true renderer never does.)

Loss: per image, the cheaper of the two assignments of the 2 predicted object slots to the 2 true slots
(presence BCE; for present objects: cross-entropy on shape, colour, texture; L1 on translation, scale;
0.2 x L1 on yaw cos/sin) + background cross-entropy + L1 on camera azimuth cos/sin, elevation, radius.
Writes runs/<name>/encoder.pt (atomic, every --ckpt-minutes) and encoder.log.
"""
import argparse
import math
import os
import sys
import time

from . import env

torch = env.torch
import numpy as np  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from scenes import config as sc  # noqa: E402
from scenes.sampling import Sampler  # noqa: E402
from . import ckpt as ckpt_io, data as data_io, factors  # noqa: E402
from .encoder_model import (Encoder, GLOB_SLICES, N_COLOUR, N_SHAPE, N_TEXTURE, OBJ_SLICES, norm_range,  # noqa: E402
                            part)
from .model import from_checkpoint  # noqa: E402


def parse(argv=None):
    p = argparse.ArgumentParser(prog="python -m train.encoder", description=__doc__.split("\n")[0])
    p.add_argument("--run", required=True, help="generator run folder (encoder.pt goes there)")
    p.add_argument("--data", default="data/v1")
    p.add_argument("--generator", default=None,
                   help="generator checkpoint whose renders it trains on (default: <run>/ckpt.pt; the encoder reads "
                        "images only, so one trained on another run's renders serves this run)")
    p.add_argument("--resume", action="store_true")
    p.add_argument("--overwrite", action="store_true")
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--gen-frac", type=float, default=0.5, help="share of each batch rendered by the generator")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--steps", type=int, default=6000)
    p.add_argument("--width", type=float, default=1.0)
    p.add_argument("--crop", type=int, default=64, help="crop stage size (0: global CNN only, the first design)")
    p.add_argument("--crop-noise", type=float, default=0.06,
                   help="std of the translation noise (world units) of the true-pose crops in training")
    p.add_argument("--init-from", default=None,
                   help="start from another encoder.pt (every tensor of the same shape, e.g. the global stage)")
    p.add_argument("--reload-every", type=int, default=500)
    p.add_argument("--ckpt-minutes", type=float, default=5.0)
    p.add_argument("--log-every", type=int, default=20)
    p.add_argument("--val-every", type=int, default=500)
    p.add_argument("--max-shards", type=int, default=None)
    p.add_argument("--max-minutes", type=float, default=None)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    return p.parse_args(argv)


# ---------------------------------------------------------------------------------------------- targets
def targets(f):
    """Factor arrays -> normalised target tensors."""
    t = factors.classes(f, 2)
    az = np.radians(np.asarray(f["azimuth_deg"], np.float64))
    yaw = np.radians(np.asarray(f["yaw_deg"], np.float64))
    tr = np.asarray(f["translation"], np.float32)
    return dict(
        t, present=torch.as_tensor(np.asarray(f["present"]).astype(np.float32)),
        az=torch.as_tensor(np.stack([np.cos(az), np.sin(az)], -1), dtype=torch.float32),
        elev=torch.as_tensor(norm_range(np.asarray(f["elevation_deg"], np.float32), "elevation_deg"))[:, None],
        radius=torch.as_tensor(norm_range(np.asarray(f["radius"], np.float32), "radius"))[:, None],
        txy=torch.as_tensor(norm_range(tr[..., :2], "translation_xy")),
        scale=torch.as_tensor(norm_range(np.asarray(f["scale"], np.float32), "scale"))[..., None],
        yaw=torch.as_tensor(np.stack([np.cos(yaw), np.sin(yaw)], -1), dtype=torch.float32))


def slot_cost(obj, tg, i, j):
    """[B] cost of predicted slot i explaining true slot j."""
    pres = tg["present"][:, j]
    c = F.binary_cross_entropy_with_logits(part(obj[:, i], OBJ_SLICES, "present")[:, 0], pres, reduction="none")
    cls = (F.cross_entropy(part(obj[:, i], OBJ_SLICES, "shape"), tg["shape"][:, j], reduction="none")
           + F.cross_entropy(part(obj[:, i], OBJ_SLICES, "colour"), tg["colour"][:, j], reduction="none")
           + F.cross_entropy(part(obj[:, i], OBJ_SLICES, "texture"), tg["texture"][:, j], reduction="none"))
    geo = ((part(obj[:, i], OBJ_SLICES, "txy") - tg["txy"][:, j]).abs().sum(-1)
           + (part(obj[:, i], OBJ_SLICES, "scale") - tg["scale"][:, j]).abs().sum(-1)
           + 0.2 * (part(obj[:, i], OBJ_SLICES, "yaw") - tg["yaw"][:, j]).abs().sum(-1))
    return c + pres * (cls + geo)


def crop_geometry(f, rng, noise):
    """True camera and object poses in world units (as encoder_model.physical_geometry), translations and
    scales jittered by about the global stage's error, for the crop stage's true-pose crops."""
    az = np.radians(np.asarray(f["azimuth_deg"], np.float64))
    tr = np.asarray(f["translation"], np.float32)[..., :2]
    sc_ = np.asarray(f["scale"], np.float32)[..., None]
    tr = tr + rng.normal(0, noise, tr.shape).astype(np.float32)
    sc_ = sc_ * (1.0 + rng.normal(0, 0.05, sc_.shape)).astype(np.float32)
    t = lambda x: torch.as_tensor(np.asarray(x, np.float32))  # noqa: E731
    return (t(np.stack([np.cos(az), np.sin(az)], -1)), t(f["elevation_deg"])[:, None], t(f["radius"])[:, None],
            t(tr), t(sc_))


def crop_loss(c, tg):
    """Cross-entropy of the true-pose crops' classes (+ 0.2 x yaw L1) on present slots (no matching needed:
    crop j was cut at true object j)."""
    pres = tg["present"]
    a, b, d = N_SHAPE, N_SHAPE + N_COLOUR, N_SHAPE + N_COLOUR + N_TEXTURE
    ce = lambda x, y: F.cross_entropy(x.reshape(-1, x.shape[-1]), y.reshape(-1), reduction="none")  # noqa: E731
    per = (ce(c[..., :a], tg["shape"]) + ce(c[..., a:b], tg["colour"]) + ce(c[..., b:d], tg["texture"])
           + 0.2 * (c[..., d:] - tg["yaw"]).abs().sum(-1).reshape(-1))
    w = pres.reshape(-1)
    return (per * w).sum() / w.sum().clamp_min(1.0)


def loss_fn(obj, glob, tg):
    a = slot_cost(obj, tg, 0, 0) + slot_cost(obj, tg, 1, 1)
    b = slot_cost(obj, tg, 0, 1) + slot_cost(obj, tg, 1, 0)
    objl = torch.minimum(a, b).mean()
    gl = (F.cross_entropy(part(glob, GLOB_SLICES, "background"), tg["background"])
          + (part(glob, GLOB_SLICES, "azimuth") - tg["az"]).abs().sum(-1).mean()
          + (part(glob, GLOB_SLICES, "elevation") - tg["elev"]).abs().mean()
          + (part(glob, GLOB_SLICES, "radius") - tg["radius"]).abs().mean())
    return objl + gl, float(objl), float(gl)


# ------------------------------------------------------------------------------------- generator data
class GeneratorSource:
    """Random factor combinations (held-out pairs included) rendered by the current generator."""

    def __init__(self, path, seed):
        self.path, self.sampler, self.rng = path, Sampler(), np.random.default_rng(seed + 77)
        self.reload()

    def reload(self):
        ck = ckpt_io.load(self.path)
        self.cfg, self.gen, self.codes = from_checkpoint(ck, ema=True)
        self.gen_step = ck["step"]

    def factors(self, n):
        idx = self.rng.integers(0, 2 ** 31, size=n)
        f = self.sampler.sample(int(self.rng.integers(1 << 30)), "train", idx)
        f["shape"] = self.rng.integers(0, len(sc.SHAPES), size=(n, 2)).astype(np.int8)
        f["colour"] = self.rng.integers(0, len(sc.COLOURS), size=(n, 2)).astype(np.int8)
        f["texture"] = self.rng.integers(0, len(sc.TEXTURES), size=(n, 2)).astype(np.int8)
        f["background"] = self.rng.integers(0, len(sc.BACKGROUNDS), size=n).astype(np.int8)
        return f

    @torch.no_grad()
    def batch(self, n):
        f = self.factors(n)
        inp = dict(self.codes(factors.classes(f, 2)), **factors.geometry(f, 2))
        img, _ = self.gen(**inp)
        return img, f


# ------------------------------------------------------------------------------------------ evaluation
@torch.no_grad()
def predict(enc, images, batch=64):
    objs, globs = [], []
    for i in range(0, len(images), batch):
        o, g = enc(images[i:i + batch])
        objs.append(o), globs.append(g)
    return torch.cat(objs), torch.cat(globs)


def ang_err(pred_cs, true_deg):
    p = torch.rad2deg(torch.atan2(pred_cs[..., 1], pred_cs[..., 0]))
    d = (p - torch.as_tensor(np.asarray(true_deg, np.float32)) + 180.0) % 360.0 - 180.0
    return d.abs()


@torch.no_grad()
def evaluate(enc, d):
    """Accuracy per factor over every present true object (matched to predicted slots by position only),
    background accuracy, camera and pose errors."""
    enc.eval()
    imgs = data_io.to_tensors({"rgb": d["rgb"], "mask": d["mask"]})["rgb"]
    obj, glob = predict(enc, imgs)
    tg = targets(d)
    pxy = part(obj, OBJ_SLICES, "txy")
    cost_a = (pxy[:, 0] - tg["txy"][:, 0]).norm(dim=-1) + tg["present"][:, 1] * (pxy[:, 1] - tg["txy"][:, 1]).norm(dim=-1)
    cost_b = (pxy[:, 1] - tg["txy"][:, 0]).norm(dim=-1) + tg["present"][:, 1] * (pxy[:, 0] - tg["txy"][:, 1]).norm(dim=-1)
    swap = cost_b < cost_a
    perm = torch.stack([swap.long(), 1 - swap.long()], 1)                 # predicted slot for true slot j
    matched = obj[torch.arange(len(obj))[:, None], perm]                 # [B,2,OUT]
    pres = tg["present"] > 0
    acc = {}
    for k in ("shape", "colour", "texture"):
        ok = part(matched, OBJ_SLICES, k).argmax(-1) == tg[k]
        acc[k] = float(ok[pres].float().mean())
    both = (part(matched, OBJ_SLICES, "colour").argmax(-1) == tg["colour"]) & \
           (part(matched, OBJ_SLICES, "texture").argmax(-1) == tg["texture"])
    acc["appearance"] = float(both[pres].float().mean())
    acc["background"] = float((part(glob, GLOB_SLICES, "background").argmax(-1) == tg["background"]).float().mean())
    p_pres = (part(obj, OBJ_SLICES, "present")[..., 0] > 0).sum(1)
    acc["object_count"] = float((p_pres == pres.sum(1)).float().mean())
    az = ang_err(part(glob, GLOB_SLICES, "azimuth"), d["azimuth_deg"])
    lo, hi = sc.RANGES["elevation_deg"]
    el = (part(glob, GLOB_SLICES, "elevation")[:, 0] - tg["elev"][:, 0]).abs() * (hi - lo) / 2
    lo, hi = sc.RANGES["radius"]
    rad = (part(glob, GLOB_SLICES, "radius")[:, 0] - tg["radius"][:, 0]).abs() * (hi - lo) / 2
    lo, hi = sc.RANGES["translation_xy"]
    terr = (part(matched, OBJ_SLICES, "txy") - tg["txy"]).norm(dim=-1)[pres] * (hi - lo) / 2
    lo, hi = sc.RANGES["scale"]
    serr = (part(matched, OBJ_SLICES, "scale")[..., 0] - tg["scale"][..., 0]).abs()[pres] * (hi - lo) / 2
    yerr = ang_err(part(matched, OBJ_SLICES, "yaw"), d["yaw_deg"])[pres]
    med = lambda x: round(float(x.median()), 3)  # noqa: E731
    return dict(n=len(imgs), accuracy={k: round(v, 4) for k, v in acc.items()},
                azimuth_error_deg=med(az), azimuth_error_mean_deg=round(float(az.mean()), 3),
                elevation_error_deg=med(el), radius_error=med(rad), translation_error=med(terr),
                scale_error=med(serr), yaw_error_deg=med(yerr))


def load_encoder(run, img_size):
    eck = torch.load(os.path.join(run, "encoder.pt"), map_location="cpu")
    enc = Encoder(img_size=img_size, **eck.get("arch", {}))
    enc.load_state_dict(eck["model"])
    return enc.eval(), eck


def evaluate_run(run, data_root, n=1000, gen_codes=None):
    """Encoder metrics on test_seen / test_unseen (for metrics.json)."""
    from .eval import test_split
    dc = data_io.dataset_config(data_root)
    enc, eck = load_encoder(run, dc["res"])
    out = {"step": eck["step"]}
    for name, split in (("seen", "test_seen"), ("unseen", "test_unseen")):
        d, _ = test_split(data_root, split, n, dc["seed"], dc.get("shapes"))
        out[name] = evaluate(enc, d)
    keys = ("shape", "colour", "texture", "appearance", "background")
    out["accuracy"] = {k: out["unseen"]["accuracy"][k] for k in keys}
    out["azimuth_error_deg"] = out["unseen"]["azimuth_error_deg"]
    out["note"] = "top-level accuracy / azimuth_error_deg are test_unseen; per split below"
    return out


# ------------------------------------------------------------------------------------------------ main
def main(argv=None):
    a = parse(argv)
    env.setup(a.threads)
    path = os.path.join(a.run, "encoder.pt")
    dc = data_io.dataset_config(a.data)
    enc = Encoder(img_size=dc["res"], width=a.width, crop=a.crop)
    if a.init_from and not (os.path.exists(path) and not a.overwrite):
        src_sd = ckpt_io.load(a.init_from)["model"]
        own = enc.state_dict()
        same = {k: v for k, v in src_sd.items() if k in own and own[k].shape == v.shape}
        own.update(same)
        enc.load_state_dict(own)
        print(f"init from {a.init_from}: {len(same)} of {len(own)} tensors", flush=True)
    opt = torch.optim.Adam(enc.parameters(), lr=a.lr)
    rng = np.random.default_rng(a.seed)
    step, elapsed = 0, 0.0
    if os.path.exists(path) and not a.overwrite:
        if not a.resume:
            raise SystemExit(f"error: {path} exists: pass --resume to continue or --overwrite to start over")
        eck = ckpt_io.load(path)
        enc = Encoder(img_size=dc["res"], **eck["arch"])
        enc.load_state_dict(eck["model"])
        a.crop = enc.crop  # the run's architecture, not the flag's default
        opt = torch.optim.Adam(enc.parameters(), lr=a.lr)
        if "opt" in eck:
            opt.load_state_dict(eck["opt"])
        else:  # a committed snapshot keeps the encoder's weights only (train/snapshot.py): fresh Adam moments
            print("resume: no optimizer state in encoder.pt (snapshot); Adam starts afresh", flush=True)
        step, elapsed = eck["step"], eck["elapsed_s"]
        rng.bit_generator.state = eck["np_rng"]
        torch.set_rng_state(eck["torch_rng"])
    gen_path = a.generator or os.path.join(a.run, "ckpt.pt")
    if not os.path.exists(gen_path):
        raise SystemExit(f"error: {gen_path} not found: the encoder trains on generator renders too")
    os.makedirs(a.run, exist_ok=True)   # a run of its own when --generator names another run's checkpoint
    pool = data_io.ShardPool(a.data, "train", keys=data_io.KEYS[:1] + data_io.FACTOR_KEYS, max_shards=a.max_shards)
    src = GeneratorSource(gen_path, a.seed)
    val = data_io.validation_set(a.run, a.data, n=32)
    log = open(os.path.join(a.run, "encoder.log"), "a")

    def say(msg):
        line = time.strftime("%H:%M:%S ") + msg
        log.write(line + "\n"), log.flush()
        print(line, flush=True)

    def save():
        ckpt_io.save(path, dict(arch=dict(width=a.width, crop=a.crop), model=enc.state_dict(), opt=opt.state_dict(), step=step,
                                elapsed_s=elapsed, np_rng=rng.bit_generator.state, torch_rng=torch.get_rng_state(),
                                gen_step=src.gen_step, train_args=vars(a)))

    say(f"{'resume' if step else 'start'} encoder step {step}, {sum(p.numel() for p in enc.parameters())} params, "
        f"{len(pool)} dataset images, generator step {src.gen_step}")
    n_gen = int(round(a.batch * a.gen_frac))
    autosave = ckpt_io.Autosave(save, a.ckpt_minutes, a.max_minutes, say)
    acc = [0.0, 0.0, 0.0, 0.0]
    while step < a.steps:
        t0 = time.time()
        if step % a.reload_every == 0 and step > 0:
            pool.refresh()
            src.reload()
        b = pool.batch(rng, a.batch - n_gen)
        imgs = [torch.from_numpy(np.ascontiguousarray(b["rgb"])).permute(0, 3, 1, 2).float() / 255.0]
        fs = [b]
        if n_gen:
            gi, gf = src.batch(n_gen)
            imgs.append(gi), fs.append(gf)
        f = {k: np.concatenate([x[k] for x in fs]) for k in data_io.FACTOR_KEYS if k != "held_out"}
        x = torch.cat(imgs)
        lr = a.lr * min(1.0, (step + 1) / 200) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, step / a.steps))))
        for g in opt.param_groups:
            g["lr"] = lr
        enc.train()
        tg = targets(f)
        if enc.crop:
            obj, glob, c = enc(x, crop_geometry(f, rng, a.crop_noise))
            loss, lo, lg = loss_fn(obj, glob, tg)
            lc = crop_loss(c, tg)
            loss, lo = loss + lc, lo + float(lc)
        else:
            obj, glob = enc(x)
            loss, lo, lg = loss_fn(obj, glob, tg)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        step += 1
        dt = time.time() - t0
        elapsed += dt
        acc = [acc[0] + float(loss), acc[1] + lo, acc[2] + lg, acc[3] + dt]
        if step % a.log_every == 0:
            n = a.log_every
            say(f"enc step {step} loss {acc[0] / n:.4f} obj {acc[1] / n:.4f} glob {acc[2] / n:.4f} "
                f"step_s {acc[3] / n:.3f} lr {lr:.2e} gen_step {src.gen_step}")
            acc = [0.0, 0.0, 0.0, 0.0]
        if step % a.val_every == 0 or step == a.steps:
            for name in ("seen", "unseen"):
                r = evaluate(enc, val[name])
                say(f"enc val step {step} {name}: " + " ".join(f"{k} {v:.3f}" for k, v in r["accuracy"].items())
                    + f" az_err {r['azimuth_error_deg']:.1f} el_err {r['elevation_error_deg']:.1f}"
                    f" t_err {r['translation_error']:.3f}")
        if autosave.should_stop():
            break
    save()
    say(f"saved {path} at step {step}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
