"""The hierarchical generator (FineGAN / MixNMatch stages) and the encoder, sized for the studio's budget.

Generator(z, b, p, c), codes as soft one-hots (the studio blends classes), z the 5-D pose code:
1. background stage: one learned 128x128 image per background class, mixed by b. The camera is fixed, so
   a background class IS one image; a conv decoder would spend the frame budget re-learning a table.
2. parent stage (shape): (p, pose) -> a 4x4 seed -> upsampling convs (with crop-coordinate channels) -> a
   64x64 object-centred crop of G-buffers: the shape mask, the box-space point each pixel shows and the two
   light terms (diffuse factor, specular). All depend on shape and pose only; they are fitted to the
   renderer's own G-buffers (scenes.gbuffers). "Parent image" = the lit shape without texture.
3. child stage (texture): TexturePainter, a per-pixel MLP on (pattern code, Fourier features of the box
   point) -> the secondary-colour weight w; albedo = primary + (secondary - primary) * w with the two
   colours of the colour class (learned tables); colour = albedo * diffuse + specular, drawn through the
   parent's mask. FineGAN's child stage
   conditions on the parent's features and has a mask of its own; a first version here did that (conv
   decoder on the parent's 16x16 features, FiLM by c) and painted a held-out pattern badly on a shape it had
   never seen it on (object PSNR 14.7 dB on unseen shape x pattern pairs), and its own mask turned a striped
   cube into a cylinder. The painter sees no shape at all, only box points, which is how the data's
   textures work, so unseen shape x pattern pairs are as easy as seen ones.
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

from scenes.gbuffers import QUANT
from studio_models.upconv import upsample_conv

from . import factors as fx

PRESETS = {
    # name: (res, crop, trunk channels 4/8/16, parent 32/64, texture painter Fourier features / hidden width)
    "mnm128": dict(res=128, crop=64, ch4=128, ch8=128, ch16=96, p32=48, p64=24, tex_freqs=32, tex_hidden=64),
    "smoke64": dict(res=64, crop=32, ch4=32, ch8=32, ch16=24, p32=16, p64=8, tex_freqs=8, tex_hidden=16),
}
# The G-buffer heads span the stored buffers' ranges: box points in [-1, 1]^3, light terms below their maxima.
BOX_MAX, DIFFUSE_MAX, SPEC_MAX = QUANT["box"][1], QUANT["diffuse"][1], QUANT["spec"][1]


def up_conv(cin, cout):
    """Nearest x2 upsample + 3x3 conv + LeakyReLU; apply with ``up`` (the Sequential keeps the checkpoint keys)."""
    return nn.Sequential(nn.Upsample(scale_factor=2.0, mode="nearest"), nn.Conv2d(cin, cout, 3, padding=1),
                         nn.LeakyReLU(0.2))


def up(block, x):
    """block(x) for an ``up_conv`` block, computed in sub-pixel form (studio_models/upconv.py: 16/36 of the
    multiply-adds of upsampling first; the same numbers up to float rounding)."""
    return F.leaky_relu(upsample_conv(x, block[1]), 0.2)


def with_coords(h):
    """h [B, C, k, k] + two crop-coordinate channels: box points are near-linear in them."""
    n, _, k, _ = h.shape
    lin = torch.linspace(-1.0, 1.0, k)
    grid = torch.stack([lin[None, :].expand(k, k), lin[:, None].expand(k, k)])[None]
    return torch.cat([h, grid.expand(n, -1, -1, -1)], 1)


class TexturePainter(nn.Module):
    """Child stage's pattern field: the secondary-colour weight w in [0, 1] at every pixel from (pattern
    code, the pixel's box-space point), nothing else.

    The renderer's textures are two-tone: albedo = primary + (secondary - primary) * w(pattern, box point),
    the two colours fixed per colour class. So the painter learns only w, one scalar field per pattern,
    from every colour's images at once (8x the data per field of a painter that draws each of the 40
    textures itself; that first version blurred checkers on held-out shapes), and the colours are two
    learned tables (Generator.primary / .secondary). A pattern learned on a cube is painted on a sphere
    because the painter never sees the shape, only where on the box a pixel lies (the parent's G-buffer).
    Fourier features of the point (learned frequencies) feed a per-pixel MLP whose first layer gets the
    pattern code as a bias and whose second is FiLM-modulated by it.
    """

    def __init__(self, n_codes, freqs=32, hidden=64, sigma=8.0, n_out=1):
        super().__init__()
        self.freqs = nn.Parameter(torch.randn(freqs, 3, 1, 1) * sigma)
        self.inp = nn.Conv2d(2 * freqs + 3, hidden, 1)
        self.code_bias = nn.Linear(n_codes, hidden)
        self.mid = nn.Conv2d(hidden, hidden, 1)
        self.code_film = nn.Linear(n_codes, 2 * hidden)
        self.out = nn.Conv2d(hidden, n_out, 1)

    def logits(self, box, code):
        """box [B, 3, k, k] box-space points, code [B, n_codes] soft one-hot -> [B, n_out, k, k] logits (the
        training loss on w takes these: a sigmoid saturated at a wrong answer has no gradient left)."""
        phase = F.conv2d(box, self.freqs)
        h = self.inp(torch.cat([torch.sin(phase), torch.cos(phase), box], 1))
        h = F.leaky_relu(h + self.code_bias(code)[:, :, None, None], 0.2)
        gamma, beta = self.code_film(code).chunk(2, 1)
        h = F.leaky_relu(self.mid(h) * (1.0 + gamma[:, :, None, None]) + beta[:, :, None, None], 0.2)
        return self.out(h)

    def forward(self, box, code, logits=False):
        """The weight field in [0, 1], [B, n_out, k, k] (its logits with ``logits``). Callers go through
        here, not ``logits()``, so that the exported graph keeps the painter's node names (/gen/painter/...),
        which mnm/cull.py finds it by."""
        out = self.logits(box, code)
        return out if logits else torch.sigmoid(out)


def split_texture_code(c):
    """Soft texture code c [B, 40] (class = pattern * 8 + colour) -> (pattern [B, 5], colour [B, 8]) marginals."""
    grid = c.view(-1, fx.N_PATTERNS, fx.N_COLOURS)
    return grid.sum(2), grid.sum(1)


class Generator(nn.Module):
    def __init__(self, res=128, crop=64, ch4=128, ch8=128, ch16=96, p32=48, p64=24, tex_freqs=32, tex_hidden=64):
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
        self.p_to32 = up_conv(ch16 + 2, p32)
        self.p_to64 = up_conv(p32 + 2, p64)
        self.p_head = nn.Conv2d(p64 + 2, 6, 1)  # mask logit, box point (3), diffuse, specular
        self.painter = TexturePainter(fx.N_PATTERNS, tex_freqs, tex_hidden)
        # two-tone colours per colour class, contrasting at the start so w gets a gradient from step 1
        self.primary = nn.Parameter(torch.full((fx.N_COLOURS, 3), 0.7))
        self.secondary = nn.Parameter(torch.full((fx.N_COLOURS, 3), 0.2))

    def albedo(self, box, c, with_logits=False):
        """Child stage: albedo [B, 3, k, k] at box points [B, 3, k, k] for soft texture codes c [B, 40]
        (and, ``with_logits``, the weight field's logits [B, 1, k, k] for the training loss on w)."""
        pattern, colour = split_texture_code(c)
        prim, sec = colour @ self.primary, colour @ self.secondary
        out = self.painter(box, pattern, logits=with_logits)
        w = torch.sigmoid(out) if with_logits else out
        albedo = prim[:, :, None, None] + (sec - prim)[:, :, None, None] * w
        return (albedo, out) if with_logits else albedo

    def parent_crops(self, z, p):
        """Parent stage, [B, *, crop, crop]: shape mask and G-buffers (box point, diffuse, specular)."""
        pose = fx.pose_features(z)
        h = self.seed(torch.cat([p, pose], 1)).view(-1, self.ch4, 4, 4)
        h = up(self.to16, up(self.to8, h))
        if self.crop == 32:  # smoke size: 4 -> 8 -> 16 is already crop / 2
            h = F.avg_pool2d(h, 2)
        h = up(self.p_to64, with_coords(up(self.p_to32, with_coords(h))))
        g = self.p_head(with_coords(h))
        mask = torch.sigmoid(g[:, :1])
        box = BOX_MAX * torch.tanh(g[:, 1:4])
        diffuse = DIFFUSE_MAX * torch.sigmoid(g[:, 4:5])
        spec = SPEC_MAX * torch.sigmoid(g[:, 5:6])
        return mask, box, diffuse, spec

    def forward(self, z, b, p, c, gbuffers=True):
        """Soft one-hots b [B, 8], p [B, 7], c [B, 40], pose z [B, 5] -> dict of [B, *, res, res] layers:
        image, foreground, background, mask; with ``gbuffers`` (training) also the parent image and the placed
        G-buffers, premultiplied by the mask as the renderer's are. The studio's graph is exported without
        them: placing them would be most of the paste's work for layers nobody shows."""
        bg = torch.einsum("bk,kchw->bchw", b, self.bg_table)
        mask, box, diffuse, spec = self.parent_crops(z, p)
        rgb = self.albedo(box, c) * diffuse + spec
        layers = [mask, rgb * mask]
        if gbuffers:
            grey = 0.6 * diffuse + spec  # the parent image: the shape lit, without its texture
            layers += [grey * mask, box * mask, diffuse * mask, spec * mask]
        col, row, half = fx.placement(z, self.res)
        placed = fx.paste(torch.cat(layers, 1), col, row, half, self.res)
        m, cfg = placed[:, :1], placed[:, 1:4]
        image = cfg + (1.0 - m) * bg  # premultiplied: clean placed edges
        out = {"image": image.clamp(0, 1), "foreground": cfg.clamp(0, 1), "background": bg.clamp(0, 1),
               "mask": m.clamp(0, 1)}
        if gbuffers:
            pfg = placed[:, 4:5].expand(-1, 3, -1, -1)
            out.update({"parent": (pfg + (1.0 - m) * bg).clamp(0, 1), "box": placed[:, 5:8],
                        "diffuse": placed[:, 8:9], "spec": placed[:, 9:10]})
        return out


def conv_stack(cin, widths):
    """Per width: a stride-2 3x3 conv and a 3x3 conv, each with BatchNorm and LeakyReLU."""
    layers = []
    for cout in widths:
        layers += [nn.Conv2d(cin, cout, 3, stride=2, padding=1), nn.BatchNorm2d(cout), nn.LeakyReLU(0.2),
                   nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.LeakyReLU(0.2)]
        cin = cout
    return nn.Sequential(*layers), cin


class Encoder(nn.Module):
    """image [B, 3, res, res] in [0, 1] -> logits (background, shape, colour, pattern) and the pose code.

    Two stages, as the generator is built: a global CNN reads the background and where the object is (scale
    and position, z[2:5]); the object's window (factors.placement of that pose, the generator's own window)
    is then cut out of the image with two bilinear matmuls (factors.crop) into an object-centred crop of
    fixed size, and a second CNN reads shape, colour, pattern and yaw from it. In the crop a pattern has
    the same size and place whatever the object's scale and position, so the classifier learns the pattern
    and not where it tends to appear: a single-stage encoder (flattened 4x4 features of the whole frame)
    read the pattern of held-out shape x pattern pairs right 80% of the time against 94% on seen pairs.
    In training half of the crops are cut at the true pose plus noise of about the global stage's error
    (``crop_z``), half at its own estimate; at inference (and in the exported graph) all at the estimate.
    """

    def __init__(self, res=128, width=32, crop=64):
        super().__init__()
        w = width
        self.body, cin = conv_stack(3 + 2, (w, 2 * w, 4 * w, 4 * w, 8 * w))  # + coordinate channels
        side = res // 32
        self.fc = nn.Sequential(nn.Flatten(), nn.Linear(cin * side * side, 256), nn.LeakyReLU(0.2))
        self.heads = nn.Linear(256, fx.N_B + fx.Z_DIM)
        self.crop_body, cin = conv_stack(3, (w, 2 * w, 4 * w, 4 * w))
        side = crop // 16
        self.crop_fc = nn.Sequential(nn.Flatten(), nn.Linear(cin * side * side, 256), nn.LeakyReLU(0.2))
        self.crop_heads = nn.Linear(256, fx.N_P + fx.N_COLOURS + fx.N_PATTERNS + 2)
        self.res, self.crop = res, crop

    def forward(self, image, crop_z=None, use_estimate=None):
        """``crop_z`` [B, 5]: cut the crop at this pose instead of the estimate (training); ``use_estimate`` [B]
        bool: rows that still use the estimate (so training also sees the global stage's real errors)."""
        n = image.shape[0]
        lin = torch.linspace(-1.0, 1.0, self.res)
        yy = lin[:, None].expand(self.res, self.res)
        xx = lin[None, :].expand(self.res, self.res)
        coords = torch.stack([xx, yy])[None].expand(n, -1, -1, -1)
        x = image * 2.0 - 1.0
        b, z = torch.split(self.heads(self.fc(self.body(torch.cat([x, coords], 1)))), [fx.N_B, fx.Z_DIM], 1)
        at = z.detach()
        if crop_z is not None:
            at = crop_z if use_estimate is None else torch.where(use_estimate[:, None], at, crop_z)
        col, row, half = fx.placement(at, self.res)
        patch = fx.crop(x, col, row, half, self.crop)
        out = self.crop_heads(self.crop_fc(self.crop_body(patch)))
        p, colour, pattern, yaw = torch.split(out, [fx.N_P, fx.N_COLOURS, fx.N_PATTERNS, 2], 1)
        return {"b": b, "p": p, "colour": colour, "pattern": pattern, "z": torch.cat([yaw, z[:, 2:]], 1)}


def texture_probs(colour_logits, pattern_logits):
    """[B, 40] probabilities, class c = pattern * 8 + colour (factors.texture_class)."""
    pc = torch.softmax(colour_logits, 1)
    pp = torch.softmax(pattern_logits, 1)
    return (pp[:, :, None] * pc[:, None, :]).flatten(1)


def one_hot(idx, n):
    return F.one_hot(idx, n).float()
