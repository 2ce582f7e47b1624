"""Volume composition: the counting form of the optical depth in front of a sample equals the pairwise
indicator sum it replaces, culling rays changes nothing but the cost, and a batch renders each item as alone.

    cd models/recipes && /usr/bin/python3 -m unittest studio_models.test_compose
"""
import unittest

import torch
import torch.nn.functional as F

from studio_models import Generator, GeneratorConfig
from studio_models.compose import samples_in_front, sample_offsets


def pairwise_in_front(t, t_other, sd_other):
    """The definition: sum_j [t_j < t] sd_j (the former [M, n] indicator MatMul)."""
    front = F.relu(torch.sign(t.unsqueeze(-1) - t_other.unsqueeze(-2)))
    return torch.matmul(front, sd_other.unsqueeze(-1))[..., 0]


class SamplesInFrontTest(unittest.TestCase):
    def test_equals_pairwise_sum_for_random_intervals(self):
        g = torch.Generator().manual_seed(0)
        n = 10
        for _ in range(20):
            rays = 500
            t0 = torch.rand(rays, generator=g) * 4 + 0.5
            span = torch.rand(rays, generator=g) * 2
            span[::7] = 0.0                                   # missed rays: no span and no density
            sd = torch.rand(rays, n, generator=g) * (span > 0).float().unsqueeze(-1)
            t_other = t0.unsqueeze(-1) + span.unsqueeze(-1) * sample_offsets(n)
            t = torch.rand(rays, 7, generator=g) * 7              # query points anywhere, also outside the box
            got = samples_in_front(t, t0, span, sd, n)
            want = pairwise_in_front(t, t_other, sd)
            self.assertLess((got - want).abs().max().item(), 1e-5)


def small_config(**kw):
    base = dict(z_shape_dim=8, z_app_dim=8, z_bg_dim=8, n_objects=2, feature_grid=16, n_samples=6,
                obj_hidden=16, obj_layers=1, obj_n_freq=4, feat_dim=8, bg_hidden=16, bg_layers=1, bg_n_freq=4,
                img_size=32, render_channels=16, render_min_channels=8, obj_pose_input=True, seed=3)
    return GeneratorConfig(**dict(base, **kw))


class CullingTest(unittest.TestCase):
    def check_same(self, **kw):
        torch.manual_seed(0)
        culled = Generator(small_config(cull_rays=True, **kw)).eval()
        full = Generator(small_config(cull_rays=False, **kw)).eval()
        full.load_state_dict(culled.state_dict())
        inp = culled.example_inputs(batch=3, seed=1)
        inp["obj_translation"][1, -1] = torch.tensor([0.9, 0.4, 0.0])    # objects apart, partly off screen
        inp["obj_presence"][2, -1] = 0.0                                 # an object switched off
        with torch.no_grad():
            a, b = culled(**inp), full(**inp)
        for x, y in zip(a, b):
            self.assertLess((x - y).abs().max().item(), 1e-5)
        self.assertGreater(a[1].std().item(), 1e-3)                     # the frame shows something

    def test_two_objects(self):
        self.check_same()

    def test_one_object(self):
        self.check_same(n_objects=1)

    def test_deferred(self):
        self.check_same(deferred=True, bg_ground_z=-0.3, painter_hidden=8, ground_hidden=8)


class BatchTest(unittest.TestCase):
    """A batch of frames equals the frames one by one: at batch 1 (the studio) the painters take the codes as
    one broadcast row, in a training batch each painted pixel gathers its own item's codes."""

    def test_deferred_batch_equals_single_frames(self):
        torch.manual_seed(0)
        gen = Generator(small_config(cull_rays=True, deferred=True, bg_ground_z=-0.3, painter_hidden=8,
                                     ground_hidden=8)).eval()
        inp = gen.example_inputs(batch=3, seed=2)
        inp["z_bg"] = torch.randn(3, 8)                                 # a different ground per item
        inp["obj_translation"][1, 0] = torch.tensor([0.3, -0.2, 0.0])
        with torch.no_grad():
            batch = gen(**inp)
            for i in range(3):
                one = gen(**{k: v[i:i + 1] for k, v in inp.items()})
                for x, y in zip(batch, one):
                    self.assertLess((x[i:i + 1] - y).abs().max().item(), 1e-5)


class BoxPointTest(unittest.TestCase):
    """The deferred model's box point (where on an object a pixel lies, which the texture painter reads): an
    opaque box gives all the weight to the first sample inside it, half a spacing behind its face; the midpoint
    rule (box_entry_shift 0.5) puts the point back on the face."""

    def box_points(self, shift):
        torch.manual_seed(0)
        gen = Generator(small_config(n_objects=1, deferred=True, bg_ground_z=-0.3, painter_hidden=8, ground_hidden=8,
                                     box_entry_shift=shift)).eval()
        with torch.no_grad():   # a solid box: density 200 everywhere inside it
            for p in gen.obj_field.parameters():
                p.zero_()
            gen.obj_field.sigma.bias.fill_(200.0)
        inp = gen.example_inputs(batch=1, seed=4)
        inp["obj_translation"][0, 0] = torch.tensor([0.0, 0.0, 0.0])
        aux = {}
        with torch.no_grad():
            gen(**inp, aux=aux)
        opacity, box = aux["opacity"][0, 0], aux["box"][0, 0]           # [G,G], [3,G,G] premultiplied
        inside = opacity > 0.999
        self.assertGreater(int(inside.sum()), 10)
        return (box[:, inside] / opacity[inside]).abs().amax(0)         # max |coordinate| per box pixel

    def test_midpoint_rule_puts_box_points_on_the_face(self):
        on_face = (self.box_points(0.5) - 1.0).abs()   # (rays that graze an edge keep a little weight further in)
        self.assertLess(on_face.median().item(), 1e-4)
        self.assertLess(on_face.max().item(), 1e-2)
        behind = self.box_points(0.0)                                    # without it: inside the box
        self.assertLess(behind.median().item(), 0.97)


if __name__ == "__main__":
    unittest.main()
