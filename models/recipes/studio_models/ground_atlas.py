"""GroundAtlas: the ground pattern's weight read from learned texture maps on the ground plane.

Why: a perfect ground painter would lift the built-in model's unseen whole-image PSNR from 28.6 to 31.0 dB
(runs/g6, its frame with the true pattern weight put in: night grid 23.5 -> 34.5 dB, dawn rings 25.6 -> 28.6,
tiles 26.9 -> 29.0), and a multiplicative filter network (painters.PointPainter) buys that accuracy slowly:
16 -> 24 -> 32 hidden units took night grid's weight RMSE 0.183 -> 0.157 -> 0.126 at +10% / +28% frame time.
The data's ground patterns are fixed in the world (scenes.backgrounds: checker, stripes, grid lines, rings,
waves, each faded by the pixel's footprint), so a map of the ground plane can hold any of them at its texel
pitch, and reading it is four Gathers per pixel whatever the pattern.

    w(x, y, footprint; z) = sigmoid(sum_k mix_k(z) map_k(x, y) + bias(z)) * sigmoid(slope(z) log fp + offset(z))

The first factor is the pattern, bilinear in the texels' logits (a logit map draws an edge between two texels
wherever their logits cross zero, so edges stay sharp at a 0.05-unit pitch); the second is the data's fade
("full contrast at >= 3 pixels per feature"), a gate on the log footprint. The background code mixes the maps
linearly: a code between two backgrounds gives a pattern between theirs, and any code gives a valid weight.
Only Gather, Floor, Clip, Mul, Add, Sigmoid: plain ONNX on WASM and WebGPU.
"""
import torch
from torch import nn

FADE_SLOPE, FADE_CENTRE = -6.0, -1.9   # init: the gate opens below a footprint of ~0.15 units over ~0.7 in log
MAP_BIAS = -4.0                       # init: a faint pattern (w ~ 0.02) where no pixel ever taught the map


class GroundAtlas(nn.Module):
    def __init__(self, code_dim: int, texels: int, maps: int, extent: float):
        """texels x texels per map over the square [-extent, extent]^2 of the ground plane (points outside read
        its border); maps: how many the codes mix."""
        super().__init__()
        self.texels, self.extent = int(texels), float(extent)
        self.maps = nn.Parameter(torch.zeros(maps, self.texels * self.texels))
        self.mix = nn.Linear(code_dim, maps)
        self.head = nn.Linear(code_dim, 3)   # map bias, fade slope, fade offset
        self.out_dim = 1
        self.reset_head()

    def reset_head(self):
        """The head's init (called again by a model's own init, which re-draws every Linear)."""
        with torch.no_grad():
            self.head.weight.mul_(0.1)
            self.head.bias.copy_(torch.tensor([MAP_BIAS, FADE_SLOPE, FADE_SLOPE * -FADE_CENTRE]))

    def code_terms(self, code: torch.Tensor) -> torch.Tensor:
        """[B, code_dim] -> [B, texels^2 + 3]: each item's mixed map, then its bias and fade terms (once per
        batch item: per pixel it is only a lookup)."""
        return torch.cat([torch.matmul(self.mix(code), self.maps), self.head(code)], -1)

    def forward(self, point: torch.Tensor, extra, terms: torch.Tensor) -> torch.Tensor:
        """point [P, 3] (ground x, y, log footprint; ``extra`` is None, the painters' calling convention),
        terms [1, texels^2 + 3] -> pattern weights [P, 1] in (0, 1)."""
        t = self.texels
        n = t * t
        pitch = 2.0 * self.extent / (t - 1)
        u = ((point[:, :2] + self.extent) / pitch).clamp(0.0, t - 1.001)           # [P, 2] texel coordinates
        cell = torch.floor(u)
        f = u - cell
        i00 = (cell[:, 1] * t + cell[:, 0]).long()                                 # row y, column x
        flat = terms[0, :n]
        g00, g01 = flat.index_select(0, i00), flat.index_select(0, i00 + 1)
        g10, g11 = flat.index_select(0, i00 + t), flat.index_select(0, i00 + t + 1)
        fx, fy = f[:, 0], f[:, 1]
        top = g00 + (g01 - g00) * fx
        bottom = g10 + (g11 - g10) * fx
        logit = top + (bottom - top) * fy + terms[0, n]
        gate = terms[0, n + 1] * point[:, 2] + terms[0, n + 2]
        return (torch.sigmoid(logit) * torch.sigmoid(gate)).unsqueeze(1)
