"""Deferred shading composes the frame by the data's shading model: object pixels are albedo * diffuse +
specular, pixels off every object show the background, and pixels shared by two objects are normalised.

    /usr/bin/python3 -m unittest studio_models.test_deferred
"""
import unittest

import torch

from studio_models.config import GeneratorConfig
from studio_models.deferred import DIFFUSE_MAX, SPEC_MAX, DeferredShading


def logit(p):
    return torch.log(torch.as_tensor(p) / (1 - torch.as_tensor(p)))


class DeferredShadingTest(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.cfg = GeneratorConfig(n_objects=2, feature_grid=8, img_size=32, bg_ground_z=-0.3, deferred=True,
                                   z_app_dim=4, z_bg_dim=4, painter_hidden=8, ground_hidden=8)
        self.sh = DeferredShading(self.cfg).eval()
        with torch.no_grad():  # known colours: first = 0.2, second = 0.8 (logits), painter says "second"
            self.sh.obj_colours.weight.zero_()
            self.sh.obj_colours.bias.copy_(torch.cat([logit(torch.full((3,), 0.2)), logit(torch.full((3,), 0.8))]))
            self.sh.obj_painter.out.weight.zero_()
            self.sh.obj_painter.out.bias.fill_(30.0)
            self.sh.obj_painter.code.weight.zero_()
            self.sh.obj_painter.code.bias.zero_()

    def frame(self, opacity, mask_logit, origin, d):
        b, g, res = 1, self.cfg.feature_grid, self.cfg.img_size
        out = torch.zeros(b, 6, res, res)
        out[:, :3] = logit(0.3)                     # background base 0.3
        out[:, 3:4] = mask_logit
        out[:, 4:5] = logit(0.5)                    # diffuse = 0.5 * DIFFUSE_MAX
        out[:, 5:6] = logit(0.5)                    # spec = 0.5 * SPEC_MAX
        box = torch.full((b, 2, 3, g, g), 0.1) * opacity[:, :, None]
        with torch.no_grad():
            return self.sh(out, opacity, box, origin, d, torch.ones(b, 1), torch.zeros(b, 2, 4), torch.zeros(b, 4))

    def sky_rays(self):
        g = self.cfg.feature_grid
        d = torch.zeros(1, g * g, 3)
        d[..., 2] = 1.0                             # every ray looks up: no ground pixel
        return torch.zeros(1, 1, 3), d

    def test_object_pixels_follow_albedo_times_diffuse_plus_specular(self):
        g = self.cfg.feature_grid
        opacity = torch.zeros(1, 2, g, g)
        opacity[:, 0] = 1.0
        image, mask = self.frame(opacity, torch.full((1, 1, 32, 32), 30.0), *self.sky_rays())
        expect = 0.8 * 0.5 * DIFFUSE_MAX + 0.5 * SPEC_MAX
        self.assertTrue(torch.allclose(image, torch.full_like(image, expect), atol=1e-3), float(image.mean()))
        self.assertTrue(torch.allclose(mask, torch.ones_like(mask), atol=1e-6))

    def test_off_object_pixels_show_the_background(self):
        g = self.cfg.feature_grid
        image, _ = self.frame(torch.zeros(1, 2, g, g), torch.full((1, 1, 32, 32), -30.0), *self.sky_rays())
        self.assertTrue(torch.allclose(image, torch.full_like(image, 0.3), atol=1e-5))

    def test_half_opaque_objects_are_normalised_not_darkened(self):
        g = self.cfg.feature_grid
        opacity = torch.full((1, 2, g, g), 0.5)
        with torch.no_grad():  # both paint 0.2: two half shares are one whole, the albedo stays 0.2
            self.sh.obj_colours.bias[3:].copy_(logit(torch.full((3,), 0.2)))
        image, _ = self.frame(opacity, torch.full((1, 1, 32, 32), 30.0), *self.sky_rays())
        expect = 0.2 * 0.5 * DIFFUSE_MAX + 0.5 * SPEC_MAX
        self.assertTrue(torch.allclose(image, torch.full_like(image, expect), atol=1e-3), float(image.mean()))


if __name__ == "__main__":
    unittest.main()


class BlendedPlaneTest(unittest.TestCase):
    """Box points onto the blend of the cells' tangent planes (config.box_on_plane): on a flat face every
    pixel's point lies on the face and on its own ray; where no cell counts the on-ray point stays."""

    def setUp(self):
        torch.manual_seed(0)
        cfg = GeneratorConfig(feature_grid=8, img_size=32, bg_ground_z=-0.3, deferred=True, analytic_light=True,
                              box_on_ray=True, box_on_plane=True, plane_max_shift=1.0, plane_min_cos=0.1)
        self.sh = DeferredShading(cfg)
        self.o = torch.tensor([[0.0, 0.0, 3.0]])                               # the box-space camera
        self.d = torch.randn(50, 3) * 0.2 + torch.tensor([0.0, 0.0, -1.0])     # rays toward the face z = 0.5
        self.n = torch.tensor([0.0, 0.0, 1.0])
        self.offset = (self.n * (torch.tensor([0.3, -0.2, 0.5]) - self.o)).sum()   # n . (p - o), any p on the face

    def planes(self, v):
        rows = torch.cat([self.n * v, (self.offset * v).reshape(1), torch.tensor([v])])
        return rows.expand(50, 5)

    def test_points_land_on_the_face_and_on_their_rays(self):
        on_ray = self.o + 2.3 * self.d / self.d.norm(dim=-1, keepdim=True)       # a wrong depth on each ray
        got = self.sh.onto_blended_plane(on_ray, self.o, self.d, self.planes(0.7))
        self.assertTrue(torch.allclose(got[:, 2], torch.full((50,), 0.5), atol=1e-5))
        off_ray = torch.linalg.cross(got - self.o, self.d).norm(dim=-1)
        self.assertLess(float(off_ray.max()), 1e-5)

    def test_without_a_counted_cell_the_on_ray_point_stays(self):
        on_ray = self.o + 2.3 * self.d / self.d.norm(dim=-1, keepdim=True)
        got = self.sh.onto_blended_plane(on_ray, self.o, self.d, self.planes(0.0))
        self.assertTrue(torch.allclose(got, on_ray, atol=1e-6))
