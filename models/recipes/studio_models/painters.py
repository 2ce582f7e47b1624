"""Deferred painters: per-pixel weight fields that draw two-tone patterns at full resolution.

Why: the volume render runs on a feature_grid^2 ray grid (32^2 for a 128^2 image, 16 pixels per ray), and the
2D renderer has to invent every checker edge and ground line from a 32^2 feature map: the trained model
got colours and geometry right and blurred the patterns (object PSNR ~21 dB on seen combinations). The
data's patterns are two-tone (albedo = first + (second - first) * w), and w is a function of a point that
is smooth across pixels: the box-space point an object pixel shows, or the ground point a ground pixel
shows. Those points ARE cheap at full resolution: the object's box point is volume-rendered at 32^2 and
upsampled (it is near-linear inside a 4x4 block), the ground point is a closed-form ray/plane hit per
pixel. A small network on the point then paints w at every pixel, so the patterns are as sharp as the
points are, and a pattern learned on one shape is painted on any other (the MixNMatch-style
model's child stage, issue 4, reached 24 dB on object pixels of unseen combinations the same way).

``PointPainter``: w-logits (or, with out_dim 3, normals) for points [P, D] given a per-batch-item code term
gathered per point (see its docstring for why it multiplies). Only MatMul, Gemm, Floor, Abs, Mul, Add: plain
ONNX on WASM and WebGPU.
"""
import torch
from torch import nn


def triangle(x: torch.Tensor) -> torch.Tensor:
    """Zero-mean triangle wave of period 1 in [-1, 1] (a sine's shape in straight lines). In WASM
    Floor/Sub/Abs cost a fraction of Sin (Sin was 10 ms of a 56 ms frame with sine features)."""
    return 4.0 * (x - torch.floor(x + 0.5)).abs() - 1.0


class PointPainter(nn.Module):
    """A multiplicative filter network (Fathony et al. 2021, "MFN") on a point, with triangle filters:

        z_1 = tri(F_1 x + phi_1);   z_{i+1} = (W_i z_i + b_i + c_i(code)) * tri(F_{i+1} x + phi_{i+1})
        logit = w_out . z_L + c_out(code)

    Why multiplicative: the data's 3D checker is parity(cell x + cell y + cell z), the sign of a PRODUCT of
    three periodic functions, and its dots are balls on a lattice (a product of three bumps). An MLP on
    sine features of the point (the first painter here, as in the MixNMatch-style model) learned stripes and
    diagonal bands (1-D patterns) to 96% pixel accuracy and the checker to 60%, chance, in 1,400 steps; a
    product of filters IS a lattice function. The code enters every layer as a bias (GIRAFFE-style
    conditioning), so the 40 appearance codes share the filters.
    """

    def __init__(self, point_dim: int, extra_dim: int, code_dim: int, hidden: int, sigma: float, layers: int = 3,
                 coded_filters: bool = False, out_dim: int = 1):
        """sigma: filter frequencies in periods per unit of the point (split over the layers, whose product
        sums them); an extra input (the ground's log footprint) starts at a tenth of that: a slow gate.

        coded_filters: the code also shifts every filter's frequencies and phases (a linear hypernetwork,
        zero at init, so a warm start from a shared-filter painter starts from the same function). Why: the
        ground painter's 16 filters were shared by 8 backgrounds whose patterns need different periods and
        orientations (tiles 0.5, overcast 0.8, night grid lines every 0.5, sunset stripes 0.4); with filters
        of their own, a 2000-step probe on true ground hits fell from 0.287 to 0.254 BCE (night grid's
        excess over the target's entropy 0.182 -> 0.084), at the same cost per frame: at batch 1 the filters
        are computed once from the code, and the per-pixel work is the same MatMul.

        out_dim: outputs per point (1: a pattern weight's logit; 3: a surface normal, see lighting.py)."""
        super().__init__()
        g = torch.Generator().manual_seed(7 + point_dim)
        d = point_dim + extra_dim
        row_scale = torch.tensor([1.0] * point_dim + [0.1] * extra_dim)[:, None]
        self.filters = nn.ParameterList([
            nn.Parameter(torch.randn(d, hidden, generator=g) * row_scale * (sigma / layers ** 0.5))
            for _ in range(layers)])
        self.phases = nn.ParameterList([nn.Parameter(torch.rand(hidden, generator=g)) for _ in range(layers)])
        self.mix = nn.ModuleList([nn.Linear(hidden, hidden) for _ in range(layers - 1)])
        self.code = nn.Linear(code_dim, hidden * (layers - 1) + out_dim)
        self.out = nn.Linear(hidden, out_dim)
        self.hidden = hidden
        self.code_filters = None
        if coded_filters:   # per layer: a [d, hidden] filter shift and a [hidden] phase shift
            self.code_filters = nn.Linear(code_dim, layers * (d + 1) * hidden)
            self.zero_code_filters()

    @property
    def out_dim(self) -> int:
        return self.out.out_features

    def zero_code_filters(self):
        """Coded filters start as the shared ones (called again by a model's own init, which re-draws every
        Linear)."""
        if self.code_filters is not None:
            with torch.no_grad():
                self.code_filters.weight.zero_(), self.code_filters.bias.zero_()

    def code_terms(self, code: torch.Tensor) -> torch.Tensor:
        """[B, code_dim] -> [B, T], once per batch item, gathered per point: the layer bias terms, then (with
        coded filters) the filter and phase shifts."""
        terms = self.code(code)
        return terms if self.code_filters is None else torch.cat([terms, self.code_filters(code)], -1)

    def _filter(self, x: torch.Tensor, i: int, shift) -> torch.Tensor:
        """Layer i's triangle filter of x [P, d]; shift: None, or the code's [P | 1, L, d + 1, h] shifts."""
        if shift is None:
            return triangle(torch.matmul(x, self.filters[i]) + self.phases[i])
        d = self.filters[i].shape[0]   # point + extra dims (a parameter's shape: a constant in the export)
        if shift.shape[0] == 1:   # one code for every point (the studio's batch 1): one filter matrix
            return triangle(torch.matmul(x, self.filters[i] + shift[0, i, :d]) + (self.phases[i] + shift[0, i, d]))
        f = self.filters[i] + shift[:, i, :d]                                             # [P, d, h]
        return triangle((x.unsqueeze(-1) * f).sum(1) + self.phases[i] + shift[:, i, d])

    def forward(self, point: torch.Tensor, extra: torch.Tensor, terms: torch.Tensor) -> torch.Tensor:
        """point [P, D], extra [P, E] (or None: point already holds both, [P, D + E]), terms [P, T] or one
        row [1, T] for every point -> outputs [P, out_dim]."""
        x = point if extra is None else torch.cat([point, extra], -1)
        h, nb = self.hidden, self.code.out_features      # nb: the layer bias terms (then the output's) lead the row
        shift = None
        if self.code_filters is not None:
            shift = terms[:, nb:].reshape(terms.shape[0], len(self.filters), self.filters[0].shape[0] + 1, h)
        z = self._filter(x, 0, shift)
        for i, lin in enumerate(self.mix):
            gate = self._filter(x, i + 1, shift)
            # one Gemm whose bias is the layer's bias + the code term: at batch 1 (the studio) the term is a
            # [1, h] row, and a broadcast Add on [P, h] costs ORT-web as much as a third of the Gemm
            z = torch.addmm(lin.bias + terms[:, i * h:(i + 1) * h], z, lin.weight.t()) * gate
        n_out = self.out.out_features
        return torch.addmm(self.out.bias + terms[:, nb - n_out:nb], z, self.out.weight.t())
