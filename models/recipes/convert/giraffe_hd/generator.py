"""The GIRAFFE-HD generator as an exportable function of explicit inputs.

Why rewritten: upstream's forward takes a 10-part list in knob units (u, v, radius, rval), samples training
noise and style-mixing points, uses cumprod / masked assignment and the per-sample modulated conv. Here:
the studio feeds GIRAFFE's camera_world / focal and the box s, t, R (same conventions as convert/giraffe,
which upstream shares: uvr_to_pose = GIRAFFE's look-at, from_euler = z-rotation); foreground and
background are volume-rendered separately as upstream does; eval-mode noise buffers; a fixed inject_index
(eval.py's default for the size, or --inject-index); the static-weight modulated conv (stylegan.py).
Outputs: image (final, [-1,1]), foreground (fg_img, [-1,1]), background (bg_img, [-1,1]), mask ([0,1]).
"""
import torch
from torch import nn

from ..giraffe.generator import volume_grid
from .field import HDField
from .stylegan import Mapping, RefineRdr, StyleRenderer

OUTPUT_NAMES = ["image", "foreground", "background", "mask"]
INPUT_NAMES = ["z_shape", "z_app", "z_shape_bg", "z_app_bg", "camera_world", "camera_focal",
               "obj_scale", "obj_translation", "obj_rotation"]


class GiraffeHDGenerator(nn.Module):
    def __init__(self, cfg, inject: int, scale_ratio=(1.0, 1.0, 1.0)):
        super().__init__()
        z, zb, feat, size, res = cfg["z_dim"], cfg["z_dim_bg"], cfg["feat_dim"], cfg["size"], cfg["res_vol"]
        self.res, self.n_steps, self.inject = res, 64, inject
        self.pos_share, self.fg_gen_mask, self.grf_use_mlp = cfg["pos_share"], cfg["fg_gen_mask"], cfg["grf_use_mlp"]
        vg = nn.Module()
        vg.decoder = HDField(z, feat, use_viewdirs=cfg["use_viewdirs"], use_z_app=cfg["grf_use_z_app"])
        vg.background_generator = HDField(zb, feat, hidden=64, n_blocks=4, skips=(), downscale=12.0,
                                          use_viewdirs=cfg["use_viewdirs"], use_z_app=cfg["grf_use_z_app"])
        self.vol_generator = vg
        self.fg_renderer = StyleRenderer(size, z, 4 if self.fg_gen_mask else 3, start=res)
        self.bg_renderer = StyleRenderer(size, zb, 3, start=res)
        self.refine_renderer = RefineRdr(size, zb, 3 if self.fg_gen_mask else 4)
        self.styles = nn.ModuleList([Mapping(z), Mapping(zb)])
        di = 0.5 + torch.linspace(0.0, 1.0, steps=self.n_steps) * (6.0 - 0.5)
        self.register_buffer("_grid", volume_grid(res), persistent=False)
        self.register_buffer("_di", di, persistent=False)
        self.register_buffer("_dists", torch.cat([di[1:] - di[:-1], torch.tensor([1e10])]), persistent=False)
        self.register_buffer("_scale_ratio", torch.tensor(scale_ratio, dtype=torch.float32), persistent=False)

    def _render(self, sigma, feat, ray_len):
        x = sigma * (self._dists.view(1, 1, -1) * ray_len)
        alpha = 1.0 - torch.exp(-x)
        optical = torch.cat([torch.zeros_like(x[..., :1]), torch.cumsum(x[..., :-1], dim=-1)], dim=-1)
        fm = torch.sum((alpha * torch.exp(-optical)).unsqueeze(-1) * feat, dim=-2)
        return fm.reshape(-1, self.res, self.res, fm.shape[-1]).permute(0, 3, 1, 2)

    def _fg_inside(self, p, ray, inside, w_s, w_a):
        """Object field only on samples inside the box (exact: elsewhere sigma = 0 so alpha = 0)."""
        n_ray, n_step = p.shape[1], p.shape[2]
        flat_p = p.reshape(-1, 3)
        flat_d = ray.expand(-1, -1, n_step, -1).reshape(-1, 3)
        idx = torch.nonzero(inside.reshape(-1)).squeeze(1)
        b = torch.div(idx, n_ray * n_step, rounding_mode="floor")
        feat_in, sigma_in = self.vol_generator.decoder(flat_p[idx], flat_d[idx], w_s[b], w_a[b])
        sigma = torch.zeros_like(flat_p[:, 0]).index_put((idx,), sigma_in)
        feat = flat_p.new_zeros((flat_p.shape[0], feat_in.shape[-1])).index_put((idx,), feat_in)
        return feat.reshape(p.shape[0], n_ray, n_step, -1), sigma.reshape(p.shape[0], n_ray, n_step)

    def forward(self, z_shape, z_app, z_shape_bg, z_app_bg, camera_world, camera_focal, obj_scale,
                obj_translation, obj_rotation):
        map_fg, map_bg = self.styles
        w_s_fg, w_a_fg = map_fg(z_shape[:, 0]), map_fg(z_app[:, 0])
        w_s_bg, w_a_bg = map_bg(z_shape_bg), map_bg(z_app_bg)
        g_s_fg, g_a_fg, g_s_bg, g_a_bg = ((w_s_fg, w_a_fg, w_s_bg, w_a_bg) if self.grf_use_mlp
                                          else (z_shape[:, 0], z_app[:, 0], z_shape_bg, z_app_bg))
        xy = self._grid.unsqueeze(0) / camera_focal.unsqueeze(-1)
        d_cam = torch.cat([xy, -torch.ones_like(xy[..., :1])], dim=-1)
        cam = camera_world[:, :3, 3].unsqueeze(1)
        pix = torch.matmul(d_cam, camera_world[:, :3, :3].transpose(1, 2)) + cam
        ray_len = torch.norm(pix - cam, dim=-1, keepdim=True)

        R, t = obj_rotation[:, 0], obj_translation[:, 0].unsqueeze(1)
        s = (obj_scale * self._scale_ratio)[:, 0].unsqueeze(1)
        to_box = lambda q: torch.matmul(q - t, R.transpose(1, 2)) / s
        cb, pb = to_box(cam), to_box(pix)
        ray = (pb - cb).unsqueeze(2)
        p = cb.unsqueeze(2) + self._di.view(1, 1, -1, 1) * ray
        inside = torch.all(p <= 1.1, dim=-1) & torch.all(p >= -1.1, dim=-1)
        feat, sigma = self._fg_inside(p, ray, inside, g_s_fg, g_a_fg)
        fg_feat = self._render(torch.relu(torch.where(inside, sigma, torch.zeros_like(sigma))), feat, ray_len)

        if self.pos_share:  # upstream: bg_t = (0, 0, t_z of the object), bg_R = identity at eval
            shift = obj_translation[:, 0] * torch.tensor([0.0, 0.0, 1.0])
            cam_bg, pix_bg = cam - shift.unsqueeze(1), pix - shift.unsqueeze(1)
        else:
            cam_bg, pix_bg = cam, pix
        ray_bg = (pix_bg - cam_bg).unsqueeze(2)
        p_bg = cam_bg.unsqueeze(2) + self._di.view(1, 1, -1, 1) * ray_bg
        feat_b, sigma_b = self.vol_generator.background_generator(p_bg, ray_bg, g_s_bg, g_a_bg)
        bg_feat = self._render(torch.relu(sigma_b), feat_b, ray_len)

        n = self.fg_renderer.n_latent
        k = min(max(self.inject, 0), n)
        fg, fg_out = self.fg_renderer(fg_feat, [w_s_fg] * k + [w_a_fg] * (n - k))
        bg_img = torch.tanh(self.bg_renderer(bg_feat, [w_a_bg] * self.bg_renderer.n_latent)[0])
        residual = self.refine_renderer(fg_out, w_a_bg)
        mask = torch.sigmoid(fg[:, 3:4] if self.fg_gen_mask else residual[:, 3:4])
        fg_img = torch.tanh(fg[:, 0:3] + residual[:, 0:3])
        return fg_img * mask + bg_img * (1 - mask), fg_img, bg_img, mask
