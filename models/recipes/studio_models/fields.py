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
        self.feat_out = nn.Linear(w, cfg.feat_dim)
        self.softplus = cfg.density_activation == "softplus"

    def code_terms(self, z_shape: torch.Tensor, z_app: torch.Tensor) -> torch.Tensor:
        """[B, D] codes -> [B, 2W or 3W] first-layer contributions (shape, [skip], app), concatenated."""
        terms = [self.in_z(z_shape)]
        if self.skip >= 0:
            terms.append(self.skip_z(z_shape))
        terms.append(self.app(z_app))
        return torch.cat(terms, dim=-1)

    def forward(self, p: torch.Tensor, terms: torch.Tensor):
        """p [..., n, 3] box coords; terms [..., 1, kW] from code_terms (broadcast over samples)."""
        w = self.in_z.out_features
        pe = self.pe(p)
        h = F.relu(self.in_p(pe) + terms[..., :w])
        for i, layer in enumerate(self.trunk):
            h = F.relu(layer(h))
            if i == self.skip:
                h = h + self.skip_p(pe) + terms[..., w:2 * w]
        raw = self.sigma(h)[..., 0]
        sigma = F.softplus(raw) if self.softplus else F.relu(raw)
        g = F.relu(self.feat_in(h) + terms[..., -w:])
        return sigma, self.feat_out(g)


class BackgroundField(nn.Module):
    """Background at infinity: (unit ray direction rotated by bg_rotation, z_bg) -> feature.

    A direction-only field (an environment map conditioned on z_bg) is cheap (evaluated once per ray,
    no samples) and cannot occlude objects; the world-axis dependence lets it show the camera azimuth.
    """

    def __init__(self, cfg):
        super().__init__()
        w = cfg.bg_hidden
        self.pe = PositionalEncoding(cfg.bg_n_freq)
        self.in_d = nn.Linear(self.pe.out_dim, w)
        self.in_z = nn.Linear(cfg.z_bg_dim, w, bias=False)
        self.layers = nn.ModuleList([nn.Linear(w, w) for _ in range(cfg.bg_layers)])
        self.out = nn.Linear(w, cfg.feat_dim)

    def forward(self, d: torch.Tensor, z_bg: torch.Tensor) -> torch.Tensor:
        """d [B, R, 3] unit directions, z_bg [B, Db] -> [B, R, C]."""
        h = F.relu(self.in_d(self.pe(d)) + self.in_z(z_bg).unsqueeze(1))
        for layer in self.layers:
            h = F.relu(layer(h))
        return self.out(h)
