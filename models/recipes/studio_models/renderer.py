"""2D neural renderer: low-res feature map -> full-resolution RGB (+ mask) logits.

GIRAFFE's design: per octave, nearest x2 upsample + 3x3 conv (channels halve to a floor) + LeakyReLU(0.2),
and an RGB skip branch (3x3 conv to the output channels at every scale, bilinearly upsampled and summed),
so the coarse colours come straight from the volume render and the convs add detail. The final sigmoid is
applied by the generator (it also splits RGB from the mask channel).
"""
import torch
from torch import nn
import torch.nn.functional as F

from .upconv import upsample_conv


class NeuralRenderer(nn.Module):
    def __init__(self, in_ch: int, ch0: int, min_ch: int, n_up: int, out_ch: int, final_kernel: int = 3):
        """final_kernel: the full-resolution RGB skip conv's kernel (1 or 3)."""
        super().__init__()
        self.conv_in = nn.Conv2d(in_ch, ch0, 3, padding=1)
        chans = [ch0]
        for _ in range(n_up):
            chans.append(max(chans[-1] // 2, min_ch))
        self.blocks = nn.ModuleList([nn.Conv2d(chans[i], chans[i + 1], 3, padding=1) for i in range(n_up)])
        kernels = [3] * n_up + [final_kernel]
        self.to_rgb = nn.ModuleList([nn.Conv2d(c, out_ch, k, padding=k // 2) for c, k in zip(chans, kernels)])

    def forward(self, x: torch.Tensor, n_up: int = None) -> torch.Tensor:
        """n_up: use only the first n_up x2 blocks (progressive training: the RGB skip sum at any scale is
        already an image, so a coarse stage trains the same weights the full-resolution output uses)."""
        h = F.leaky_relu(self.conv_in(x), 0.2)
        rgb = self.to_rgb[0](h)
        k = len(self.blocks) if n_up is None else n_up
        for block, to_rgb in zip(self.blocks[:k], self.to_rgb[1:k + 1]):
            h = F.leaky_relu(upsample_conv(h, block), 0.2)  # = block(nearest x2 upsample(h)), fewer MACs
            rgb = F.interpolate(rgb, scale_factor=2.0, mode="bilinear", align_corners=False) + to_rgb(h)
        return rgb
