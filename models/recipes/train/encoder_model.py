"""The encoder: image [B,3,128,128] in [0,1] -> class logits, codes and geometry per factor.

Why two object slots with a permutation-invariant loss: the dataset's slot 0 is not distinguishable from
slot 1 in an image (both are drawn the same way, in no spatial order), so the encoder predicts a set of two
objects (each with a presence logit) and training/eval match predicted slots to true objects by the
cheaper of the two assignments.

Why codes are outputs of the graph: the studio mixes reference images by code vectors, so the exported
encoder ends with the generator's own class tables: code = softmax(logits) @ table (for appearance,
(colour + texture) / sqrt(2) as in codebook.py). A confident prediction gives exactly the class code; an
unsure one gives a blend inside the trained code set.

Geometry heads (normalised to about [-1, 1] in training; physical units in the exported graph):
camera azimuth as (cos, sin), elevation (deg), radius; per object translation (x, y) in world units,
scale, yaw as (cos, sin) (yaw is ambiguous for symmetric shapes; reported, not targeted).
"""
import math

import torch
from torch import nn
import torch.nn.functional as F

from scenes import config as sc

N_SHAPE, N_COLOUR, N_TEXTURE, N_BG = len(sc.SHAPES), len(sc.COLOURS), len(sc.TEXTURES), len(sc.BACKGROUNDS)
R = sc.RANGES
# per-object output layout: shape, colour, texture logits, presence logit, tx, ty, scale, yaw cos, yaw sin
OBJ_SLICES = {"shape": (0, N_SHAPE), "colour": (N_SHAPE, N_SHAPE + N_COLOUR),
              "texture": (N_SHAPE + N_COLOUR, N_SHAPE + N_COLOUR + N_TEXTURE)}
_o = N_SHAPE + N_COLOUR + N_TEXTURE
OBJ_SLICES.update(present=(_o, _o + 1), txy=(_o + 1, _o + 3), scale=(_o + 3, _o + 4), yaw=(_o + 4, _o + 6))
OBJ_OUT = _o + 6
# global layout: background logits, azimuth cos/sin, elevation, radius
GLOB_SLICES = {"background": (0, N_BG), "azimuth": (N_BG, N_BG + 2), "elevation": (N_BG + 2, N_BG + 3),
               "radius": (N_BG + 3, N_BG + 4)}
GLOB_OUT = N_BG + 4


def norm_range(x, key):
    lo, hi = R[key]
    return (x - (lo + hi) / 2) / max((hi - lo) / 2, 1e-6)


def denorm_range(x, key):
    lo, hi = R[key]
    return x * ((hi - lo) / 2) + (lo + hi) / 2


def block(cin, cout, stride):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False), nn.BatchNorm2d(cout),
                         nn.ReLU(inplace=True))


class Encoder(nn.Module):
    def __init__(self, img_size=128, width=1.0, n_objects=2):
        super().__init__()
        c = [max(8, int(round(v * width))) for v in (32, 48, 96, 160, 192)]
        self.features = nn.Sequential(
            block(3, c[0], 2), block(c[0], c[1], 2), block(c[1], c[1], 1), block(c[1], c[2], 2),
            block(c[2], c[2], 1), block(c[2], c[3], 2), block(c[3], c[3], 1), block(c[3], c[4], 2))
        side = img_size // 32
        hidden = max(64, int(128 * width))
        self.fc = nn.Sequential(nn.Flatten(), nn.Linear(c[4] * side * side, hidden), nn.ReLU(inplace=True))
        self.n_objects = n_objects
        self.obj_head = nn.Linear(hidden, n_objects * OBJ_OUT)
        self.glob_head = nn.Linear(hidden, GLOB_OUT)

    def forward(self, image):
        """-> (obj [B,N,OBJ_OUT], glob [B,GLOB_OUT]) raw (normalised) outputs."""
        h = self.fc(self.features((image - 0.5) * 2.0))
        return self.obj_head(h).reshape(-1, self.n_objects, OBJ_OUT), self.glob_head(h)


def part(x, slices, key):
    a, b = slices[key]
    return x[..., a:b]


class ExportEncoder(nn.Module):
    """Encoder + the generator's code tables, physical units: what encoder.onnx computes."""

    OUTPUTS = ["z_shape", "z_app", "z_bg", "shape_logits", "colour_logits", "texture_logits", "present_prob",
               "background_logits", "azimuth_cos_sin", "elevation_deg", "radius", "obj_translation", "obj_scale",
               "yaw_cos_sin"]

    def __init__(self, enc: Encoder, codes):
        super().__init__()
        self.enc = enc
        self.register_buffer("e_shape", codes.shape.detach().clone())
        self.register_buffer("e_colour", codes.colour.detach().clone())
        self.register_buffer("e_texture", codes.texture.detach().clone())
        self.register_buffer("e_bg", codes.background.detach().clone())

    def forward(self, image):
        obj, glob = self.enc(image)
        sl, cl, tl = part(obj, OBJ_SLICES, "shape"), part(obj, OBJ_SLICES, "colour"), part(obj, OBJ_SLICES, "texture")
        bl = part(glob, GLOB_SLICES, "background")
        z_shape = torch.matmul(F.softmax(sl, -1), self.e_shape)
        z_app = (torch.matmul(F.softmax(cl, -1), self.e_colour) + torch.matmul(F.softmax(tl, -1), self.e_texture)) \
            / math.sqrt(2.0)
        z_bg = torch.matmul(F.softmax(bl, -1), self.e_bg)
        az = part(glob, GLOB_SLICES, "azimuth")
        az = az / az.norm(dim=-1, keepdim=True).clamp_min(1e-6)
        yaw = part(obj, OBJ_SLICES, "yaw")
        yaw = yaw / yaw.norm(dim=-1, keepdim=True).clamp_min(1e-6)
        elev = denorm_range(part(glob, GLOB_SLICES, "elevation"), "elevation_deg")
        radius = denorm_range(part(glob, GLOB_SLICES, "radius"), "radius")
        scale = denorm_range(part(obj, OBJ_SLICES, "scale"), "scale")
        txy = denorm_range(part(obj, OBJ_SLICES, "txy"), "translation_xy")
        t = torch.cat([txy, scale + sc.GROUND_Z], dim=-1)                  # objects rest on the ground
        present = torch.sigmoid(part(obj, OBJ_SLICES, "present"))[..., 0]
        return (z_shape, z_app, z_bg, sl, cl, tl, present, bl, az, elev, radius, t, scale, yaw)
