"""GIRAFFE-HD datasets (GIRAFFEHD:train.py, the `args.dataset == ...` blocks) and the fields the converter
reads from a checkpoint's pickled `args`.

Why both: a GIRAFFE-HD checkpoint carries its own training arguments (`ckpt['args']`), so ranges and sizes
come from the file itself; the preset names the dataset the user expects and supplies the ranges when a
checkpoint's args lack them. The weights of the released models are gone (GIRAFFEHD#7): these are for
checkpoints users trained themselves.
"""
from ..errors import ConvertError

FACE = dict(scale_range_min=[0.21] * 3, scale_range_max=[0.21] * 3, translation_range_min=[0.0] * 3,
            translation_range_max=[0.0] * 3, rotation_range=[0.40278, 0.59722], range_v=[0.4167, 0.5],
            pos_share=False, fg_gen_mask=False)
COMMON = dict(range_u=[0.0, 0.0], fov=10, bg_translation_range_min=[-0.2, -0.2, 0.0],
              bg_translation_range_max=[0.2, 0.2, 0.0], bg_rotation_range=[0.0, 0.0], grf_use_mlp=True,
              use_viewdirs=False, grf_use_z_app=False, z_dim=256, z_dim_bg=256, feat_dim=256, res_vol=16,
              size=128, eval_inj_idx=4)

PRESETS = {
    "compcar": dict(COMMON, scale_range_min=[0.2, 0.16, 0.16], scale_range_max=[0.25, 0.2, 0.2],
                    translation_range_min=[-0.22, -0.12, -0.06], translation_range_max=[0.22, 0.12, 0.08],
                    rotation_range=[0.0, 1.0], range_v=[0.41667, 0.5], pos_share=True, fg_gen_mask=True),
    "ffhq": dict(COMMON, **FACE),
    "afhq": dict(COMMON, **FACE),
    "cats": dict(COMMON, **FACE),
    "celeba": dict(COMMON, **dict(FACE, rotation_range=[0.375, 0.625])),
}
TITLES = {"compcar": "CompCars", "ffhq": "FFHQ", "afhq": "AFHQ", "cats": "Cats", "celeba": "CelebA"}


def resolve(config: str, ckpt_args) -> dict:
    """The preset's values overridden by the checkpoint's own args; refuses a checkpoint of another dataset."""
    if config not in PRESETS:
        raise ConvertError(f"unknown GIRAFFE-HD config '{config}'; known: {', '.join(PRESETS)}")
    cfg = dict(PRESETS[config], dataset=config)
    args = vars(ckpt_args) if ckpt_args is not None and not isinstance(ckpt_args, dict) else (ckpt_args or {})
    ds = args.get("dataset")
    if ds is not None and ds != config:
        raise ConvertError(f"this checkpoint was trained on '{ds}', not '{config}'; use --config {ds}")
    for k in list(cfg):
        if k in args and args[k] is not None:
            cfg[k] = args[k]
    return cfg


def inject_index(cfg) -> int:
    """eval.py's default: 2 at 256, 4 at 512/1024; otherwise train.py's eval_inj_idx."""
    return {256: 2, 512: 4, 1024: 4}.get(int(cfg["size"]), int(cfg.get("eval_inj_idx", 4)))
