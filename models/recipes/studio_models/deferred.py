"""Deferred shading at full resolution: the 2D renderer's smooth layers + the painters' sharp patterns.

The renderer (feature map -> img_size^2) gives per pixel: the background's base colour (sky gradient, ground
colour ramp), the foreground coverage mask and the two light terms of the object surface (diffuse factor,
specular), all smooth. Per object, the volume render's box point (premultiplied by the object's opacity,
upsampled from the ray grid) says where on the box a pixel lies. Then, per pixel:

    albedo   = sum_k share_k * (first_k + (second_k - first_k) * w_obj(box point_k, z_app_k))
    object   = albedo * diffuse + specular                     (the data's shading model)
    ground   = base + (pattern_k - base) * w_ground(ground hit, footprint, z_bg)
    image    = mask * object + (1 - mask) * ground-or-sky

first/second (two albedo colours per appearance code) and the ground's pattern colour are linear heads on
the codes (sigmoid: valid colours for any blend or seed). The ground painter also sees log(footprint of a
pixel on the ground), because the data's ground patterns fade out where a pixel covers a whole feature.
"""
import torch
from torch import nn
import torch.nn.functional as F

from .camera import rays
from .painters import PointPainter, paint_where

DIFFUSE_MAX, SPEC_MAX = 1.2, 0.25   # above the data's maxima (scenes.render.light_terms: 1.1, 0.22)
SELECT_OBJECT = 0.01                # an object's upsampled opacity above which its painter runs at a pixel
SELECT_GROUND = 0.995               # the foreground mask below which the ground painter runs


class DeferredShading(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.obj_painter = PointPainter(3, 0, cfg.z_app_dim, cfg.painter_freqs, cfg.painter_hidden, sigma=1.5)
        self.ground_painter = PointPainter(2, 1, cfg.z_bg_dim, cfg.ground_freqs, cfg.ground_hidden, sigma=2.5)
        self.obj_colours = nn.Linear(cfg.z_app_dim, 6)      # first and second albedo colour (logits)
        self.ground_colour = nn.Linear(cfg.z_bg_dim, 3)     # the ground pattern's colour (logits)

    # -- pieces the training losses also call on true G-buffers --------------------------------------
    def object_logits(self, box, z_app):
        """box [P, 3] box points, z_app [P, Da] -> w logits [P, 1] (every point painted)."""
        return self.obj_painter(box, None, self.obj_painter.code_terms(z_app))

    def object_albedo(self, w, z_app):
        """w [..., 1] weights, z_app [..., Da] -> albedo [..., 3]."""
        c = torch.sigmoid(self.obj_colours(z_app))
        return c[..., :3] + (c[..., 3:] - c[..., :3]) * w

    def ground_inputs(self, origin, d_unit, focal, img_size):
        """Per-pixel ground painter inputs: hit (x, y) [B,R,2], log footprint [B,R,1], downward flag [B,R,1].

        Same plane and clamp as BackgroundField.ground_inputs; the footprint is one pixel's length on the
        ground, t * pixel angle / |d_z| (scenes.backgrounds fades patterns by it)."""
        cfg = self.cfg
        dz = d_unit[..., 2:3]
        down = dz < 0.0
        t = (cfg.bg_ground_z - origin[..., 2:3]) / torch.where(down, dz, -torch.ones_like(dz))
        t = t.clamp(0.0, cfg.bg_ground_max)
        hit = (origin + t * d_unit)[..., :2]
        pix_angle = 2.0 / ((img_size - 1) * focal.unsqueeze(-1))              # [B,1,1]
        footprint = t * pix_angle / (-dz).clamp_min(1e-3)
        flag = torch.where(down, torch.ones_like(dz), torch.zeros_like(dz))
        return hit * flag, torch.log(footprint.clamp(1e-3, 1.0)) * flag, flag

    def ground_logits(self, hit, log_fp, z_bg):
        """hit [P, 2], log_fp [P, 1], z_bg [P, Db] -> w logits [P, 1]."""
        return self.ground_painter(hit, log_fp, self.ground_painter.code_terms(z_bg))

    # -- the frame ------------------------------------------------------------------------------------
    def forward(self, out, opacity, box, z_app, z_bg, camera_world, camera_focal, grid, aux=None):
        """out [B,6,H,W] renderer logits; opacity [B,N,g,g] and box [B,N,3,g,g] (premultiplied) per object on
        the ray grid; grid [H*W, 2] pixel coordinates -> (image, mask) [B,3|1,H,W]. ``aux`` (a dict) gets
        the layers the training losses need."""
        n_obj = opacity.shape[1]
        bsz, _, res, _ = out.shape
        hw = res * res
        base = torch.sigmoid(out[:, :3])
        mask = torch.sigmoid(out[:, 3:4])
        diffuse = DIFFUSE_MAX * torch.sigmoid(out[:, 4:5])
        spec = SPEC_MAX * torch.sigmoid(out[:, 5:6])
        k = 2 ** self.cfg.n_upsample

        def up(x):
            return F.interpolate(x, scale_factor=float(k), mode="bilinear", align_corners=False) if k > 1 else x

        def flat(x):  # [B,C,H,W] -> [B*H*W, C]
            return x.permute(0, 2, 3, 1).reshape(bsz * hw, x.shape[1])

        albedo, own = 0.0, 0.0
        for i in range(n_obj):
            a = up(opacity[:, i:i + 1])
            pts = up(box[:, i]) / (a + 1e-4)
            sel = flat(a) - SELECT_OBJECT
            logits = paint_where(self.obj_painter, sel[:, 0], flat(pts), None,
                                 self.obj_painter.code_terms(z_app[:, i]), hw)
            w = torch.sigmoid(logits)
            c = torch.sigmoid(self.obj_colours(z_app[:, i]))                  # [B, 6]
            first, second = c[:, None, :3], c[:, None, 3:]
            alb = (first + (second - first) * w.reshape(bsz, hw, 1)).reshape(bsz, res, res, 3).permute(0, 3, 1, 2)
            share = F.relu(a - SELECT_OBJECT)   # 0 where the painter did not run: continuous at the threshold
            albedo, own = albedo + share * alb, own + share
        albedo = albedo / (own + 1e-4)
        obj = albedo * diffuse + spec

        origin, d = rays(camera_world, camera_focal, grid)
        d_unit = d / d.norm(dim=-1, keepdim=True)
        hit, log_fp, flag = self.ground_inputs(origin, d_unit, camera_focal, res)
        sel = flag.reshape(-1, 1) * F.relu(SELECT_GROUND - flat(mask))
        logits = paint_where(self.ground_painter, sel[:, 0], hit.reshape(-1, 2), log_fp.reshape(-1, 1),
                             self.ground_painter.code_terms(z_bg), hw)
        wg = (torch.sigmoid(logits) * F.relu(torch.sign(sel))).reshape(bsz, res, res, 1).permute(0, 3, 1, 2)
        pattern = torch.sigmoid(self.ground_colour(z_bg))[:, :, None, None]
        bg = base + (pattern - base) * wg
        image = mask * obj + (1.0 - mask) * bg
        if aux is not None:
            aux.update(base=base, mask=mask, diffuse=diffuse, spec=spec, albedo=albedo, background=bg)
        return image, mask
