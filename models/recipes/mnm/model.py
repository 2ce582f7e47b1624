"""The hierarchical generator (FineGAN / MixNMatch stages) and the encoder, sized for the studio's budget.

Generator(z, b, p, c), codes as soft one-hots (the studio blends classes), z the 5-D pose code:
1. background stage: one learned 128x128 image per background class, mixed by b. The camera is fixed, so
   a background class IS one image; a conv decoder would spend the frame budget re-learning a table.
2. parent stage (shape): (p, pose) -> a 4x4 seed -> upsampling convs -> a 64x64 object-centred crop with a
   shape mask and a grey shading image; "parent image" = shading composited over the background.
3. child stage (texture): the parent's 16x16 features, modulated per channel by c (FiLM) and the pose,
   -> upsampling convs -> a 64x64 crop of colour, drawn through the parent's mask and composited over the
   parent image. FineGAN's child stage has a mask of its own (a bird's parts); here a texture never changes
   the silhouette, and a separate child mask learned texture -> shape correlations that turned a held-out
   striped cube into a cylinder, so the child draws with the parent's mask.
Crops are placed into the 128x128 frame by the closed-form window of the pose (factors.placement) with two
bilinear matmuls, so position/scale/perspective cost no capacity and the ONNX graph stays plain
(MatMul, Relu, Erf: fine on WASM and WebGPU).

Encoder(image) -> background / shape / colour / pattern logits and the pose code. The texture
probability is the outer product colour x pattern, so a colour and pattern never seen on this shape (the
held-out combinations) is still read off each factor separately.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from . import factors as fx

PRESETS = {
    # name: (res, crop, trunk channels 4/8/16, parent 32/64, child 32/64)
    "mnm128": dict(res=128, crop=64, ch4=128, ch8=128, ch16=96, p32=32, p64=16, c32=48, c64=24),
    "smoke64": dict(res=64, crop=32, ch4=32, ch8=32, ch16=24, p32=16, p64=8, c32=16, c64=8),
}


def up_conv(cin, cout):
    return nn.Sequential(nn.Upsample(scale_factor=2.0, mode="nearest"), nn.Conv2d(cin, cout, 3, padding=1),
                         nn.LeakyReLU(0.2))


class Generator(nn.Module):
    def __init__(self, res=128, crop=64, ch4=128, ch8=128, ch16=96, p32=32, p64=16, c32=48, c64=24):
        super().__init__()
        if crop not in (32, 64):
            raise ValueError(f"crop must be 32 or 64, not {crop}")
        self.res, self.crop = res, crop
        self.bg_table = nn.Parameter(torch.full((fx.N_B, 3, res, res), 0.5))
        n_pose = fx.Z_DIM
        self.seed = nn.Sequential(nn.Linear(fx.N_P + n_pose, 256), nn.LeakyReLU(0.2),
                                  nn.Linear(256, ch4 * 16), nn.LeakyReLU(0.2))
        self.ch4 = ch4
        self.to8 = up_conv(ch4, ch8)
        self.to16 = up_conv(ch8, ch16)
        self.p_to32 = up_conv(ch16, p32)
        self.p_to64 = up_conv(p32, p64)
        self.p_head = nn.Conv2d(p64, 2, 1)  # mask logit, shading
        self.film = nn.Linear(fx.N_C + n_pose, 2 * ch16)
        self.c_to32 = up_conv(ch16, c32)
        self.c_to64 = up_conv(c32 + p32, c64)
        self.c_head = nn.Conv2d(c64, 3, 1)  # rgb

    def object_crops(self, z, p, c):
        """Crops [B, *, crop, crop]: the shape mask, the parent's shading and the child's colour."""
        pose = fx.pose_features(z)
        h = self.seed(torch.cat([p, pose], 1)).view(-1, self.ch4, 4, 4)
        h = self.to16(self.to8(h))
        if self.crop == 32:  # smoke size: 4 -> 8 -> 16 is already crop / 2
            h = F.avg_pool2d(h, 2)
        p32 = self.p_to32(h)
        ph = self.p_head(self.p_to64(p32))
        gamma, beta = self.film(torch.cat([c, pose], 1)).chunk(2, 1)
        hc = h * (1.0 + gamma[:, :, None, None]) + beta[:, :, None, None]
        c32 = self.c_to32(hc)
        rgb = torch.sigmoid(self.c_head(self.c_to64(torch.cat([c32, p32], 1))))
        mask = torch.sigmoid(ph[:, :1])
        shading = torch.sigmoid(ph[:, 1:2]).expand(-1, 3, -1, -1)
        return mask, shading, rgb

    def forward(self, z, b, p, c):
        """Soft one-hots b [B, 8], p [B, 7], c [B, 40], pose z [B, 5] -> dict of [B, *, res, res] layers."""
        bg = torch.einsum("bk,kchw->bchw", b, self.bg_table)
        mask, shading, rgb = self.object_crops(z, p, c)
        col, row, half = fx.placement(z, self.res)
        placed = fx.paste(torch.cat([mask, shading * mask, rgb * mask], 1), col, row, half, self.res)
        m, pfg, cfg = placed[:, :1], placed[:, 1:4], placed[:, 4:7]  # premultiplied: clean placed edges
        parent_img = pfg + (1.0 - m) * bg
        image = cfg + (1.0 - m) * parent_img  # = cfg + (1 - m) bg where m is 1 or 0
        return {"image": image.clamp(0, 1), "foreground": cfg.clamp(0, 1), "background": bg.clamp(0, 1),
                "parent": parent_img.clamp(0, 1), "mask": m.clamp(0, 1)}


class Encoder(nn.Module):
    """image [B, 3, res, res] in [0, 1] -> logits (background, shape, colour, pattern) and the pose code."""

    def __init__(self, res=128, width=32):
        super().__init__()
        w = width
        layers, cin = [], 3 + 2  # + coordinate channels: pose is a position
        for cout in (w, 2 * w, 4 * w, 4 * w, 8 * w):
            layers += [nn.Conv2d(cin, cout, 3, stride=2, padding=1), nn.BatchNorm2d(cout), nn.LeakyReLU(0.2),
                       nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.LeakyReLU(0.2)]
            cin = cout
        self.body = nn.Sequential(*layers)
        side = res // 32
        self.fc = nn.Sequential(nn.Flatten(), nn.Linear(cin * side * side, 256), nn.LeakyReLU(0.2))
        self.heads = nn.Linear(256, fx.N_B + fx.N_P + fx.N_COLOURS + fx.N_PATTERNS + fx.Z_DIM)
        self.res = res

    def forward(self, image):
        n = image.shape[0]
        lin = torch.linspace(-1.0, 1.0, self.res)
        yy = lin[:, None].expand(self.res, self.res)
        xx = lin[None, :].expand(self.res, self.res)
        coords = torch.stack([xx, yy])[None].expand(n, -1, -1, -1)
        out = self.heads(self.fc(self.body(torch.cat([image * 2.0 - 1.0, coords], 1))))
        sizes = [fx.N_B, fx.N_P, fx.N_COLOURS, fx.N_PATTERNS, fx.Z_DIM]
        b, p, colour, pattern, z = torch.split(out, sizes, 1)
        return {"b": b, "p": p, "colour": colour, "pattern": pattern, "z": z}


def texture_probs(colour_logits, pattern_logits):
    """[B, 40] probabilities, class c = pattern * 8 + colour (factors.texture_class)."""
    pc = torch.softmax(colour_logits, 1)
    pp = torch.softmax(pattern_logits, 1)
    return (pp[:, :, None] * pc[:, None, :]).flatten(1)


def one_hot(idx, n):
    return F.one_hot(idx, n).float()
