"""Learnable code tables per training class: the codes the generator is trained on.

Why these tables:
- z_shape = E_shape[shape] and z_bg = E_bg[background]: one code per class, as GIRAFFE's latents but learned.
- z_app = (E_colour[colour] + E_texture[texture]) / sqrt(2): colour and texture are separate tables summed,
  so any colour x texture pair has a code even if never seen, the encoder predicts the two classes
  independently (nearest class per factor), and a code decomposes into the two knobs.
  Unseen shape x texture x background combinations work because each factor enters the generator through
  its own input (shape: density trunk; appearance: feature head; background: background field).
- Tables start N(0, 1) (the studio's seeds draw N(0, 1) times a truncation) and a weak penalty keeps each
  table's mean square near 1, so seeded codes live at the same scale as the class codes.
"""
import math
import torch
from torch import nn


class CodeBook(nn.Module):
    def __init__(self, n_shape, n_colour, n_texture, n_bg, z_shape_dim, z_app_dim, z_bg_dim, seed=0):
        super().__init__()
        g = torch.Generator().manual_seed(seed + 1000)
        self.shape = nn.Parameter(torch.randn(n_shape, z_shape_dim, generator=g))
        self.colour = nn.Parameter(torch.randn(n_colour, z_app_dim, generator=g))
        self.texture = nn.Parameter(torch.randn(n_texture, z_app_dim, generator=g))
        self.background = nn.Parameter(torch.randn(n_bg, z_bg_dim, generator=g))

    def app(self, colour, texture):
        return (self.colour[colour] + self.texture[texture]) / math.sqrt(2.0)

    def forward(self, cls: dict) -> dict:
        """cls from factors.classes -> {z_shape [B,N,D], z_app [B,N,D], z_bg [B,D]}."""
        return dict(z_shape=self.shape[cls["shape"]], z_app=self.app(cls["colour"], cls["texture"]),
                    z_bg=self.background[cls["background"]])

    def scale_penalty(self):
        """sum over tables of (mean square - 1)^2: keeps codes at the scale of N(0, I) seeds."""
        return sum((t.pow(2).mean() - 1.0) ** 2 for t in (self.shape, self.colour, self.texture, self.background))
