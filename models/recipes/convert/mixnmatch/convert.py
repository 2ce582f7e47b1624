"""`python3 -m convert mixnmatch G.pth --config cub --out DIR`: the MixNMatch pipeline end to end.

Why the checks come first: as for GIRAFFE, nothing is written before the file, family, config, class
counts and keys are known to be right.
"""
import os

import torch

from ..bundle import atomic_bundle_dir, write_json
from ..checkpoint import check_keys, load_file
from ..errors import ConvertError
from ..onnx_export import export
from ..giraffe.card import sha256
from . import manifest as manifest_mod
from .encoder import ENCODER_OUTPUTS, MixNMatchEncoder
from .generator import INPUT_NAMES, OUTPUT_NAMES, MixNMatchGenerator
from .load import generator_state, infer_arch
from .presets import get_preset


def build_generator(checkpoint: str, config: str, custom_arch: bool = False):
    preset = get_preset(config)
    sd = generator_state(load_file(checkpoint))
    arch = infer_arch(sd)
    notes = []
    if arch != preset.arch:
        diff = ", ".join(f"{k} {getattr(arch, k)} (checkpoint) != {getattr(preset.arch, k)} (config)"
                         for k in ("z_dim", "parents", "children", "gf_dim") if getattr(arch, k) != getattr(preset.arch, k))
        if preset.verified and not custom_arch:
            raise ConvertError(f"the checkpoint does not fit config '{preset.name}': {diff}. Wrong dataset? "
                               "For a model trained with other sizes pass --custom-arch.")
        notes.append(f"class counts / widths taken from the checkpoint ({diff})")
    gen = MixNMatchGenerator(arch)
    check_keys(gen, sd, f"MixNMatch G weights for config '{preset.name}'")
    gen.load_state_dict(sd, strict=True)
    return gen.eval(), preset, arch, notes


def build_encoder(path: str, arch):
    """E.pth checked against the generator's code sizes (an encoder of another dataset is refused)."""
    from ..checkpoint import strip_prefix
    from ..detect import guess_family
    obj = load_file(path)
    if guess_family(obj) != "mixnmatch-E":
        raise ConvertError(f"--encoder {path} is not a MixNMatch encoder E.pth (it looks like: {guess_family(obj)})")
    sd = strip_prefix(obj)
    try:
        got = (sd["model_z.4.weight"].shape[0], sd["model_p.4.weight"].shape[0], sd["model_c.4.weight"].shape[0])
    except KeyError as e:
        raise ConvertError(f"encoder weights incomplete: missing key {e.args[0]}") from None
    if got != (arch.z_dim, arch.parents, arch.children):
        raise ConvertError(f"the encoder's codes (z {got[0]}, parents {got[1]}, children {got[2]}) do not match the "
                           f"generator's (z {arch.z_dim}, parents {arch.parents}, children {arch.children}): "
                           "G.pth and E.pth must come from the same model")
    enc = MixNMatchEncoder(arch)
    check_keys(enc, sd, "MixNMatch encoder E.pth")
    enc.load_state_dict(sd, strict=True)
    return enc.eval()


def encoder_spec(arch, size=128):
    dims = {"code:pose": arch.z_dim, "code:background-noise": arch.z_dim, "probs:background": arch.children,
            "probs:shape": arch.parents, "probs:texture": arch.children}
    return {"file": "encoder.onnx",
            "input": {"name": "image", "shape": ["batch", 3, size, size], "range": [-1, 1]},
            "outputs": [{"name": n, "shape": ["batch", dims[r]], "role": r} for n, r in ENCODER_OUTPUTS]}


def example_inputs(arch, batch=2):
    g = torch.Generator().manual_seed(0)
    onehot = lambda k: torch.nn.functional.one_hot(torch.arange(batch) % k, k).float()
    return dict(zip(INPUT_NAMES, [torch.randn(batch, arch.z_dim, generator=g), torch.randn(batch, arch.z_dim, generator=g),
                                  onehot(arch.children), onehot(arch.parents), onehot(arch.children)]))


def card(preset, arch, m, checkpoint, notes, n_params):
    lines = [f"# {m['name']}", "",
             "Converted from an upstream MixNMatch generator with `models/recipes/convert` (`python3 -m convert mixnmatch`).", "",
             "- Paper: Yuheng Li, Krishna Kumar Singh, Utkarsh Ojha, Yong Jae Lee, *MixNMatch: Multifactor "
             "Disentanglement and Encoding for Conditional Image Generation*, CVPR 2020 (arXiv:1911.11758). "
             "Code: https://github.com/Yuheng-Li/MixNMatch (no licence file).",
             f"- Checkpoint: `{os.path.basename(checkpoint)}` (sha256 `{sha256(checkpoint)[:16]}…`), the `G.pth` of "
             f"the authors' {preset.dataset} models.",
             f"- Config: `{preset.name}` ({preset.title}); z_dim {arch.z_dim}, shapes (parents) {arch.parents}, "
             f"textures / backgrounds (children) {arch.children}, GF_DIM {arch.gf_dim}; {n_params:,} parameters.",
             "- Codes: pose = z_code2, background variation = z_code1 (both N(0,1) noise), background / shape / "
             "texture = one-hot b / p / c codes (upstream derives p from c in training; here all three are free).",
             "- Outputs: final 128x128 image and child foreground in [-1,1], child mask in [0,1], background image.",
             "- Encoder (when converted with --encoder E.pth): encoder.onnx, image 128x128 in [-1,1] -> z (exposed as "
             "pose and background-noise), softmax b / p / c, used as upstream eval.py's code mode does: z from the pose "
             "image -> pose, z and b from the background image, p from the shape image, c from the texture image.",
             "- Export: ONNX opset 17, dynamic batch, code mode only (feature mode needs EX.pth, not converted); "
             "BatchNorm in eval mode; the unused 126x126 resize is not exported."]
    lines += [f"- Note: {n}" for n in notes]
    if not preset.verified:
        lines.append(f"- Note: the {preset.dataset} class counts are not stated in the MixNMatch repository; they were read "
                     "from the checkpoint.")
    return "\n".join(lines + ["", "Metrics: not measured by the converter (see the paper).", ""])


def run(args) -> str:
    torch.set_grad_enabled(False)
    gen, preset, arch, notes = build_generator(args.checkpoint, args.config, args.custom_arch)
    enc = build_encoder(args.encoder, arch) if args.encoder else None
    model_id = args.id or os.path.basename(os.path.abspath(args.out.rstrip("/"))).lower()
    m = manifest_mod.build(arch, model_id, args.name or f"{preset.title} (converted)",
                           f"Upstream MixNMatch generator converted with config {preset.name}.")
    if enc is not None:
        m = {**{k: v for k, v in m.items() if k not in ("samples", "licence")}, "encoder": encoder_spec(arch),
             "samples": m["samples"], "licence": m["licence"]}
    n_params = sum(p.numel() for p in gen.parameters())
    with atomic_bundle_dir(args.out, args.force) as tmp:
        export(gen, example_inputs(arch), OUTPUT_NAMES, os.path.join(tmp, "generator.onnx"))
        if enc is not None:
            export(enc, {"image": torch.zeros(2, 3, 128, 128)}, [n for n, _ in ENCODER_OUTPUTS],
                   os.path.join(tmp, "encoder.onnx"))
        write_json(os.path.join(tmp, "manifest.json"), m)
        with open(os.path.join(tmp, "README.md"), "w") as f:
            f.write(card(preset, arch, m, args.checkpoint, notes, n_params))
    return f"wrote {args.out}: mixnmatch {preset.name}, {n_params:,} parameters" + "".join(f"; {n}" for n in notes)
