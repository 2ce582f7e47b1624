"""A small committed checkpoint, so that a fresh machine (where runs/ and data/ are absent) can continue.

    /usr/bin/python3 -m train.snapshot save    --run runs/main [--to checkpoints/scenes-giraffe-hd-128.pt]
    /usr/bin/python3 -m train.snapshot restore --run runs/main [--from checkpoints/scenes-giraffe-hd-128.pt]
    /usr/bin/python3 -m train.giraffe --run runs/main --data data/v1 --resume      # then continue as usual

Why one file with both: the repository keeps only one checkpoint (< 10 MB, replaced rarely). It holds the
generator's full training state (weights, EMA, optimizer, step, RNG: ~1 MB without a ground atlas) and the
encoder's weights and optimizer when they fit, so both trainings resume where they stopped. When they do not
(a ground atlas is 1.6 M texels), it sheds what a resume can rebuild, least lost first (``_slimmer``):
optimizer moments, then the raw weights (the EMA stands in), then float32 precision.
"""
import argparse
import os
import sys

from . import env

torch = env.torch
from . import ckpt as ckpt_io  # noqa: E402

DEFAULT = "checkpoints/scenes-giraffe-hd-128.pt"
LIMIT = 10 * 1000 * 1000


def _half(sd: dict) -> dict:
    """Float tensors of a state dict as float16 (restore casts them back): the weights' last bits only."""
    return {k: v.half() if torch.is_tensor(v) and v.is_floating_point() else v for k, v in sd.items()}


def _slimmer(obj: dict):
    """Ways to make the snapshot smaller, least lost first: each yields after changing obj in place."""
    enc, gen = obj.get("encoder"), obj["generator"]
    if enc is not None and "opt" in enc:
        enc.pop("opt")                     # the encoder restarts its optimizer
        yield "encoder optimizer dropped"
    if "opt" in gen:
        gen.pop("opt")                     # the generator restarts Adam's moments (a ground atlas's are 13 MB)
        yield "generator optimizer dropped"
    if "gen" in gen:
        gen.pop("gen"), gen.pop("codes")   # training resumes from the EMA weights
        yield "raw generator weights dropped (resume starts from the EMA)"
    gen["ema_gen"], gen["ema_codes"] = _half(gen["ema_gen"]), _half(gen["ema_codes"])
    if enc is not None:
        enc["model"] = _half(enc["model"])
    yield "weights stored as float16"


def save(run, to):
    obj = {"generator": ckpt_io.load(os.path.join(run, "ckpt.pt"))}
    enc_path = os.path.join(run, "encoder.pt")
    if os.path.exists(enc_path):
        obj["encoder"] = torch.load(enc_path, map_location="cpu")
    ckpt_io.save(to, obj)
    for what in _slimmer(obj):
        if os.path.getsize(to) <= LIMIT:
            break
        ckpt_io.save(to, obj)
        print(f"snapshot over 10 MB: {what}")
    size = os.path.getsize(to)
    print(f"saved {to}: {size / 1e6:.2f} MB (generator step {obj['generator']['step']}"
          + (f", encoder step {obj['encoder']['step']}" if "encoder" in obj else "") + ")")
    if size > LIMIT:
        raise SystemExit(f"error: {to} is {size / 1e6:.1f} MB > 10 MB")


def _full(sd: dict) -> dict:
    return {k: v.float() if torch.is_tensor(v) and v.dtype == torch.float16 else v for k, v in sd.items()}


def restore(run, src):
    obj = ckpt_io.load(src)
    os.makedirs(run, exist_ok=True)
    dst = os.path.join(run, "ckpt.pt")
    if os.path.exists(dst):
        raise SystemExit(f"error: {dst} exists; restore into a new run folder")
    gen = obj["generator"]
    gen["ema_gen"], gen["ema_codes"] = _full(gen["ema_gen"]), _full(gen["ema_codes"])
    if "gen" not in gen:   # saved without the raw weights: they restart from the EMA
        gen["gen"], gen["codes"] = dict(gen["ema_gen"]), dict(gen["ema_codes"])
    ckpt_io.save(dst, gen)
    if "encoder" in obj:
        obj["encoder"]["model"] = _full(obj["encoder"]["model"])
        ckpt_io.save(os.path.join(run, "encoder.pt"), obj["encoder"])
    print(f"restored {run} from {src} (generator step {obj['generator']['step']})")


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m train.snapshot")
    p.add_argument("action", choices=["save", "restore"])
    p.add_argument("--run", required=True)
    p.add_argument("--to", default=DEFAULT)
    p.add_argument("--from", dest="src", default=DEFAULT)
    a = p.parse_args(argv)
    env.setup()
    save(a.run, a.to) if a.action == "save" else restore(a.run, a.src)
    return 0


if __name__ == "__main__":
    sys.exit(main())
