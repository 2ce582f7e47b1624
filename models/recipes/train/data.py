"""Training data: a pool of shards that grows while the dataset is still being built, and a val batch.

Why a growing pool: the 42k-image dataset takes ~1 h to render on the shared 2-core machine; training
starts on the shards that exist and ``refresh()`` (called every few hundred steps) loads shards that have
appeared since (a shard file that exists is complete: scenes writes them atomically). Images stay uint8 in
memory (40k x 128^2 x 3 = 2 GB) and become floats per batch.

The validation batch is rendered on the spot with scenes (images are a pure function of (seed, split,
index)), so it equals the first images of test_seen / test_unseen even before those splits exist on disk.
"""
import json
import os

import numpy as np
import torch

from scenes import shards as shard_io
from scenes.gbuffers import gbuf_path

KEYS = ("rgb", "mask", "obj_mask", "azimuth_deg", "elevation_deg", "radius", "fov_deg", "background",
        "present", "shape", "colour", "texture", "translation", "scale", "yaw_deg", "held_out")
FACTOR_KEYS = KEYS[3:]


def dataset_config(root):
    path = os.path.join(root, "config.json")
    if not os.path.exists(path):
        raise SystemExit(f"error: {path} not found: build the dataset first (python -m scenes.build ...)")
    return shard_io.read_json(path)


class ShardPool:
    """All loaded shards of one split, concatenated; ``batch(rng, n)`` draws uniformly with replacement.

    With ``gbuf_keys`` (the deferred model) only shards whose G-buffer file exists are loaded, and its arrays
    join under "gbuf_<key>" (scenes.gbuffers writes them atomically too, so the pool grows with that pass)."""

    def __init__(self, root, split="train", keys=KEYS, max_shards=None, gbuf_keys=None):
        self.root, self.split, self.keys, self.max_shards = root, split, keys, max_shards
        self.gbuf_keys = gbuf_keys
        self.loaded = []
        self.arrays = None
        self.refresh()
        if self.arrays is None:
            hint = " with G-buffers (run python -m scenes.gbuffers)" if gbuf_keys else ""
            raise SystemExit(f"error: split {split!r} under {root} has no shards{hint} (empty split)")

    def refresh(self) -> int:
        """Load shards that appeared since the last call; returns how many were added."""
        paths = [p for p in shard_io.split_shards(self.root, self.split) if p not in self.loaded]
        if self.gbuf_keys:
            paths = [p for p in paths if os.path.exists(gbuf_path(p))]
        if self.max_shards is not None:
            paths = paths[:max(0, self.max_shards - len(self.loaded))]
        parts = []
        for p in paths:
            try:
                with np.load(p) as z:
                    part = {k: z[k] for k in self.keys}
                if self.gbuf_keys:
                    with np.load(gbuf_path(p)) as z:
                        part.update({"gbuf_" + k: z[k] for k in self.gbuf_keys})
                parts.append(part)
                self.loaded.append(p)
            except Exception as e:  # a shard being replaced right now: try again next time
                print(f"warning: could not read {p}: {e}", flush=True)
        if parts:
            old = [self.arrays] if self.arrays is not None else []
            self.arrays = {k: np.concatenate([q[k] for q in old + parts]) for k in parts[0]}
        return len(parts)

    def __len__(self):
        return 0 if self.arrays is None else len(self.arrays["rgb"])

    def take(self, idx) -> dict:
        return {k: v[idx] for k, v in self.arrays.items()}

    def batch(self, rng: np.random.Generator, n: int) -> dict:
        return self.take(rng.integers(0, len(self), size=n))


def to_tensors(b: dict):
    """uint8 arrays -> rgb [B,3,H,W] in [0,1], mask [B,1,H,W] in [0,1], per-object masks [B,2,H,W]."""
    rgb = torch.from_numpy(np.ascontiguousarray(b["rgb"])).permute(0, 3, 1, 2).float() / 255.0
    mask = torch.from_numpy(np.ascontiguousarray(b["mask"]))[:, None].float() / 255.0
    out = dict(rgb=rgb, mask=mask)
    if "obj_mask" in b:
        out["obj_mask"] = torch.from_numpy(np.ascontiguousarray(b["obj_mask"])).float() / 255.0
    return out


def render_split(split: str, indices, res: int, seed: int = 0, shapes=None) -> dict:
    """Render images of a split exactly as scenes.build would (same RNG per (seed, split, index))."""
    from scenes.render import render
    from scenes.sampling import Sampler
    f = Sampler(shapes).sample(seed, split, list(indices))
    out = render(f, res)
    return dict(f, **out)


def validation_set(run_dir, data_root, n=32, res=None):
    """Cached val batch: first n images of test_seen and test_unseen, from disk if built, else rendered."""
    cfg = dataset_config(data_root)
    res = res or cfg["res"]
    path = os.path.join(run_dir, f"val_{n}_{res}.npz")
    if os.path.exists(path):
        with np.load(path) as z:
            d = {k: z[k] for k in z.files}
        return {s: {k[len(s) + 1:]: v for k, v in d.items() if k.startswith(s + "/")} for s in ("seen", "unseen")}
    out = {}
    for name, split in (("seen", "test_seen"), ("unseen", "test_unseen")):
        out[name] = render_split(split, range(n), res, seed=cfg["seed"], shapes=cfg.get("shapes"))
    flat = {f"{s}/{k}": v for s, d in out.items() for k, v in d.items()}
    tmp = path + ".tmp.npz"
    np.savez_compressed(tmp, **flat)
    os.replace(tmp, path)
    return out


def save_json(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)
