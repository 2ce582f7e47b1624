"""Render the G-buffers of an existing dataset: per image, the visible object's box-space point and light terms.

    /usr/bin/python3 -m scenes.gbuffers --data data/single --workers 2

Why a separate pass: only the MixNMatch-style model trains on them (its parent stage predicts where on the
object each pixel lies and how it is lit, its child stage paints the texture from that), so the 3D model's
datasets need not carry them. The factors are read back from each shard and rendered again with the same
settings, so the buffers line up with the stored images pixel for pixel. Resumable: a written file is
complete (atomic rename), and a rerun renders only what is missing.

Each <root>/<split>/gbuf_00000.npz (next to shard_00000.npz) holds, quantised to uint8 (see ``QUANT``):
    box (n, H, W, 3), diffuse (n, H, W), spec (n, H, W), premultiplied by object coverage.
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
QUANT = {"box": (-1.25, 1.25), "diffuse": (0.0, 1.2), "spec": (0.0, 0.25)}


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


def build_gbuffers(root, workers, log=print):
    cfg_path, index = os.path.join(root, "config.json"), os.path.join(root, "index.json")
    if not os.path.exists(index):
        raise ValueError(f"{root} is not a finished dataset (no index.json): run scenes.build first")
    cfg = read_json(cfg_path)
    shards = [s for split in ("train", "test_seen", "test_unseen") for s in split_shards(root, split)]
    todo = [(s, cfg["res"], cfg["supersample"]) for s in shards if not os.path.exists(gbuf_path(s))]
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


def load_gbuffers(root, split, limit=None):
    """A split's G-buffers as uint8 arrays (same order as load_split), or raise with the command to run."""
    shards = split_shards(root, split)
    missing = [s for s in shards if not os.path.exists(gbuf_path(s))]
    if missing or not shards:
        raise FileNotFoundError(f"{root}/{split} has no G-buffers for {len(missing) or 'any'} shard(s): run "
                                f"python -m scenes.gbuffers --data {root}")
    return load_files([gbuf_path(s) for s in shards], tuple(QUANT), limit)


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m scenes.gbuffers", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="a dataset folder written by scenes.build")
    p.add_argument("--workers", type=int, default=2)
    a = p.parse_args(argv)
    if a.workers <= 0:
        print("error: --workers must be positive", file=sys.stderr)
        return 2
    try:
        build_gbuffers(a.data, a.workers, log=lambda m: print(m, flush=True))
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
