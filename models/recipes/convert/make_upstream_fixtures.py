"""Regenerate tests/fixtures/upstream/<family>/<name>/{checkpoint.pt | G.pth | weights.json (GIRAFFE-HD: a seeded
weight recipe, convert/fixtures/materialize.py), reference.json} by running the UPSTREAM code (random weights, fixed inputs). The converter itself never needs the upstream repositories.

Fetch the upstream code first (any checkout of these commits works; nothing is copied into this repo):
    git clone https://github.com/autonomousvision/giraffe /tmp/upstream/giraffe        # fc8d4503538f
    git clone https://github.com/Yuheng-Li/MixNMatch /tmp/upstream/MixNMatch           # 21095b3581c7
    git clone https://github.com/AustinXY/GIRAFFEHD /tmp/upstream/GIRAFFEHD            # 7706cf5d51b8
Then, from models/recipes/:
    /usr/bin/python3 -m convert.make_upstream_fixtures --giraffe /tmp/upstream/giraffe \
        --mixnmatch /tmp/upstream/MixNMatch --giraffe-hd /tmp/upstream/GIRAFFEHD
Only CPU shims are applied at run time (convert/fixtures/shims.py): kornia.filter2D, scipy's Rotation,
no-op .cuda(), package __init__s bypassed, GIRAFFE-HD's CUDA extension build stubbed (its CPU paths run).
"""
import argparse
import os

import torch

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
OUT = os.path.join(ROOT, "tests", "fixtures", "upstream")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--giraffe", help="path to an autonomousvision/giraffe checkout")
    p.add_argument("--mixnmatch", help="path to a Yuheng-Li/MixNMatch checkout")
    p.add_argument("--mixnmatch-encoder-check", dest="encoder_dir",
                   help="with --mixnmatch: also write a ~300 MB encoder check (E.pth, G.pth, reference) to this "
                        "folder outside the repository")
    p.add_argument("--giraffe-hd", dest="giraffe_hd", help="path to an AustinXY/GIRAFFEHD checkout")
    p.add_argument("--only", nargs="*", help="fixture names to (re)make")
    p.add_argument("--out", default=OUT)
    args = p.parse_args()
    torch.set_num_threads(1)
    if args.giraffe:
        from .fixtures import giraffe_upstream
        giraffe_upstream.make_all(args.giraffe, args.out, args.only)
    if args.mixnmatch:
        from .fixtures import mixnmatch_upstream
        mixnmatch_upstream.make_all(args.mixnmatch, args.out, args.only)
        if args.encoder_dir:
            mixnmatch_upstream.make_encoder_check(args.mixnmatch, args.encoder_dir)
    if args.giraffe_hd:
        from .fixtures import giraffehd_upstream
        giraffehd_upstream.make_all(args.giraffe_hd, args.out, args.only)
    if not (args.giraffe or args.mixnmatch or args.giraffe_hd):
        p.error("pass --giraffe, --mixnmatch and/or --giraffe-hd")


if __name__ == "__main__":
    main()
