"""MixNMatch's G_NET in code mode, with the upstream parameter names (Sequential indices included).

Why rewritten: upstream builds its sizes from a global cfg, computes an unused 126x126 bilinear resize
(align_corners=True), and returns Python lists; the studio needs one graph with named outputs. The stages
are FineGAN's: background (FC + 5 nearest-upsample GLU blocks, 4 -> 128), parent (same, then the parent
code tiled and fused, 3 residual blocks) with its image and mask, child (child code tiled and fused, 2
residual blocks) with its image and mask; the child composites over the parent image, which composites
over the background. BatchNorm runs with its running statistics (eval mode).
Inputs: z_bg = z_code1 (background-stage noise), z_pose = z_code2 (parent-stage noise), b_code [B,children],
p_code [B,parents], c_code [B,children]. Outputs: image (final, tanh range), foreground (child foreground),
mask (child mask, [0,1]), background (background image at 128, tanh range).
"""
import torch
from torch import nn

OUTPUT_NAMES = ["image", "foreground", "mask", "background"]
INPUT_NAMES = ["z_bg", "z_pose", "b_code", "p_code", "c_code"]


class GLU(nn.Module):
    def forward(self, x):
        n = x.shape[1] // 2
        return x[:, :n] * torch.sigmoid(x[:, n:])


def conv3x3(i, o):
    return nn.Conv2d(i, o, 3, 1, 1, bias=False)


def up_block(i, o):
    return nn.Sequential(nn.Upsample(scale_factor=2, mode="nearest"), conv3x3(i, o * 2), nn.BatchNorm2d(o * 2), GLU())


def same_block(i, o):
    return nn.Sequential(conv3x3(i, o * 2), nn.BatchNorm2d(o * 2), GLU())


class ResBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.block = nn.Sequential(conv3x3(c, c * 2), nn.BatchNorm2d(c * 2), GLU(), conv3x3(c, c), nn.BatchNorm2d(c))

    def forward(self, x):
        return self.block(x) + x


class Head(nn.Module):
    """GET_IMAGE / GET_MASK: a bias-free 3x3 conv then tanh (image) or sigmoid (mask)."""

    def __init__(self, c, out, act):
        super().__init__()
        self.img = nn.Sequential(conv3x3(c, out), act)

    def forward(self, x):
        return self.img(x)


def tile(code, like):
    return code.unsqueeze(-1).unsqueeze(-1).expand(-1, -1, like.shape[2], like.shape[3])


class Stage(nn.Module):
    """Background / parent stage trunk: FC -> 4x4 -> five up blocks to 128x128."""

    def __init__(self, in_dim, ngf, widths):
        super().__init__()
        self.ngf = ngf
        self.fc = nn.Sequential(nn.Linear(in_dim, ngf * 4 * 4 * 2, bias=False), nn.BatchNorm1d(ngf * 4 * 4 * 2), GLU())
        chans = [ngf] + widths
        for k in range(5):
            setattr(self, f"upsample{k + 1}", up_block(chans[k], chans[k + 1]))

    def trunk(self, z, code):
        x = self.fc(torch.cat([z, code], dim=1)).reshape(-1, self.ngf, 4, 4)
        for k in range(5):
            x = getattr(self, f"upsample{k + 1}")(x)
        return x


class ParentStage(Stage):
    def __init__(self, z_dim, parents, ngf):
        super().__init__(z_dim + parents, ngf, [ngf // 2, ngf // 4, ngf // 8, ngf // 32, ngf // 32])
        self.jointConv = same_block(parents + ngf // 32, ngf // 32)
        self.residual = nn.Sequential(*[ResBlock(ngf // 32) for _ in range(3)])

    def forward(self, z, p_code):
        x = self.trunk(z, p_code)
        return self.residual(self.jointConv(torch.cat([x, tile(p_code, x)], dim=1)))


class ChildStage(nn.Module):
    def __init__(self, children, ngf):
        super().__init__()
        self.jointConv = same_block(children + ngf, ngf * 2)
        self.residual = nn.Sequential(*[ResBlock(ngf * 2) for _ in range(2)])
        self.samesample = same_block(ngf * 2, ngf)

    def forward(self, h, c_code):
        return self.samesample(self.residual(self.jointConv(torch.cat([tile(c_code, h), h], dim=1))))


class MixNMatchGenerator(nn.Module):
    def __init__(self, arch):
        super().__init__()
        g, z = arch.gf_dim, arch.z_dim
        self.background_stage = Stage(z + arch.children, g * 8, [g * 4, g * 2, g, g, g // 2])
        self.background_image = Head(g // 2, 3, nn.Tanh())
        self.parent_stage = ParentStage(z, arch.parents, g * 8)
        self.parent_image = Head(g // 4, 3, nn.Tanh())
        self.parent_mask = Head(g // 4, 1, nn.Sigmoid())
        self.child_stage = ChildStage(arch.children, g // 4)
        self.child_image = Head(g // 4, 3, nn.Tanh())
        self.child_mask = Head(g // 4, 1, nn.Sigmoid())

    def forward(self, z_bg, z_pose, b_code, p_code, c_code):
        bg = self.background_image(self.background_stage.trunk(z_bg, b_code))
        h = self.parent_stage(z_pose, p_code)
        pm = self.parent_mask(h)
        parent = self.parent_image(h) * pm + bg * (1 - pm)
        hc = self.child_stage(h, c_code)
        fg, cm = self.child_image(hc), self.child_mask(hc)
        return fg * cm + parent * (1 - cm), fg, cm, bg
