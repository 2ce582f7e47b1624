"""Deferred painters: per-pixel weight fields that draw two-tone patterns at full resolution.

Why: the volume render runs on a feature_grid^2 ray grid (32^2 for a 128^2 image, 16 pixels per ray), and the
2D renderer has to invent every checker edge and ground line from a 32^2 feature map: the trained model
got colours and geometry right and blurred the patterns (object PSNR ~21 dB on seen combinations). The
data's patterns are two-tone (albedo = first + (second - first) * w), and w is a function of a point that
is smooth across pixels: the box-space point an object pixel shows, or the ground point a ground pixel
shows. Those points ARE cheap at full resolution: the object's box point is volume-rendered at 32^2 and
upsampled (it is near-linear inside a 4x4 block), the ground point is a closed-form ray/plane hit per
pixel. A small MLP on Fourier features of the point then paints w at every pixel, so the patterns are as
sharp as the points are, and a pattern learned on one shape is painted on any other (the MixNMatch-style
model's child stage, issue 4, reached 24 dB on object pixels of unseen combinations the same way).

``PointPainter``: w-logits for points [P, D] given a per-batch-item code term gathered per point; the code
enters as a bias of the first layer and a FiLM of the second (GIRAFFE's conditioning, one layer deeper).
Only Linear, Sin, LeakyRelu: plain ONNX on WASM and WebGPU.
"""
import torch
from torch import nn
import torch.nn.functional as F


def triangle(x: torch.Tensor) -> torch.Tensor:
    """Triangle wave of period 1 in [0, 0.5]: |x - round(x)|. The painters' periodic features: the data's
    patterns are piecewise constant, which a triangle basis bends to with fewer units than sines, and in WASM
    Floor/Sub/Abs cost a fraction of Sin (Sin was 10 of a 56 ms frame with sine features)."""
    return (x - torch.floor(x + 0.5)).abs()


class PointPainter(nn.Module):
    def __init__(self, point_dim: int, extra_dim: int, code_dim: int, freqs: int, hidden: int, sigma: float):
        super().__init__()
        g = torch.Generator().manual_seed(7 + point_dim)
        self.freqs = nn.Parameter(torch.randn(point_dim, freqs, generator=g) * sigma)
        self.inp = nn.Linear(2 * freqs + point_dim + extra_dim, hidden)
        self.code = nn.Linear(code_dim, 3 * hidden)  # first-layer bias, FiLM gamma, FiLM beta
        self.mid = nn.Linear(hidden, hidden)
        self.out = nn.Linear(hidden, 1)
        self.hidden = hidden

    def code_terms(self, code: torch.Tensor) -> torch.Tensor:
        """[B, code_dim] -> [B, 3 * hidden], computed once per batch item and gathered per point."""
        return self.code(code)

    def forward(self, point: torch.Tensor, extra: torch.Tensor, terms: torch.Tensor) -> torch.Tensor:
        """point [P, D], extra [P, E] (or None), terms [P, 3H] -> w logits [P, 1]."""
        phase = torch.matmul(point, self.freqs)
        feats = [triangle(torch.cat([phase, phase + 0.25], -1)), point]
        if extra is not None:
            feats.append(extra)
        h = self.hidden
        x = F.leaky_relu(self.inp(torch.cat(feats, -1)) + terms[:, :h], 0.2)
        x = F.leaky_relu(self.mid(x) * (1.0 + terms[:, h:2 * h]) + terms[:, 2 * h:], 0.2)
        return self.out(x)


def paint_where(painter: PointPainter, select: torch.Tensor, point: torch.Tensor, extra, terms: torch.Tensor,
                per_item: int) -> torch.Tensor:
    """Run ``painter`` only on the flat points where ``select`` [B*P] > 0 and scatter the logits back.

    point [B*P, D], extra [B*P, E] or None, terms [B, 3H]; returns logits [B*P, 1] (0 where not selected).
    NonZero -> Gather -> MLP -> ScatterElements, as the generator culls rays: pixels off an object (or
    on the sky) cost nothing, so the frame pays for the pixels that show a pattern.
    """
    idx = torch.nonzero(select > 0)[:, 0]
    b_idx = torch.div(idx, per_item, rounding_mode="trunc")
    ex = None if extra is None else extra.index_select(0, idx)
    logits = painter(point.index_select(0, idx), ex, terms.index_select(0, b_idx))
    base = torch.zeros_like(point[:, :1])
    return base.scatter(0, idx.unsqueeze(1), logits)
