"""The generator: explicit tensors in, image + mask out (GIRAFFE-HD-style, ONNX-exportable).

forward(z_shape [B,N,Ds], z_app [B,N,Da], z_bg [B,Db], camera_world [B,4,4], camera_focal [B,1],
        obj_scale [B,N,3], obj_translation [B,N,3], obj_rotation [B,N,3,3], obj_presence [B,N],
        bg_rotation [B,3,3] (only when cfg.use_bg_rotation))
  -> image [B,3,H,W] in [0,1], mask [B,1,H,W] in [0,1] (foreground coverage)

Nothing is sampled inside: the adapter (TypeScript) builds every tensor, see camera.py for the convention.
The loop over objects is a Python loop, unrolled by tracing to cfg.n_objects; obj_presence switches an
object off (its density is multiplied by presence, and with culling its rays are skipped).
"""
import torch
from torch import nn
import torch.nn.functional as F

from .camera import pixel_grid, rays
from .compose import ObjectSamples, to_box, box_interval, sample_offsets, composite, ray_rows, to_all_rays
from .fields import ObjectField, BackgroundField
from .renderer import NeuralRenderer
from .deferred import DeferredShading
from .painters import PointPainter
from .ground_atlas import GroundAtlas

INPUT_NAMES = ["z_shape", "z_app", "z_bg", "camera_world", "camera_focal", "obj_scale", "obj_translation",
               "obj_rotation", "obj_presence", "bg_rotation"]
OUTPUT_NAMES = ["image", "mask"]


class Generator(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.obj_field = ObjectField(cfg)
        self.bg_field = BackgroundField(cfg)
        n_up = cfg.n_upsample
        if cfg.separate_bg_renderer:
            self.fg_renderer = NeuralRenderer(cfg.feat_dim + 1, cfg.render_channels, cfg.render_min_channels, n_up, 4)
            self.bg_renderer = NeuralRenderer(cfg.feat_dim, cfg.bg_render_channels, cfg.render_min_channels, n_up, 3)
        else:
            self.renderer = NeuralRenderer(cfg.feat_dim, cfg.render_channels, cfg.render_min_channels, n_up,
                                           6 if cfg.deferred and not cfg.analytic_light else 4,
                                           cfg.final_rgb_kernel)
        self.register_buffer("grid", pixel_grid(cfg.feature_grid, cfg.img_size), persistent=False)
        if cfg.analytic_light and not cfg.deferred:
            raise ValueError("analytic_light lights the deferred frame's objects: it needs deferred")
        if cfg.deferred:
            if cfg.separate_bg_renderer or cfg.bg_ground_z is None:
                raise ValueError("deferred shading needs one renderer and a ground plane (bg_ground_z)")
            self.shading = DeferredShading(cfg)
            # full-resolution pixel coordinates (training losses: exact ground hits of the true pixels)
            self.register_buffer("pixels", pixel_grid(cfg.img_size, cfg.img_size), persistent=False)
        self.register_buffer("offsets", sample_offsets(cfg.n_samples), persistent=False)
        self.reset_parameters()

    @property
    def input_names(self):
        return INPUT_NAMES if self.cfg.use_bg_rotation else INPUT_NAMES[:-1]

    def reset_parameters(self):
        """Kaiming-normal init (variance-preserving through ReLU stacks) so that even random weights give
        images with visible structure; the density head is biased positive so objects are not empty."""
        gen = torch.Generator().manual_seed(self.cfg.seed)
        for m in self.modules():
            if isinstance(m, (nn.Linear, nn.Conv2d)):
                fan_in = m.weight[0].numel()
                with torch.no_grad():
                    m.weight.copy_(torch.randn(m.weight.shape, generator=gen) * (2.0 / fan_in) ** 0.5)
                    if m.bias is not None:
                        m.bias.zero_()
        with torch.no_grad():
            self.obj_field.sigma.bias.fill_(self.cfg.sigma_bias_init)
            # finer-scale RGB skips start small: the coarse colours of the volume render dominate at init
            for r in [m for m in self.modules() if m.__class__.__name__ == "NeuralRenderer"]:
                for conv in r.to_rgb[1:]:
                    conv.weight.mul_(0.25)
        for m in self.modules():   # coded painter filters start at zero (a warm start keeps its function)
            if isinstance(m, PointPainter):
                m.zero_code_filters()
            if isinstance(m, GroundAtlas):   # its gate and bias start where the docstring says
                m.reset_head()

    # ------------------------------------------------------------------------------------------------
    def _object_samples(self, origin, d, d_len, terms, scale, translation, rotation, presence):
        """One object's ObjectSamples (compose.py) and its box-space rays (origin [B,1,3], direction [B,R,3]:
        sample i is at origin + t_i * direction)."""
        cfg = self.cfg
        near, far = cfg.depth_range
        n = cfg.n_samples
        R = cfg.feature_grid ** 2
        o_b, d_b = to_box(origin, d, scale, translation, rotation)
        t0, t1, hit = box_interval(o_b, d_b, near, far)
        hit = hit * (presence.unsqueeze(1) > 0).to(hit.dtype)
        span = t1 - t0
        t = (t0.unsqueeze(-1) + span.unsqueeze(-1) * self.offsets).reshape(-1, n)    # [B*R,n]
        o_f = o_b.expand(-1, R, -1).reshape(-1, 3)
        d_f = d_b.reshape(-1, 3)
        if cfg.cull_rays:
            # Only rays that hit the box run the MLP (NonZero -> Gather -> MLP); composite() puts them back.
            idx = torch.nonzero(hit.reshape(-1))[:, 0]                      # [H]
            b_idx = torch.div(idx, R, rounding_mode="trunc")   # idx >= 0: trunc == floor, one Div node
            ray_terms = terms.index_select(0, b_idx)
        else:
            idx, ray_terms = None, terms.unsqueeze(1).expand(-1, R, -1).reshape(-1, terms.shape[-1])
        t_sel = ray_rows(t, idx)                                            # [H,n]
        p = ray_rows(o_f, idx).unsqueeze(1) + t_sel.unsqueeze(-1) * ray_rows(d_f, idx).unsqueeze(1)
        ray_term = self.obj_field.view_term(ray_rows(d_f, idx)).unsqueeze(1) if cfg.obj_pose_input else None
        sig, feat = self.obj_field(p, ray_terms.unsqueeze(1), ray_term)
        if idx is None:
            sig = sig * hit.reshape(-1, 1)
        # world length per sample (delta), times presence: [B*R, 1]
        scale_sd = (span * d_len * presence.unsqueeze(1) / n).reshape(-1, 1)
        sd = sig * ray_rows(scale_sd, idx)
        sd_all = to_all_rays(sd, idx, torch.zeros_like(t[:, :1]), n)
        return ObjectSamples(idx, t_sel, sd, feat, sd_all, t0.reshape(-1), span.reshape(-1)), (o_b, d_b)

    def forward(self, z_shape, z_app, z_bg, camera_world, camera_focal, obj_scale, obj_translation,
                obj_rotation, obj_presence, bg_rotation=None, n_up=None, aux=None):
        """n_up (training only, never exported): stop the 2D renderer after n_up of its x2 blocks, giving a
        feature_grid * 2**n_up image (progressive training supervises that on downsampled targets).
        aux (training only): a dict that receives the layers the deferred model's losses need."""
        cfg = self.cfg
        G = cfg.feature_grid
        origin, d = rays(camera_world, camera_focal, self.grid)            # [B,1,3], [B,R,3]
        d_len = d.norm(dim=-1)                                              # [B,R]

        objects, box_rays = [], []
        for k in range(cfg.n_objects):
            terms = self.obj_field.code_terms(z_shape[:, k], z_app[:, k], obj_rotation[:, k])
            samples, box_ray = self._object_samples(origin, d, d_len, terms, obj_scale[:, k], obj_translation[:, k],
                                                    obj_rotation[:, k], obj_presence[:, k])
            objects.append(samples), box_rays.append(box_ray)
        # the moments (opacity, sum w t) give the deferred model's box points; other models skip them
        composited = composite(objects, cfg.n_samples, cfg.feat_dim, return_moments=cfg.deferred)
        fg, t_bg = composited[0].reshape(d.shape[0], -1, cfg.feat_dim), composited[1].reshape(d_len.shape)
        moments = composited[2] if cfg.deferred else None

        d_unit = d / d_len.unsqueeze(-1)
        rot = bg_rotation if (cfg.use_bg_rotation and bg_rotation is not None) else None
        if cfg.bg_ground_z is not None:
            bg_in = self.bg_field.ground_inputs(origin, d_unit, rot)
        elif rot is not None:
            bg_in = torch.matmul(d_unit, rot.transpose(1, 2))              # GIRAFFE rotates bg points by R
        else:
            bg_in = d_unit
        bg = self.bg_field(bg_in, z_bg)                                     # [B,R,C]

        def to_map(x):                                                      # [B,R,C] -> [B,C,G,G], row 0 = top
            return x.reshape(-1, G, G, x.shape[-1]).permute(0, 3, 1, 2)

        if cfg.deferred:
            if n_up is not None and n_up != cfg.n_upsample:
                raise ValueError("the deferred model renders at full resolution only (no progressive n_up)")
            opacity, box = [], []
            for k in range(cfg.n_objects):
                # premultiplied box point: sum_i w_i (o + t_i d) = opacity * o + (sum_i w_i t_i) * d, so only
                # the expected depth is reduced over the samples (no [B,R,n,3] point tensor in the graph)
                m = moments[k].reshape(d.shape[0], -1, 2)
                op = m[..., :1]
                o_b, d_b = box_rays[k]
                depth = m[..., 1:]
                if cfg.box_entry_shift:   # toward the camera by a share of the ray's sample spacing (config.py)
                    spacing = objects[k].span.reshape(d.shape[0], -1, 1) * (cfg.box_entry_shift / cfg.n_samples)
                    depth = depth - spacing * op
                opacity.append(to_map(op))
                box.append(to_map(op * o_b + depth * d_b))
            opacity, box = torch.cat(opacity, 1), torch.stack(box, 1)        # [B,N,G,G], [B,N,3,G,G]
            out = self.renderer(to_map(fg + t_bg.unsqueeze(-1) * bg))
            if aux is not None:
                aux.update(opacity=opacity, box=box)
            # the box-space camera of each object (to_box above), for the frame's on-ray box points
            pose = ((z_shape, obj_scale, obj_rotation, torch.cat([o_b for o_b, _ in box_rays], 1))
                    if cfg.analytic_light else None)
            return self.shading(out, opacity, box, origin, d_unit, camera_focal, z_app, z_bg, aux, pose)
        if cfg.separate_bg_renderer:
            alpha = (1.0 - t_bg).unsqueeze(-1)
            fg_out = self.fg_renderer(to_map(torch.cat([fg, alpha], -1)), n_up)
            bg_rgb = torch.sigmoid(self.bg_renderer(to_map(bg), n_up))
            mask = torch.sigmoid(fg_out[:, 3:4])
            image = torch.sigmoid(fg_out[:, :3]) * mask + bg_rgb * (1.0 - mask)
        else:
            out = self.renderer(to_map(fg + t_bg.unsqueeze(-1) * bg), n_up)
            image = torch.sigmoid(out[:, :3])
            mask = torch.sigmoid(out[:, 3:4])
        return image, mask

    def example_inputs(self, batch: int = 1, seed: int = 0):
        """A plausible input set (for export tracing and quick checks)."""
        from .camera import camera_world_matrix, z_rotation, focal_from_fov
        cfg, N = self.cfg, self.cfg.n_objects
        g = torch.Generator().manual_seed(seed)
        cam = camera_world_matrix(30.0, 25.0, 2.732)
        xs = torch.linspace(-0.35, 0.35, N) if N > 1 else torch.zeros(1)
        inp = dict(
            z_shape=torch.randn(batch, N, cfg.z_shape_dim, generator=g),
            z_app=torch.randn(batch, N, cfg.z_app_dim, generator=g),
            z_bg=torch.randn(batch, cfg.z_bg_dim, generator=g),
            camera_world=cam.expand(batch, 4, 4).clone(),
            camera_focal=torch.full((batch, 1), focal_from_fov(49.13)),
            obj_scale=torch.full((batch, N, 3), 0.3),
            obj_translation=torch.stack([xs, torch.zeros(N), torch.zeros(N)], -1).expand(batch, N, 3).clone(),
            obj_rotation=z_rotation(20.0).expand(batch, N, 3, 3).clone(),
            obj_presence=torch.ones(batch, N),
        )
        if cfg.use_bg_rotation:
            inp["bg_rotation"] = torch.eye(3).expand(batch, 3, 3).clone()
        return inp
