"""The StyleGAN2 pieces GIRAFFE-HD's renderers use, with upstream parameter and buffer names, in the
static-weight form ONNX can express.

Why the static-weight form: upstream's default ModulatedConv2d(fused=True) builds per-sample weights and a
grouped conv with groups = batch, which ONNX cannot express with a dynamic batch (UPSTREAM 2.4). The
`fused=False` path that upstream already has is used instead: scale the input by the style, convolve with the
shared weight, multiply by the demodulation coefficients (mathematically identical). upfirdn2d is the
upstream CPU reference (zero insertion, zero pad, flipped-kernel conv) as Reshape/Pad/depthwise Conv, so no
custom CUDA op is needed. Noise is the registered `noises.noise_i` buffers (upstream's eval mode), never
sampled.
"""
import math

import torch
from torch import nn
import torch.nn.functional as F

SQRT2 = 2 ** 0.5


def upfirdn2d(x, kernel, channels: int, up: int = 1, pad=(0, 0)):
    """upstream upfirdn2d_native for down = 1 and non-negative pads, channel count static for ONNX."""
    if up > 1:
        h, w = x.shape[2], x.shape[3]
        x = x.reshape(-1, channels, h, 1, w, 1)
        x = F.pad(x, [0, up - 1, 0, 0, 0, up - 1])
        x = x.reshape(-1, channels, h * up, w * up)
    x = F.pad(x, [pad[0], pad[1], pad[0], pad[1]])
    k = torch.flip(kernel, [0, 1])
    return F.conv2d(x, k.expand(channels, 1, k.shape[0], k.shape[1]), groups=channels)


def kernel_buffer(k=(1, 3, 3, 1), factor=1):
    k = torch.tensor(k, dtype=torch.float32)
    k = k[None, :] * k[:, None]
    return k / k.sum() * (factor ** 2)


def lrelu(x, bias):
    shape = [1, -1] + [1] * (x.dim() - 2)
    return F.leaky_relu(x + bias.view(*shape), 0.2) * SQRT2


class EqualLinear(nn.Module):
    def __init__(self, in_dim, out_dim, bias_init=0.0, lr_mul=1.0, activation=False):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(out_dim, in_dim))
        self.bias = nn.Parameter(torch.full((out_dim,), float(bias_init)))
        self.scale, self.lr_mul, self.activation = 1 / math.sqrt(in_dim) * lr_mul, lr_mul, activation

    def forward(self, x):
        if self.activation:
            return lrelu(F.linear(x, self.weight * self.scale), self.bias * self.lr_mul)
        return F.linear(x, self.weight * self.scale, bias=self.bias * self.lr_mul)


class Blur(nn.Module):
    """style_Blur after the transposed conv: the kernel buffer already carries the factor**2."""

    def __init__(self, channels, pad, factor):
        super().__init__()
        self.channels, self.pad = channels, pad
        self.register_buffer("kernel", kernel_buffer(factor=factor))

    def forward(self, x):
        return upfirdn2d(x, self.kernel, self.channels, pad=self.pad)


class Upsample(nn.Module):
    def __init__(self, channels, factor=2):
        super().__init__()
        self.channels, self.factor = channels, factor
        self.register_buffer("kernel", kernel_buffer(factor=factor))
        p = 4 - factor
        self.pad = ((p + 1) // 2 + factor - 1, p // 2)

    def forward(self, x):
        return upfirdn2d(x, self.kernel, self.channels, up=self.factor, pad=self.pad)


class ModulatedConv2d(nn.Module):
    def __init__(self, cin, cout, k, style_dim, demodulate=True, upsample=False):
        super().__init__()
        self.cin, self.cout, self.k, self.upsample, self.demodulate = cin, cout, k, upsample, demodulate
        self.scale = 1 / math.sqrt(cin * k * k)
        self.padding = k // 2
        self.weight = nn.Parameter(torch.zeros(1, cout, cin, k, k))
        self.modulation = EqualLinear(style_dim, cin, bias_init=1)
        if upsample:
            p = (4 - 2) - (k - 1)
            self.blur = Blur(cout, ((p + 1) // 2 + 1, p // 2 + 1), factor=2)

    def forward(self, x, style):
        weight = self.scale * self.weight.squeeze(0)                     # [out, in, k, k]
        s = self.modulation(style)                                        # [B, in]
        x = x * s.reshape(-1, self.cin, 1, 1)
        if self.upsample:
            out = self.blur(F.conv_transpose2d(x, weight.transpose(0, 1), padding=0, stride=2))
        else:
            out = F.conv2d(x, weight, padding=self.padding)
        if self.demodulate:
            # sum over (in, kh, kw) of (w * s)^2 = s^2 @ sum_k w^2
            w2 = weight.pow(2).sum((2, 3)).t()                            # [in, out]
            out = out * torch.rsqrt(torch.matmul(s * s, w2) + 1e-8).reshape(-1, self.cout, 1, 1)
        return out


class NoiseInjection(nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(1))

    def forward(self, x, noise):
        return x + self.weight * noise


class Activate(nn.Module):
    """FusedLeakyReLU: bias, leaky ReLU 0.2, times sqrt(2)."""

    def __init__(self, channels):
        super().__init__()
        self.bias = nn.Parameter(torch.zeros(channels))

    def forward(self, x):
        return lrelu(x, self.bias)


class StyledConv(nn.Module):
    def __init__(self, cin, cout, k, style_dim, upsample=False):
        super().__init__()
        self.conv = ModulatedConv2d(cin, cout, k, style_dim, upsample=upsample)
        self.noise = NoiseInjection()
        self.activate = Activate(cout)

    def forward(self, x, style, noise):
        return self.activate(self.noise(self.conv(x, style), noise))


class ToRGB(nn.Module):
    def __init__(self, cin, style_dim, out=3, upsample=True):
        super().__init__()
        if upsample:
            self.upsample = Upsample(out)
        self.conv = ModulatedConv2d(cin, out, 1, style_dim, demodulate=False)
        self.bias = nn.Parameter(torch.zeros(1, out, 1, 1))

    def forward(self, x, style, skip=None):
        out = self.conv(x, style) + self.bias
        return out if skip is None else out + self.upsample(skip)


def channels_for(res, multiplier=2):
    return {128: 128 * multiplier, 256: 64 * multiplier, 512: 32 * multiplier, 1024: 16 * multiplier}.get(res, 256)


class Noises(nn.Module):
    def __init__(self, shapes):
        super().__init__()
        for i, s in enumerate(shapes):
            self.register_buffer(f"noise_{i}", torch.zeros(*s))

    def get(self, i):
        return getattr(self, f"noise_{i}")


class StyleRenderer(nn.Module):
    """16^2 features -> image: conv1 + ToRGB, then per octave an upsampling and a plain StyledConv + ToRGB."""

    def __init__(self, size, style_dim, out, start=16, multiplier=2):
        super().__init__()
        c0 = channels_for(start, multiplier)
        self.conv1 = StyledConv(c0, c0, 3, style_dim)
        self.to_rgb1 = ToRGB(c0, style_dim, out, upsample=False)
        log_size, s_log = int(math.log2(size)), int(math.log2(start))
        self.num_layers = (log_size - s_log) * 2 + 1
        self.n_latent = (log_size - s_log + 1) * 2
        self.noises = Noises([[1, 1, 2 ** ((i + 9) // 2), 2 ** ((i + 9) // 2)] for i in range(self.num_layers)])
        self.convs, self.to_rgbs = nn.ModuleList(), nn.ModuleList()
        cin = c0
        for i in range(s_log + 1, log_size + 1):
            cout = channels_for(2 ** i, multiplier)
            self.convs.append(StyledConv(cin, cout, 3, style_dim, upsample=True))
            self.convs.append(StyledConv(cout, cout, 3, style_dim))
            self.to_rgbs.append(ToRGB(cout, style_dim, out))
            cin = cout

    def forward(self, feat, latent):
        """latent: a list of n_latent styles [B, style_dim] (style mixing already resolved)."""
        out = self.conv1(feat, latent[0], self.noises.get(0))
        skip = self.to_rgb1(out, latent[1])
        i = 1
        for j, to_rgb in enumerate(self.to_rgbs):
            out = self.convs[2 * j](out, latent[i], self.noises.get(2 * j + 1))
            out = self.convs[2 * j + 1](out, latent[i + 1], self.noises.get(2 * j + 2))
            skip = to_rgb(out, latent[i + 2], skip)
            i += 2
        return skip, out


class RefineRdr(nn.Module):
    def __init__(self, size, style_dim, out, n=2, k=3, multiplier=2):
        super().__init__()
        c = channels_for(size, multiplier)
        self.noises = Noises([[1, 1, size, size] for _ in range(n)])
        self.convs = nn.ModuleList([StyledConv(c, c, k, style_dim) for _ in range(n)])
        self.to_rgb = ToRGB(c, style_dim, out, upsample=False)

    def forward(self, x, style):
        for i, conv in enumerate(self.convs):
            x = conv(x, style, self.noises.get(i))
        return self.to_rgb(x, style)


class Mapping(nn.Sequential):
    """PixelNorm then n EqualLinear(lr_mul 0.01, fused lrelu); index 0 is the parameter-free PixelNorm."""

    def __init__(self, dim, n=8, lr_mul=0.01):
        super().__init__(PixelNorm(), *[EqualLinear(dim, dim, lr_mul=lr_mul, activation=True) for _ in range(n)])


class PixelNorm(nn.Module):
    def forward(self, x):
        return x * torch.rsqrt(torch.mean(x ** 2, dim=1, keepdim=True) + 1e-8)
