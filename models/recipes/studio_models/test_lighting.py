"""The analytic light means what the data's light means: with the data's numbers it gives scenes.render's
light terms, and normals painted in box space turn with the object as its p_box = R (p - t) / s says.

    /usr/bin/python3 -m unittest studio_models.test_lighting
"""
import math
import unittest

import numpy as np
import torch

from scenes.render import LIGHT, light_terms, rot_z
from studio_models.config import GeneratorConfig
from studio_models.deferred import DeferredShading
from studio_models.lighting import DirectionalLight, unit, world_normals


def data_light() -> DirectionalLight:
    """A DirectionalLight holding scenes.render's light (render.light_terms)."""
    light = DirectionalLight()
    with torch.no_grad():
        light.direction.copy_(torch.from_numpy(LIGHT))
        light.ambient.fill_(0.34), light.sky.fill_(0.14), light.kd.fill_(0.62), light.ks.fill_(0.22)
        light.log_exponent.fill_(math.log(24.0))
    return light


class LightingTest(unittest.TestCase):
    def test_the_data_light_reproduces_the_renderers_light_terms(self):
        g = torch.Generator().manual_seed(0)
        n = unit(torch.randn(500, 3, generator=g))
        ray = unit(torch.randn(500, 3, generator=g))
        with torch.no_grad():
            diffuse, spec = data_light()(n, ray)
        want_d, want_s = light_terms(n.numpy(), ray.numpy())
        np.testing.assert_allclose(diffuse[:, 0].numpy(), want_d, atol=1e-5)
        np.testing.assert_allclose(spec[:, 0].numpy(), want_s, atol=1e-5)

    def test_box_normals_turn_and_stretch_with_the_object(self):
        """For f(p) = a . p_box with p_box = R (p - t) / s, grad_p f = R^T (a / s): the world normal of a
        box-space plane, whatever the yaw and (per-axis) scale."""
        g = torch.Generator().manual_seed(1)
        for _ in range(20):
            a = torch.randn(1, 3, generator=g)
            s = 0.2 + torch.rand(1, 3, generator=g)
            R = torch.from_numpy(rot_z(float(torch.rand(1, generator=g)) * 360.0))[None]
            p = torch.randn(1, 3, generator=g, requires_grad=True)
            t = torch.randn(1, 3, generator=g)
            f = (a * (torch.matmul(R[0], (p - t)[0]) / s[0])).sum()
            (grad,) = torch.autograd.grad(f, p)
            got = world_normals(a, 1.0 / s, R)
            self.assertTrue(torch.allclose(got, unit(grad), atol=1e-5), (got, unit(grad)))

    def test_per_point_poses_equal_one_pose_for_every_point(self):
        g = torch.Generator().manual_seed(2)
        raw = torch.randn(7, 3, generator=g)
        s = 0.2 + torch.rand(1, 3, generator=g)
        R = torch.from_numpy(rot_z(37.0))[None]
        one = world_normals(raw, 1.0 / s, R)
        many = world_normals(raw, (1.0 / s).expand(7, 3), R.expand(7, 3, 3))
        self.assertTrue(torch.allclose(one, many, atol=1e-6))


class OntoRaysTest(unittest.TestCase):
    def test_a_point_moves_to_the_nearest_point_of_its_ray(self):
        g = torch.Generator().manual_seed(3)
        o_b = torch.tensor([[0.0, 0.0, 3.0]])
        on_ray = torch.rand(50, 3, generator=g) - 0.5
        d_b = (on_ray - o_b) * 0.7                                         # any length
        across = torch.randn(50, 3, generator=g) * 0.05
        across = across - (across * unit(d_b)).sum(-1, keepdim=True) * unit(d_b)   # perpendicular to the ray
        moved = DeferredShading.onto_rays(on_ray + across, o_b, d_b)
        self.assertTrue(torch.allclose(moved, on_ray, atol=1e-5), float((moved - on_ray).abs().max()))


class AnalyticFrameTest(unittest.TestCase):
    """A deferred frame lit analytically: an object facing the light is lit by the light's terms."""

    def test_an_object_pixel_is_albedo_times_diffuse_plus_specular_of_its_painted_normal(self):
        cfg = GeneratorConfig(n_objects=1, feature_grid=4, img_size=8, bg_ground_z=-0.3, deferred=True,
                              analytic_light=True, z_shape_dim=4, z_app_dim=4, z_bg_dim=4, painter_hidden=8,
                              ground_hidden=8, normal_hidden=8, normal_layers=2)
        sh = DeferredShading(cfg).eval()
        sh.light = data_light()
        with torch.no_grad():   # albedo 0.5 everywhere; the painted normal is +z in the box for every point
            sh.obj_colours.weight.zero_(), sh.obj_colours.bias.zero_()
            for m in (sh.normal_painter.out, sh.normal_painter.code):
                m.weight.zero_(), m.bias.zero_()
            sh.normal_painter.out.bias.copy_(torch.tensor([0.0, 0.0, 1.0]))
        g, res = cfg.feature_grid, cfg.img_size
        out = torch.zeros(1, 4, res, res)
        out[:, 3:4] = 30.0                          # mask 1
        opacity = torch.ones(1, 1, g, g)
        box = torch.full((1, 1, 3, g, g), 0.1)
        d = unit(torch.tensor([0.0, 0.6, -0.8])).expand(1, g * g, 3)     # looking down, no sky
        pose = (torch.zeros(1, 1, 4), torch.full((1, 1, 3), 0.5), torch.from_numpy(rot_z(30.0))[None, None],
                torch.zeros(1, 1, 3))
        with torch.no_grad():
            image, _ = sh(out, opacity, box, torch.zeros(1, 1, 3), d, torch.ones(1, 1), torch.zeros(1, 1, 4),
                          torch.zeros(1, 4), None, pose)
        want_d, want_s = light_terms(np.array([[0.0, 0.0, 1.0]], np.float32), d[0, :1].numpy())
        expect = 0.5 * want_d[0] + want_s[0]
        self.assertTrue(torch.allclose(image, torch.full_like(image, float(expect)), atol=2e-3),
                        (float(image.mean()), expect))


if __name__ == "__main__":
    unittest.main()
