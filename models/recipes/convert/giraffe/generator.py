"""The GIRAFFE generator as an exportable function of explicit inputs.

Why rewritten: upstream's Generator.forward samples codes, cameras, boxes and object existence on the host
(numpy, scipy), uses torch.cumprod and boolean masked assignment, and loops over a batch-dependent object
count. Here every random quantity is an input the studio builds in TypeScript; transmittance is
exp(-exclusive cumsum(sigma * delta)) (upstream: cumprod(1 - alpha + 1e-10), equal up to ~1e-9); masks are
torch.where; the loop over objects is unrolled to the preset's count and an existence input multiplies
each object's density (upstream's clevr2345 `sample_object_existance`, which zeroes sigma after ReLU).

Conventions are upstream's, unchanged: pixel grid = arange_pixels at the 16^2 volume resolution (corner
samples at +-1, row 0 = top = y +1, col 0 = left), rays d_cam = (x/f, y/f, -1), world = camera_world @ d,
object box p_box = R (p - t) / s, box culling at |p_box| <= 1.1, background points rotated by bg_rotation.
Inputs (names are the manifest's): z_shape, z_app [B,N,z]; z_shape_bg, z_app_bg [B,z_bg];
camera_world [B,4,4]; camera_focal [B,1]; obj_scale, obj_translation [B,N,3]; obj_rotation [B,N,3,3];
obj_presence [B,N]; bg_rotation [B,3,3] (only when the config rotates the background).
"""
import torch
from torch import nn

from .fields import FeatureField
from .renderer import NeuralRenderer

OUTPUT_NAMES = ["image"]


def volume_grid(res: int) -> torch.Tensor:
    """[res*res, 2] (x, y) in upstream's float32 arithmetic, row-major with row 0 at the top (y = +1)."""
    idx = torch.arange(0, res).float()
    lin = 2.0 * idx / (res - 1) - 1.0
    yy, xx = torch.meshgrid(-lin, lin, indexing="ij")
    return torch.stack([xx.reshape(-1), yy.reshape(-1)], dim=-1)


class GiraffeGenerator(nn.Module):
    def __init__(self, preset, scale_ratio=(1.0, 1.0, 1.0), cull=True):
        super().__init__()
        self.cull = cull
        a = preset.arch
        self.n_boxes, self.res, self.n_steps = preset.n_boxes, preset.resolution_vol, preset.n_ray_samples
        self.use_bg_rotation = tuple(preset.bg_rotation_range) != (0.0, 0.0)
        self.decoder = FeatureField(a.z_dim, a.obj_hidden, a.obj_blocks, a.obj_rgb, downscale=preset.obj_downscale)
        self.background_generator = FeatureField(a.z_dim_bg, a.bg_hidden, a.bg_blocks, a.bg_rgb, skips=(),
                                                 downscale=preset.bg_downscale)
        self.neural_renderer = NeuralRenderer(a.nr_feat, a.nr_input, a.img_size)
        d0, d1 = preset.depth_range
        di = d0 + torch.linspace(0.0, 1.0, steps=self.n_steps) * (d1 - d0)
        dists = torch.cat([di[1:] - di[:-1], torch.tensor([1e10])])
        self.register_buffer("_grid", volume_grid(self.res), persistent=False)
        self.register_buffer("_di", di, persistent=False)
        self.register_buffer("_dists", dists, persistent=False)
        self.register_buffer("_scale_ratio", torch.tensor(scale_ratio, dtype=torch.float32), persistent=False)

    @property
    def input_names(self):
        names = ["z_shape", "z_app", "z_shape_bg", "z_app_bg", "camera_world", "camera_focal",
                 "obj_scale", "obj_translation", "obj_rotation", "obj_presence"]
        return names + (["bg_rotation"] if self.use_bg_rotation else [])

    def _rays(self, camera_world, camera_focal):
        """Camera centre [B,1,3], points on the image plane [B,R,3] (world), as upstream computes them."""
        xy = self._grid.unsqueeze(0) / camera_focal.unsqueeze(-1)
        d_cam = torch.cat([xy, -torch.ones_like(xy[..., :1])], dim=-1)
        origin = camera_world[:, :3, 3].unsqueeze(1)
        pixels_world = torch.matmul(d_cam, camera_world[:, :3, :3].transpose(1, 2)) + origin
        return origin, pixels_world

    def _march(self, cam, pix):
        """Sample points [B,R,S,3] along cam -> pix, and the (unnormalised) ray [B,R,1,3]."""
        ray = (pix - cam).unsqueeze(2)
        return cam.unsqueeze(2) + self._di.view(1, 1, -1, 1) * ray, ray

    def _object_inside(self, p, ray, inside, z_shape, z_app):
        """The object field evaluated only where upstream keeps its density (|p_box| <= 1.1).

        Exact, not an approximation: outside the box upstream zeroes sigma, so the object's composite weight
        sigma / sum(sigma) is 0 there and its feature never reaches the image. With boxes a few tenths wide
        on rays 5.5 units deep, ~90% of the samples are outside, and this is where most of the time went.
        Returns sigma scattered back to [B,R,S] (transmittance needs every sample) and the ray-sum of the
        hidden features for a given weight [B,R,S], summed over the inside points only.
        """
        n_batch, n_ray, n_step = p.shape[0], p.shape[1], p.shape[2]
        flat_p = p.reshape(-1, 3)
        idx = torch.nonzero(inside.reshape(-1)).squeeze(1)
        ray_of = torch.div(idx, n_step, rounding_mode="floor")                  # flat (image, ray) index
        b = torch.div(ray_of, n_ray, rounding_mode="floor")
        d = ray.reshape(-1, 3)[ray_of]
        h_in, sigma_in = self.decoder.hidden(flat_p[idx], d, z_shape, z_app, point_batch=b)
        sigma = torch.zeros_like(flat_p[:, 0]).index_put((idx,), sigma_in).reshape(n_batch, n_ray, n_step)

        width = self.decoder.feat_out.in_features  # a Python int: the ONNX scatter needs static widths

        def ray_sum(w):
            src = w.reshape(-1)[idx].unsqueeze(1) * h_in
            acc = torch.zeros(n_batch * n_ray, width, dtype=h_in.dtype)
            # ScatterElements(reduction="add"): several inside points share a ray. (index_put(accumulate)
            # exports as a plain ScatterND, where the last duplicate wins: wrong by 0.02 here.)
            return acc.scatter_add(0, ray_of.unsqueeze(1).repeat(1, width), src).reshape(n_batch, n_ray, width)
        return sigma, ray_sum

    def forward(self, z_shape, z_app, z_shape_bg, z_app_bg, camera_world, camera_focal, obj_scale,
                obj_translation, obj_rotation, obj_presence, bg_rotation=None):
        cam, pix = self._rays(camera_world, camera_focal)
        scale = obj_scale * self._scale_ratio
        # per field: density [B,R,S] and ray_sum(w) = sum over samples of w * hidden features, [B,R,hidden]
        sigmas, ray_sums = [], []
        dense_sum = lambda h: (lambda w: torch.matmul(w.unsqueeze(-2), h).squeeze(-2))  # noqa: E731
        for i in range(self.n_boxes):
            R, t, s = obj_rotation[:, i], obj_translation[:, i].unsqueeze(1), scale[:, i].unsqueeze(1)
            to_box = lambda p: torch.matmul(p - t, R.transpose(1, 2)) / s
            p, ray = self._march(to_box(cam), to_box(pix))
            inside = torch.all(p <= 1.1, dim=-1) & torch.all(p >= -1.1, dim=-1)
            if self.cull:
                sigma, ray_sum = self._object_inside(p, ray, inside, z_shape[:, i], z_app[:, i])
            else:
                h, sigma = self.decoder.hidden(p, ray, z_shape[:, i], z_app[:, i])
                ray_sum = dense_sum(h)
            sigma = torch.relu(torch.where(inside, sigma, torch.zeros_like(sigma)))
            sigmas.append(sigma * obj_presence[:, i].view(-1, 1, 1))
            ray_sums.append(ray_sum)
        if bg_rotation is not None:
            rot = lambda p: torch.matmul(p, bg_rotation.transpose(1, 2))
            cam_bg, pix_bg = rot(cam), rot(pix)
        else:
            cam_bg, pix_bg = cam, pix
        p, ray = self._march(cam_bg, pix_bg)
        h, sigma = self.background_generator.hidden(p, ray, z_shape_bg, z_app_bg)
        sigmas.append(torch.relu(sigma))
        ray_sums.append(dense_sum(h))

        sigma_sum = torch.stack(sigmas, dim=0).sum(0)
        denom = torch.where(sigma_sum == 0, torch.full_like(sigma_sum, 1e-4), sigma_sum)
        ray_len = torch.norm(pix - cam, dim=-1, keepdim=True)                     # [B,R,1]
        x = sigma_sum * (self._dists.view(1, 1, -1) * ray_len)                   # [B,R,S]
        alpha = 1.0 - torch.exp(-x)
        optical = torch.cat([torch.zeros_like(x[..., :1]), torch.cumsum(x[..., :-1], dim=-1)], dim=-1)
        weights = alpha * torch.exp(-optical) / denom
        # Upstream: feat = sum_k f_k sigma_k / denom per sample, then sum_s weights_s feat_s per ray. Each f_k
        # is feat_out_k(hidden_k), linear, so it moves outside the sum over samples: one head per ray.
        heads = [self.decoder.feat_out] * self.n_boxes + [self.background_generator.feat_out]
        feat_map = 0.0
        for head, ray_sum, s in zip(heads, ray_sums, sigmas):
            w = weights * s                                                       # [B,R,S]
            feat_map = feat_map + torch.matmul(ray_sum(w), head.weight.t()) \
                + torch.sum(w, dim=-1, keepdim=True) * head.bias                 # [B,R,C]
        feat_map = feat_map.reshape(-1, self.res, self.res, feat_map.shape[-1]).permute(0, 3, 1, 2)
        return self.neural_renderer(feat_map)
