"""The 3D model's four-image mix fixture for the studio's test (tests/engine/mixHeldOut.test.ts).

    /usr/bin/python3 -m train.mix_fixture --data data/v1 --out ../../tests/fixtures/mix/scenes-giraffe-hd-128 \
        --min-mean-psnr 17.5

Picks four-image sets from test_unseen images with one object (so "the shape" and "the texture" of an
image are unambiguous), renders with the scenes renderer the true image of background from the 1st, shape
from the 2nd, colour + pattern from the 3rd, pose (camera and object placement) from the 4th, and writes
the source PNGs, the true renders and cases.json. The studio test runs its own mixer path (encoder ->
slots -> combine -> generator) and must reach --min-mean-psnr, the mean the studio measured on these cases
(tests/engine/mixHeldOut.test.ts prints it) minus a margin: the 3D eval has no PyTorch mixer of its own.
"""
import argparse
import json
import os
import sys

import numpy as np
from PIL import Image

from scenes.render import render
from scenes.shards import load_split

SLOTS = ("background", "shape", "texture", "pose")
POSE_KEYS = ("azimuth_deg", "elevation_deg", "radius", "fov_deg", "present", "translation", "scale", "yaw_deg")


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m train.mix_fixture", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="data/v1")
    p.add_argument("--out", required=True)
    p.add_argument("--cases", type=int, default=4)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--min-mean-psnr", type=float, required=True)
    a = p.parse_args(argv)
    d = load_split(a.data, "test_unseen")
    single = np.nonzero(~d["present"][:, 1])[0]
    if len(single) < 4:
        print(f"error: {a.data} test_unseen has fewer than 4 one-object images", file=sys.stderr)
        return 2
    os.makedirs(a.out, exist_ok=True)
    for old in os.listdir(a.out):
        if old.endswith(".png"):
            os.remove(os.path.join(a.out, old))
    rng = np.random.default_rng(a.seed)
    cases = []
    for q in range(a.cases):
        quad = rng.choice(single, 4, replace=False)
        names = {}
        for slot, j in zip(SLOTS, quad):
            names[slot] = f"test_unseen_{int(d['index'][j]):04d}.png"
            Image.fromarray(d["rgb"][j]).save(os.path.join(a.out, names[slot]))
        ib, ip, it, ipose = ([int(j)] for j in quad)
        f = {k: d[k][ipose].copy() for k in POSE_KEYS}
        f.update(background=d["background"][ib].copy(), shape=d["shape"][ip].copy(),
                 colour=d["colour"][it].copy(), texture=d["texture"][it].copy())
        truth = f"mix{q}_truth.png"
        Image.fromarray(render(f, d["rgb"].shape[1])["rgb"][0]).save(os.path.join(a.out, truth))
        cases.append({"sources": names, "truth": truth})
    spec = {"about": "four held-out one-object renders -> the studio's encoder path -> mixer -> generator vs the "
                     "renderer's true image of the mixed factors; written by python -m train.mix_fixture",
            "model": "scenes-giraffe-hd-128", "min_mean_psnr": a.min_mean_psnr, "cases": cases}
    with open(os.path.join(a.out, "cases.json"), "w") as f:
        json.dump(spec, f, indent=2)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
