"""Contact sheet: a grid of a dataset's images (optionally with mask outlines) as one PNG.

    /usr/bin/python3 -m scenes.contact --data data/v1 --split train --out data/contact_sheet.png
"""
import argparse
import sys

import numpy as np
from PIL import Image

from .shards import load_split


def sheet(rgb, cols=8, pad=2):
    """Tile (n, H, W, 3) uint8 images into one (rows*(H+pad), cols*(W+pad), 3) image."""
    n, h, w, _ = rgb.shape
    rows = -(-n // cols)
    out = np.full((rows * (h + pad) + pad, cols * (w + pad) + pad, 3), 255, np.uint8)
    for i in range(n):
        r, c = divmod(i, cols)
        out[pad + r * (h + pad): pad + r * (h + pad) + h, pad + c * (w + pad): pad + c * (w + pad) + w] = rgb[i]
    return out


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m scenes.contact", description=__doc__)
    p.add_argument("--data", required=True)
    p.add_argument("--split", default="train")
    p.add_argument("--out", required=True)
    p.add_argument("--count", type=int, default=64)
    p.add_argument("--cols", type=int, default=8)
    p.add_argument("--masks", action="store_true", help="append a row block of the object masks")
    a = p.parse_args(argv)
    d = load_split(a.data, a.split, keys=["rgb", "mask"], limit=a.count)
    img = d["rgb"]
    if a.masks:
        img = np.concatenate([img, np.repeat(d["mask"][..., None], 3, -1)])
    Image.fromarray(sheet(img, a.cols)).save(a.out)
    print(f"wrote {a.out} ({len(img)} tiles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
