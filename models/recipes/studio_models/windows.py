"""Pixel windows: place a k x k crop into an image, or cut one out, with two bilinear matmuls.

A window is a centre (column, row) and a half-size, in output pixels, per batch item. Both directions are
a pair of [B, k, size] interpolation matrices (no GridSample: plain MatMul/Relu in ONNX, fast on WASM and
WebGPU). The MixNMatch-style generator pastes its object crop into the frame and its encoder cuts the
object back out (mnm/factors.py places the window from the pose code); the 3D encoder cuts each object's
window at its projected box (train/encoder_model.py).
"""
import torch


def resample_matrix(centre, half, out_size, crop_size):
    """[B, out, crop] bilinear weights that place a crop_size crop spanning [centre - half, centre + half]
    output pixels; rows outside the window are all zero (so a placed mask is 0 there)."""
    pos = torch.arange(out_size, dtype=torch.float32)[None, :, None]
    u = (pos - centre[:, None, None]) / half[:, None, None] * (crop_size / 2.0) + (crop_size / 2.0 - 0.5)
    j = torch.arange(crop_size, dtype=torch.float32)[None, None, :]
    return torch.relu(1.0 - torch.abs(u - j))


def paste(crop, col, row, half, res):
    """Crops [B, C, k, k] -> [B, C, res, res] placed by the windows (two matmuls, ONNX/WebGPU friendly)."""
    k = crop.shape[-1]
    wx = resample_matrix(col, half, res, k)  # [B, W, k]
    wy = resample_matrix(row, half, res, k)  # [B, H, k]
    tmp = torch.matmul(crop, wx.transpose(1, 2)[:, None])  # [B, C, k, W]
    return torch.matmul(wy[:, None], tmp)  # [B, C, H, W]


def sample_matrix(centre, half, size, k):
    """[B, k, size] bilinear weights that read a k-pixel crop spanning [centre - half, centre + half] off
    ``size`` image pixels: the inverse map of ``resample_matrix`` (crop pixel j sits at the same place)."""
    j = torch.arange(k, dtype=torch.float32)[None, :, None]
    at = centre[:, None, None] + (j + 0.5 - k / 2.0) * (2.0 * half[:, None, None] / k)
    pix = torch.arange(size, dtype=torch.float32)[None, None, :]
    return torch.relu(1.0 - torch.abs(at - pix))


def crop(image, col, row, half, k):
    """Images [B, C, H, W] -> the windows' crops [B, C, k, k] (two matmuls, as ``paste``)."""
    wx = sample_matrix(col, half, image.shape[-1], k)  # [B, k, W]
    wy = sample_matrix(row, half, image.shape[-2], k)  # [B, k, H]
    tmp = torch.matmul(image, wx.transpose(1, 2)[:, None])  # [B, C, H, k]
    return torch.matmul(wy[:, None], tmp)  # [B, C, k, k]
