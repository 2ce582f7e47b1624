"""upsample_conv equals conv(nearest x2 upsample) for random sizes, channels and weights.

    cd models/recipes && /usr/bin/python3 -m unittest studio_models.test_upconv
"""
import unittest

import torch
import torch.nn.functional as F

from studio_models.upconv import upsample_conv


class UpsampleConvTest(unittest.TestCase):
    def test_matches_upsample_then_conv(self):
        g = torch.Generator().manual_seed(0)
        for _ in range(20):
            cin, cout = (int(v) for v in torch.randint(1, 9, (2,), generator=g))
            h, w = (int(v) for v in torch.randint(1, 12, (2,), generator=g))
            conv = torch.nn.Conv2d(cin, cout, 3, padding=1, bias=bool(torch.rand(1, generator=g) < 0.5))
            x = torch.randn(2, cin, h, w, generator=g)
            ref = conv(F.interpolate(x, scale_factor=2.0, mode="nearest"))
            out = upsample_conv(x, conv)
            self.assertEqual(out.shape, ref.shape)
            self.assertLess((out - ref).abs().max().item(), 1e-5, (cin, cout, h, w))

    def test_refuses_other_convs(self):
        with self.assertRaises(ValueError):
            upsample_conv(torch.zeros(1, 2, 4, 4), torch.nn.Conv2d(2, 2, 1))


if __name__ == "__main__":
    unittest.main()
