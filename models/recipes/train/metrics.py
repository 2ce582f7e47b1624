"""PSNR and SSIM, over the whole image and over object pixels (true coverage mask), for images in [0, 1].

Object-pixel PSNR weights each pixel's squared error by its true coverage (mask in [0, 1]); object SSIM
averages the SSIM map with the same weights. Per-image values, averaged over a set by the caller (PSNR of
the mean MSE is also reported as "psnr_pooled" by eval).
"""
import torch
import torch.nn.functional as F


def mse(pred, true, w=None):
    """Per-image MSE [B]; w [B,1,H,W] optional pixel weights."""
    e = (pred - true).pow(2).mean(1, keepdim=True)
    if w is None:
        return e.flatten(1).mean(1)
    return (e * w).flatten(1).sum(1) / w.flatten(1).sum(1).clamp_min(1e-8)


def psnr(pred, true, w=None):
    return -10.0 * torch.log10(mse(pred, true, w).clamp_min(1e-10))


def _gauss(size=11, sigma=1.5):
    x = torch.arange(size, dtype=torch.float32) - size // 2
    g = torch.exp(-x ** 2 / (2 * sigma ** 2))
    g = g / g.sum()
    return (g[:, None] * g[None, :])[None, None]


def ssim_map(pred, true):
    """[B,1,H,W] SSIM map (Gaussian 11x11, sigma 1.5, channel mean), the standard constants for range 1."""
    c1, c2 = 0.01 ** 2, 0.03 ** 2
    k = _gauss().to(pred).expand(pred.shape[1], 1, 11, 11)
    f = lambda x: F.conv2d(x, k, padding=5, groups=pred.shape[1])  # noqa: E731
    mu_x, mu_y = f(pred), f(true)
    sxx = f(pred * pred) - mu_x ** 2
    syy = f(true * true) - mu_y ** 2
    sxy = f(pred * true) - mu_x * mu_y
    m = ((2 * mu_x * mu_y + c1) * (2 * sxy + c2)) / ((mu_x ** 2 + mu_y ** 2 + c1) * (sxx + syy + c2))
    return m.mean(1, keepdim=True)


def ssim(pred, true, w=None):
    m = ssim_map(pred, true)
    if w is None:
        return m.flatten(1).mean(1)
    return (m * w).flatten(1).sum(1) / w.flatten(1).sum(1).clamp_min(1e-8)
