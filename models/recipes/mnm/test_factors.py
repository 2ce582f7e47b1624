"""The pose window's two directions agree: a crop pasted into the frame and cut out again is the same crop,
and the encoder's crop of a rendered object is centred on it (what the two-stage encoder relies on)."""
import unittest

import numpy as np
import torch

from . import factors as fx


def smooth_crop(n, k, seed=0):
    """Low-frequency test crops [n, 3, k, k]: bilinear resampling keeps those, so the round trip is exact-ish."""
    g = torch.Generator().manual_seed(seed)
    coarse = torch.rand(n, 3, 4, 4, generator=g)
    return torch.nn.functional.interpolate(coarse, size=k, mode="bilinear", align_corners=True)


class CropPasteTest(unittest.TestCase):
    def test_crop_undoes_paste_for_random_poses(self):
        g = torch.Generator().manual_seed(1)
        z = torch.randn(16, fx.Z_DIM, generator=g).clamp(-fx.Z_CLIP, fx.Z_CLIP)
        k, res = 64, 128
        x = smooth_crop(16, k)
        col, row, half = fx.placement(z, res)
        back = fx.crop(fx.paste(x, col, row, half, res), col, row, half, k)
        inner = (slice(None), slice(None), slice(4, k - 4), slice(4, k - 4))  # edges blend with the zeros outside
        self.assertLess((back - x)[inner].abs().mean().item(), 0.01)  # resampled twice: kinks soften a little
        # a linear ramp survives two bilinear resamplings exactly: no half-pixel shift between the two maps
        ramp = torch.linspace(0, 1, k)[None, None, None, :].expand(16, 1, k, k).contiguous()
        back = fx.crop(fx.paste(ramp, col, row, half, res), col, row, half, k)
        self.assertLess((back - ramp)[inner].abs().max().item(), 1e-4)

    def test_crop_is_centred_on_the_window(self):
        res, k = 128, 32
        img = torch.zeros(1, 1, res, res)
        img[0, 0, 40, 70] = 1.0  # one bright pixel
        col, row, half = torch.tensor([70.0]), torch.tensor([40.0]), torch.tensor([16.0])
        c = fx.crop(img, col, row, half, k)[0, 0]
        r, q = np.unravel_index(int(c.argmax()), c.shape)
        # the window's centre lies between crop pixels k/2 - 1 and k/2
        self.assertIn(r, (k // 2 - 1, k // 2))
        self.assertIn(q, (k // 2 - 1, k // 2))

    def test_rows_outside_the_image_read_nothing(self):
        w = fx.sample_matrix(torch.tensor([-100.0]), torch.tensor([10.0]), 64, 16)
        self.assertEqual(float(w.abs().sum()), 0.0)


if __name__ == "__main__":
    unittest.main()
