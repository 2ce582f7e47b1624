"""GIRAFFE's feature field MLP (object and background), with the upstream parameter names.

Why these names: they are the keys of `generator_test.decoder.*` / `generator_test.background_generator.*`
in an upstream checkpoint, so load_state_dict(strict) checks the checkpoint for us. The forward pass follows
the GIRAFFE paper (NeRF-style positional encoding of p / downscale, shape code into the density trunk with a
skip, appearance code and view direction into the feature head) and contains no random sampling.
"""
import math

import torch
from torch import nn
import torch.nn.functional as F


def posenc(p: torch.Tensor, n_freq: int) -> torch.Tensor:
    """[..., 3] -> [..., 6 n_freq]: for each octave i, sin(2^i pi p) then cos(2^i pi p)."""
    parts = []
    for i in range(n_freq):
        a = (2 ** i) * math.pi * p
        parts += [torch.sin(a), torch.cos(a)]
    return torch.cat(parts, dim=-1)


class FeatureField(nn.Module):
    """sigma and a feature vector for points p [B,P,3], view directions d [B,P,3], codes [B,z]."""

    def __init__(self, z_dim, hidden, n_blocks, rgb_out, n_freq=10, n_freq_views=4, skips=(4,),
                 downscale=2.0, use_viewdirs=True):
        super().__init__()
        self.n_freq, self.n_freq_views, self.downscale = n_freq, n_freq_views, downscale
        self.use_viewdirs, self.skips = use_viewdirs, tuple(skips)
        emb, emb_v = 6 * n_freq, 6 * n_freq_views
        self.fc_in = nn.Linear(emb, hidden)
        self.fc_z = nn.Linear(z_dim, hidden)
        self.blocks = nn.ModuleList([nn.Linear(hidden, hidden) for _ in range(n_blocks - 1)])
        n_skips = sum(i in self.skips for i in range(n_blocks - 1))
        if n_skips:
            self.fc_z_skips = nn.ModuleList([nn.Linear(z_dim, hidden) for _ in range(n_skips)])
            self.fc_p_skips = nn.ModuleList([nn.Linear(emb, hidden) for _ in range(n_skips)])
        self.sigma_out = nn.Linear(hidden, 1)
        self.fc_z_view = nn.Linear(z_dim, hidden)
        self.feat_view = nn.Linear(hidden, hidden)
        self.fc_view = nn.Linear(emb_v, hidden)
        self.feat_out = nn.Linear(hidden, rgb_out)

    def forward(self, p, d, z_shape, z_app):
        """p [B,...,3], d broadcastable to p, codes [B,z] (broadcast over the point axes)."""
        def per_point(v):
            for _ in range(p.dim() - 2):
                v = v.unsqueeze(1)
            return v
        pe = posenc(p / self.downscale, self.n_freq)
        net = F.relu(self.fc_in(pe) + per_point(self.fc_z(z_shape)))
        skip = 0
        for idx, layer in enumerate(self.blocks):
            net = F.relu(layer(net))
            if (idx + 1) in self.skips and idx < len(self.blocks) - 1:
                net = net + per_point(self.fc_z_skips[skip](z_shape)) + self.fc_p_skips[skip](pe)
                skip += 1
        sigma = self.sigma_out(net).squeeze(-1)
        net = self.feat_view(net) + per_point(self.fc_z_view(z_app))
        if self.use_viewdirs:
            d = d / torch.norm(d, dim=-1, keepdim=True)
            net = F.relu(net + self.fc_view(posenc(d / self.downscale, self.n_freq_views)))
        return self.feat_out(net), sigma
