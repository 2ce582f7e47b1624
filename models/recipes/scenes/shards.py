"""Dataset layout on disk, and loading it back.

    <root>/config.json                 build settings + scene config (config.as_dict()) under "scene"
    <root>/ranges.json                 the scene config alone (for the manifest writer)
    <root>/<split>/shard_00000.npz     one shard: images + masks + factors of consecutive indices
    <root>/index.json                  written last: shards and counts per split, "complete": true

Each shard .npz (compressed) holds
    rgb (n, H, W, 3) uint8, mask (n, H, W) uint8 (object coverage 0-255), obj_mask (n, 2, H, W) uint8
    and every field of sampling.FIELDS with a leading n axis (index, azimuth_deg, ..., held_out).
Shards are written to a temporary name and renamed, so a file that exists is complete.
"""
import json
import os

import numpy as np

IMAGE_KEYS = ("rgb", "mask", "obj_mask")


def shard_path(root, split, shard):
    """Path of one shard file."""
    return os.path.join(root, split, f"shard_{shard:05d}.npz")


def write_shard(path, arrays):
    """Atomically write a dict of arrays as a compressed .npz."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path[:-4] + ".tmp.npz"
    np.savez_compressed(tmp, **arrays)
    os.replace(tmp, path)


def write_json(path, obj):
    """Atomically write JSON."""
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)


def read_json(path):
    with open(path) as f:
        return json.load(f)


def split_shards(root, split):
    """Sorted shard paths of a split that exist on disk."""
    d = os.path.join(root, split)
    if not os.path.isdir(d):
        return []
    return sorted(os.path.join(d, n) for n in os.listdir(d)
                  if n.startswith("shard_") and n.endswith(".npz") and ".tmp" not in n)


def load_files(paths, keys, limit=None):
    """Concatenate the arrays ``keys`` of .npz files in order (first ``limit`` rows, reading no further)."""
    parts, total = [], 0
    for p in paths:
        with np.load(p) as z:
            parts.append({k: z[k] for k in (keys or z.files)})
        total += len(parts[-1][next(iter(parts[-1]))])
        if limit is not None and total >= limit:
            break
    out = {k: np.concatenate([q[k] for q in parts]) for k in parts[0]}
    if limit is not None:
        out = {k: v[:limit] for k, v in out.items()}
    return out


def load_split(root, split, keys=None, limit=None):
    """Concatenate a split's shards into one dict of arrays (optionally only ``keys``, first ``limit``)."""
    paths = split_shards(root, split)
    if not paths:
        raise FileNotFoundError(f"no shards for split {split!r} under {root}")
    return load_files(paths, keys, limit)
