"""Train the GIRAFFE-HD-style generator on the scenes dataset, supervised by the true renders.

    cd models/recipes
    nohup /usr/bin/python3 -m train.giraffe --run runs/main --data data/v1 > runs/main.out 2>&1 &
    /usr/bin/python3 -m train.giraffe --run runs/main --resume            # continue (settings from the run)

Why supervised: every image has its true factors, so the generator gets exactly the camera, object
transforms and class codes that made the image, and learns the mapping factors -> pixels directly (no GAN
needed for geometry). Textures are sharpened by the gradient and random-feature perceptual terms
(losses.py). Progressive: the first ``--prog-steps`` train at half resolution (the renderer's RGB skip
output one octave early, against 2x2-averaged targets), which is ~40% cheaper per step and trains the MLPs
and the coarse renderer; then full resolution.

Writes runs/<name>/: config.json (generator config + train args), train.log (one line per --log-every
steps; "val" lines with PSNR on 32 test_seen + 32 test_unseen images, whole image / object pixels),
ckpt.pt (every --ckpt-minutes, atomic; resume continues from it), and val_*.npz (the cached val batch).
"""
import argparse
import json
import math
import os
import sys
import time

from . import env

torch = env.torch
import numpy as np  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from studio_models import GeneratorConfig  # noqa: E402
from . import ckpt as ckpt_io  # noqa: E402
from . import data as data_io  # noqa: E402
from . import deferred, factors, losses, metrics  # noqa: E402
from .model import EMA, build  # noqa: E402
from .presets import GROUND_Z, make_config  # noqa: E402


def parse(argv=None):
    p = argparse.ArgumentParser(prog="python -m train.giraffe", description=__doc__.split("\n")[0])
    p.add_argument("--run", required=True, help="run folder (created); holds ckpt.pt, train.log")
    p.add_argument("--data", default="data/v1", help="dataset root built by scenes.build")
    p.add_argument("--resume", action="store_true", help="continue the run from runs/<name>/ckpt.pt")
    p.add_argument("--overwrite", action="store_true", help="start over even if the run has a checkpoint")
    p.add_argument("--preset", default="hd128", help="generator config preset (train/presets.py)")
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--lr-min", type=float, default=2e-4, help="cosine floor reached at --steps")
    p.add_argument("--warmup", type=int, default=200)
    p.add_argument("--steps", type=int, default=20000, help="total steps (the lr schedule spans them)")
    p.add_argument("--stop-at", type=int, default=None,
                   help="stop (with a checkpoint) at this step, the lr schedule still spanning --steps")
    p.add_argument("--prog-steps", type=int, default=2500, help="steps at half resolution first (0: none)")
    p.add_argument("--obj-weight", type=float, default=3.0)
    p.add_argument("--w-grad", type=float, default=0.5)
    p.add_argument("--w-mask", type=float, default=0.5)
    p.add_argument("--w-perc", type=float, default=0.2)
    p.add_argument("--perc-from", type=int, default=1000, help="step at which the perceptual term starts")
    p.add_argument("--w-codes", type=float, default=1e-2, help="code-table scale penalty")
    p.add_argument("--init-from", default=None, help="warm start a new deferred run from this run's ckpt.pt (same-shape tensors)")
    p.add_argument("--reinit", nargs="*", default=[],
                   help="with --init-from: modules that start from their init instead (e.g. shading.ground_painter)")
    p.add_argument("--painter-steps", type=int, default=0,
                   help="deferred model: first train only the painters on the G-buffers (no volume render)")
    p.add_argument("--painter-frozen-codes", action="store_true",
                   help="painter phase: the code tables stay as they are (a warm start's fields were trained on them)")
    p.add_argument("--w-light", type=float, default=1.0, help="deferred: light-term L1")
    p.add_argument("--w-box", type=float, default=1.0, help="deferred: box point / opacity L1 on the ray grid")
    p.add_argument("--w-paint", type=float, default=0.5, help="deferred: painter BCE + albedo colour L1")
    p.add_argument("--atlas-lr-scale", type=float, default=10.0,
                   help="learning-rate factor of a ground atlas's texels (preset with ground_atlas)")
    p.add_argument("--ema", type=float, default=0.998)
    p.add_argument("--ckpt-minutes", type=float, default=5.0)
    p.add_argument("--log-every", type=int, default=20)
    p.add_argument("--val-every", type=int, default=250)
    p.add_argument("--val-n", type=int, default=32)
    p.add_argument("--refresh-every", type=int, default=200, help="steps between scans for new shards")
    p.add_argument("--max-shards", type=int, default=None)
    p.add_argument("--max-minutes", type=float, default=None, help="stop (with a checkpoint) after this")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    return p.parse_args(argv)


def lr_at(step, a):
    if step < a.warmup:
        return a.lr * (step + 1) / a.warmup
    t = min(1.0, (step - a.warmup) / max(1, a.steps - a.warmup))
    return a.lr_min + 0.5 * (a.lr - a.lr_min) * (1 + math.cos(math.pi * t))


def check_data(cfg: GeneratorConfig, data_root: str):
    dc = data_io.dataset_config(data_root)
    res = dc["res"]
    if res != cfg.img_size:
        raise SystemExit(f"error: the dataset is {res}x{res} but the generator renders {cfg.img_size}x"
                         f"{cfg.img_size}; build the data at {cfg.img_size} or pick another preset")
    gz = dc["scene"]["convention"]["ground_z"]
    if cfg.bg_ground_z is not None and abs(gz - cfg.bg_ground_z) > 1e-6:
        raise SystemExit(f"error: dataset ground_z {gz} != generator bg_ground_z {cfg.bg_ground_z}")
    if gz != GROUND_Z:
        raise SystemExit(f"error: dataset ground_z {gz} != presets.GROUND_Z {GROUND_Z}")
    return dc


def forward(gen, codes, b, n_up=None, aux=None):
    inp = dict(codes(factors.classes(b, gen.cfg.n_objects)), **factors.geometry(b, gen.cfg.n_objects))
    if aux is not None:
        aux["inputs"] = inp
        return gen(**inp, n_up=n_up, aux=aux)
    return gen(**inp, n_up=n_up)


@torch.no_grad()
def validate(gen, codes, val, batch=16, n_up=None):
    out = {}
    for name, v in val.items():
        n = len(v["rgb"])
        ps, po = [], []
        for i in range(0, n, batch):
            b = {k: x[i:i + batch] for k, x in v.items()}
            t = data_io.to_tensors(b)
            img, _ = forward(gen, codes, b, n_up)
            rgb, m = t["rgb"], t["mask"]
            if img.shape[-1] != rgb.shape[-1]:
                k = rgb.shape[-1] // img.shape[-1]
                rgb, m = F.avg_pool2d(rgb, k), F.avg_pool2d(m, k)
            ps.append(metrics.psnr(img, rgb)), po.append(metrics.psnr(img, rgb, m))
        out[name] = (float(torch.cat(ps).mean()), float(torch.cat(po).mean()))
    return out


def main(argv=None):
    a = parse(argv)
    env.setup(a.threads)
    os.makedirs(a.run, exist_ok=True)
    ck_path = os.path.join(a.run, "ckpt.pt")
    log_path = os.path.join(a.run, "train.log")
    ck = None
    if os.path.exists(ck_path) and not a.overwrite:
        if not a.resume:
            raise SystemExit(f"error: {ck_path} exists: pass --resume to continue or --overwrite to start over")
        ck = ckpt_io.load(ck_path)
        cli = {k: v for k, v in vars(a).items()
               if k in ("resume", "overwrite", "max_minutes", "stop_at", "threads", "data")}
        targs = dict(ck["train_args"])
        # settings given explicitly on the resume command line win (e.g. a longer --steps)
        explicit = {k.split("=")[0].lstrip("-").replace("-", "_") for k in (argv or sys.argv[1:]) if k.startswith("--")}
        for k in explicit:
            if k in vars(a):
                targs[k] = getattr(a, k)
        a = argparse.Namespace(**{**vars(a), **targs, **cli})   # flags newer than the run: their defaults
        cfg = GeneratorConfig(**ck["config"])
    elif a.resume and not os.path.exists(ck_path):
        raise SystemExit(f"error: --resume but {ck_path} does not exist")
    else:
        cfg = make_config(a.preset)
    check_data(cfg, a.data)

    torch.manual_seed(a.seed)
    gen, codes = build(cfg)
    if ck is None and a.init_from:
        if not cfg.deferred:
            raise SystemExit("error: --init-from warm-starts a deferred preset (e.g. --preset hd128d)")
        known = {name for name, _ in gen.named_modules()}
        unknown = [m for m in a.reinit if m not in known]
        if unknown:
            raise SystemExit(f"error: --reinit {unknown}: not modules of the generator")
        deferred.warm_start(gen, codes, ckpt_io.load(a.init_from), reinit=a.reinit)
    rf = losses.RandomFeatures()
    params = list(gen.parameters()) + list(codes.parameters())
    # a ground atlas's texels each learn from the few pixels near them: a larger step (its own group)
    fast = [p for n, p in gen.named_parameters() if n == "shading.ground_painter.maps"]
    groups = [dict(params=[p for p in params if all(p is not f for f in fast)])]
    groups += [dict(params=fast, lr_scale=a.atlas_lr_scale)] if fast else []
    opt = torch.optim.Adam(groups, lr=a.lr, betas=(0.9, 0.99))
    ema_g, ema_c = EMA(gen, a.ema), EMA(codes, a.ema)
    rng = np.random.default_rng(a.seed)
    step, elapsed, history = 0, 0.0, []
    if ck is not None:
        gen.load_state_dict(ck["gen"]), codes.load_state_dict(ck["codes"])
        ema_g.shadow.load_state_dict(ck["ema_gen"]), ema_c.shadow.load_state_dict(ck["ema_codes"])
        if "opt" in ck:
            opt.load_state_dict(ck["opt"])
        else:   # a committed snapshot that had to shed the optimizer (train/snapshot.py): fresh Adam moments
            print("resume: no optimizer state in the checkpoint (snapshot); Adam starts afresh", flush=True)
        step, elapsed, history = ck["step"], ck["elapsed_s"], ck.get("history", [])
        torch.set_rng_state(ck["torch_rng"])
        rng.bit_generator.state = ck["np_rng"]
    else:
        data_io.save_json(os.path.join(a.run, "config.json"), {"config": cfg.to_dict(), "train_args": vars(a)})

    pool = data_io.ShardPool(a.data, "train", max_shards=a.max_shards,
                             gbuf_keys=deferred.GBUF_KEYS if cfg.deferred else None)
    val = data_io.validation_set(a.run, a.data, n=a.val_n)
    log = open(log_path, "a")

    def say(msg):
        line = time.strftime("%H:%M:%S ") + msg
        log.write(line + "\n"), log.flush()
        print(line, flush=True)

    n_params = sum(p.numel() for p in gen.parameters())
    say(f"{'resume' if ck else 'start'} step {step} params {n_params} train images {len(pool)} "
        f"config {json.dumps(cfg.to_dict())}")

    def save():
        ckpt_io.save(ck_path, dict(config=cfg.to_dict(), train_args=vars(a), gen=gen.state_dict(),
                                   codes=codes.state_dict(), ema_gen=ema_g.shadow.state_dict(),
                                   ema_codes=ema_c.shadow.state_dict(), opt=opt.state_dict(), step=step,
                                   elapsed_s=elapsed, history=history, torch_rng=torch.get_rng_state(),
                                   np_rng=rng.bit_generator.state))

    autosave = ckpt_io.Autosave(save, a.ckpt_minutes, a.max_minutes, say)
    acc, acc_n, acc_t = {}, 0, 0.0
    gen.train()
    while step < min(a.steps, a.stop_at or a.steps):
        t0 = time.time()
        if step % a.refresh_every == 0 and step > 0:
            added = pool.refresh()
            if added:
                say(f"loaded {added} new shard(s): {len(pool)} train images")
        low = step < a.prog_steps and not cfg.deferred
        n_up = cfg.n_upsample - 1 if low else None
        res_now = cfg.img_size // 2 if low else cfg.img_size
        b = pool.batch(rng, a.batch)
        for g in opt.param_groups:
            g["lr"] = lr_at(step, a) * g.get("lr_scale", 1.0)
        if cfg.deferred and step < a.painter_steps:
            loss, parts = deferred.painter_step(gen, codes, b, deferred.numpy_rng_generator(rng),
                                                a.painter_frozen_codes)
            img, rgb = None, None
        else:
            t = data_io.to_tensors(b)
            rgb, m = t["rgb"], t["mask"]
            if low:
                rgb, m = F.avg_pool2d(rgb, 2), F.avg_pool2d(m, 2)
            aux = {} if cfg.deferred else None
            img, mask = forward(gen, codes, b, n_up, aux)
            w_perc = a.w_perc if step >= a.perc_from else 0.0
            loss, parts = losses.generator_loss(img, mask, rgb, m, obj_weight=a.obj_weight, w_grad=a.w_grad,
                                                w_mask=a.w_mask, w_perc=w_perc, rf=rf)
            if cfg.deferred:
                gb = deferred.gbuffer_tensors(b)
                geo = deferred.geometry_losses(aux, m, t["obj_mask"], gb, 2 ** cfg.n_upsample)
                paint = deferred.painter_losses(gen, aux["inputs"], rgb, m, t["obj_mask"], gb,
                                                deferred.numpy_rng_generator(rng), n_pixels=2048)
                loss = (loss + a.w_light * geo["light"] + a.w_box * geo["box"]
                        + a.w_paint * sum(paint.values()))
                parts.update(geo), parts.update(paint)
            loss = loss + a.w_codes * codes.scale_penalty()
        parts = {k: float(v) for k, v in parts.items()}
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        decay = min(a.ema, (1 + step) / (10 + step))
        ema_g.update(gen, decay), ema_c.update(codes, decay)
        step += 1
        dt = time.time() - t0
        elapsed += dt
        parts["loss"] = float(loss)
        for k, v in parts.items():
            acc[k] = acc.get(k, 0.0) + v
        acc_n += 1
        acc_t += dt
        if step % a.log_every == 0:
            with torch.no_grad():
                ps = float(metrics.psnr(img.detach(), rgb).mean()) if img is not None else float("nan")
            say(f"step {step} " + " ".join(f"{k} {v / acc_n:.4f}" for k, v in acc.items()) +
                f" train_psnr {ps:.2f} res {res_now} step_s {acc_t / acc_n:.3f} lr {lr_at(step, a):.2e}"
                f" imgs {len(pool)} hours {elapsed / 3600:.3f}")
            acc, acc_n, acc_t = {}, 0, 0.0
        if step % a.val_every == 0 or step == a.steps:
            r = validate(ema_g.shadow, ema_c.shadow, val, n_up=n_up)
            history.append(dict(step=step, hours=elapsed / 3600, res=res_now,
                                seen=r["seen"], unseen=r["unseen"]))
            say(f"val step {step} res {res_now} (ema) seen psnr {r['seen'][0]:.2f} obj {r['seen'][1]:.2f}"
                f" | unseen psnr {r['unseen'][0]:.2f} obj {r['unseen'][1]:.2f}")
        if autosave.should_stop():
            break
    save()
    say(f"saved {ck_path} at step {step}")


if __name__ == "__main__":
    main()
