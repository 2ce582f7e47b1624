#!/usr/bin/python3
"""Regenerate the fixture bundles (random weights, the real graph) and their parity references.

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/recipes/make_fixtures.py      (from the repo root)

Writes, deterministically (fixed seeds, no training):
  models/fixture-giraffe-tiny/  {manifest.json, generator.onnx, README.md, sample.png}   1 object
  models/fixture-giraffe-duo/   {...}                                                   2 objects + presence,
                                                                                        bg rotation, separate
                                                                                        fg/bg renderers
  tests/fixtures/<id>.reference.json   fixed batch-1 input sets with the exact float inputs, the physical
                                       knob values they were built from, and the PyTorch outputs.
Check them with:  node models/recipes/tools/check_parity.mjs
"""
import base64
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
import torch  # noqa: E402

from studio_models import GeneratorConfig, Generator, export_onnx, build_manifest, write_manifest  # noqa: E402
from studio_models.camera import camera_world_matrix, z_rotation, focal_from_fov  # noqa: E402
from studio_models.manifest import rng  # noqa: E402
from studio_models.pngio import write_png  # noqa: E402

FORMAT = ("studio-reference-v1: one JSON object; cases[i].inputs[name] = {dims, data} with data a flat row-major "
          "number[] of exact float32 values (shortest decimal that round-trips through float32: use "
          "Float32Array.from(data)); cases[i].outputs[name] = {dims, dtype: 'float32', encoding: 'base64-le', "
          "data} = the PyTorch output as little-endian Float32 bytes, base64. cases[i].params are the physical "
          "knob values the inputs were built from (GIRAFFE convention, see models/recipes/studio_models/"
          "camera.py); codes are torch.randn with the given seed, not the studio's seeded RNG. "
          "Pass criterion: max |onnx - reference| <= tolerance for every output.")

CONFIGS = {
    "fixture-giraffe-tiny": GeneratorConfig(
        z_shape_dim=16, z_app_dim=16, z_bg_dim=16, n_objects=1, use_bg_rotation=False, feature_grid=16,
        n_samples=8, obj_hidden=32, obj_layers=2, obj_n_freq=5, feat_dim=16, bg_hidden=16, bg_layers=1,
        bg_n_freq=4, img_size=64, render_channels=32, render_min_channels=8, seed=1),
    "fixture-giraffe-duo": GeneratorConfig(
        z_shape_dim=16, z_app_dim=16, z_bg_dim=16, n_objects=2, use_bg_rotation=True, feature_grid=16,
        n_samples=8, obj_hidden=32, obj_layers=3, obj_skip=1, obj_n_freq=5, feat_dim=16, bg_hidden=16,
        bg_layers=1, bg_n_freq=4, img_size=64, render_channels=32, render_min_channels=8,
        separate_bg_renderer=True, bg_render_channels=16, seed=2),
}

# Physical knob values per case. scale is per-axis (the studio's knob is uniform; fixtures also test anisotropy).
CASES = {
    "fixture-giraffe-tiny": [
        dict(name="default", description="trained-range defaults, object at the origin",
             camera=dict(azimuthDeg=30, elevationDeg=25, radius=2.732, fovDeg=49.13),
             objects=[dict(translation=[0, 0, 0], scale=[0.3, 0.3, 0.3], rotationDeg=0, present=True)],
             code_seed=10),
        dict(name="moved-object", description="object translated, rotated 50deg, anisotropic scale; other camera",
             camera=dict(azimuthDeg=135, elevationDeg=35, radius=3.0, fovDeg=40),
             objects=[dict(translation=[0.25, -0.2, 0.1], scale=[0.25, 0.3, 0.2], rotationDeg=50, present=True)],
             code_seed=11),
        dict(name="low-camera", description="camera 5deg above the ground, behind (azimuth -100), wide fov",
             camera=dict(azimuthDeg=-100, elevationDeg=5, radius=2.5, fovDeg=60),
             objects=[dict(translation=[-0.1, 0.15, 0], scale=[0.35, 0.35, 0.35], rotationDeg=-30, present=True)],
             code_seed=12),
    ],
    "fixture-giraffe-duo": [
        dict(name="two-objects", description="both objects present, side by side",
             camera=dict(azimuthDeg=30, elevationDeg=25, radius=2.732, fovDeg=49.13), backgroundRotationDeg=0,
             objects=[dict(translation=[-0.35, 0.1, 0], scale=[0.25, 0.25, 0.25], rotationDeg=15, present=True),
                      dict(translation=[0.35, -0.1, 0], scale=[0.2, 0.2, 0.2], rotationDeg=-40, present=True)],
             code_seed=20),
        dict(name="second-absent", description="second object switched off (presence 0), background rotated 90deg",
             camera=dict(azimuthDeg=30, elevationDeg=25, radius=2.732, fovDeg=49.13), backgroundRotationDeg=90,
             objects=[dict(translation=[-0.35, 0.1, 0], scale=[0.25, 0.25, 0.25], rotationDeg=15, present=True),
                      dict(translation=[0.35, -0.1, 0], scale=[0.2, 0.2, 0.2], rotationDeg=-40, present=False)],
             code_seed=20),
        dict(name="occlusion", description="objects one behind the other as seen from azimuth 200, bg rotated 45",
             camera=dict(azimuthDeg=200, elevationDeg=15, radius=3.2, fovDeg=45), backgroundRotationDeg=45,
             objects=[dict(translation=[-0.3, 0.0, 0.05], scale=[0.22, 0.3, 0.22], rotationDeg=70, present=True),
                      dict(translation=[0.3, 0.05, 0], scale=[0.28, 0.28, 0.28], rotationDeg=200, present=True)],
             code_seed=21),
    ],
}


def case_inputs(cfg, case):
    g = torch.Generator().manual_seed(case["code_seed"])
    N = cfg.n_objects
    cam = case["camera"]
    objs = case["objects"]
    inp = dict(
        z_shape=torch.randn(1, N, cfg.z_shape_dim, generator=g),
        z_app=torch.randn(1, N, cfg.z_app_dim, generator=g),
        z_bg=torch.randn(1, cfg.z_bg_dim, generator=g),
        camera_world=camera_world_matrix(cam["azimuthDeg"], cam["elevationDeg"], cam["radius"])[None],
        camera_focal=torch.tensor([[focal_from_fov(cam["fovDeg"])]]),
        obj_scale=torch.tensor([[o["scale"] for o in objs]], dtype=torch.float32),
        obj_translation=torch.tensor([[o["translation"] for o in objs]], dtype=torch.float32),
        obj_rotation=torch.stack([z_rotation(o["rotationDeg"]) for o in objs])[None],
        obj_presence=torch.tensor([[1.0 if o["present"] else 0.0 for o in objs]]),
    )
    if cfg.use_bg_rotation:
        inp["bg_rotation"] = z_rotation(case.get("backgroundRotationDeg", 0))[None]
    return inp


def f32_list(t):
    return [float(str(v)) for v in t.detach().numpy().astype(np.float32).reshape(-1)]


def b64(t):
    return base64.b64encode(t.detach().numpy().astype("<f4").tobytes()).decode("ascii")


def make(model_id):
    cfg = CONFIGS[model_id]
    torch.manual_seed(cfg.seed)
    gen = Generator(cfg).eval()
    out_dir = os.path.join(ROOT, "models", model_id)
    os.makedirs(out_dir, exist_ok=True)
    onnx_path = os.path.join(out_dir, "generator.onnx")
    export_onnx(gen, onnx_path)
    n_params = sum(p.numel() for p in gen.parameters())

    cases = []
    for i, case in enumerate(CASES[model_id]):
        inp = case_inputs(cfg, case)
        # round-trip the inputs through their JSON text so the reference is computed from exactly those floats
        inp = {k: torch.tensor(f32_list(v), dtype=torch.float32).reshape(v.shape) for k, v in inp.items()}
        with torch.no_grad():
            image, mask = gen(**{k: inp[k] for k in gen.input_names})
        if i == 0:
            write_png(os.path.join(out_dir, "sample.png"), image[0])
        params = {k: case[k] for k in ("camera", "objects", "backgroundRotationDeg") if k in case}
        cases.append(dict(
            name=case["name"], description=case["description"], params=params,
            codes=dict(generator="torch.randn(torch.Generator().manual_seed(seed)) in order z_shape, z_app, z_bg",
                       seed=case["code_seed"]),
            inputs={k: dict(dims=list(inp[k].shape), data=f32_list(inp[k])) for k in gen.input_names},
            outputs={k: dict(dims=list(v.shape), dtype="float32", encoding="base64-le", data=b64(v))
                     for k, v in (("image", image), ("mask", mask))},
        ))
    ref = dict(format=FORMAT, model=model_id, onnx=f"models/{model_id}/generator.onnx", tolerance=1e-4,
               generatedBy="models/recipes/make_fixtures.py", torch=torch.__version__, config=cfg.to_dict(),
               cases=cases)
    ref_path = os.path.join(ROOT, "tests", "fixtures", f"{model_id}.reference.json")
    os.makedirs(os.path.dirname(ref_path), exist_ok=True)
    with open(ref_path, "w") as f:
        json.dump(ref, f, separators=(",", ":"))
        f.write("\n")

    title = "GIRAFFE-HD-style fixture, " + ("1 object" if cfg.n_objects == 1 else f"{cfg.n_objects} objects")
    manifest = build_manifest(
        cfg, model_id, title,
        "Random weights, for tests only: the real generator graph (models/recipes/studio_models) at a tiny size.",
        objects=dict(scale=rng(0.2, 0.35, 0.3)), samples=["sample.png"], licence="MIT")
    write_manifest(os.path.join(out_dir, "manifest.json"), manifest)
    with open(os.path.join(out_dir, "README.md"), "w") as f:
        f.write(f"""# {model_id}

**Random weights, for tests.** This bundle is the real studio generator graph
(`models/recipes/studio_models`, family `giraffe-hd`) at a tiny size with untrained, seeded weights. Its
images are colourful noise around a blob; they only prove that the pipeline (manifest, adapter, engine,
onnxruntime-web) computes exactly what PyTorch computes.

Regenerate (deterministic, ~10 s on CPU), from the repository root:

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/recipes/make_fixtures.py
    node models/recipes/tools/check_parity.mjs

- Parity reference: `tests/fixtures/{model_id}.reference.json` (PyTorch outputs for fixed inputs; tolerance 1e-4).
- Parameters: {n_params:,}; output {cfg.img_size}x{cfg.img_size}; {cfg.n_objects} object(s); feature grid
  {cfg.feature_grid}^2, {cfg.n_samples} samples per ray inside each object box;
  background rotation input: {'yes' if cfg.use_bg_rotation else 'no'};
  separate fg/bg renderers: {'yes' if cfg.separate_bg_renderer else 'no'}.
- Config: `{json.dumps(cfg.to_dict())}`
- Data: none. Metrics: none (untrained). Licence: MIT.
""")
    size = os.path.getsize(onnx_path)
    print(f"{model_id}: {n_params} params, onnx {size} bytes, reference {os.path.getsize(ref_path)} bytes")


if __name__ == "__main__":
    torch.set_num_threads(2)
    for mid in (sys.argv[1:] or list(CONFIGS)):
        make(mid)
