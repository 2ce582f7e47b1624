"""README.md model card for a converted GIRAFFE bundle: paper, checkpoint, what was converted and how.

Why: a bundle travels without its checkpoint; the card is where a user sees which file and config it came
from, that the EMA weights were used, and which upstream behaviours became knobs.
"""
import hashlib


def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def card(preset, manifest: dict, checkpoint_path: str, which: str, n_params: int, ratio, ratio_exact: bool) -> str:
    from os.path import basename
    a = preset.arch
    lines = [
        f"# {manifest['name']}",
        "",
        "Converted from an upstream GIRAFFE checkpoint with `models/recipes/convert` (`python3 -m convert giraffe`).",
        "",
        "- Paper: Michael Niemeyer and Andreas Geiger, *GIRAFFE: Representing Scenes as Compositional Generative "
        "Neural Feature Fields*, CVPR 2021 (arXiv:2011.12100). Code: https://github.com/autonomousvision/giraffe (MIT).",
        f"- Checkpoint: `{basename(checkpoint_path)}` (sha256 `{sha256(checkpoint_path)[:16]}…`)"
        + (f"; official download name for this config: `{preset.checkpoint}`" if preset.checkpoint else ""),
        f"- Config: `{preset.name}` ({preset.title}); weights used: `{which}`"
        + (" (the EMA generator upstream renders with)" if which == "generator_test" else ""),
        f"- Architecture: {a.img_size}x{a.img_size} output, z_dim {a.z_dim}, z_dim_bg {a.z_dim_bg}, object field "
        f"{a.obj_blocks}x{a.obj_hidden}, background field {a.bg_blocks}x{a.bg_hidden}, feature channels "
        f"{a.obj_rgb}, {preset.n_boxes} object(s), {preset.resolution_vol}^2 rays x {preset.n_ray_samples} samples; "
        f"{n_params:,} generator parameters.",
        f"- Camera: range_u {list(preset.range_u)}, range_v {list(preset.range_v)}, radius "
        f"{list(preset.range_radius)}, fov {preset.fov}, depth {list(preset.depth_range)}.",
        f"- Objects: scale {list(preset.scale_min)}..{list(preset.scale_max)} (uniform knob x per-axis ratio "
        f"{list(ratio)}{'' if ratio_exact else ', approximate: min and max ratios differ'}), translation "
        f"{list(preset.translation_min)}..{list(preset.translation_max)}, rotation {list(preset.rotation_range)} x 360deg"
        + (f", z fixed at {preset.z_level_plane}" if preset.z_level_plane is not None else "") + ".",
        f"- Sampling temperature (truncation default): {preset.sample_tmp}. Output: RGB in [0, 1].",
        "- Export: ONNX opset 17, dynamic batch; transmittance as exp(-cumsum) (upstream cumprod), box culling "
        "with where, camera / boxes / background rotation / object existence are inputs built by the studio.",
    ]
    lines += [f"- Note: {n}" for n in preset.notes]
    if preset.sample_object_existence:
        lines.append("- Object existence: upstream samples 2-5 present objects with fixed probabilities; here "
                     "`obj_presence` switches each object on or off.")
    lines += ["", "Metrics: not measured by the converter (upstream FIDs: see the GIRAFFE paper and README).", ""]
    return "\n".join(lines)
