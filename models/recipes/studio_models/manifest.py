"""manifest.json writer, conforming to src/families/manifest.ts (schemaVersion 1).

Why generated, never hand-written: input names/shapes/roles must match the exported graph exactly (the
studio validates the manifest against the ONNX session), so they are derived from the same config.
Factor ids are the suffixes of the `code:<factor>` roles: shape -> z_shape, texture -> z_app,
background -> z_bg.
"""
import json


def rng(lo, hi, default):
    return {"min": float(lo), "max": float(hi), "default": float(default)}


DEFAULT_CAMERA = dict(elevationDeg=rng(10, 40, 25), azimuthDeg=rng(0, 360, 30), radius=rng(2.732, 2.732, 2.732),
                      fovDeg=rng(49.13, 49.13, 49.13))
DEFAULT_OBJECTS = dict(scale=rng(0.2, 0.4, 0.3), translation=dict(x=rng(-0.6, 0.6, 0), y=rng(-0.6, 0.6, 0),
                       z=rng(0, 0, 0)), rotationDeg=rng(0, 360, 20))


def build_manifest(cfg, model_id: str, name: str, description: str, *, camera=None, objects=None,
                   bg_rotation_deg=None, truncation=rng(0, 1.5, 0.65), samples=(), licence="MIT",
                   onnx_file="generator.onnx") -> dict:
    N, H = cfg.n_objects, cfg.img_size
    inputs = [
        {"name": "z_shape", "shape": ["batch", N, cfg.z_shape_dim], "role": "code:shape"},
        {"name": "z_app", "shape": ["batch", N, cfg.z_app_dim], "role": "code:texture"},
        {"name": "z_bg", "shape": ["batch", cfg.z_bg_dim], "role": "code:background"},
        {"name": "camera_world", "shape": ["batch", 4, 4], "role": "camera.world"},
        {"name": "camera_focal", "shape": ["batch", 1], "role": "camera.focal"},
        {"name": "obj_scale", "shape": ["batch", N, 3], "role": "objects.scale"},
        {"name": "obj_translation", "shape": ["batch", N, 3], "role": "objects.translation"},
        {"name": "obj_rotation", "shape": ["batch", N, 3, 3], "role": "objects.rotation"},
        {"name": "obj_presence", "shape": ["batch", N], "role": "objects.presence"},
    ]
    if cfg.use_bg_rotation:
        inputs.append({"name": "bg_rotation", "shape": ["batch", 3, 3], "role": "background.rotation"})
    outputs = [
        {"name": "image", "shape": ["batch", 3, H, H], "role": "image", "range": [0, 1]},
        {"name": "mask", "shape": ["batch", 1, H, H], "role": "mask", "range": [0, 1]},
    ]
    factors = [
        {"id": "shape", "label": "shape", "kind": "latent", "scope": "object", "dim": cfg.z_shape_dim,
         "truncation": truncation},
        {"id": "texture", "label": "texture", "kind": "latent", "scope": "object", "dim": cfg.z_app_dim,
         "truncation": truncation},
        {"id": "background", "label": "background", "kind": "latent", "scope": "global", "dim": cfg.z_bg_dim,
         "truncation": truncation},
    ]
    cam = dict(DEFAULT_CAMERA, **(camera or {}))
    obj = dict(DEFAULT_OBJECTS, **(objects or {}))
    m = {
        "schemaVersion": 1, "id": model_id, "name": name, "family": "giraffe-hd", "description": description,
        "resolution": [H, H],
        "generator": {"file": onnx_file, "inputs": inputs, "outputs": outputs},
        "factors": factors,
        "camera": {"convention": "giraffe", **cam, "depthRange": list(cfg.depth_range)},
        "objects": {"count": N, "optional": N > 1, **obj},
    }
    if cfg.use_bg_rotation:
        m["backgroundRotationDeg"] = bg_rotation_deg or rng(0, 360, 0)
    m["samples"] = list(samples)
    if licence:
        m["licence"] = licence
    return m


def write_manifest(path: str, manifest: dict) -> None:
    with open(path, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
