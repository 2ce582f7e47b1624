"""GIRAFFE checkpoint -> generator state dict, architecture read from the weights, checked against a preset.

Why read the architecture from the weights: the widths (z_dim, hidden sizes, feature channels, number of
renderer blocks = log2(img_size) - 4) are all visible in the tensor shapes, so a mismatch with the chosen
config can be reported as "this is a 256^2 checkpoint, config cars64 is 64^2" instead of a shape error.
Upstream saves {'model': GIRAFFE.state_dict(), 'optimizer': ..., 'it': ...}; Renderer uses the EMA copy
`generator_test` when present, so do we.
"""
import re
from dataclasses import fields

from ..checkpoint import sub_dict, strip_prefix
from ..detect import guess_family
from ..errors import ConvertError
from .presets import Arch, PRESETS


def generator_state(obj) -> tuple:
    """(state dict of the generator, which copy was used: 'generator_test' | 'generator' | 'raw')."""
    family = guess_family(obj)
    if family != "giraffe":
        raise ConvertError(f"this is not a GIRAFFE checkpoint (it looks like: {family}); "
                           f"expected the .pt from autonomousvision/giraffe, e.g. checkpoint_cars256-d9ea5e11.pt")
    sd = obj["model"] if isinstance(obj, dict) and isinstance(obj.get("model"), dict) else obj
    sd = strip_prefix(sd)
    for which in ("generator_test.", "generator."):
        sub = sub_dict(sd, which)
        if sub:
            return sub, which[:-1]
    return {k: v for k, v in sd.items() if not k.startswith("discriminator.")}, "raw"


def _count(sd, pattern):
    return len({m.group(1) for k in sd for m in [re.match(pattern, k)] if m})


def infer_arch(sd: dict) -> Arch:
    try:
        n_conv = _count(sd, r"neural_renderer\.conv_layers\.(\d+)\.weight")
        return Arch(
            img_size=2 ** (n_conv + 4),
            z_dim=sd["decoder.fc_z.weight"].shape[1], z_dim_bg=sd["background_generator.fc_z.weight"].shape[1],
            obj_hidden=sd["decoder.fc_in.weight"].shape[0], obj_blocks=_count(sd, r"decoder\.blocks\.(\d+)\.") + 1,
            obj_rgb=sd["decoder.feat_out.weight"].shape[0],
            bg_hidden=sd["background_generator.fc_in.weight"].shape[0],
            bg_blocks=_count(sd, r"background_generator\.blocks\.(\d+)\.") + 1,
            bg_rgb=sd["background_generator.feat_out.weight"].shape[0],
            nr_feat=sd["neural_renderer.conv_layers.0.weight"].shape[1],
            nr_input=sd["neural_renderer.conv_rgb.0.weight"].shape[1])
    except KeyError as e:
        raise ConvertError(f"GIRAFFE generator weights incomplete: missing key {e.args[0]}") from None


def arch_differences(got: Arch, want: Arch) -> list:
    return [f"{f.name} {getattr(got, f.name)} (checkpoint) != {getattr(want, f.name)} (config)"
            for f in fields(Arch) if getattr(got, f.name) != getattr(want, f.name)]


def matching_presets(arch: Arch) -> list:
    return [p.name for p in PRESETS.values() if p.arch == arch]
