"""Deferred shading at full resolution: the 2D renderer's smooth layers + the painters' sharp patterns.

The renderer (feature map -> img_size^2) gives per pixel: the background's base colour (sky gradient, ground
colour ramp), the foreground coverage mask and the two light terms of the object surface (diffuse factor,
specular), all smooth. Per object, the volume render's box point (premultiplied by the object's opacity,
upsampled from the ray grid) says where on the box a pixel lies. Then, per pixel:

    albedo   = sum_k share_k * (first_k + (second_k - first_k) * w_obj(box point_k, z_app_k))
    object   = albedo * diffuse + specular                     (the data's shading model)
    ground   = base + (pattern_k - base) * w_ground(ground hit, footprint, z_bg)
    image    = mask * object + (1 - mask) * ground-or-sky

With ``analytic_light`` the renderer gives only the base colour and the mask, and diffuse / specular come per
object and pixel from a normal painted at the box point and a learned light (lighting.py); the object term
is then sum_k share_k * (albedo_k * diffuse_k + specular_k).

first/second (two albedo colours per appearance code) and the ground's pattern colour are linear heads on
the codes (sigmoid: valid colours for any blend or seed). The ground painter also sees log(footprint of a
pixel on the ground), because the data's ground patterns fade out where a pixel covers a whole feature.
"""
import torch
from torch import nn
import torch.nn.functional as F

from .fields import ground_hit
from .ground_atlas import GroundAtlas
from .lighting import DirectionalLight, box_directions, world_normals, unit
from .painters import PointPainter

DIFFUSE_MAX, SPEC_MAX = 1.2, 0.25   # above the data's maxima (scenes.render.light_terms: 1.1, 0.22)
SELECT_OBJECT = 0.01                # an object's upsampled opacity above which its painter runs at a pixel
SELECT_GROUND = 0.995               # the foreground mask below which the ground painter runs


def two_tone(colours, w):
    """colours [..., 6] (first, second) and weights w [..., 1] -> albedo first + (second - first) * w."""
    return colours[..., :3] + (colours[..., 3:] - colours[..., :3]) * w


def per_item(painter, x, terms, b_idx):
    """painter(x, None, terms of each point's batch item) -> [P, out]. x's points come grouped by batch item
    in order (they are NonZero indices of a [B*H*W] map), so at batch > 1 (training) the painter runs once per
    item on its contiguous chunk with one terms row: a coded painter then never builds per-point filters
    ([P, T] terms, T ~ 450 for a 32-wide 3-filter ground painter: ~150 MB per batch of 8 and 2.5x the step
    time). At batch 1 (the studio) it is one call."""
    if terms.shape[0] == 1:
        return painter(x, None, terms)
    counts = torch.bincount(b_idx, minlength=terms.shape[0]).tolist()
    out = [painter(chunk, None, terms[k:k + 1]) for k, chunk in enumerate(torch.split(x, counts)) if counts[k]]
    return torch.cat(out) if out else x.new_zeros(0, painter.out_dim)


class DeferredShading(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.obj_painter = PointPainter(3, 0, cfg.z_app_dim, cfg.painter_hidden, sigma=2.0, layers=cfg.painter_layers)
        if cfg.ground_atlas:
            self.ground_painter = GroundAtlas(cfg.z_bg_dim, cfg.ground_atlas, cfg.ground_atlas_maps,
                                              cfg.ground_atlas_extent)
        else:
            self.ground_painter = PointPainter(2, 1, cfg.z_bg_dim, cfg.ground_hidden, sigma=cfg.ground_sigma,
                                               layers=cfg.ground_layers, coded_filters=cfg.ground_coded_filters)
        self.obj_colours = nn.Linear(cfg.z_app_dim, 6)      # first and second albedo colour (logits)
        self.ground_colour = nn.Linear(cfg.z_bg_dim, 3)     # the ground pattern's colour (logits)
        if cfg.analytic_light:   # lighting.py: normals painted from the box point and the shape code
            self.normal_painter = PointPainter(3, 0, cfg.z_shape_dim, cfg.normal_hidden, sigma=cfg.normal_sigma,
                                               layers=cfg.normal_layers, out_dim=3)
            self.light = DirectionalLight()

    # -- pieces the training losses also call on true G-buffers --------------------------------------
    def object_logits(self, box, z_app):
        """box [P, 3] box points, z_app [P, Da] -> w logits [P, 1] (every point painted)."""
        return self.obj_painter(box, None, self.obj_painter.code_terms(z_app))

    def object_albedo(self, w, z_app):
        """w [..., 1] weights, z_app [..., Da] -> albedo [..., 3]."""
        return two_tone(torch.sigmoid(self.obj_colours(z_app)), w)

    def object_light(self, box, terms, inv_scale, rotation, ray):
        """box [P, 3] box points, terms: the normal painter's code terms of z_shape [P | 1, T], inv_scale
        [P | 1, 3], rotation [P | 1, 3, 3], ray [P, 3] unit view rays -> (diffuse, spec) [P, 1] each."""
        normal = world_normals(self.normal_painter(box, None, terms), inv_scale, rotation)
        return self.light(normal, ray)

    @staticmethod
    def onto_rays(p, o_b, d_b):
        """Box points p [P, 3] -> the nearest points on their pixels' own box-space rays (from o_b [P | 1, 3]
        along d_b [P, 3]). Why: the volume render gives one point per 4x4 pixel block, on that block's central
        ray; bilinearly upsampled, a pixel's point lies off its own ray (at a crease it cuts the corner), and
        the painters read the texture and the normal at the wrong place. On unseen images (g3, 96 images, no
        retraining): object PSNR 23.53 -> 23.78 dB. (A learned signed distance to step along the ray onto the
        surface was tried too: a 16-wide 2-filter painter barely fit it in 800 steps and cost 0.25 dB.)"""
        d_hat = unit(d_b)
        return o_b + ((p - o_b) * d_hat).sum(-1, keepdim=True) * d_hat

    def plane_maps(self, box_i, opacity_i, z_shape_i, origin_b, d_unit, inv_scale, rotation):
        """One object's ray-grid cells as weighted tangent planes: box [B,3,g,g] (premultiplied), opacity [B,1,g,g],
        z_shape [B,Ds], its box-space camera [B,3], the grid's unit world rays [B,g*g,3], 1/scale [B,3], rotation
        [B,3,3] -> [B,5,g,g]: v n (3), v n . (p - o) (1), v (1), where n is the unit box-space normal the normal
        painter gives at the cell's point p and v the cell's weight: its opacity above a half, zero where its ray
        grazes the plane."""
        B, _, g, _ = box_i.shape
        pts = (box_i / opacity_i.clamp_min(1e-3)).permute(0, 2, 3, 1).reshape(-1, 3)       # [B*g*g, 3]
        b_cell = torch.arange(B).repeat_interleave(g * g)
        normal = unit(per_item(self.normal_painter, pts, self.normal_painter.code_terms(z_shape_i), b_cell))

        def cells(x):  # per batch item rows [B, ...] -> per cell (one row at batch 1)
            return x if B == 1 else x.repeat_interleave(g * g, 0)

        ray = unit(box_directions(d_unit.reshape(-1, 3), cells(inv_scale), cells(rotation)))
        cos = (ray * normal).sum(-1, keepdim=True)
        v = (torch.relu(opacity_i.reshape(-1, 1) - 0.5) * 2.0
             * (cos.abs() > self.cfg.plane_min_cos).float())
        offset = (normal * (pts - cells(origin_b))).sum(-1, keepdim=True)
        maps = torch.cat([normal * v, offset * v, v], 1)                                 # [B*g*g, 5]
        return maps.reshape(B, g, g, 5).permute(0, 3, 1, 2)

    def onto_blended_plane(self, p, o_b, d_b, planes):
        """Upsampled box points p [P, 3] -> where their pixels' rays (from o_b [P | 1, 3] along d_b [P, 3]) meet
        the bilinear blend of their neighbour cells' tangent planes (planes [P, 5]: the upsampled ``plane_maps``);
        the ``onto_rays`` point (computed here, from the same unit ray) where no cell counts, the blend is grazed
        or it moves that point more than ``plane_max_shift``.

        Why: bilinear upsampling mixes the cells' points, so a pixel's depth along its ray is a chord between
        cell centres: the surface between two cells on a curved side or near the rim is cut, and the painters
        read texture and normal off the surface. A cell's point and normal give the surface around it to first
        order; the blend of the neighbours' planes follows a curved side between the cells. runs/g6, no
        retraining, 96 unseen images: object PSNR 24.01 -> 24.69 dB. (Intersecting each of the four planes and
        mixing the depths gave 24.85 but cost 4x the per-pixel ops: +22% frame time in ORT-web, against +8%.)"""
        d_hat = unit(d_b)
        n, offset, v = planes[:, :3], planes[:, 3:4], planes[:, 4:5]
        den = (n * d_hat).sum(-1, keepdim=True)
        ok_den = den.abs() > self.cfg.plane_min_cos * v.clamp_min(1e-6)
        depth = offset / torch.where(ok_den, den, torch.ones_like(den))
        on_ray = ((p - o_b) * d_hat).sum(-1, keepdim=True)
        ok = ok_den & (v > 1e-3) & ((depth - on_ray).abs() < self.cfg.plane_max_shift)
        return o_b + torch.where(ok, depth, on_ray) * d_hat

    def ground_inputs(self, origin, d_unit, focal, img_size):
        """Per-pixel ground painter inputs: hit (x, y) [B,R,2], log footprint [B,R,1], downward flag [B,R,1].

        The background field's plane and clamp (fields.ground_hit); the footprint is one pixel's length on the
        ground, t * pixel angle / |d_z| (scenes.backgrounds fades patterns by it)."""
        t, hit, flag = ground_hit(origin, d_unit, self.cfg.bg_ground_z, self.cfg.bg_ground_max)
        pix_angle = 2.0 / ((img_size - 1) * focal.unsqueeze(-1))              # [B,1,1]
        footprint = t * pix_angle / (-d_unit[..., 2:3]).clamp_min(1e-3)
        return hit[..., :2] * flag, torch.log(footprint.clamp(1e-3, 1.0)) * flag, flag

    def ground_logits(self, hit, log_fp, z_bg):
        """(filter-network painter) hit [P, 2], log_fp [P, 1], z_bg [P, Db] -> w logits [P, 1]."""
        return self.ground_painter(hit, log_fp, self.ground_painter.code_terms(z_bg))

    def ground_weight(self, x, z_bg, b_idx):
        """x [P, 3] (hit x, y, log footprint) grouped by batch item b_idx [P], z_bg [B, Db] -> pattern weights
        [P, 1] in (0, 1) (an atlas gives weights, a filter network logits)."""
        out = per_item(self.ground_painter, x, self.ground_painter.code_terms(z_bg), b_idx)
        return out if self.cfg.ground_atlas else torch.sigmoid(out)

    # -- the frame ------------------------------------------------------------------------------------
    def forward(self, out, opacity, box, origin, d_unit, camera_focal, z_app, z_bg, aux=None, pose=None):
        """out [B,6|4,H,W] renderer logits; opacity [B,N,g,g] and box [B,N,3,g,g] (premultiplied) per object on
        the ray grid, whose rays are origin [B,1,3], d_unit [B,g*g,3] -> (image, mask) [B,3|1,H,W]. ``aux``
        (a dict) gets the layers the training losses need. ``pose`` (analytic light only): z_shape [B,N,Ds],
        obj_scale [B,N,3], obj_rotation [B,N,3,3] and each object's box-space camera R (o - t) / s [B,N,3].

        Layout for speed (WASM): element-wise work at full resolution is what a deferred frame pays for
        (~0.3 ms per op on 128^2 x 3 in ORT-web), so the per-object points, their opacities and the ground
        inputs are computed on the ray grid and upsampled; each painter gathers its pixels, computes its colour
        there, and scatters it back."""
        cfg = self.cfg
        n_obj, res, g = opacity.shape[1], cfg.img_size, cfg.feature_grid
        hw = res * res
        hit, log_fp, flag = self.ground_inputs(origin, d_unit, camera_focal, res)   # on the ray grid

        def up(x):  # [B, C, g, g] -> [B, C, res, res], bilinear
            return F.interpolate(x, scale_factor=float(res // g), mode="bilinear", align_corners=False) if res > g else x

        def grid(x):  # [B, g*g, C] -> [B, C, g, g]
            return x.reshape(-1, g, g, x.shape[-1]).permute(0, 3, 1, 2)

        # What selects pixels (the opacities, the ground flag) is laid out channel-major [C, B*H*W]: a layer is
        # a contiguous row. What a painter reads (box points, ground inputs) is upsampled on its own and laid
        # out pixel-major [B*H*W, D]: a Gather on axis 0 copies rows (~4x faster in ORT-web than on axis 1) and
        # gives the painter its [P, D] input with no column slice (a strided copy, ~0.2 ms each at 128^2).
        fl = up(torch.cat([opacity, grid(flag)], 1)).permute(1, 0, 2, 3).reshape(n_obj + 1, -1)

        def pixel_rows(x):  # [B, D, g, g] -> upsampled [B*H*W, D]
            return up(x).permute(0, 2, 3, 1).reshape(-1, x.shape[1])

        o = torch.sigmoid(out).permute(1, 0, 2, 3).reshape(out.shape[1], -1)
        base, mask = o[:3], o[3:4]
        analytic = pose is not None
        if not analytic:
            diffuse, spec = DIFFUSE_MAX * o[4:5], SPEC_MAX * o[5:6]
        else:
            z_shape, obj_scale, obj_rotation, box_origin = pose
            rays_px = pixel_rows(grid(d_unit))                                     # [B*H*W, 3], unit up to ~1e-3

        def per_point(rows, b_idx):  # per-batch-item rows [B, ...] -> per point: broadcast at batch 1, else gathered
            return rows if rows.shape[0] == 1 else rows.index_select(0, b_idx)

        # sum share * albedo (or lit colour), sum share; with analytic light and aux, also share * light terms
        acc = torch.zeros_like(o[:4])
        if analytic and aux is not None:
            acc = torch.cat([acc, torch.zeros_like(acc[:2])])
        for i in range(n_obj):
            a = fl[i]
            idx = torch.nonzero(a > SELECT_OBJECT)[:, 0]
            b_idx = torch.div(idx, hw, rounding_mode="trunc")
            if cfg.box_on_plane:   # the cells' tangent planes ride along with the box points (one Resize, one Gather)
                cell_maps = self.plane_maps(box[:, i], opacity[:, i:i + 1], z_shape[:, i], box_origin[:, i],
                                            d_unit, 1.0 / obj_scale[:, i], obj_rotation[:, i])
                rows = pixel_rows(torch.cat([box[:, i], cell_maps], 1)).index_select(0, idx)
                sel, planes = rows[:, :3], rows[:, 3:]
            else:
                sel = pixel_rows(box[:, i]).index_select(0, idx)                   # [P, 3] premultiplied
            a_sel = a.index_select(0, idx).unsqueeze(1)
            p = sel / a_sel
            if analytic:
                n_terms = per_point(self.normal_painter.code_terms(z_shape[:, i]), b_idx)
                ray = unit(rays_px.index_select(0, idx))
                inv_s, rot = per_point(1.0 / obj_scale[:, i], b_idx), per_point(obj_rotation[:, i], b_idx)
                if self.cfg.box_on_ray:   # onto the pixel's box-space ray from the object's box-space camera
                    o_b, d_b = per_point(box_origin[:, i], b_idx), box_directions(ray, inv_s, rot)
                    p = (self.onto_blended_plane(p, o_b, d_b, planes) if cfg.box_on_plane
                         else self.onto_rays(p, o_b, d_b))
                dif, spe = self.object_light(p, n_terms, inv_s, rot, ray)
            terms = per_point(self.obj_painter.code_terms(z_app[:, i]), b_idx)
            w = torch.sigmoid(self.obj_painter(p, None, terms))
            c = per_point(torch.sigmoid(self.obj_colours(z_app[:, i])), b_idx)        # [P | 1, 6]
            share = a_sel - SELECT_OBJECT   # 0 at the threshold: the frame is continuous where painting stops
            alb = two_tone(c, w)
            rows = [alb * share, share]
            if analytic:
                rows = [(alb * dif + spe) * share, share] + ([dif * share, spe * share] if aux is not None else [])
            acc = acc + torch.zeros_like(acc).scatter(1, idx.unsqueeze(0).expand(acc.shape[0], -1),
                                                      torch.cat(rows, 1).t())
        if analytic:
            obj = acc[:3] / (acc[3:4] + 1e-4)
            if aux is not None:
                diffuse, spec = acc[4:5] / (acc[3:4] + 1e-4), acc[5:6] / (acc[3:4] + 1e-4)
                albedo = (obj - spec) / diffuse.clamp_min(1e-3)
        else:
            albedo = acc[:3] / (acc[3:] + 1e-4)
            obj = albedo * diffuse + spec

        gsel = fl[-1] * F.relu(SELECT_GROUND - mask[0])
        idx = torch.nonzero(gsel > 0)[:, 0]
        b_idx = torch.div(idx, hw, rounding_mode="trunc")
        ground_sel = pixel_rows(grid(torch.cat([hit, log_fp], -1))).index_select(0, idx)   # [P, 3]: hit x, y, log fp
        w = self.ground_weight(ground_sel, z_bg, b_idx)
        # scaled by the upsampled ground flag: the horizon's pixels are partly sky, and the frame stays continuous
        w_map = torch.zeros_like(mask).scatter(1, idx.unsqueeze(0), w.t()) * fl[-1:]         # [1, B*H*W]
        # the pattern colour per pixel: one row at batch 1, else each pixel's batch item's row
        pattern = torch.sigmoid(self.ground_colour(z_bg))                                   # [B, 3]
        pattern = pattern.t() if pattern.shape[0] == 1 else pattern.t().repeat_interleave(hw, 1)
        bg = base + (pattern - base) * w_map
        image = bg + mask * (obj - bg)

        def grid_of(x):  # [C, B*H*W] -> [B, C, H, W]
            return x.reshape(x.shape[0], -1, res, res).permute(1, 0, 2, 3)

        if aux is not None:
            aux.update(base=grid_of(base), mask=grid_of(mask), diffuse=grid_of(diffuse), spec=grid_of(spec),
                       albedo=grid_of(albedo), background=grid_of(bg))
        return grid_of(image), torch.sigmoid(out[:, 3:4])
