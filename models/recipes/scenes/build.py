"""Dataset builder CLI.  Run from models/recipes/:

    /usr/bin/python3 -m scenes.build --out data/v1 --count 40000 --res 128 --workers 2 --seed 0

Writes train / test_seen / test_unseen shards (see shards.py).  Every image depends only on
(seed, split, index), so the output is deterministic for a seed; rerunning the same command resumes
(finished shards are kept), and a different setting on an existing folder is refused unless
--overwrite is given.  Progress goes to stdout (redirect it to <out>/build.log when run with nohup).
"""
import argparse
import multiprocessing as mp
import os
import shutil
import sys
import time

import numpy as np

from . import config
from .render import render
from .sampling import Sampler
from .shards import read_json, shard_path, write_json, write_shard

BATCH = 16  # images rendered together (vectorised)


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog="python -m scenes.build", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, help="output folder, e.g. data/v1")
    p.add_argument("--count", type=int, required=True, help="number of training images")
    p.add_argument("--test-seen", type=int, default=1000, help="images of seen combinations")
    p.add_argument("--test-unseen", type=int, default=1000, help="images with a held-out pair")
    p.add_argument("--res", type=int, default=128, help=f"one of {config.SUPPORTED_RESOLUTIONS}")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--shard-size", type=int, default=1000)
    p.add_argument("--shapes", default=None,
                   help=f"comma-separated subset of {','.join(config.SHAPES)} (default: all)")
    p.add_argument("--layout", default="scenes", choices=list(config.LAYOUTS),
                   help="scenes: camera on a sphere, 1-2 objects (3D model); single: one object, fixed camera "
                        "(MixNMatch-style model)")
    p.add_argument("--overwrite", action="store_true", help="delete an existing dataset with other settings")
    return p.parse_args(argv)


def settings_from_args(a):
    """Validated build settings (a JSON-able dict); raises ValueError with a clear message."""
    res = config.check_resolution(a.res)
    counts = {"train": a.count, "test_seen": a.test_seen, "test_unseen": a.test_unseen}
    empty = [k for k, v in counts.items() if v <= 0]
    if empty:
        raise ValueError(f"empty split(s) {empty}: every split needs at least one image "
                         f"(--count, --test-seen, --test-unseen)")
    if a.shard_size <= 0:
        raise ValueError("--shard-size must be positive")
    if a.workers <= 0:
        raise ValueError("--workers must be positive")
    shapes = None if a.shapes is None else a.shapes.split(",")
    sampler = Sampler(shapes, a.layout)  # validates the names
    if not any(sampler.held.values()):
        raise ValueError("no held-out pair is left for these shapes, so test_unseen would be empty")
    return {"res": res, "seed": a.seed, "counts": counts, "shard_size": a.shard_size,
            "shapes": [config.SHAPES[i] for i in sampler.shapes], "supersample": config.SUPERSAMPLE,
            "layout": a.layout, "scene": config.as_dict(a.layout)}


def tasks_for(settings):
    """(split, shard, first index, count) for every shard of every split."""
    out = []
    for split in config.SPLITS:
        n, size = settings["counts"][split], settings["shard_size"]
        for shard, start in enumerate(range(0, n, size)):
            out.append((split, shard, start, min(size, n - start)))
    return out


def render_shard(job):
    """Worker: render one shard and write it.  Returns (split, shard, count, seconds)."""
    root, settings, (split, shard, start, count) = job
    t0 = time.time()
    sampler = Sampler(settings["shapes"], settings.get("layout", "scenes"))
    factors = sampler.sample(settings["seed"], split, range(start, start + count))
    images = {k: [] for k in ("rgb", "mask", "obj_mask")}
    for b in range(0, count, BATCH):
        out = render({k: v[b:b + BATCH] for k, v in factors.items()}, settings["res"],
                     settings["supersample"])
        for k in images:
            images[k].append(out[k])
    arrays = {k: np.concatenate(v) for k, v in images.items()}
    arrays.update(factors)
    write_shard(shard_path(root, split, shard), arrays)
    return split, shard, count, time.time() - t0


def _comparable(settings):
    """Settings minus the descriptive convention text (editing a description must not block resuming)."""
    scene = {k: v for k, v in settings.get("scene", {}).items() if k != "convention"}
    return dict(settings, scene=scene, layout=settings.get("layout", "scenes"))


def prepare_folder(root, settings, overwrite):
    """Create the folder or check that an existing one was built with the same settings."""
    cfg_path = os.path.join(root, "config.json")
    if os.path.exists(cfg_path):
        if _comparable(read_json(cfg_path)) != _comparable(settings):
            if not overwrite:
                raise ValueError(f"{root} holds a dataset built with other settings; pass --overwrite "
                                 f"to replace it, or choose another --out")
            shutil.rmtree(root)
    elif os.path.isdir(root) and os.listdir(root) and overwrite:
        shutil.rmtree(root)
    os.makedirs(root, exist_ok=True)
    write_json(cfg_path, settings)
    write_json(os.path.join(root, "ranges.json"), settings["scene"])
    index = os.path.join(root, "index.json")
    if os.path.exists(index):
        os.remove(index)


def build(root, settings, workers, log=print):
    """Render every missing shard with ``workers`` processes, then write index.json."""
    tasks = tasks_for(settings)
    todo = [t for t in tasks if not os.path.exists(shard_path(root, t[0], t[1]))]
    total = sum(t[3] for t in todo)
    log(f"{len(tasks) - len(todo)} of {len(tasks)} shards already done; rendering {total} images "
        f"at {settings['res']}x{settings['res']} with {workers} worker(s)")
    t0, done = time.time(), 0
    jobs = [(root, settings, t) for t in todo]
    if workers == 1:
        results = map(render_shard, jobs)
        pool = None
    else:
        pool = mp.get_context("fork").Pool(workers)
        results = pool.imap_unordered(render_shard, jobs)
    try:
        for split, shard, count, secs in results:
            done += count
            rate = done / max(time.time() - t0, 1e-9)
            eta = (total - done) / max(rate, 1e-9)
            log(f"{time.strftime('%H:%M:%S')} {split} shard {shard:5d}: {count} images in {secs:.1f} s; "
                f"{done}/{total} done, {rate:.1f} img/s, eta {eta / 60:.1f} min")
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    index = {"complete": True, "res": settings["res"], "counts": settings["counts"],
             "shards": {s: [os.path.relpath(shard_path(root, s, t[1]), root)
                            for t in tasks if t[0] == s] for s in config.SPLITS}}
    write_json(os.path.join(root, "index.json"), index)
    log(f"done: {total} images in {time.time() - t0:.0f} s -> {root}")


def main(argv=None):
    a = parse_args(argv)
    try:
        settings = settings_from_args(a)
        prepare_folder(a.out, settings, a.overwrite)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    build(a.out, settings, a.workers, log=lambda m: print(m, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
