"""GroundAtlas: the pattern it paints is the texels' (bilinear in logits, border beyond the extent), the code
mixes maps, the footprint gate fades the pattern where a pixel covers a feature, and the batch-1 frame paints
what the per-item training path paints.

    /usr/bin/python3 -m unittest studio_models.test_ground_atlas
"""
import unittest

import torch

from studio_models.deferred import per_item
from studio_models.ground_atlas import GroundAtlas


class GroundAtlasTest(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.atlas = GroundAtlas(code_dim=4, texels=9, maps=3, extent=2.0)   # pitch 0.5
        with torch.no_grad():
            self.atlas.maps.normal_(0, 2.0)
            self.atlas.head.weight.zero_()
            self.atlas.head.bias.copy_(torch.tensor([0.0, -20.0, -30.0]))   # gate open at small footprints
        self.code = torch.randn(1, 4)

    def weight(self, xy, log_fp=-6.0, code=None):
        x = torch.cat([xy, torch.full((len(xy), 1), log_fp)], 1)
        return self.atlas(x, None, self.atlas.code_terms(self.code if code is None else code))[:, 0]

    def texel_map(self, code=None):
        c = self.code if code is None else code
        return torch.matmul(self.atlas.mix(c), self.atlas.maps)[0].reshape(9, 9)

    def test_texel_centres_show_their_texels(self):
        cols, rows = torch.meshgrid(torch.arange(8), torch.arange(8), indexing="xy")
        xy = torch.stack([cols.reshape(-1) * 0.5 - 2.0, rows.reshape(-1) * 0.5 - 2.0], 1)
        want = torch.sigmoid(self.texel_map()[:8, :8].reshape(-1))
        self.assertTrue(torch.allclose(self.weight(xy), want, atol=1e-5))

    def test_between_texels_the_logit_is_bilinear(self):
        m = self.texel_map()
        got = torch.logit(self.weight(torch.tensor([[-2.0 + 0.25, -2.0 + 0.125]])))
        want = 0.75 * (0.5 * m[0, 0] + 0.5 * m[0, 1]) + 0.25 * (0.5 * m[1, 0] + 0.5 * m[1, 1])
        self.assertAlmostEqual(float(got), float(want), places=4)

    def test_points_beyond_the_extent_read_the_border(self):
        far, edge = self.weight(torch.tensor([[50.0, 0.3]])), self.weight(torch.tensor([[1.999, 0.3]]))
        self.assertAlmostEqual(float(far), float(edge), places=3)

    def test_the_code_mixes_the_maps(self):
        other = torch.randn(1, 4)
        xy = torch.rand(20, 2) * 3 - 1.5
        self.assertGreater(float((self.weight(xy) - self.weight(xy, code=other)).abs().max()), 1e-2)

    def test_the_pattern_fades_where_a_pixel_covers_a_feature(self):
        xy = torch.rand(20, 2) * 3 - 1.5
        near, far = self.weight(xy, log_fp=-6.0), self.weight(xy, log_fp=-0.5)
        self.assertTrue(bool((far < 0.05 * near + 1e-6).all()))
        self.assertTrue(bool(((near > 0) & (near < 1)).all()))

    def test_batch_one_equals_the_per_item_path(self):
        codes = torch.randn(2, 4)
        x = torch.cat([torch.rand(30, 2) * 3 - 1.5, torch.full((30, 1), -5.0)], 1)
        b_idx = torch.tensor([0] * 12 + [1] * 18)
        both = per_item(self.atlas, x, self.atlas.code_terms(codes), b_idx)
        one = torch.cat([self.atlas(x[:12], None, self.atlas.code_terms(codes[:1])),
                         self.atlas(x[12:], None, self.atlas.code_terms(codes[1:]))])
        self.assertTrue(torch.allclose(both, one))


if __name__ == "__main__":
    unittest.main()
