"""Check that the generator's inputs mean what the dataset meant: camera, focal, p_box = R (p - t) / s.

    /usr/bin/python3 -m train.check_conventions --data data/v1 [--n 200]

For every image, rays cast through the image's pixel centres by the generator's own code (studio_models
camera + compose, fed by train.factors) must hit each present object's box wherever the true renderer
drew that object: the share of true object coverage outside the box rays must be ~0 (anti-aliased edge
pixels only). A wrong axis, sign, yaw direction, focal or ground offset shows up as tens of percent.
Also checks the feature-grid rays (block centres) at the preset's grid. Exits 1 on failure.
"""
import argparse
import sys

from . import env

torch = env.torch
import numpy as np  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from studio_models.camera import pixel_grid, rays  # noqa: E402
from studio_models.compose import to_box, box_interval  # noqa: E402
from scenes import shards as shard_io  # noqa: E402
from . import data as data_io, factors  # noqa: E402


def outside_share(d, grid, res):
    geo = factors.geometry(d, 2)
    o, dirs = rays(geo["camera_world"], geo["camera_focal"], pixel_grid(grid, res))
    miss, tot = 0.0, 0.0
    for k in range(2):
        ob, db = to_box(o, dirs, geo["obj_scale"][:, k], geo["obj_translation"][:, k], geo["obj_rotation"][:, k])
        hit = box_interval(ob, db, 0.5, 6.0)[2].reshape(-1, 1, grid, grid)
        om = torch.from_numpy(d["obj_mask"][:, k]).float()[:, None] / 255.0
        if grid < res:
            om = F.avg_pool2d(om, res // grid)
        om = om * geo["obj_presence"][:, k][:, None, None, None]
        miss += float((om * (1 - hit)).sum())
        tot += float(om.sum())
    return miss / max(tot, 1e-9)


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m train.check_conventions")
    p.add_argument("--data", default="data/v1")
    p.add_argument("--n", type=int, default=200)
    p.add_argument("--grid", type=int, default=None, help="feature grid to check too (default res/4)")
    a = p.parse_args(argv)
    env.setup()
    res = data_io.dataset_config(a.data)["res"]
    d = shard_io.load_split(a.data, "train", keys=data_io.KEYS, limit=a.n)
    ok = True
    for g, limit in ((res, 0.002), (a.grid or res // 4, 0.01)):
        s = outside_share(d, g, res)
        good = s <= limit
        ok &= good
        print(f"grid {g}x{g} on {len(d['rgb'])} images: {100 * s:.3f}% of true object coverage outside the box rays "
              f"(limit {100 * limit:.1f}%) {'ok' if good else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
