"""MixNMatch datasets and their class counts (code/config.py: SUPER_CATEGORIES = parents/shapes,
FINE_GRAINED_CATEGORIES = children/textures = background classes; GAN.Z_DIM = 100, GAN.GF_DIM = 64).

Why `verified`: only CUB's counts are in the repository (config.py). Dogs and Cars follow FineGAN's paper
settings and are not confirmed by the MixNMatch repo, so for them the converter takes the counts the
checkpoint's weights actually have (and says so) instead of refusing the file.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Arch:
    z_dim: int = 100
    parents: int = 20      # SUPER_CATEGORIES: shape codes
    children: int = 200    # FINE_GRAINED_CATEGORIES: texture codes, also the background code size
    gf_dim: int = 64       # GAN.GF_DIM (ngf); the bg / parent stages start at 8 * gf_dim channels


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    arch: Arch
    verified: bool
    dataset: str


PRESETS = {p.name: p for p in [
    Preset("cub", "MixNMatch, CUB-200-2011 birds 128x128", Arch(parents=20, children=200), True, "CUB-200-2011"),
    Preset("dogs", "MixNMatch, Stanford Dogs 128x128", Arch(parents=12, children=120), False, "Stanford Dogs"),
    Preset("cars", "MixNMatch, Stanford Cars 128x128", Arch(parents=20, children=196), False, "Stanford Cars"),
]}
ALIASES = {"birds": "cub", "cub200": "cub", "dog": "dogs", "car": "cars"}


def get_preset(name: str) -> Preset:
    from ..errors import ConvertError
    key = ALIASES.get(name.lower(), name.lower())
    if key not in PRESETS:
        raise ConvertError(f"unknown MixNMatch config '{name}'; known: {', '.join(PRESETS)}")
    return PRESETS[key]
