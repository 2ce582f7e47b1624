"""Feature fields: positional encoding, the per-object field and the background field.

Why split the code terms out (``code_terms``): a latent code enters the first layer linearly, so its
contribution W_z @ z is computed once per batch item ([B, W]) and gathered per ray, instead of
concatenating the code onto every 3D sample. That is both cheaper and what makes ray culling simple
(only the selected rays gather their batch item's code term).

As in GIRAFFE: z_shape enters the density trunk only, z_app enters the feature head only, so a texture
change cannot move the geometry. Outputs are raw (linear) features; density gets relu/softplus.
"""
import math
import torch
from torch import nn
import torch.nn.functional as F


class PositionalEncoding(nn.Module):
    """x -> [x, sin(2^k * pi/2 * x), cos(...)] for k < n_freq.

    The frequency expansion is one MatMul with a constant [in, in*L] matrix (no reshape: a -1 reshape of a
    tensor with a 0-sized axis fails in onnxruntime, and culling can select 0 rays); cos is sin(x + pi/2),
    so one Sin node does both.
    """

    def __init__(self, n_freq: int, in_dim: int = 3):
        super().__init__()
        self.n_freq = n_freq
        freqs = (2.0 ** torch.arange(n_freq, dtype=torch.float32)) * (math.pi / 2)
        fmat = torch.zeros(in_dim, in_dim * n_freq)
        for a in range(in_dim):
            fmat[a, a * n_freq:(a + 1) * n_freq] = freqs
        self.register_buffer("fmat", fmat, persistent=False)
        self.out_dim = in_dim * (1 + 2 * n_freq)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        xf = torch.matmul(x, self.fmat)
        s = torch.sin(torch.cat([xf, xf + (math.pi / 2)], dim=-1))          # sin and cos
        return torch.cat([x, s], dim=-1)


class ObjectField(nn.Module):
    """Per-object feature field in box coordinates: (p_box, z_shape, z_app) -> (sigma, feature).

    Shared by all objects (as in GIRAFFE: one decoder for every box).
    """

    def __init__(self, cfg):
        super().__init__()
        w = cfg.obj_hidden
        self.pe = PositionalEncoding(cfg.obj_n_freq)
        self.in_p = nn.Linear(self.pe.out_dim, w)
        self.in_z = nn.Linear(cfg.z_shape_dim, w, bias=False)
        self.trunk = nn.ModuleList([nn.Linear(w, w) for _ in range(cfg.obj_layers)])
        self.skip = cfg.obj_skip
        if self.skip >= 0:
            self.skip_p = nn.Linear(self.pe.out_dim, w, bias=False)
            self.skip_z = nn.Linear(cfg.z_shape_dim, w, bias=False)
        self.sigma = nn.Linear(w, 1)
        self.feat_in = nn.Linear(w, w)
        self.app = nn.Linear(cfg.z_app_dim, w, bias=False)
        self.feat_hidden = nn.ModuleList([nn.Linear(w, w) for _ in range(cfg.feat_layers)])
        self.pose_input = cfg.obj_pose_input
        if self.pose_input:
            self.pose = nn.Linear(9, w, bias=False)       # vec(R): light direction in box space is linear in R
            self.view = nn.Linear(3, w, bias=False)       # unit ray direction in box space (per ray)
        self.feat_out = nn.Linear(w, cfg.feat_dim)
        self.softplus = cfg.density_activation == "softplus"
        self.n_samples = cfg.n_samples

    def code_terms(self, z_shape: torch.Tensor, z_app: torch.Tensor, rotation: torch.Tensor = None) -> torch.Tensor:
        """[B, D] codes -> [B, 2W or 3W] first-layer contributions (shape, [skip], app), concatenated.
        With obj_pose_input the box rotation [B,3,3] adds to the app term (it is constant along rays)."""
        terms = [self.in_z(z_shape)]
        if self.skip >= 0:
            terms.append(self.skip_z(z_shape))
        app = self.app(z_app)
        if self.pose_input:
            app = app + self.pose(rotation.reshape(-1, 9))
        terms.append(app)
        return torch.cat(terms, dim=-1)

    def view_term(self, d_box: torch.Tensor) -> torch.Tensor:
        """[..., 3] ray directions in box space -> [..., W] feature-head contribution (unit direction)."""
        return self.view(d_box / d_box.norm(dim=-1, keepdim=True).clamp_min(1e-6))

    def forward(self, p: torch.Tensor, terms: torch.Tensor, ray_term: torch.Tensor = None):
        """p [X, n, 3] box coords (n = cfg.n_samples per ray); terms [X, 1, kW] from code_terms (broadcast over
        samples); ray_term [X, 1, W] (obj_pose_input) is added to the feature head like the app term
        -> sigma [X, n], feature [X, n, C].

        The layers run on [X * n, W] (2-D): onnxruntime fuses a 2-D MatMul with its bias (and ReLU) into one
        Gemm, a 3-D one it leaves as MatMul + Add. Only the per-ray terms are added in 3-D."""
        w, n = self.in_z.out_features, self.n_samples

        def per_ray(x, term):  # [X*n, W] + [X, 1, W] -> [X*n, W]
            return (x.reshape(-1, n, w) + term).reshape(-1, w)

        pe = self.pe(p.reshape(-1, 3))
        h = F.relu(per_ray(self.in_p(pe), terms[..., :w]))
        for i, layer in enumerate(self.trunk):
            h = F.relu(layer(h))
            if i == self.skip:
                h = per_ray(h + self.skip_p(pe), terms[..., w:2 * w])
        raw = self.sigma(h).reshape(-1, n)
        sigma = F.softplus(raw) if self.softplus else F.relu(raw)
        pre = per_ray(self.feat_in(h), terms[..., -w:] if ray_term is None else terms[..., -w:] + ray_term)
        g = F.relu(pre)
        for layer in self.feat_hidden:
            g = F.relu(layer(g))
        return sigma, self.feat_out(g).reshape(-1, n, self.feat_out.out_features)


def ground_hit(origin: torch.Tensor, d: torch.Tensor, ground_z: float, ground_max: float):
    """Where rays meet the ground plane z = ground_z: origin [B,1,3], unit d [B,R,3] -> ray length t [B,R,1]
    (clamped to [0, ground_max]), hit point [B,R,3] and a downward flag [B,R,1] (1 if the ray goes down).

    Float masks and Where only; sky rays get a meaningless t and hit, which callers multiply by the flag.
    Shared by the background field and the deferred ground painter, so both see the same ground."""
    dz = d[..., 2:3]
    down = dz < 0.0
    t = (ground_z - origin[..., 2:3]) / torch.where(down, dz, -torch.ones_like(dz))
    t = t.clamp(0.0, ground_max)
    flag = torch.where(down, torch.ones_like(dz), torch.zeros_like(dz))
    return t, origin + t * d, flag


class BackgroundField(nn.Module):
    """Background: (unit ray direction rotated by bg_rotation, z_bg) -> feature, evaluated once per ray.

    A direction-only field (an environment map conditioned on z_bg) is cheap (no samples) and cannot occlude
    objects; the world-axis dependence lets it show the camera azimuth. With cfg.bg_ground_z set, the input
    also holds the ray's hit point on the ground plane (x, y; zeros for sky rays) and a ground flag
    (``ground_inputs``), so patterns on a ground plane stay put when the camera moves.
    """

    def __init__(self, cfg):
        super().__init__()
        w = cfg.bg_hidden
        self.ground_z = cfg.bg_ground_z
        self.ground_max = cfg.bg_ground_max
        self.pe = PositionalEncoding(cfg.bg_n_freq, in_dim=3 if cfg.bg_ground_z is None else 6)
        self.in_d = nn.Linear(self.pe.out_dim, w)
        self.in_z = nn.Linear(cfg.z_bg_dim, w, bias=False)
        self.layers = nn.ModuleList([nn.Linear(w, w) for _ in range(cfg.bg_layers)])
        self.out = nn.Linear(w, cfg.feat_dim)

    def ground_inputs(self, origin: torch.Tensor, d: torch.Tensor, rot: torch.Tensor = None) -> torch.Tensor:
        """origin [B,1,3], unit d [B,R,3] (world) -> [B,R,6] = (d, hit x, hit y, ground flag).

        Downward rays hit z = ground_z at t = (ground_z - o_z) / d_z (clamped to ground_max); sky rays get
        (0, 0, 0). ``rot`` (bg_rotation) turns the hit point with the direction. Float masks and Where only.
        """
        t, hit, flag = ground_hit(origin, d, self.ground_z, self.ground_max)
        if rot is not None:
            hit = torch.matmul(hit, rot.transpose(1, 2))
            d = torch.matmul(d, rot.transpose(1, 2))
        return torch.cat([d, hit[..., :2] * flag, flag], dim=-1)

    def forward(self, d: torch.Tensor, z_bg: torch.Tensor) -> torch.Tensor:
        """d [B, R, 3] unit directions (or [B, R, 6] from ground_inputs), z_bg [B, Db] -> [B, R, C]."""
        h = F.relu(self.in_d(self.pe(d)) + self.in_z(z_bg).unsqueeze(1))
        for layer in self.layers:
            h = F.relu(layer(h))
        return self.out(h)
