"""A small committed checkpoint, so that a fresh machine (where runs/ and data/ are absent) can continue.

    /usr/bin/python3 -m train.snapshot save    --run runs/main [--to checkpoints/scenes-giraffe-hd-128.pt]
    /usr/bin/python3 -m train.snapshot restore --run runs/main [--from checkpoints/scenes-giraffe-hd-128.pt]
    /usr/bin/python3 -m train.giraffe --run runs/main --data data/v1 --resume      # then continue as usual

Why one file with both: the repository keeps only one checkpoint (< 10 MB, replaced rarely). It holds the
generator's full training state (weights, EMA, optimizer, step, RNG: ~1 MB) and the encoder's weights and
optimizer when they fit, so both trainings resume where they stopped.
"""
import argparse
import os
import sys

from . import env

torch = env.torch
from . import ckpt as ckpt_io  # noqa: E402

DEFAULT = "checkpoints/scenes-giraffe-hd-128.pt"
LIMIT = 10 * 1000 * 1000


def save(run, to):
    obj = {"generator": ckpt_io.load(os.path.join(run, "ckpt.pt"))}
    enc_path = os.path.join(run, "encoder.pt")
    if os.path.exists(enc_path):
        obj["encoder"] = torch.load(enc_path, map_location="cpu")
    ckpt_io.save(to, obj)
    if os.path.getsize(to) > LIMIT and "encoder" in obj:
        obj["encoder"].pop("opt", None)              # weights only: the encoder restarts its optimizer
        ckpt_io.save(to, obj)
    size = os.path.getsize(to)
    print(f"saved {to}: {size / 1e6:.2f} MB (generator step {obj['generator']['step']}"
          + (f", encoder step {obj['encoder']['step']}" if "encoder" in obj else "") + ")")
    if size > LIMIT:
        raise SystemExit(f"error: {to} is {size / 1e6:.1f} MB > 10 MB")


def restore(run, src):
    obj = ckpt_io.load(src)
    os.makedirs(run, exist_ok=True)
    dst = os.path.join(run, "ckpt.pt")
    if os.path.exists(dst):
        raise SystemExit(f"error: {dst} exists; restore into a new run folder")
    ckpt_io.save(dst, obj["generator"])
    if "encoder" in obj:
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
