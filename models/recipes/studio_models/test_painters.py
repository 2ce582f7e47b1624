"""Painters with coded filters: a warm start from shared filters keeps the function, each code paints with
filters of its own, and the studio's batch-1 path (one filter matrix) equals the per-point path training uses.

    /usr/bin/python3 -m unittest studio_models.test_painters
"""
import unittest

import torch

from studio_models import Generator, GeneratorConfig
from studio_models.painters import PointPainter


class CodedFiltersTest(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.shared = PointPainter(2, 1, 4, 8, sigma=1.5, layers=2)
        self.coded = PointPainter(2, 1, 4, 8, sigma=1.5, layers=2, coded_filters=True)
        self.points, self.codes = torch.randn(50, 3), torch.randn(50, 4)

    def logits(self, painter, codes):
        return painter(self.points, None, painter.code_terms(codes))

    def test_a_warm_start_from_shared_filters_paints_the_same(self):
        missing = self.coded.load_state_dict(self.shared.state_dict(), strict=False).missing_keys
        self.assertEqual(sorted(missing), ["code_filters.bias", "code_filters.weight"])
        a, b = self.logits(self.coded, self.codes), self.logits(self.shared, self.codes)
        self.assertTrue(torch.allclose(a, b, atol=1e-5), float((a - b).abs().max()))

    def test_each_code_gets_filters_of_its_own(self):
        with torch.no_grad():
            self.coded.code_filters.weight.normal_(0, 0.5)
        a = self.logits(self.coded, self.codes)
        self.coded.code_filters.weight.data[:, 0].add_(1.0)     # move the filters of codes with a code[0]
        self.assertGreater(float((self.logits(self.coded, self.codes) - a).abs().max()), 1e-3)

    def test_one_code_row_for_every_point_equals_per_point_rows(self):
        with torch.no_grad():
            self.coded.code_filters.weight.normal_(0, 0.5)
        one = self.codes[:1]
        row = self.coded(self.points, None, self.coded.code_terms(one))
        per_point = self.logits(self.coded, one.expand(len(self.points), -1))
        self.assertTrue(torch.allclose(row, per_point, atol=1e-5), float((row - per_point).abs().max()))

    def test_a_generator_starts_its_coded_filters_at_zero(self):
        # the generator's own init re-draws every Linear: a warm start from shared filters must still hold
        cfg = GeneratorConfig(n_objects=2, feature_grid=8, img_size=32, bg_ground_z=-0.3, deferred=True,
                              z_app_dim=4, z_bg_dim=4, painter_hidden=8, ground_hidden=8, ground_coded_filters=True)
        shifts = Generator(cfg).shading.ground_painter.code_terms(torch.randn(3, 4))[:, 8 * 2 + 1:]
        self.assertEqual(float(shifts.abs().max()), 0.0)


if __name__ == "__main__":
    unittest.main()
