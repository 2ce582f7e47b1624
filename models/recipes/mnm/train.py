"""Train the MixNMatch-style generator and its encoder together, supervised, on the "single" scenes data.

    /usr/bin/python3 -m mnm.train --run runs/mnm --data data/single --steps 12000      # fresh
    /usr/bin/python3 -m mnm.train --run runs/mnm --data data/single --resume            # continue

Why supervised: the renderer knows every factor of every image, so the codes are known and the stages can
be fitted directly (the issue allows supervised and/or adversarial); on two CPU cores this reaches the
targets in hours where a GAN would need days. The losses keep FineGAN's stage roles: the background stage
sees only background pixels, the parent stage's mask and G-buffers (box point, light terms) are fitted to
the renderer's (scenes.gbuffers: run it on the dataset first), the child stage's composite to the image
itself, with object pixels weighted up (they are ~15% of the frame but what a user looks at).

Every step trains the generator (batch --batch) and the encoder (--enc-batch) once. Checkpoints
(runs/<run>/ckpt.pt, atomic) every --ckpt-minutes and at the end hold both models, their optimizers, the
EMA generator, the RNG states and the step, so --resume continues the same run; a --steps given on a resume
command line extends it.
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
import torch.nn.functional as F  # noqa: E402

from scenes.gbuffers import dequantise, load_gbuffers, shown_albedo  # noqa: E402
from scenes.shards import load_split, read_json  # noqa: E402
from train import ckpt as ckpt_io  # noqa: E402
from train.metrics import psnr  # noqa: E402

from . import factors as fx  # noqa: E402
from .model import PRESETS, Encoder, Generator, TexturePainter, one_hot, split_texture_code  # noqa: E402

KEYS = ("rgb", "mask", "background", "shape", "colour", "texture", "translation", "scale", "yaw_deg")


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog="python -m mnm.train", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--preset", default="mnm128", choices=sorted(PRESETS))
    p.add_argument("--steps", type=int, default=None, help="total steps (default 12000)")
    p.add_argument("--child-steps", type=int, default=None,
                   help="after --steps, this many steps train only the child stage (painter and colour tables) on "
                        "the true G-buffers, --child-batch images x 512 pixels a step: cheap, no image renders "
                        "(default 0)")
    p.add_argument("--encoder-steps", type=int, default=None,
                   help="after those, this many steps train only the encoder on the finished generator's renders "
                        "(default 0)")
    p.add_argument("--batch", type=int, default=None, help="generator batch (default 24)")
    p.add_argument("--enc-batch", type=int, default=None, help="encoder batch (default 32)")
    p.add_argument("--lr", type=float, default=None, help="Adam learning rate (default 1e-3)")
    p.add_argument("--ckpt-minutes", type=float, default=5.0)
    p.add_argument("--val-every", type=int, default=250)
    p.add_argument("--val-n", type=int, default=64, help="validation images per split")
    p.add_argument("--enc-gen-from", type=int, default=1000,
                   help="from this step on, half of each encoder batch is generator renders of random codes")
    p.add_argument("--paint-from", type=int, default=0,
                   help="from this step on, the child stage is also fitted on the renderer's true G-buffers")
    p.add_argument("--note", default=None, help="a change made at this point of the run, kept in the checkpoint "
                   "and listed in the model card")
    p.add_argument("--resume", action="store_true")
    p.add_argument("--reinit-child", action="store_true",
                   help="on --resume: restart the child stage (painter and colour tables, init_colours) in the "
                        "generator and its EMA, keeping the parent and background stages and the encoder")
    return p.parse_args(argv)


DEFAULTS = {"steps": 12000, "child_steps": 0, "encoder_steps": 0, "batch": 24, "enc_batch": 32, "lr": 1e-3}
CHILD_BATCH, CHILD_PIXELS, CHILD_EMA = 64, 512, 0.99  # the child-only phase: images, pixels each, EMA decay
ENCODER_PHASE_LR = 0.3  # x --lr: the encoder-only phase starts below the joint phase's rate, then decays the same way


def load_train(root):
    cfg = read_json(os.path.join(root, "config.json"))
    if cfg.get("layout") != fx.LAYOUT:
        raise SystemExit(f"error: {root} was built with layout {cfg.get('layout', 'scenes')!r}; the "
                         f"MixNMatch-style model needs --layout {fx.LAYOUT} (see mnm/README.md)")
    if not os.path.exists(os.path.join(root, "index.json")):
        raise SystemExit(f"error: {root} is not complete yet (no index.json): wait for scenes.build")
    return cfg, load_split_with_gbuffers(root, "train")


def load_split_with_gbuffers(root, split, limit=None):
    """Images, factors and G-buffers (under "gbuf_*" keys) of a split, in one dict."""
    try:
        gb = load_gbuffers(root, split, limit)
    except FileNotFoundError as e:
        raise SystemExit(f"error: {e}")
    d = load_split(root, split, keys=KEYS, limit=limit)
    d.update({"gbuf_" + k: v for k, v in gb.items()})
    return d


def to_batch(d, idx):
    """(rgb, mask, codes, gbuffers): images [B, C, H, W] in [0, 1], codes as in factors.batch_codes,
    G-buffers {"box", "diffuse", "spec"} as [B, C, H, W] floats (None where ``d`` has none, e.g. in eval)."""
    b = {k: v[idx] for k, v in d.items()}
    rgb = torch.from_numpy(np.ascontiguousarray(b["rgb"])).permute(0, 3, 1, 2).float() / 255.0
    mask = torch.from_numpy(np.ascontiguousarray(b["mask"]))[:, None].float() / 255.0
    gbuf = None
    if "gbuf_box" in b:
        gbuf = {}
        for name in ("box", "diffuse", "spec"):
            v = torch.from_numpy(dequantise(name, b["gbuf_" + name]))
            gbuf[name] = v.permute(0, 3, 1, 2) if v.dim() == 4 else v[:, None]
    return rgb, mask, fx.batch_codes(b), gbuf


def gen_inputs(codes):
    return (codes["z"], one_hot(codes["b"], fx.N_B), one_hot(codes["p"], fx.N_P), one_hot(codes["c"], fx.N_C))


def init_background(gen, d, n=4000):
    """Start each class's background image at the mean of its training pixels that no object covers."""
    with torch.no_grad():
        for k in range(fx.N_B):
            idx = np.nonzero(d["background"][:n] == k)[0]
            if len(idx) == 0:
                continue
            rgb = torch.from_numpy(d["rgb"][idx]).permute(0, 3, 1, 2).float() / 255.0
            free = 1.0 - torch.from_numpy(d["mask"][idx])[:, None].float() / 255.0
            mean = (rgb * free).sum(0) / free.sum(0).clamp_min(1e-3)
            gen.bg_table[k].copy_(F.interpolate(mean[None], size=gen.res, mode="bilinear",
                                                align_corners=False)[0] if mean.shape[-1] != gen.res else mean)


def init_colours(gen, d, n=6000):
    """Start the child stage's two colour tables at the data's two albedo clusters per colour class.

    Why: the painter's weight field w means "second colour here" for every colour class alike, but the
    second colour is lighter than the first for some classes (cream on red) and darker for others (ink on
    yellow). From a shared start (both tables flat) training fell into "second = a darker first" for all
    classes, where no w can draw a light checker on red, and patterns stayed unlearned (object PSNR 10 dB on
    checkers at step 1400). The albedo of a fully covered pixel is (rgb - specular) / diffuse from its
    G-buffers; per colour class the first colour is the median albedo of plain ("solid", pattern 0) objects,
    the second the median of patterned objects' albedos far (> 0.3) from the first.
    """
    with torch.no_grad():
        rgb, mask, codes, gbuf = to_batch(d, np.arange(min(n, len(d["rgb"]))))
        lit = (mask[:, 0] > 0.99) & (gbuf["diffuse"][:, 0] > 0.3)
        albedo = shown_albedo(rgb, gbuf).permute(0, 2, 3, 1)  # [n, H, W, 3]
        for k in range(fx.N_COLOURS):
            mine = codes["colour"] == k
            plain = albedo[lit & (mine & (codes["pattern"] == 0))[:, None, None]]
            if len(plain) == 0:
                continue
            first = plain.median(0).values
            gen.primary[k].copy_(first)
            other = albedo[lit & (mine & (codes["pattern"] != 0))[:, None, None]]
            other = other[(other - first).norm(dim=1) > 0.3]
            if len(other):
                gen.secondary[k].copy_(other.median(0).values)


def generator_loss(out, rgb, mask, gbuf):
    near = F.max_pool2d(mask, 5, stride=1, padding=2)
    w = 1.0 + 4.0 * near
    bce = lambda p, t: F.binary_cross_entropy(p.clamp(1e-4, 1 - 1e-4), t)  # noqa: E731
    parts = {
        "img": ((out["image"] - rgb).abs() * w).mean() + 2.0 * ((out["image"] - rgb) ** 2 * w).mean(),
        "mask": bce(out["mask"], mask),
        # both sides premultiplied by coverage, so edges compare like with like
        "box": 0.5 * ((out["box"] - gbuf["box"]).abs() * w).mean(),
        "light": ((out["diffuse"] - gbuf["diffuse"]).abs() * w).mean()
        + ((out["spec"] - gbuf["spec"]).abs() * w).mean(),
        "bg": ((out["background"] - rgb).abs() * (1.0 - near)).mean(),
    }
    return sum(parts.values()), parts


def painter_loss(gen, rgb, mask, gbuf, c, n=256):
    """The child stage on the renderer's true G-buffers at n object pixels per image: L1 of
    albedo(c, true box point) * true diffuse + true specular against the image, plus a BCE of the weight
    field's logits against the weight each pixel shows (``weight_target``).

    Why: through the parent's predicted box points alone the painter learns a pattern only as fast as the
    parent learns geometry (at step 1000 stripes were forming, dots and checkers were not); on the true
    points it learns each pattern as the function of the box point it is. Only fully covered pixels (mask
    > 0.99), so the premultiplied buffers are the plain values there. The BCE is on logits because the L1
    passes through a sigmoid: in the first two-tone run the dots field saturated at "no dot" everywhere and
    its gradient vanished for good (dots object PSNR flat at 14.9 dB over 600 painter-only steps).
    """
    full = (mask[:, 0] > 0.99).flatten(1).float() + 1e-6       # a tiny weight elsewhere: never an empty draw
    idx = torch.multinomial(full, n, replacement=True)[:, None, :]  # [B, 1, n]
    take = lambda x: x.flatten(2).gather(2, idx.expand(-1, x.shape[1], -1))  # noqa: E731
    sub = {k: take(v) for k, v in gbuf.items()}
    albedo, logits = gen.albedo(sub["box"][:, :, None, :], c, with_logits=True)
    target = take(rgb)
    pred = albedo[:, :, 0, :] * sub["diffuse"] + sub["spec"]
    w = weight_target(gen, target, sub, c)
    return (pred - target).abs().mean() + F.binary_cross_entropy_with_logits(logits[:, :, 0, :], w)


def weight_target(gen, rgb, gbuf, c):
    """The second colour's weight a pixel shows, [B, 1, n] in [0, 1]: its albedo (rgb - specular) / diffuse
    projected onto the segment from the class's first colour to its second (the learned tables, detached)."""
    colour = split_texture_code(c)[1]
    first, second = (colour @ gen.primary).detach()[:, :, None], (colour @ gen.secondary).detach()[:, :, None]
    albedo = shown_albedo(rgb, gbuf)
    d = second - first
    return (((albedo - first) * d).sum(1, keepdim=True) / (d * d).sum(1, keepdim=True).clamp_min(1e-6)).clamp(0, 1)


def encoder_loss(out, codes):
    parts = {
        "b": F.cross_entropy(out["b"], codes["b"]), "p": F.cross_entropy(out["p"], codes["p"]),
        "colour": F.cross_entropy(out["colour"], codes["colour"]),
        "pattern": F.cross_entropy(out["pattern"], codes["pattern"]),
        "z": F.mse_loss(out["z"], codes["z"]),
    }
    return sum(parts.values()), parts


def random_codes(n, rng):
    """Uniform classes over every combination (held-out ones included) and a standard-normal pose."""
    b = rng.integers(0, fx.N_B, n)
    p = rng.integers(0, fx.N_P, n)
    colour, pattern = rng.integers(0, fx.N_COLOURS, n), rng.integers(0, fx.N_PATTERNS, n)
    t = lambda a: torch.from_numpy(a.astype(np.int64))  # noqa: E731
    z = torch.from_numpy(rng.standard_normal((n, fx.Z_DIM)).astype(np.float32))
    # the encoder's pose target is the code's meaning: the yaw direction at the typical length
    z[:, :2] = fx.RAYLEIGH_MEAN * z[:, :2] / z[:, :2].norm(dim=1, keepdim=True).clamp_min(1e-6)
    z[:, 2:] = z[:, 2:].clamp(-fx.Z_CLIP, fx.Z_CLIP)
    return {"b": t(b), "p": t(p), "c": t(fx.texture_class(colour, pattern)), "colour": t(colour),
            "pattern": t(pattern), "z": z}


def encoder_batch(data, ema, rng, n, use_generated):
    """Real images, and (MixNMatch's recipe) renders of random codes, so the encoder sees every combination."""
    n_gen = n // 2 if use_generated else 0
    rgb, _, codes, _ = to_batch(data, rng.integers(0, len(data["rgb"]), size=n - n_gen))
    if n_gen == 0:
        return rgb, codes
    fake = random_codes(n_gen, rng)
    with torch.no_grad():
        img = ema(*gen_inputs(fake), gbuffers=False)["image"]
    return torch.cat([rgb, img]), {k: torch.cat([codes[k], fake[k]]) for k in codes}


CROP_JITTER = 0.15  # std of the noise on the pose code's scale / position (z[2:5]) for the encoder's crop
# (a translation error of 0.046 world units, the single-stage encoder's, is ~0.16 in z near the middle)


def jittered(z, gen):
    """The pose a training crop is cut at: the true one, off by about the global stage's error."""
    noise = torch.randn(z.shape, generator=gen) * CROP_JITTER
    noise[:, :2] = 0.0
    return z + noise


def child_params(gen):
    """The child stage's parameters: the painter and the two colour tables."""
    return list(gen.painter.parameters()) + [gen.primary, gen.secondary]


def restart_child(gen, ema, opt_g, data, preset):
    """Fresh painter weights and colour tables from init_colours, in the generator and its EMA, with their
    Adam moments dropped; everything else keeps training where it was."""
    fresh = TexturePainter(fx.N_PATTERNS, preset["tex_freqs"], preset["tex_hidden"])
    with torch.no_grad():
        for mine, new in zip(gen.painter.parameters(), fresh.parameters()):
            mine.copy_(new)
    init_colours(gen, data)
    for prm in child_params(gen):
        opt_g.state.pop(prm, None)
    with torch.no_grad():
        for e, g_ in zip(child_params(ema), child_params(gen)):
            e.copy_(g_)


def lr_at(step, steps, base):
    """Constant, then a smooth 10x decay over the last 30% of the steps."""
    start = 0.7 * steps
    if step <= start:
        return base
    return base * 0.1 ** min(1.0, (step - start) / (0.3 * steps))


def validate(gen, enc, val):
    gen.eval(), enc.eval()
    res = {}
    with torch.no_grad():
        for name, (rgb, mask, codes, _) in val.items():
            out = gen(*gen_inputs(codes))
            eo = enc(rgb)
            res[name] = {
                "psnr": psnr(out["image"], rgb).mean().item(),
                "psnr_object": psnr(out["image"], rgb, mask).mean().item(),
                "acc_b": (eo["b"].argmax(1) == codes["b"]).float().mean().item(),
                "acc_p": (eo["p"].argmax(1) == codes["p"]).float().mean().item(),
                "acc_c": ((eo["colour"].argmax(1) == codes["colour"])
                          & (eo["pattern"].argmax(1) == codes["pattern"])).float().mean().item(),
                "z_mse": F.mse_loss(eo["z"], codes["z"]).item(),
            }
    gen.train(), enc.train()
    return res


def main(argv=None):
    a = parse_args(argv)
    os.makedirs(a.run, exist_ok=True)
    path = os.path.join(a.run, "ckpt.pt")
    ck = None
    if a.resume and os.path.exists(path):
        ck = ckpt_io.load(path)
        if ck.get("kind") != "mnm":
            raise SystemExit(f"error: {path} is not a MixNMatch-style checkpoint")
    elif a.resume:
        print(f"note: {path} not found, starting fresh", flush=True)
    elif os.path.exists(path):
        print(f"error: {path} exists; pass --resume to continue it, or choose another --run", file=sys.stderr)
        return 2
    stored = ck["train_args"] if ck else {}
    args = {k: (getattr(a, k) if getattr(a, k) is not None else stored.get(k, v)) for k, v in DEFAULTS.items()}
    preset = ck["config"] if ck else dict(PRESETS[a.preset])
    cfg, data = load_train(a.data)
    if cfg["res"] != preset["res"]:
        raise SystemExit(f"error: data is {cfg['res']}x{cfg['res']} but preset {a.preset} renders "
                         f"{preset['res']}x{preset['res']}")
    gen, enc = Generator(**preset), Encoder(res=preset["res"], crop=preset["crop"])
    ema = Generator(**preset)
    opt_g = torch.optim.Adam(gen.parameters(), lr=args["lr"], betas=(0.9, 0.99))
    opt_e = torch.optim.Adam(enc.parameters(), lr=args["lr"], betas=(0.9, 0.99))
    rng = np.random.default_rng(0)
    jitter_rng = torch.Generator().manual_seed(1)
    step, elapsed, history, notes = 0, 0.0, [], []
    if ck:
        gen.load_state_dict(ck["gen"]), ema.load_state_dict(ck["ema_gen"]), enc.load_state_dict(ck["enc"])
        opt_g.load_state_dict(ck["opt_g"]), opt_e.load_state_dict(ck["opt_e"])
        torch.set_rng_state(ck["torch_rng"])
        rng.bit_generator.state = ck["np_rng"]
        if "jitter_rng" in ck:
            jitter_rng.set_state(ck["jitter_rng"])
        step, elapsed, history = ck["step"], ck["elapsed_s"], ck["history"]
        notes = ck.get("notes", [])
        if a.note:
            notes.append(f"from step {step}: {a.note}")
        print(f"resumed {path} at step {step} ({elapsed / 3600:.2f} h)", flush=True)
        if a.reinit_child:
            restart_child(gen, ema, opt_g, data, preset)
    else:
        init_background(gen, data)
        init_colours(gen, data)
        ema.load_state_dict(gen.state_dict())
    ema.requires_grad_(False)
    val = {}
    for name, split in (("seen", "test_seen"), ("unseen", "test_unseen")):
        d = load_split_with_gbuffers(a.data, split, limit=a.val_n)
        val[name] = to_batch(d, np.arange(len(d["rgb"])))
    log = open(os.path.join(a.run, "train.log"), "a")

    def say(msg):
        print(msg, flush=True)
        log.write(msg + "\n")
        log.flush()

    def save():
        ckpt_io.save(path, {
            "kind": "mnm", "config": preset, "train_args": args, "gen": gen.state_dict(),
            "ema_gen": ema.state_dict(), "enc": enc.state_dict(), "opt_g": opt_g.state_dict(),
            "opt_e": opt_e.state_dict(), "torch_rng": torch.get_rng_state(), "np_rng": rng.bit_generator.state,
            "jitter_rng": jitter_rng.get_state(),
            "step": step, "elapsed_s": elapsed, "history": history, "notes": notes, "data": a.data})

    def train_generator():
        """One generator step (batch --batch) and the EMA update; its loss parts go into ``parts``."""
        rgb, mask, codes, gbuf = to_batch(data, rng.integers(0, n, size=args["batch"]))
        loss, got = generator_loss(gen(*gen_inputs(codes)), rgb, mask, gbuf)
        parts.update(got)
        if step >= a.paint_from:
            parts["paint"] = painter_loss(gen, rgb, mask, gbuf, one_hot(codes["c"], fx.N_C))
            loss = loss + parts["paint"]
        opt_g.zero_grad(set_to_none=True)
        loss.backward()
        opt_g.step()
        with torch.no_grad():
            decay = min(0.999, (1 + step) / (10 + step))
            for pe, pg in zip(ema.parameters(), gen.parameters()):
                pe.lerp_(pg, 1.0 - decay)

    def train_child():
        """One child-stage step on the true G-buffers alone (painter_loss, CHILD_BATCH x CHILD_PIXELS pixels);
        the EMA follows the child stage only, faster than in the joint phase."""
        rgb, mask, codes, gbuf = to_batch(data, rng.integers(0, n, size=CHILD_BATCH))
        parts["paint"] = painter_loss(gen, rgb, mask, gbuf, one_hot(codes["c"], fx.N_C), n=CHILD_PIXELS)
        opt_g.zero_grad(set_to_none=True)
        parts["paint"].backward()
        opt_g.step()
        with torch.no_grad():
            for pe, pg in zip(child_params(ema), child_params(gen)):
                pe.lerp_(pg, 1.0 - CHILD_EMA)

    say(f"start step {step} of {args['steps']} (+ {args['child_steps']} child-only, {args['encoder_steps']} "
        f"encoder-only); {len(data['rgb'])} training images; {json.dumps(args)}")
    n = len(data["rgb"])
    last_ckpt, t_log, log_loss = time.time(), time.time(), {}
    child_end = args["steps"] + args["child_steps"]
    total = child_end + args["encoder_steps"]
    while step < total:
        t0 = time.time()
        if step < args["steps"]:
            phase, lr = "joint", lr_at(step, args["steps"], args["lr"])
        elif step < child_end:
            phase, lr = "child", lr_at(step - args["steps"], args["child_steps"], args["lr"])
        else:
            phase, lr = "encoder", lr_at(step - child_end, args["encoder_steps"], ENCODER_PHASE_LR * args["lr"])
        for opt in (opt_g, opt_e):
            for group in opt.param_groups:
                group["lr"] = lr
        parts, eparts = {}, {}
        if phase == "joint":
            train_generator()
        elif phase == "child":
            train_child()
        if phase != "child":
            rgb, codes = encoder_batch(data, ema, rng, args["enc_batch"], step >= a.enc_gen_from)
            half_estimated = torch.arange(len(rgb)) % 2 == 1  # the other half: crops at the encoder's own pose
            eloss, eparts = encoder_loss(enc(rgb, crop_z=jittered(codes["z"], jitter_rng),
                                             use_estimate=half_estimated), codes)
            opt_e.zero_grad(set_to_none=True)
            eloss.backward()
            opt_e.step()
        step += 1
        elapsed += time.time() - t0
        for k, v in list(parts.items()) + [("enc_" + k, v) for k, v in eparts.items()]:
            log_loss[k] = log_loss.get(k, 0.0) + float(v)
        if step % 50 == 0:
            say(f"step {step} lr {lr:.2e} " + " ".join(f"{k} {v / 50:.4f}" for k, v in log_loss.items())
                + f" | {(time.time() - t_log) / 50:.2f} s/step")
            log_loss, t_log = {}, time.time()
        if step % a.val_every == 0 or step in (args["steps"], child_end, total):
            r = validate(ema, enc, val)
            history.append({"step": step, "hours": round(elapsed / 3600, 3), **r})
            say("val " + json.dumps({"step": step, **{k: {m: round(x, 4) for m, x in v.items()}
                                                        for k, v in r.items()}}))
        if time.time() - last_ckpt > a.ckpt_minutes * 60 or step in (args["steps"], child_end, total):
            save()
            last_ckpt = time.time()
    say(f"done at step {step} ({elapsed / 3600:.2f} h)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
