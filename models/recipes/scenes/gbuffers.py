"""Render the G-buffers of an existing dataset: per image, the visible object's box-space point and light terms.

    /usr/bin/python3 -m scenes.gbuffers --data data/single --workers 2

Why a separate pass: only the MixNMatch-style model trains on them (its parent stage predicts where on the
object each pixel lies and how it is lit, its child stage paints the texture from that), so the 3D model's
datasets need not carry them. The factors are read back from each shard and rendered again with the same
settings, so the buffers line up with the stored images pixel for pixel. Resumable: a written file is
complete (atomic rename), and a rerun renders only what is missing.

Each <root>/<split>/gbuf_00000.npz (next to shard_00000.npz) holds, quantised to uint8 (see ``QUANT``):
    box (n, H, W, 3), diffuse (n, H, W), spec (n, H, W), texture_w (n, H, W), premultiplied by object
    coverage; ground (n, H, W) visible ground coverage and ground_w (n, H, W) its pattern weight.
``--supersample 1`` renders 4x faster than the dataset's 2x2; the buffers then differ from the image's
averages only along edges (the 3D model's painters train on them, weighting the interior).
"""
import argparse
import multiprocessing as mp
import os
import sys
import time

import numpy as np

from .render import render
from .sampling import FIELDS
from .shards import load_files, read_json, split_shards, write_shard

BATCH = 16
# name: (lo, hi) of the uint8 code range; box points live in [-1, 1]^3 (shapes touch box z = -1),
# diffuse <= 0.48 + 0.62, specular <= 0.22. Steps: box 0.0098, diffuse 0.0047, spec 0.001.
# texture_w / ground_w: secondary-colour weight of the visible object / the ground pattern's weight, and
# ground: the visible ground's coverage (the 3D model's painters learn these), steps 0.004.
QUANT = {"box": (-1.25, 1.25), "diffuse": (0.0, 1.2), "spec": (0.0, 0.25), "texture_w": (0.0, 1.0),
         "ground_w": (0.0, 1.0), "ground": (0.0, 1.0)}
# what a G-buffer file of an older run may lack; the MixNMatch-style model reads only these
BASE_KEYS = ("box", "diffuse", "spec")


def gbuf_path(shard):
    """shard_00012.npz -> gbuf_00012.npz in the same folder."""
    folder, name = os.path.split(shard)
    return os.path.join(folder, name.replace("shard_", "gbuf_", 1))


def quantise(name, x):
    lo, hi = QUANT[name]
    return np.clip(np.round((x - lo) / (hi - lo) * 255.0), 0, 255).astype(np.uint8)


def dequantise(name, q):
    """uint8 codes -> float32 values (the training side)."""
    lo, hi = QUANT[name]
    return q.astype(np.float32) * ((hi - lo) / 255.0) + lo


def render_gbuffers(job):
    """Worker: G-buffers of one shard. Returns (shard path, count, seconds)."""
    shard, res, supersample = job
    t0 = time.time()
    with np.load(shard) as z:
        factors = {k: z[k] for k in FIELDS if k in z.files}
    count = len(factors["background"])
    parts = {k: [] for k in QUANT}
    for b in range(0, count, BATCH):
        out = render({k: v[b:b + BATCH] for k, v in factors.items()}, res, supersample, gbuffers=True)
        for k in QUANT:
            parts[k].append(quantise(k, out[k]))
    write_shard(gbuf_path(shard), {k: np.concatenate(v) for k, v in parts.items()})
    return shard, count, time.time() - t0


def build_gbuffers(root, workers, log=print, supersample=None):
    cfg_path, index = os.path.join(root, "config.json"), os.path.join(root, "index.json")
    if not os.path.exists(index):
        raise ValueError(f"{root} is not a finished dataset (no index.json): run scenes.build first")
    cfg = read_json(cfg_path)
    shards = [s for split in ("train", "test_seen", "test_unseen") for s in split_shards(root, split)]
    ss = cfg["supersample"] if supersample is None else supersample
    todo = [(s, cfg["res"], ss) for s in shards if not os.path.exists(gbuf_path(s))]
    log(f"{len(shards) - len(todo)} of {len(shards)} shards have G-buffers; rendering {len(todo)} "
        f"with {workers} worker(s)")
    t0 = time.time()
    pool = mp.get_context("fork").Pool(workers) if workers > 1 else None
    try:
        results = pool.imap_unordered(render_gbuffers, todo) if pool else map(render_gbuffers, todo)
        for i, (shard, count, secs) in enumerate(results, 1):
            log(f"{time.strftime('%H:%M:%S')} {os.path.relpath(shard, root)}: {count} in {secs:.1f} s "
                f"({i}/{len(todo)})")
    finally:
        if pool:
            pool.close()
            pool.join()
    log(f"done in {time.time() - t0:.0f} s")


def shown_albedo(rgb, gbuf):
    """The albedo a pixel shows, (rgb - specular) / diffuse (scenes.render: colour = albedo * diffuse +
    specular), from torch tensors whose channel axes broadcast: rgb and gbuf["spec"], gbuf["diffuse"]."""
    return (rgb - gbuf["spec"]) / gbuf["diffuse"].clamp_min(1e-3)


def load_gbuffers(root, split, limit=None, keys=BASE_KEYS):
    """A split's G-buffers ``keys`` as uint8 arrays (same order as load_split), or raise with the command to run."""
    shards = split_shards(root, split)
    missing = [s for s in shards if not os.path.exists(gbuf_path(s))]
    if missing or not shards:
        raise FileNotFoundError(f"{root}/{split} has no G-buffers for {len(missing) or 'any'} shard(s): run "
                                f"python -m scenes.gbuffers --data {root}")
    return load_files([gbuf_path(s) for s in shards], tuple(keys), limit)


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m scenes.gbuffers", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="a dataset folder written by scenes.build")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--supersample", type=int, default=None, help="samples per pixel side (default: the dataset's)")
    a = p.parse_args(argv)
    if a.supersample is not None and a.supersample <= 0:
        print("error: --supersample must be positive", file=sys.stderr)
        return 2
    if a.workers <= 0:
        print("error: --workers must be positive", file=sys.stderr)
        return 2
    try:
        build_gbuffers(a.data, a.workers, log=lambda m: print(m, flush=True), supersample=a.supersample)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
