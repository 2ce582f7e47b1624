"""`python3 -m convert giraffe CHECKPOINT --config NAME --out DIR`: the GIRAFFE pipeline end to end.

Why in one place: the order matters for the "no half-written bundle" promise: everything that can fail on
the user's input (file, family, config, architecture, keys) is checked before the output folder is touched.
"""
import os

import torch

from ..bundle import atomic_bundle_dir, write_json
from ..checkpoint import check_keys, load_file
from ..errors import ConvertError
from ..onnx_export import export
from . import card as card_mod, manifest as manifest_mod
from .generator import GiraffeGenerator, OUTPUT_NAMES
from .load import arch_differences, generator_state, infer_arch, matching_presets
from .presets import get_preset, with_arch


def example_inputs(gen: GiraffeGenerator, preset, batch: int = 2) -> dict:
    """Deterministic inputs at the preset's default knobs (used for tracing only)."""
    g = torch.Generator().manual_seed(0)
    a, N = preset.arch, preset.n_boxes
    eye = torch.eye(4).repeat(batch, 1, 1)
    eye[:, 2, 3] = 2.732
    ex = {
        "z_shape": torch.randn(batch, N, a.z_dim, generator=g), "z_app": torch.randn(batch, N, a.z_dim, generator=g),
        "z_shape_bg": torch.randn(batch, a.z_dim_bg, generator=g), "z_app_bg": torch.randn(batch, a.z_dim_bg, generator=g),
        "camera_world": eye, "camera_focal": torch.full((batch, 1), 2.0),
        "obj_scale": torch.full((batch, N, 3), 0.3), "obj_translation": torch.zeros(batch, N, 3),
        "obj_rotation": torch.eye(3).repeat(batch, N, 1, 1), "obj_presence": torch.ones(batch, N),
    }
    if gen.use_bg_rotation:
        ex["bg_rotation"] = torch.eye(3).repeat(batch, 1, 1)
    return ex


def build_generator(checkpoint: str, config: str, custom_arch: bool = False):
    """Load and check everything; returns (generator, preset, which, ratio, exact). Touches no output."""
    preset = get_preset(config)
    obj = load_file(checkpoint)
    sd, which = generator_state(obj)
    arch = infer_arch(sd)
    diffs = arch_differences(arch, preset.arch)
    if diffs and not custom_arch:
        hint = matching_presets(arch)
        raise ConvertError(
            f"the checkpoint does not have the architecture of config '{preset.name}': {'; '.join(diffs)}. "
            + (f"Configs with this architecture: {', '.join(hint)}. " if hint else "")
            + "For a model trained with other widths, pass --custom-arch to keep this config's ranges.")
    preset = with_arch(preset, arch)
    ratio, exact = manifest_mod.scale_ratio(preset)
    gen = GiraffeGenerator(preset, ratio)
    check_keys(gen, sd, f"GIRAFFE {which} weights for config '{preset.name}'")
    gen.load_state_dict(sd, strict=True)
    return gen.eval(), preset, which, ratio, exact


def run(args) -> str:
    torch.set_grad_enabled(False)
    gen, preset, which, ratio, exact = build_generator(args.checkpoint, args.config, args.custom_arch)
    model_id = args.id or os.path.basename(os.path.abspath(args.out.rstrip("/"))).lower()
    name = args.name or f"{preset.title} (converted)"
    desc = f"Upstream GIRAFFE checkpoint converted with config {preset.name}."
    m = manifest_mod.build(preset, model_id, name, desc)
    n_params = sum(p.numel() for p in gen.parameters())
    with atomic_bundle_dir(args.out, args.force) as tmp:
        export(gen, example_inputs(gen, preset), OUTPUT_NAMES, os.path.join(tmp, "generator.onnx"))
        write_json(os.path.join(tmp, "manifest.json"), m)
        with open(os.path.join(tmp, "README.md"), "w") as f:
            f.write(card_mod.card(preset, m, args.checkpoint, which, n_params, ratio, exact))
    return f"wrote {args.out}: {preset.name}, {preset.arch.img_size}^2, {n_params:,} parameters ({which})"
