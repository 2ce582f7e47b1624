"""Every official GIRAFFE config (giraffe:configs/64res/*.yaml, configs/256res/*.yaml, on top of
configs/default.yaml), reduced to what the converter needs: the architecture the checkpoint must have and the
ranges the manifest carries.

Why hand-transcribed rather than read from YAML: the converter must work with the checkpoint file alone
(no upstream checkout). Values are the YAML's, unrounded; the manifest converts them to degrees.
"""
from dataclasses import dataclass, field, replace
from typing import Optional, Tuple

S3 = "https://s3.eu-central-1.amazonaws.com/avg-projects/giraffe/models/"


@dataclass(frozen=True)
class Arch:
    """Widths that determine the state dict's shapes (Decoder, background Decoder, NeuralRenderer)."""
    img_size: int = 64
    z_dim: int = 256
    z_dim_bg: int = 128
    obj_hidden: int = 128
    obj_blocks: int = 8
    obj_rgb: int = 128
    bg_hidden: int = 64
    bg_blocks: int = 4
    bg_rgb: int = 128
    nr_feat: int = 128
    nr_input: int = 128


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    checkpoint: Optional[str]  # upstream download name, without the S3 prefix
    arch: Arch
    range_u: Tuple[float, float] = (0.0, 0.0)
    range_v: Tuple[float, float] = (0.25, 0.25)
    range_radius: Tuple[float, float] = (2.732, 2.732)
    fov: float = 49.13
    depth_range: Tuple[float, float] = (0.5, 6.0)
    bg_rotation_range: Tuple[float, float] = (0.0, 0.0)
    scale_min: Tuple[float, float, float] = (0.5, 0.5, 0.5)
    scale_max: Tuple[float, float, float] = (0.5, 0.5, 0.5)
    translation_min: Tuple[float, float, float] = (-0.75, -0.75, 0.0)
    translation_max: Tuple[float, float, float] = (0.75, 0.75, 0.0)
    rotation_range: Tuple[float, float] = (0.0, 1.0)
    n_boxes: int = 1
    z_level_plane: Optional[float] = None  # object_on_plane: translation z fixed to this value
    sample_object_existence: bool = False
    n_ray_samples: int = 64
    resolution_vol: int = 16
    obj_downscale: float = 2.0
    bg_downscale: float = 12.0
    sample_tmp: float = 0.65
    notes: Tuple[str, ...] = field(default_factory=tuple)


A64 = Arch()
A256 = Arch(img_size=256, obj_rgb=256, bg_rgb=256, nr_feat=256, nr_input=256)
CARS = dict(scale_min=(0.2, 0.16, 0.16), scale_max=(0.25, 0.2, 0.2), translation_min=(-0.22, -0.12, 0.0),
            translation_max=(0.22, 0.12, 0.0), range_v=(0.41667, 0.5), fov=10.0)
FACE = dict(scale_min=(0.21,) * 3, scale_max=(0.21,) * 3, translation_min=(0.0,) * 3, translation_max=(0.0,) * 3,
            fov=10.0)
CHURCH = dict(scale_min=(0.45,) * 3, scale_max=(0.55,) * 3, translation_min=(-0.15, -0.15, 0.0),
              translation_max=(0.15, 0.15, 0.0), range_v=(0.5, 0.5), fov=30.0, bg_rotation_range=(0.0, 0.25))
CLEVR = dict(scale_min=(0.17,) * 3, scale_max=(0.17,) * 3, rotation_range=(0.0, 0.0), z_level_plane=0.1665,
             range_v=(0.33333, 0.33333))
CLEVR_NOTE = ("Training drew object positions from a prior file (clevr prior npz); the translation knobs "
              "use the config's translation range instead.",)

PRESETS = {p.name: p for p in [
    Preset("cars64", "GIRAFFE, CompCars 64x64", "checkpoint_compcars64-e85060a0.pt", A64, **CARS),
    Preset("cats64", "GIRAFFE, Cats 64x64", "checkpoint_cats64-ff00b26f.pt", A64,
           range_v=(0.41667, 0.5), rotation_range=(0.40278, 0.59722), **FACE),
    Preset("celeba64", "GIRAFFE, CelebA 64x64", "checkpoint_celeba64-dbe11f3e.pt", A64,
           range_v=(0.4167, 0.5), rotation_range=(0.40278, 0.59722), **FACE),
    Preset("chairs64", "GIRAFFE, Photoshapes chairs 64x64", "checkpoint_chairs64-114befac.pt", A64,
           translation_min=(0.0,) * 3, translation_max=(0.0,) * 3, range_v=(0.05, 0.5)),
    Preset("church64", "GIRAFFE, LSUN Church 64x64", "checkpoint_church64-03c09878.pt", A64, **CHURCH),
    Preset("cars256", "GIRAFFE, CompCars 256x256", "checkpoint_cars256-d9ea5e11.pt", A256, **CARS),
    Preset("celebahq256", "GIRAFFE, CelebA-HQ 256x256", "checkpoint_celebahq256-d5b11030.pt", A256,
           range_v=(0.4167, 0.5), rotation_range=(0.375, 0.625), **FACE),
    Preset("ffhq256", "GIRAFFE, FFHQ 256x256", "checkpoint_ffhq256-fa488759.pt", A256,
           range_v=(0.4167, 0.5), rotation_range=(0.40278, 0.59722), **FACE),
    Preset("church256", "GIRAFFE, LSUN Church 256x256", "checkpoint_church256-ebd63480.pt", A256, **CHURCH),
    Preset("clevr2256", "GIRAFFE, Clevr-2 256x256", "checkpoint_clevr2256-96bd7074.pt", A256,
           translation_min=(-0.713, -0.713, 0.0), translation_max=(0.713, 0.713, 0.0), n_boxes=2,
           notes=CLEVR_NOTE, **CLEVR),
    Preset("clevr2345256", "GIRAFFE, Clevr-2345 256x256", "checkpoint_clevr2345256-aa03cd59.pt",
           Arch(img_size=256, z_dim=64, z_dim_bg=32, obj_hidden=64, bg_hidden=32),
           translation_min=(-0.71, -0.71, 0.0), translation_max=(0.71, 0.71, 0.0), n_boxes=5,
           sample_object_existence=True, notes=CLEVR_NOTE, **CLEVR),
]}

# Aliases: the upstream config file names (cars_64, clevr2345_256, ...) and the checkpoint's dataset name.
ALIASES = {"compcars64": "cars64"}
for _p in list(PRESETS):
    _base, _res = _p[:-3] if _p.endswith("256") else _p[:-2], _p[-3:] if _p.endswith("256") else _p[-2:]
    ALIASES[f"{_base}_{_res}"] = _p


def get_preset(name: str) -> Preset:
    from ..errors import ConvertError
    key = ALIASES.get(name, name)
    if key not in PRESETS:
        raise ConvertError(f"unknown GIRAFFE config '{name}'; known: {', '.join(PRESETS)}")
    return PRESETS[key]


def with_arch(p: Preset, arch: Arch) -> Preset:
    """The preset's ranges with another architecture (a checkpoint trained with other widths)."""
    return replace(p, arch=arch)
