"""MixNMatch G.pth -> state dict and architecture (read from the tensor shapes).

Why infer: the class counts (parents, children) and widths are only in the weights; reading them lets a
Dogs file given `--config cub` fail with "parents 12 != 20" rather than a size-mismatch trace. G.pth is a
DataParallel state dict (`module.` prefixes), saved by train_*_stage.py / loaded by eval.py load_network.
"""
from ..checkpoint import strip_prefix
from ..detect import guess_family
from ..errors import ConvertError
from .presets import Arch


def generator_state(obj) -> dict:
    family = guess_family(obj)
    if family != "mixnmatch-G":
        hint = " (that is the encoder E.pth; pass it with --encoder)" if family == "mixnmatch-E" else ""
        raise ConvertError(f"this is not a MixNMatch generator G.pth (it looks like: {family}){hint}")
    return strip_prefix(obj)


def infer_arch(sd: dict) -> Arch:
    try:
        ngf8 = sd["background_stage.fc.0.weight"].shape[0] // 32
        children = sd["child_stage.jointConv.0.weight"].shape[1] - sd["parent_image.img.0.weight"].shape[1]
        z = sd["background_stage.fc.0.weight"].shape[1] - children
        parents = sd["parent_stage.fc.0.weight"].shape[1] - z
    except KeyError as e:
        raise ConvertError(f"MixNMatch generator weights incomplete: missing key {e.args[0]}") from None
    return Arch(z_dim=z, parents=parents, children=children, gf_dim=ngf8 // 8)
