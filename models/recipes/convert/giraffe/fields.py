"""GIRAFFE's feature field MLP (object and background), with the upstream parameter names.

Why these names: they are the keys of `generator_test.decoder.*` / `generator_test.background_generator.*`
in an upstream checkpoint, so load_state_dict(strict) checks the checkpoint for us. The forward pass follows
the GIRAFFE paper (NeRF-style positional encoding of p / downscale, shape code into the density trunk with a
skip, appearance code and view direction into the feature head) and contains no random sampling.

Laid out for onnxruntime-web's WASM kernels (measured with its profiler, `convert/README.md`): points are
flattened to 2-D so every layer is one Gemm with bias and ReLU fused; the encoding is [sin | cos] of one
MatMul instead of upstream's interleaved per-octave concat (the layers that read it take their weight
columns in the same order, so the products are the same); codes enter once per image.
"""
import math

import torch
from torch import nn
import torch.nn.functional as F


def octave_matrix(n_freq: int) -> torch.Tensor:
    """[3, 3 n_freq]: p @ M = (2^i pi p_j) at column 3 i + j. One nonzero per column, so every entry is the
    same single float multiply as upstream's (2 ** i) * math.pi * p (adding exact zeros changes nothing)."""
    m = torch.zeros(3, 3 * n_freq)
    for i in range(n_freq):
        for j in range(3):
            m[j, 3 * i + j] = (2 ** i) * math.pi
    return m


def posenc_split(p: torch.Tensor, n_freq: int) -> torch.Tensor:
    """[..., 3] -> [..., 6 n_freq] = [sin(a) | cos(a)], a = 2^i pi p_j at 3 i + j (``upstream_order``)."""
    a = torch.matmul(p, octave_matrix(n_freq).to(p.dtype))
    return torch.cat([torch.sin(a), torch.cos(a)], dim=-1)


def upstream_order(n_freq: int) -> torch.Tensor:
    """Index k of posenc_split -> its index in upstream's encoding (octave i: sin x, y, z, then cos x, y, z)."""
    half = 3 * n_freq
    return torch.tensor([(k // 3) * 6 + k % 3 if k < half else ((k - half) // 3) * 6 + 3 + (k - half) % 3
                         for k in range(2 * half)])


def posenc(p: torch.Tensor, n_freq: int) -> torch.Tensor:
    """Upstream's order: [..., 6 n_freq], for each octave i, sin(2^i pi p) then cos(2^i pi p)."""
    inverse = torch.argsort(upstream_order(n_freq))
    return posenc_split(p, n_freq)[..., inverse]


def linear_cols(layer: nn.Linear, order: torch.Tensor, x: torch.Tensor, bias: bool = True) -> torch.Tensor:
    """layer applied to an input whose columns are permuted by ``order`` (layer.weight[:, order])."""
    return F.linear(x, layer.weight[:, order], layer.bias if bias else None)


def add_density_trunk(module: nn.Module, z_dim, hidden, n_blocks, skips, emb) -> None:
    """The density trunk's layers under upstream's names (fc_in, fc_z, blocks, fc_z_skips, fc_p_skips,
    sigma_out), shared by GIRAFFE's field and GIRAFFE-HD's `dense_layers`, whose checkpoints use these keys."""
    module.fc_in = nn.Linear(emb, hidden)
    module.fc_z = nn.Linear(z_dim, hidden)
    module.blocks = nn.ModuleList([nn.Linear(hidden, hidden) for _ in range(n_blocks - 1)])
    n_skips = sum(i in skips for i in range(n_blocks - 1))
    if n_skips:
        module.fc_z_skips = nn.ModuleList([nn.Linear(z_dim, hidden) for _ in range(n_skips)])
        module.fc_p_skips = nn.ModuleList([nn.Linear(emb, hidden) for _ in range(n_skips)])
    module.sigma_out = nn.Linear(hidden, 1)


class FeatureField(nn.Module):
    """sigma and a feature vector for points p [B,P,3], view directions d [B,P,3], codes [B,z]."""

    def __init__(self, z_dim, hidden, n_blocks, rgb_out, n_freq=10, n_freq_views=4, skips=(4,),
                 downscale=2.0, use_viewdirs=True):
        super().__init__()
        self.n_freq, self.n_freq_views, self.downscale = n_freq, n_freq_views, downscale
        self.use_viewdirs, self.skips = use_viewdirs, tuple(skips)
        emb, emb_v = 6 * n_freq, 6 * n_freq_views
        add_density_trunk(self, z_dim, hidden, n_blocks, self.skips, emb)
        self.fc_z_view = nn.Linear(z_dim, hidden)
        self.feat_view = nn.Linear(hidden, hidden)
        self.fc_view = nn.Linear(emb_v, hidden)
        self.feat_out = nn.Linear(hidden, rgb_out)

    def forward(self, p, d, z_shape, z_app):
        """p [B,...,3], d broadcastable to p, codes [B,z] (broadcast over the point axes)."""
        hidden, sigma = self.hidden(p, d, z_shape, z_app)
        return self.feat_out(hidden), sigma

    def hidden(self, p, d, z_shape, z_app, point_batch=None):
        """(last hidden layer [B,...,hidden], sigma [B,...]): the field before its linear feature head.

        Why split: feat_out is linear and volume rendering is a weighted sum over samples, so the generator
        can sum hidden vectors along each ray and apply feat_out once per ray instead of once per sample
        (exact up to float rounding; for the official background field it is ~30% of the arithmetic).
        With ``point_batch`` [P], p and d are flat point lists [P,3] and point i belongs to image
        point_batch[i]: the code projections are computed once per image and gathered, not once per point.
        Otherwise p is [B, ..., 3] and d is [B, ..., 1, 3] (one direction per ray) or p's shape.
        """
        flat = p.reshape(-1, 3)
        n_hidden = self.fc_in.out_features
        if point_batch is not None:
            add_code = lambda x, v: x + v[point_batch]  # noqa: E731
        else:  # [B*N, H] viewed as [B, N, H]: the code row broadcasts over one image's points
            add_code = lambda x, v: (x.reshape(p.shape[0], -1, n_hidden) + v.unsqueeze(1)).reshape(-1, n_hidden)  # noqa: E731
        order = upstream_order(self.n_freq)
        pe = posenc_split(flat / self.downscale, self.n_freq)
        net = F.relu(add_code(linear_cols(self.fc_in, order, pe), self.fc_z(z_shape)))
        skip = 0
        for idx, layer in enumerate(self.blocks):
            net = F.relu(layer(net))
            if (idx + 1) in self.skips and idx < len(self.blocks) - 1:
                net = add_code(net, self.fc_z_skips[skip](z_shape)) + linear_cols(self.fc_p_skips[skip], order, pe)
                skip += 1
        sigma = self.sigma_out(net).squeeze(-1)
        net = add_code(self.feat_view(net), self.fc_z_view(z_app))
        if self.use_viewdirs:
            d = d / torch.norm(d, dim=-1, keepdim=True)
            view = linear_cols(self.fc_view, upstream_order(self.n_freq_views),
                               posenc_split(d / self.downscale, self.n_freq_views))
            if point_batch is None and d.shape[-2] == 1 and p.shape[-2] != 1:  # one direction per ray
                net = F.relu((net.reshape(p.shape[:-1] + (n_hidden,)) + view).reshape(-1, n_hidden))
            else:
                net = F.relu(net + view.reshape(-1, n_hidden))
        return net.reshape(p.shape[:-1] + (n_hidden,)), sigma.reshape(p.shape[:-1])
