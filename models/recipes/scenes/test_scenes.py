"""Smoke tests of the scene renderer and dataset builder (a few seconds on CPU).

    cd models/recipes && /usr/bin/python3 -m unittest scenes.test_scenes -v
"""
import io
import json
import os
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout

import numpy as np

from scenes import backgrounds, build, config
from scenes.camera import pixel_rays, project
from scenes.render import render
from scenes.sampling import Sampler
from scenes.shards import load_split


def scene(n=1, azimuth=30.0, elevation=25.0, background=0, shape=0, texture=0, objects=1, t=(0, 0)):
    """A batch of n identical scenes with explicit factors (slot 1 absent unless objects == 2)."""
    s = 0.32
    return {
        "azimuth_deg": np.full(n, azimuth, np.float32), "elevation_deg": np.full(n, elevation, np.float32),
        "radius": np.full(n, config.DEFAULT_RADIUS, np.float32),
        "fov_deg": np.full(n, config.DEFAULT_FOV_DEG, np.float32),
        "background": np.full(n, background, np.int8),
        "present": np.tile([objects >= 1, objects >= 2], (n, 1)),
        "shape": np.full((n, 2), shape, np.int8), "colour": np.zeros((n, 2), np.int8),
        "texture": np.full((n, 2), texture, np.int8),
        "translation": np.tile([[t[0], t[1], config.object_z(s)], [0.5, -0.5, config.object_z(s)]], (n, 1, 1)),
        "scale": np.full((n, 2), s, np.float32), "yaw_deg": np.zeros((n, 2), np.float32),
    }


class CameraTest(unittest.TestCase):
    def test_pixel_ray_axes(self):
        """Camera at azimuth 0 sits on +x and looks along -x; row 0 is up; +x pixel is world +y."""
        o, d = pixel_rays([0.0], [0.0], [2.732], [40.0], 33)
        d = d.reshape(33, 33, 3)
        np.testing.assert_allclose(o[0], [2.732, 0, 0], atol=1e-5)
        np.testing.assert_allclose(d[16, 16], [-1, 0, 0], atol=1e-6)
        self.assertGreater(d[0, 16, 2], 0.1)    # top row looks up
        self.assertLess(d[32, 16, 2], -0.1)     # bottom row looks down
        self.assertGreater(d[16, 32, 1], 0.1)   # right column looks towards +y
        half = np.degrees(np.arctan2(d[16, 32, 1], -d[16, 32, 0]))
        self.assertAlmostEqual(half, 20.0, places=4)  # edge pixel centre at fov/2

    def test_project_inverts_rays(self):
        o, d = pixel_rays([123.0], [31.0], [2.6], [40.0], 16)
        pts = o[:, None, :] + 2.0 * d[:, [0, 37, 255], :]
        cr = project(pts, [123.0], [31.0], [2.6], [40.0], 16)[0]
        np.testing.assert_allclose(cr, [[0, 0], [5, 2], [15, 15]], atol=1e-3)


class RenderTest(unittest.TestCase):
    def test_mask_nonempty_and_centred(self):
        """An object in view gives a mask whose centroid is near the projection of its centre."""
        for az in (0.0, 100.0, 250.0):
            f = scene(azimuth=az, t=(0.3, -0.2))
            out = render(f, 64)
            m = out["mask"][0].astype(np.float64)
            self.assertGreater(m.sum(), 50 * 255)
            np.testing.assert_array_equal(out["obj_mask"][0, 0], out["mask"][0])
            self.assertEqual(out["obj_mask"][0, 1].max(), 0)
            rows, cols = np.mgrid[0:64, 0:64]
            centroid = [(m * cols).sum() / m.sum(), (m * rows).sum() / m.sum()]
            centre = f["translation"][:, :1, :] + [0, 0, 0]
            expect = project(centre, f["azimuth_deg"], f["elevation_deg"], f["radius"], f["fov_deg"], 64)
            np.testing.assert_allclose(centroid, expect[0, 0], atol=1.5)

    def test_yaw_follows_giraffe_rotation(self):
        """p_box = Rz(yaw)(p - t)/s puts the ring's axis (box y) along world (sin yaw, cos yaw, 0).

        With yaw 30 the ring faces a camera at azimuth 60 (hole visible, large mask) and is seen
        edge-on from azimuth 150; the transposed rotation would swap the two.
        """
        torus = config.SHAPES.index("torus")
        f = scene(n=2, elevation=0.0, shape=torus)
        f["yaw_deg"][:, 0] = 30.0
        f["azimuth_deg"][:] = (60.0, 150.0)
        m = render(f, 64)["mask"].astype(np.float64)
        self.assertGreater(m[0].sum(), 1.5 * m[1].sum())
        c = project(f["translation"][:1, :1] + [0, 0, 0.05 * 0.32 * -1], f["azimuth_deg"][:1],
                    f["elevation_deg"][:1], f["radius"][:1], f["fov_deg"][:1], 64)[0, 0]
        self.assertEqual(m[0, int(round(c[1])), int(round(c[0]))], 0)  # the hole

    def test_every_shape_and_texture_renders(self):
        for k in range(len(config.SHAPES)):
            for tex in range(len(config.TEXTURES)):
                out = render(scene(shape=k, texture=tex), 32)
                self.assertGreater(out["mask"].sum(), 10 * 255, (config.SHAPES[k], config.TEXTURES[tex]))

    def test_gbuffers_rebuild_the_image(self):
        """albedo(texture, box point) * diffuse + specular from the G-buffers is the rendered object colour."""
        from scenes import palette, textures
        for tex in range(len(config.TEXTURES)):
            f = scene(shape=1, texture=tex)
            f["colour"][:] = 3
            f["yaw_deg"][:] = 37.0
            out = render(f, 64, gbuffers=True)
            full = np.nonzero(out["mask"][0] == 255)
            box, diffuse, spec = out["box"][0][full], out["diffuse"][0][full], out["spec"][0][full]
            self.assertLessEqual(np.abs(box).max(), 1.0 + 1e-3)  # points lie in the box
            w = textures.texture_weight(np.full(len(box), tex), box)[:, None]
            albedo = palette.PRIMARY[3] + (palette.SECONDARY[3] - palette.PRIMARY[3]) * w
            rebuilt = np.clip(albedo * diffuse[:, None] + spec[:, None], 0, 1)
            err = np.abs(rebuilt - out["rgb"][0][full] / 255.0)
            self.assertLess(np.median(err), 0.01, config.TEXTURES[tex])  # only texture edges are averaged
            off = out["mask"][0] == 0
            self.assertEqual(np.abs(out["box"][0][off]).max(), 0.0)  # premultiplied: nothing off the object

    def test_deterministic(self):
        s = Sampler()
        f1, f2 = s.sample(7, "train", range(6)), s.sample(7, "train", range(6))
        for k in f1:
            np.testing.assert_array_equal(f1[k], f2[k])
        np.testing.assert_array_equal(render(f1, 32)["rgb"], render(f2, 32)["rgb"])
        f3 = s.sample(8, "train", range(6))
        self.assertFalse(np.array_equal(f1["azimuth_deg"], f3["azimuth_deg"]))
        # an image depends only on (seed, split, index), not on its batch
        np.testing.assert_array_equal(s.sample(7, "train", [3])["translation"][0], f1["translation"][3])

    def test_horizon_at_mid_image_at_elevation_zero(self):
        out = render(scene(n=2, azimuth=77.0, elevation=0.0, objects=0), 64, aux=True)
        g = out["ground"]
        self.assertEqual(g[:, :32].max(), 0.0)   # upper half: sky
        self.assertEqual(g[:, 32:].min(), 1.0)   # lower half: ground

    def test_azimuth_180_mirrors_ground_ramp(self):
        """Ground colour ramps along world x: turning the camera by 180 deg swaps the ramp's ends."""
        bg = config.BACKGROUNDS.index("studio")  # plain ground: colour = a + (b - a) * ramp(x)
        a = render(scene(azimuth=40.0, elevation=30.0, background=bg, objects=0), 64, aux=True)
        b = render(scene(azimuth=220.0, elevation=30.0, background=bg, objects=0), 64, aux=True)
        ground = (a["ground"][0] == 1) & (b["ground"][0] == 1)
        self.assertGreater(ground.mean(), 0.9)
        total = a["rgb"][0].astype(int) + b["rgb"][0].astype(int)
        expect = np.round((backgrounds.GROUND_A[bg] + backgrounds.GROUND_B[bg]) * 255)
        self.assertLessEqual(np.abs(total[ground] - expect).max(), 2)
        self.assertGreater(np.abs(a["rgb"][0].astype(int) - b["rgb"][0]).max(), 40)  # and it does change


class SplitTest(unittest.TestCase):
    def test_held_out_pairs(self):
        s = Sampler()
        for split in ("train", "test_seen"):
            f = s.sample(3, split, range(300))
            self.assertEqual(int(f["held_out"].max()), 0, split)
            for i in range(300):
                for j in range(2):
                    if f["present"][i, j]:
                        self.assertEqual(s.pair_bits(f["shape"][i, j], f["texture"][i, j], f["background"][i]), 0)
        u = s.sample(3, "test_unseen", range(300))
        self.assertTrue((u["held_out"] > 0).all())

    def test_bad_settings(self):
        with self.assertRaisesRegex(ValueError, "unknown shape"):
            Sampler(["sphere", "teapot"])
        with self.assertRaisesRegex(ValueError, "not supported"):
            render(scene(), 100)
        for argv, msg in ((["--count", "0"], "empty split"), (["--count", "4", "--res", "48"], "not supported"),
                          (["--count", "4", "--shapes", "cube,blob"], "unknown shape")):
            err = io.StringIO()
            with tempfile.TemporaryDirectory() as d, redirect_stderr(err):
                self.assertEqual(build.main(["--out", d] + argv), 2)
            self.assertIn(msg, err.getvalue())


class BuildTest(unittest.TestCase):
    def test_build_saves_matching_factors_and_resumes(self):
        with tempfile.TemporaryDirectory() as d:
            root = os.path.join(d, "tiny")
            argv = ["--out", root, "--count", "6", "--test-seen", "3", "--test-unseen", "3", "--res", "32",
                    "--shard-size", "4", "--workers", "1", "--seed", "5"]
            with redirect_stdout(io.StringIO()):
                self.assertEqual(build.main(argv), 0)
            with open(os.path.join(root, "index.json")) as fh:
                self.assertTrue(json.load(fh)["complete"])
            data = load_split(root, "train")
            self.assertEqual(len(data["rgb"]), 6)
            expect = Sampler().sample(5, "train", range(6))
            for k, v in expect.items():
                np.testing.assert_array_equal(data[k], v, k)
            np.testing.assert_array_equal(data["rgb"], render(expect, 32)["rgb"])
            self.assertTrue((load_split(root, "test_unseen")["held_out"] > 0).all())
            mtime = os.path.getmtime(os.path.join(root, "train", "shard_00000.npz"))
            out = io.StringIO()
            with redirect_stdout(out):  # same settings: resume, nothing re-rendered
                self.assertEqual(build.main(argv), 0)
            self.assertIn("rendering 0 images", out.getvalue())
            self.assertEqual(mtime, os.path.getmtime(os.path.join(root, "train", "shard_00000.npz")))
            err = io.StringIO()
            with redirect_stderr(err):  # other settings on a finished folder: refused
                self.assertEqual(build.main(argv[:-2] + ["--seed", "6"]), 2)
            self.assertIn("--overwrite", err.getvalue())


if __name__ == "__main__":
    unittest.main()
