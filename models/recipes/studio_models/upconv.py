"""conv3x3(nearest_upsample_x2(x)) computed at the input's resolution: the sub-pixel form.

Why: GIRAFFE-style neural renderers upsample by nearest neighbour and then run a 3x3 conv, so at the high
resolution every 2x2 block of the input to that conv is one repeated value. Output pixel (2i + a, 2j + b)
sees only a 2x2 neighbourhood of x: low-res rows (i - 1, i) for a = 0 with the kernel rows folded as
(w[-1], w[0] + w[1]), rows (i, i + 1) for a = 1 folded as (w[-1] + w[0], w[1]); columns alike. So one 2x2
conv on x (padding 1, four output groups, one per (a, b)) and an interleave give the same image with 16/36
of the multiply-adds (exact up to float rounding of the folded sums). The zero padding of the upsampled
image is the zero padding of x. Measured: the built-in model's and GIRAFFE's renderers are the largest
convs in their graphs (tools/profile_onnx.mjs).
"""
import torch
import torch.nn.functional as F

# rows of the 3x3 kernel (dy = -1, 0, +1) summed into the 2 taps of sub-pixel a
_FOLD = {0: ((0,), (1, 2)), 1: ((0, 1), (2,))}


def folded_weight(weight: torch.Tensor) -> torch.Tensor:
    """[out, in, 3, 3] -> [4 * out, in, 2, 2], groups ordered (a, b) = (0, 0), (0, 1), (1, 0), (1, 1)."""
    groups = []
    for a in (0, 1):
        for b in (0, 1):
            rows = [weight[:, :, list(r), :].sum(2) for r in _FOLD[a]]                  # 2 x [o, i, 3]
            taps = [[row[:, :, list(c)].sum(2) for c in _FOLD[b]] for row in rows]       # [2][2] x [o, i]
            groups.append(torch.stack([torch.stack(t, -1) for t in taps], -2))          # [o, i, 2, 2]
    return torch.cat(groups, 0)


def upsample_conv(x: torch.Tensor, conv: torch.nn.Conv2d) -> torch.Tensor:
    """== conv(F.interpolate(x, scale_factor=2, mode="nearest")) for a 3x3, stride 1, padding 1 conv."""
    if conv.kernel_size != (3, 3) or conv.padding != (1, 1) or conv.stride != (1, 1) or conv.groups != 1:
        raise ValueError("upsample_conv needs a plain 3x3 conv with padding 1")
    n_out, (h, w) = conv.out_channels, x.shape[-2:]
    bias = None if conv.bias is None else conv.bias.repeat(4)
    z = F.conv2d(x, folded_weight(conv.weight), bias, padding=1)                          # [B, 4o, h+1, w+1]
    sub = [z[:, g * n_out:(g + 1) * n_out, a:a + h, b:b + w] for g, (a, b) in enumerate(((0, 0), (0, 1), (1, 0), (1, 1)))]
    rows = [torch.stack([sub[2 * a], sub[2 * a + 1]], -1) for a in (0, 1)]               # [B, o, h, w, 2] per a
    return torch.stack(rows, 3).reshape(x.shape[0], n_out, 2 * h, 2 * w)                 # (i, a, j, b) -> 2i+a, 2j+b
