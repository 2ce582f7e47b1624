"""Training losses for the generator, all against the true render of the same factors.

Why each term:
- L1 on RGB with object pixels weighted ``obj_weight`` (~3x, from the true coverage mask): the sky and
  ground fill most pixels and are easy; unweighted L1 spends the model on them and blurs objects (PROBES).
- L1 on image gradients (finite differences), same weighting: rewards edges and texture contrast, not just
  the local mean colour (a checker collapsing to its mean costs little plain L1 but a lot of gradient L1).
- mask: binary cross-entropy of the predicted coverage against the true one: geometry gets a direct signal.
- random-feature perceptual loss: L1 between features of a frozen, randomly initialised conv net (no
  pretrained weights exist here). Random conv features are still local, oriented, multi-scale filters;
  matching them penalises blurred textures more than pixel L1 does.
"""
import torch
from torch import nn
import torch.nn.functional as F


def weights(mask_true, obj_weight):
    return 1.0 + (obj_weight - 1.0) * mask_true


def weighted_l1(pred, true, w):
    return ((pred - true).abs() * w).mean() / w.mean()


def grad_l1(pred, true, w):
    dxp, dxt = pred[..., :, 1:] - pred[..., :, :-1], true[..., :, 1:] - true[..., :, :-1]
    dyp, dyt = pred[..., 1:, :] - pred[..., :-1, :], true[..., 1:, :] - true[..., :-1, :]
    wx = torch.maximum(w[..., :, 1:], w[..., :, :-1])
    wy = torch.maximum(w[..., 1:, :], w[..., :-1, :])
    return 0.5 * (weighted_l1(dxp, dxt, wx) + weighted_l1(dyp, dyt, wy))


class RandomFeatures(nn.Module):
    """Frozen random conv features at 3 scales (stride 1, 2, 4); seeded, so every run uses the same net."""

    def __init__(self, chans=(16, 32, 32), seed=1234):
        super().__init__()
        g = torch.Generator().manual_seed(seed)
        convs, cin = [], 3
        for i, c in enumerate(chans):
            conv = nn.Conv2d(cin, c, 3, stride=1 if i == 0 else 2, padding=1)
            with torch.no_grad():
                conv.weight.copy_(torch.randn(conv.weight.shape, generator=g) * (2.0 / (cin * 9)) ** 0.5)
                conv.bias.zero_()
            convs.append(conv)
            cin = c
        self.convs = nn.ModuleList(convs)
        for p in self.parameters():
            p.requires_grad_(False)

    def forward(self, x):
        feats, h = [], (x - 0.5) * 2.0
        for conv in self.convs:
            h = F.leaky_relu(conv(h), 0.2)
            feats.append(h)
        return feats


def perceptual(rf, pred, true, w):
    with torch.no_grad():
        ft = rf(true)
    fp = rf(pred)
    loss = 0.0
    for a, b in zip(fp, ft):
        ws = F.interpolate(w, size=a.shape[-2:], mode="area") if a.shape[-1] != w.shape[-1] else w
        loss = loss + weighted_l1(a, b, ws)
    return loss / len(fp)


def mask_bce(pred_mask, true_mask):
    p = pred_mask.clamp(1e-4, 1 - 1e-4)
    return F.binary_cross_entropy(p, true_mask)


def generator_loss(pred, pred_mask, true, true_mask, *, obj_weight=3.0, w_grad=0.5, w_mask=0.5, w_perc=0.0,
                   rf=None):
    """Total loss and its parts (floats) for logging."""
    w = weights(true_mask, obj_weight)
    parts = {"l1": weighted_l1(pred, true, w), "grad": grad_l1(pred, true, w), "mask": mask_bce(pred_mask, true_mask)}
    total = parts["l1"] + w_grad * parts["grad"] + w_mask * parts["mask"]
    if w_perc > 0 and rf is not None:
        parts["perc"] = perceptual(rf, pred, true, w)
        total = total + w_perc * parts["perc"]
    return total, {k: float(v) for k, v in parts.items()}
