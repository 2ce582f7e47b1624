"""The encoder's crop windows (encoder_model.project_windows) sit on the objects the renderer drew.

    /usr/bin/python3 -m unittest train.test_windows
"""
import unittest

import numpy as np
import torch

from scenes.render import render
from scenes.sampling import Sampler
from train.encoder_model import project_windows


class WindowTest(unittest.TestCase):
    def test_each_window_is_centred_on_its_object_and_holds_it(self):
        res = 64
        f = Sampler().sample(3, "train", list(range(24)))
        masks = render(f, res)["obj_mask"] / 255.0                            # [B, 2, H, W]
        az = np.radians(f["azimuth_deg"])
        t = lambda x: torch.as_tensor(np.asarray(x, np.float32))  # noqa: E731
        col, row, half = project_windows(t(np.stack([np.cos(az), np.sin(az)], -1)), t(f["elevation_deg"])[:, None],
                                         t(f["radius"])[:, None], t(f["translation"][..., :2]),
                                         t(f["scale"])[..., None], res)
        checked = 0
        for i in range(len(masks)):
            for j in range(2):
                m = masks[i, j]
                if not f["present"][i, j] or m.sum() < 20 or m.sum() < 0.9 * (m > 0).sum():
                    continue  # absent, tiny, or partly hidden behind the other object
                ys, xs = np.nonzero(m > 0.5)
                c, r, h = float(col[i, j]), float(row[i, j]), float(half[i, j])
                # the box centre, not the mask's centroid (a cone's mass sits low): near it, and the whole
                # object inside the window with the margin that absorbs the encoder's pose error
                self.assertLess(abs(xs.mean() - c), h / 3)
                self.assertLess(abs(ys.mean() - r), h / 3)
                self.assertLessEqual(max(xs.max() - c, c - xs.min(), ys.max() - r, r - ys.min()), h)
                checked += 1
        self.assertGreater(checked, 10)


if __name__ == "__main__":
    unittest.main()
