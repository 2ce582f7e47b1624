"""MixNMatch's Encoder (code/model_eval.py, E.pth): four independent conv branches that read z (pose /
background noise), b (background), p (shape) and c (texture) from a 128x128 image in [-1, 1].

Why exported with five outputs: upstream eval (eval.py eval_code) takes z from the *pose* image as z_code2
and z from the *background* image as z_code1, b from the background image, p from the shape image, c from
the texture image, all as softmax probabilities. The same z tensor is therefore exposed twice, once per
role (code:pose, code:background-noise), so the studio's mixer can pick each factor's output from that
factor's reference image without knowing MixNMatch.
"""
import torch
from torch import nn

ENCODER_OUTPUTS = [("z_pose", "code:pose"), ("z_background", "code:background-noise"),
                   ("b_probs", "probs:background"), ("p_probs", "probs:shape"), ("c_probs", "probs:texture")]


def _branch(out_dim, ndf=64, tanh=False):
    lrelu = lambda: nn.LeakyReLU(0.2)
    trunk = nn.Sequential(
        nn.Conv2d(3, ndf, 4, 2, 1, bias=False), lrelu(),
        nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 2), lrelu(),
        nn.Conv2d(ndf * 2, ndf * 4, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 4), lrelu(),
        nn.Conv2d(ndf * 4, ndf * 8, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 8), lrelu())
    down = nn.Sequential(nn.Conv2d(ndf * 8, ndf * 16, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 16), lrelu())
    b1 = nn.Sequential(nn.Conv2d(ndf * 16, ndf * 8, 3, 1, 1, bias=False), nn.BatchNorm2d(ndf * 8), lrelu())
    b2 = nn.Sequential(nn.Conv2d(ndf * 8, ndf * 8, 3, 1, 1, bias=False), nn.BatchNorm2d(ndf * 8), lrelu())
    layers = [trunk, down, b1, b2, nn.Conv2d(ndf * 8, out_dim, kernel_size=4, stride=4)]
    return nn.Sequential(*(layers + [nn.Tanh()] if tanh else layers))


class MixNMatchEncoder(nn.Module):
    def __init__(self, arch):
        super().__init__()
        self.arch = arch
        self.model_z = _branch(arch.z_dim, tanh=True)
        self.model_b = _branch(arch.children)
        self.model_p = _branch(arch.parents)
        self.model_c = _branch(arch.children)

    def forward(self, image):
        a = self.arch
        z = self.model_z(image).reshape(-1, a.z_dim) * 4
        b = torch.softmax(self.model_b(image).reshape(-1, a.children), dim=1)
        p = torch.softmax(self.model_p(image).reshape(-1, a.parents), dim=1)
        c = torch.softmax(self.model_c(image).reshape(-1, a.children), dim=1)
        return z, z.clone(), b, p, c
