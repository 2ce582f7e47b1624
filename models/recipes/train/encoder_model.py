"""The encoder: image [B,3,128,128] in [0,1] -> class logits, codes and geometry per factor.

Why two object slots with a permutation-invariant loss: the dataset's slot 0 is not distinguishable from
slot 1 in an image (both are drawn the same way, in no spatial order), so the encoder predicts a set of two
objects (each with a presence logit) and training/eval match predicted slots to true objects by the
cheaper of the two assignments.

Why codes are outputs of the graph: the studio mixes reference images by code vectors, so the exported
encoder ends with the generator's own class tables: code = softmax(logits) @ table (for appearance,
(colour + texture) / sqrt(2) as in codebook.py). A confident prediction gives exactly the class code; an
unsure one gives a blend inside the trained code set.

Why a crop stage (``crop`` > 0): a single CNN over the whole frame read held-out shape x texture pairs
badly (texture 68-71% on unseen combinations against 90% on seen): it learns where patterns tend to
appear, not the patterns. The MixNMatch-style encoder fixed the same failure with object-centred crops
(issue 4: texture 80% -> 99.9%), so here too: the global stage reads the camera and each slot's presence,
translation and scale; each slot's window (its box centre projected with the estimated camera, half-size
WINDOW_HALF * scale) is cut out with two bilinear matmuls into a crop x crop patch, and a crop CNN reads
the slot's shape, colour, texture and yaw from it. In a crop a pattern has the same size and place
whatever the object's distance and position. Training cuts half the crops at the true pose plus noise
(``crop_geometry``), so the crop CNN also learns to read slightly misplaced windows.

Geometry heads (normalised to about [-1, 1] in training; physical units in the exported graph):
camera azimuth as (cos, sin), elevation (deg), radius; per object translation (x, y) in world units,
scale, yaw as (cos, sin) (yaw is ambiguous for symmetric shapes; reported, not targeted).
"""
import math

import torch
from torch import nn
import torch.nn.functional as F

from scenes import config as sc
from studio_models.windows import crop

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


WINDOW_HALF = 1.6   # crop half-size in box units (objects fill [-1, 1]^3 x scale; margin for pose errors)
FOCAL = 1.0 / math.tan(math.radians(sc.RANGES["fov_deg"][0]) / 2.0)   # the data's one field of view


def project_windows(az_cs, elev_deg, radius, txy, scale, res):
    """Each slot's crop window in pixels: centre column, row and half-size, each [B, N].

    az_cs [B, 2] (cos, sin of the camera azimuth), elev_deg [B, 1], radius [B, 1], txy [B, N, 2] world
    translation, scale [B, N, 1]. The box centre (tx, ty, ground + s) is projected with the GIRAFFE look-at
    camera (train/factors.py, studio_models/camera.py), written out with slices so that it exports."""
    e = elev_deg * (math.pi / 180.0)
    ce, se = torch.cos(e), torch.sin(e)
    ca, sa = az_cs[:, :1], az_cs[:, 1:2]
    fwd = torch.cat([ce * ca, ce * sa, se], -1)                           # camera z axis (backwards), [B,3]
    eye = fwd * radius
    right = torch.cat([-sa, ca, torch.zeros_like(ca)], -1)                # cross(up, z) / |.|
    up = torch.cat([-se * ca, -se * sa, ce], -1)                          # cross(z, x)
    centre = torch.cat([txy, scale + sc.GROUND_Z], -1) - eye[:, None]     # [B,N,3]
    depth = -(centre * fwd[:, None]).sum(-1)
    x = FOCAL * (centre * right[:, None]).sum(-1) / depth
    y = FOCAL * (centre * up[:, None]).sum(-1) / depth
    half_px = (res - 1) / 2.0
    return (x + 1.0) * half_px, (1.0 - y) * half_px, WINDOW_HALF * scale[..., 0] * FOCAL / depth * half_px


def crop_windows(image, col, row, half, k):
    """image [B, C, H, W], windows [B, N] -> crops [B*N, C, k, k] (studio_models.windows.crop per slot)."""
    n = col.shape[1]
    img = image[:, None].expand(-1, n, -1, -1, -1).reshape(-1, *image.shape[1:])
    return crop(img, col.reshape(-1), row.reshape(-1), half.reshape(-1), k)


def block(cin, cout, stride):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False), nn.BatchNorm2d(cout),
                         nn.ReLU(inplace=True))


class Encoder(nn.Module):
    def __init__(self, img_size=128, width=1.0, n_objects=2, crop=0):
        super().__init__()
        self.img_size, self.crop = img_size, crop
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
        if crop:
            k = [max(8, int(round(v * width))) for v in (32, 64, 96, 128)]
            self.crop_features = nn.Sequential(
                block(3, k[0], 2), block(k[0], k[1], 2), block(k[1], k[1], 1), block(k[1], k[2], 2),
                block(k[2], k[2], 1), block(k[2], k[3], 2))
            self.crop_fc = nn.Sequential(nn.Flatten(), nn.Linear(k[3] * (crop // 16) ** 2, 256), nn.ReLU(inplace=True))
            self.crop_head = nn.Linear(256, N_SHAPE + N_COLOUR + N_TEXTURE + 2)

    def crop_logits(self, x, geometry):
        """Crop stage: x [B,3,H,W] in [-1, 1], geometry (az_cs, elev_deg, radius, txy, scale) in world units
        -> [B, N, shape + colour + texture + yaw] read from each slot's window.

        Outside training the shape logits are the mean over the window and its mirror image (test-time
        augmentation): every shape class looks the same in a mirror, while the diagonal texture and the yaw do
        not, so only the shape logits are averaged. runs/enc5, 1000 + 1000 held-out images: shape accuracy
        unseen 97.74 -> 98.22%, seen 97.71 -> 98.20% (the confusions were cylinder / cube, capsule / torus and
        cone / octahedron, mostly small objects); the other factors unchanged. It costs a second pass of the
        crop stage when the studio encodes a reference image, none per frame."""
        col, row, half = project_windows(*geometry, self.img_size)
        windows = crop_windows(x, col, row, half, self.crop)
        n = windows.shape[0]
        if not self.training:   # the mirror images ride in the same pass
            windows = torch.cat([windows, torch.flip(windows, [3])])
        out = self.crop_head(self.crop_fc(self.crop_features(windows)))
        if not self.training:
            out = torch.cat([(out[:n, :N_SHAPE] + out[n:, :N_SHAPE]) * 0.5, out[:n, N_SHAPE:]], 1)
        return out.reshape(x.shape[0], -1, out.shape[-1])

    def forward(self, image, crop_geometry=None):
        """-> (obj [B,N,OBJ_OUT], glob [B,GLOB_OUT]) raw (normalised) outputs. With the crop stage the class
        logits and yaw of obj come from each slot's crop, cut at the global stage's own estimate, or (training)
        at ``crop_geometry``, which then also returns the crop logits alone as a third output."""
        x = (image - 0.5) * 2.0
        h = self.fc(self.features(x))
        obj, glob = self.obj_head(h).reshape(-1, self.n_objects, OBJ_OUT), self.glob_head(h)
        if not self.crop:
            return obj, glob
        est = physical_geometry(obj.detach(), glob.detach())
        c = self.crop_logits(x, est)
        n_cls = N_SHAPE + N_COLOUR + N_TEXTURE
        o = OBJ_SLICES["present"][0]
        obj = torch.cat([c[..., :n_cls], obj[..., o:OBJ_SLICES["yaw"][0]], c[..., n_cls:]], -1)
        if crop_geometry is not None:
            return obj, glob, self.crop_logits(x, crop_geometry)
        return obj, glob


def physical_geometry(obj, glob):
    """Raw outputs -> (az_cs, elev_deg [B,1], radius [B,1], txy [B,N,2], scale [B,N,1]) in world units."""
    az = part(glob, GLOB_SLICES, "azimuth")
    az = az / az.norm(dim=-1, keepdim=True).clamp_min(1e-6)
    return (az, denorm_range(part(glob, GLOB_SLICES, "elevation"), "elevation_deg"),
            denorm_range(part(glob, GLOB_SLICES, "radius"), "radius"),
            denorm_range(part(obj, OBJ_SLICES, "txy"), "translation_xy"),
            denorm_range(part(obj, OBJ_SLICES, "scale"), "scale"))


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
