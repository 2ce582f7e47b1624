"""GIRAFFE-HD's feature field: GIRAFFE's MLP split into `dense_layers` (density trunk) and `feat_layers`
(feature head), with upstream's names. Why separate from convert/giraffe/fields.py: the parameter names
differ, and GIRAFFE-HD runs without view directions (no ReLU after the code is added) and feeds the *shape*
code to the feature head unless grf_use_z_app.
"""
import torch
from torch import nn
import torch.nn.functional as F

from ..giraffe.fields import add_density_trunk, posenc


class DenseLayers(nn.Module):
    def __init__(self, z_dim, hidden, n_blocks, skips, emb):
        super().__init__()
        self.skips = tuple(skips)
        add_density_trunk(self, z_dim, hidden, n_blocks, self.skips, emb)


class FeatLayers(nn.Module):
    def __init__(self, z_dim, hidden, emb_view, rgb_out):
        super().__init__()
        self.fc_z_view = nn.Linear(z_dim, hidden)
        self.feat_view = nn.Linear(hidden, hidden)
        self.fc_view = nn.Linear(emb_view, hidden)
        self.feat_out = nn.Linear(hidden, rgb_out)


class HDField(nn.Module):
    def __init__(self, z_dim, rgb_out, hidden=128, n_blocks=8, skips=(4,), downscale=2.0, use_viewdirs=False,
                 use_z_app=False, n_freq=10, n_freq_views=4):
        super().__init__()
        self.downscale, self.use_viewdirs, self.use_z_app = downscale, use_viewdirs, use_z_app
        self.n_freq, self.n_freq_views = n_freq, n_freq_views
        self.dense_layers = DenseLayers(z_dim, hidden, n_blocks, skips, 6 * n_freq)
        self.feat_layers = FeatLayers(z_dim, hidden, 6 * n_freq_views, rgb_out)

    def forward(self, p, d, z_shape, z_app):
        def per_point(v):
            for _ in range(p.dim() - 2):
                v = v.unsqueeze(1)
            return v
        dl, fl = self.dense_layers, self.feat_layers
        pe = posenc(p / self.downscale, self.n_freq)
        net = F.relu(dl.fc_in(pe) + per_point(dl.fc_z(z_shape)))
        skip = 0
        for idx, layer in enumerate(dl.blocks):
            net = F.relu(layer(net))
            if (idx + 1) in dl.skips and idx < len(dl.blocks) - 1:
                net = net + per_point(dl.fc_z_skips[skip](z_shape)) + dl.fc_p_skips[skip](pe)
                skip += 1
        sigma = dl.sigma_out(net).squeeze(-1)
        z = z_app if self.use_z_app else z_shape
        net = fl.feat_view(net) + per_point(fl.fc_z_view(z))
        if self.use_viewdirs:
            d = d / torch.norm(d, dim=-1, keepdim=True)
            net = F.relu(net + fl.fc_view(posenc(d / self.downscale, self.n_freq_views)))
        return fl.feat_out(net), sigma
