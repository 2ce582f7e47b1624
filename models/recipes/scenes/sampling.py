"""Draw scene factors per split; each image has its own RNG, seeded by (seed, split, index).

So an image depends only on (seed, split, index): shards can be rebuilt, resumed or split over any
number of workers and come out identical.

- train, test_seen: no object forms a held-out pair (config.HELD_OUT) with its texture / shape /
  the background; test_seen differs from train only by its RNG stream.
- test_unseen: object slot 0 forms at least one held-out pair (a kind of pair drawn uniformly, then
  a pair of that kind, the remaining factors uniform); slot 1, if present, is drawn as in train.
  The per-image ``held_out`` bitmask (config.PAIR_BITS) records which kinds the image contains.

Absent second objects still get drawn factors (so arrays stay dense); ``present`` tells them apart.
"""
import numpy as np

from . import shapes as shape_lib
from .config import (BACKGROUNDS, COLOURS, PAIR_BITS, SEPARATION_MARGIN, SHAPES, SPLIT_CODES, TEXTURES,
                     held_out_ids, layout, layout_ranges, object_z, shape_ids)

FIELDS = {  # name: (per-image shape, dtype)
    "index": ((), np.int64),
    "azimuth_deg": ((), np.float32), "elevation_deg": ((), np.float32),
    "radius": ((), np.float32), "fov_deg": ((), np.float32),
    "background": ((), np.int8),
    "present": ((2,), bool), "shape": ((2,), np.int8), "colour": ((2,), np.int8),
    "texture": ((2,), np.int8), "translation": ((2, 3), np.float32),
    "scale": ((2,), np.float32), "yaw_deg": ((2,), np.float32),
    "held_out": ((), np.uint8),
}
FOOTPRINTS = np.array([shape_lib.FOOTPRINT[s] for s in SHAPES], np.float32)


def image_rng(seed, split, index):
    """The RNG of one image."""
    return np.random.default_rng([int(seed), SPLIT_CODES[split], int(index)])


class Sampler:
    """Factor sampler for an optional subset of shapes (names) and a layout (config.LAYOUTS);
    unknown names raise ValueError."""

    def __init__(self, shapes=None, layout_name="scenes"):
        self.shapes = shape_ids(shapes)
        self.p_second = layout(layout_name)["p_second_object"]
        self.ranges = layout_ranges(layout_name)
        held = held_out_ids()
        ok = set(self.shapes)
        self.held = {
            "shape_texture": [p for p in held["shape_texture"] if p[0] in ok],
            "texture_background": list(held["texture_background"]),
            "shape_background": [p for p in held["shape_background"] if p[0] in ok],
        }
        self._sets = {k: set(v) for k, v in self.held.items()}

    def pair_bits(self, shape, texture, background):
        """Bitmask of the held-out pair kinds formed by one object with the background."""
        bits = 0
        if (shape, texture) in self._sets["shape_texture"]:
            bits |= PAIR_BITS["shape_texture"]
        if (texture, background) in self._sets["texture_background"]:
            bits |= PAIR_BITS["texture_background"]
        if (shape, background) in self._sets["shape_background"]:
            bits |= PAIR_BITS["shape_background"]
        return bits

    def _seen_object(self, rng, background):
        for _ in range(1000):
            shape = self.shapes[rng.integers(len(self.shapes))]
            texture = int(rng.integers(len(TEXTURES)))
            if not self.pair_bits(shape, texture, background):
                return shape, texture
        raise ValueError(f"no seen (shape, texture) combination exists for background "
                         f"{BACKGROUNDS[background]!r} with shapes {[SHAPES[s] for s in self.shapes]}")

    def _unseen_object(self, rng, background):
        kinds = [k for k in sorted(self.held) if self.held[k]]
        kind = kinds[rng.integers(len(kinds))]
        a, b = self.held[kind][rng.integers(len(self.held[kind]))]
        if kind == "shape_texture":
            return a, b, background
        if kind == "texture_background":
            return self.shapes[rng.integers(len(self.shapes))], a, b
        return a, int(rng.integers(len(TEXTURES))), b

    def _pose(self, rng):
        lo, hi = self.ranges["scale"]
        s = rng.uniform(lo, hi)
        lo, hi = self.ranges["translation_xy"]
        xy = rng.uniform(lo, hi, size=2)
        lo, hi = self.ranges["yaw_deg"]
        return s, xy, rng.uniform(lo, hi)

    def sample_one(self, seed, split, index):
        """Factors of one image as a dict of numpy values (shapes as in FIELDS)."""
        if split not in SPLIT_CODES:
            raise ValueError(f"unknown split {split!r}; splits: {list(SPLIT_CODES)}")
        rng = image_rng(seed, split, index)
        out = {k: np.zeros(shp, dt) for k, (shp, dt) in FIELDS.items()}
        out["index"] = index
        for key in ("azimuth_deg", "elevation_deg", "radius", "fov_deg"):
            lo, hi = self.ranges[key]
            out[key] = rng.uniform(lo, hi) if hi > lo else lo
        background = int(rng.integers(len(BACKGROUNDS)))
        if split == "test_unseen":
            shape0, texture0, background = self._unseen_object(rng, background)
        else:
            shape0, texture0 = self._seen_object(rng, background)
        shape1, texture1 = self._seen_object(rng, background)
        out["background"] = background
        out["shape"][:] = (shape0, shape1)
        out["texture"][:] = (texture0, texture1)
        out["colour"][:] = rng.integers(len(COLOURS), size=2)
        poses = [self._pose(rng), self._pose(rng)]
        second = rng.uniform() < self.p_second
        if second:
            need = SEPARATION_MARGIN * (FOOTPRINTS[shape0] * poses[0][0] + FOOTPRINTS[shape1] * poses[1][0])
            for _ in range(100):
                if np.hypot(*(poses[1][1] - poses[0][1])) >= need:
                    break
                poses[1] = (poses[1][0], rng.uniform(*self.ranges["translation_xy"], size=2), poses[1][2])
            else:
                second = False
        out["present"][:] = (True, second)
        for j, (s, xy, yaw) in enumerate(poses):
            out["scale"][j] = s
            out["translation"][j] = (xy[0], xy[1], object_z(s))
            out["yaw_deg"][j] = yaw
        bits = self.pair_bits(shape0, texture0, background)
        if second:
            bits |= self.pair_bits(shape1, texture1, background)
        out["held_out"] = bits
        return out

    def sample(self, seed, split, indices):
        """Factors of many images: dict of arrays with a leading batch axis."""
        rows = [self.sample_one(seed, split, i) for i in indices]
        return {k: np.stack([r[k] for r in rows]).astype(FIELDS[k][1]) for k in FIELDS}
