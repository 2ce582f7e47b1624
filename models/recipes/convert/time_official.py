"""Export an official-size GIRAFFE architecture with random weights and time it (item 4 of issue 7).

Why random weights: the official checkpoints cannot be downloaded here; speed depends only on the
architecture. Writes OUT/generator.onnx + OUT/inputs.json (for models/recipes/tools/time_onnx.mjs, WASM)
and prints the PyTorch CPU time of the same module (1 thread) as the native reference point: that is
torch's CPU kernels, not onnxruntime-native.
    cd models/recipes && /usr/bin/python3 -m convert.time_official cars256 /tmp/giraffe-cars256
    node ../../models/recipes/tools/time_onnx.mjs /tmp/giraffe-cars256/generator.onnx /tmp/giraffe-cars256/inputs.json 10
"""
import json
import os
import statistics
import sys
import time

import torch

from .giraffe.convert import example_inputs
from .giraffe.generator import GiraffeGenerator, OUTPUT_NAMES
from .giraffe.manifest import scale_ratio
from .giraffe.presets import get_preset
from .onnx_export import export


def default_inputs(gen, preset, m):
    """Batch-1 inputs at the manifest's default knobs (camera look-at as upstream, uniform scale)."""
    import math
    ex = example_inputs(gen, preset, batch=1)
    cam = m["camera"]
    el, az, r = (math.radians(cam["elevationDeg"]["default"]), math.radians(cam["azimuthDeg"]["default"]),
                 cam["radius"]["default"])
    eye = torch.tensor([math.cos(el) * math.cos(az), math.cos(el) * math.sin(az), math.sin(el)]) * r
    z = eye / eye.norm()
    x = torch.linalg.cross(torch.tensor([0.0, 0.0, 1.0]), z)
    x = x / x.norm()
    world = torch.eye(4)
    world[:3, 0], world[:3, 1], world[:3, 2], world[:3, 3] = x, torch.linalg.cross(z, x), z, eye
    ex["camera_world"] = world[None]
    ex["camera_focal"] = torch.tensor([[1.0 / math.tan(math.radians(cam["fovDeg"]["default"]) / 2)]])
    ex["obj_scale"] = torch.full_like(ex["obj_scale"], m["objects"]["scale"]["default"])
    return ex


def main(config: str, out: str, runs: int = 5) -> None:
    torch.set_num_threads(1)
    torch.manual_seed(0)
    preset = get_preset(config)
    gen = GiraffeGenerator(preset, scale_ratio(preset)[0]).eval()
    os.makedirs(out, exist_ok=True)
    from .giraffe.manifest import build
    ex = default_inputs(gen, preset, build(preset, "timing", "timing", ""))
    export(gen, example_inputs(gen, preset), OUTPUT_NAMES, os.path.join(out, "generator.onnx"))
    with open(os.path.join(out, "inputs.json"), "w") as f:
        json.dump({k: {"dims": list(v.shape), "data": v.reshape(-1).tolist()} for k, v in ex.items()}, f)
    times = []
    with torch.no_grad():
        gen(*ex.values())
        for _ in range(runs):
            t = time.perf_counter()
            gen(*ex.values())
            times.append((time.perf_counter() - t) * 1000)
    n = sum(p.numel() for p in gen.parameters())
    print(json.dumps({"config": config, "params": n, "torchCpu1ThreadMedianMs": round(statistics.median(times), 1),
                      "torchCpuMinMs": round(min(times), 1)}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5)
