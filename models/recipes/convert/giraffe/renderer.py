"""GIRAFFE's 2D neural renderer (16^2 features -> image), upstream parameter names.

Why a fixed blur module: upstream blurs the upsampled RGB skip with kornia.filter2D([1,2,1]^2, normalized,
reflect border). Here it is an explicit reflect pad plus a depthwise 3x3 conv, which exports to plain ONNX
Pad + Conv (symmetric, so WebGPU's asymmetric-pad limitation does not apply). The kernel comes from the
checkpoint's `upsample_rgb.1.f` buffer, like upstream.
"""
import torch
from torch import nn
import torch.nn.functional as F

from studio_models.upconv import upsample_conv


class Blur(nn.Module):
    """Only ever applied to the RGB skip, so the channel count is a constant (ONNX needs a static kernel)."""

    def __init__(self, channels=3):
        super().__init__()
        self.channels = channels
        self.register_buffer("f", torch.tensor([1.0, 2.0, 1.0]))

    def forward(self, x):
        k = self.f[None, :] * self.f[:, None]
        k = (k / k.abs().sum()).expand(self.channels, 1, 3, 3)
        return F.conv2d(F.pad(x, (1, 1, 1, 1), mode="reflect"), k, groups=self.channels)


class Identity(nn.Module):
    def forward(self, x):
        return x


class NeuralRenderer(nn.Module):
    """n_blocks = log2(img_size) - 4 nearest-upsample + conv + lrelu blocks, bilinear+blur RGB skips, sigmoid."""

    def __init__(self, n_feat=128, input_dim=128, img_size=64, min_feat=32, out_dim=3):
        super().__init__()
        n_blocks = int(round(torch.log2(torch.tensor(float(img_size))).item())) - 4
        self.upsample_rgb = nn.Sequential(nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False),
                                          Blur(out_dim))
        self.conv_in = Identity() if n_feat == input_dim else nn.Conv2d(input_dim, n_feat, 1, 1, 0)
        ch = lambda i: max(n_feat // (2 ** i), min_feat)
        self.conv_layers = nn.ModuleList([nn.Conv2d(n_feat, n_feat // 2, 3, 1, 1)] +
                                         [nn.Conv2d(ch(i + 1), ch(i + 2), 3, 1, 1) for i in range(n_blocks - 1)])
        self.conv_rgb = nn.ModuleList([nn.Conv2d(input_dim, out_dim, 3, 1, 1)] +
                                      [nn.Conv2d(ch(i + 1), out_dim, 3, 1, 1) for i in range(n_blocks)])

    def forward(self, x):
        net = self.conv_in(x)
        rgb = self.upsample_rgb(self.conv_rgb[0](x))
        last = len(self.conv_layers) - 1
        for idx, layer in enumerate(self.conv_layers):
            net = F.leaky_relu(upsample_conv(net, layer), 0.2)  # = layer(nearest x2 upsample(net))
            rgb = rgb + self.conv_rgb[idx + 1](net)
            if idx < last:
                rgb = self.upsample_rgb(rgb)
        return torch.sigmoid(rgb)
