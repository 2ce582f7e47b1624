#!/usr/bin/python3
"""Speed probe for the built-in size: export untrained 128x128 configs and time them in onnxruntime-web.

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 models/recipes/tools/speed_probe.py [name ...]

For each config: export to /tmp/studio_speed_probe/<name>.onnx with a realistic scene (2 objects of scale
0.25-0.3 near the origin, default camera: culling keeps ~10-20% of rays), then run time_onnx.mjs (WASM,
1 thread, 5 warm-up runs, median of 30). Chromium WASM is about equal to or slower than this; the target
is <= 33 ms p50 in Chromium. Prints a markdown table.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.dirname(HERE))

import torch  # noqa: E402
from studio_models import GeneratorConfig, Generator, export_onnx  # noqa: E402

BASE = dict(z_shape_dim=32, z_app_dim=32, z_bg_dim=32, n_objects=2, use_bg_rotation=True, img_size=128,
            obj_layers=3, obj_n_freq=6, bg_hidden=32, bg_layers=2, bg_n_freq=6, render_min_channels=16)
CONFIGS = {
    "g16-s12-w64-f32-r64": dict(feature_grid=16, n_samples=12, obj_hidden=64, feat_dim=32, render_channels=64),
    "g16-s16-w96-f64-r96": dict(feature_grid=16, n_samples=16, obj_hidden=96, feat_dim=64, render_channels=96),
    "g32-s12-w64-f32-r64": dict(feature_grid=32, n_samples=12, obj_hidden=64, feat_dim=32, render_channels=64),
    "g16-s12-w96-f32-r64": dict(feature_grid=16, n_samples=12, obj_hidden=96, feat_dim=32, render_channels=64),
    "g32-s12-w64-f32-r32": dict(feature_grid=32, n_samples=12, obj_hidden=64, feat_dim=32, render_channels=32),
    "g32-s12-w64-f32-r64-sepbg": dict(feature_grid=32, n_samples=12, obj_hidden=64, feat_dim=32,
                                      render_channels=64, separate_bg_renderer=True, bg_render_channels=32),
    "g32-s12-w64-nocull": dict(feature_grid=32, n_samples=12, obj_hidden=64, feat_dim=32, render_channels=64,
                               cull_rays=False),
}


def mmacs(cfg, ex):
    """Analytic multiply-accumulates (millions) of one frame for these inputs: object MLP on the rays that
    hit each box (what culling evaluates), background MLP, composition, 2D renderer convs. A load-independent
    proxy for the timing (this 2-core machine is shared and its wall times swing 2-10x)."""
    from studio_models.camera import rays
    from studio_models.compose import to_box, box_interval
    from studio_models.camera import pixel_grid
    G, W, C, n, N = cfg.feature_grid, cfg.obj_hidden, cfg.feat_dim, cfg.n_samples, cfg.n_objects
    o, d = rays(ex["camera_world"], ex["camera_focal"], pixel_grid(G, cfg.img_size))
    hits = 0.0
    for k in range(N):
        ob, db = to_box(o, d, ex["obj_scale"][:, k], ex["obj_translation"][:, k], ex["obj_rotation"][:, k])
        hits += box_interval(ob, db, *cfg.depth_range)[2].sum().item()
    pe = 3 * (1 + 2 * cfg.obj_n_freq)
    per_sample = pe * W + cfg.obj_layers * W * W + W + W * W + W * C + (pe * W if cfg.obj_skip >= 0 else 0)
    mlp = hits * n * per_sample
    bg = G * G * (3 * (1 + 2 * cfg.bg_n_freq) * cfg.bg_hidden + cfg.bg_layers * cfg.bg_hidden ** 2 + cfg.bg_hidden * C)
    comp = G * G * (N * n) ** 2 if N > 1 else 0

    def render(in_ch, ch0, out_ch):
        tot, ch, res = G * G * 9 * in_ch * ch0 + G * G * 9 * ch0 * out_ch, ch0, G
        for _ in range(cfg.n_upsample):
            nxt, res = max(ch // 2, cfg.render_min_channels), res * 2
            tot += res * res * 9 * (ch * nxt + nxt * out_ch)
            ch = nxt
        return tot
    conv = render(C + cfg.separate_bg_renderer, cfg.render_channels, 4)
    if cfg.separate_bg_renderer:
        conv += render(C, cfg.bg_render_channels, 3)
    return dict(hit_rays=int(hits), mlp=mlp / 1e6, bg=bg / 1e6, comp=comp / 1e6, conv=conv / 1e6,
                total=(mlp + bg + comp + conv) / 1e6)


RUNS = os.environ.get("PROBE_RUNS", "60")


def main(names):
    torch.set_num_threads(2)
    out = "/tmp/studio_speed_probe"
    os.makedirs(out, exist_ok=True)
    rows = []
    for name in names:
        cfg = GeneratorConfig(**BASE, **CONFIGS[name])
        gen = Generator(cfg).eval()
        path = os.path.join(out, name + ".onnx")
        export_onnx(gen, path)
        ex = gen.example_inputs(batch=1)
        ex["obj_scale"][:, 1] = 0.25
        with open(path + ".inputs.json", "w") as f:
            json.dump({k: dict(dims=list(ex[k].shape), data=ex[k].reshape(-1).tolist()) for k in gen.input_names}, f)
        res = subprocess.run(["node", os.path.join(HERE, "time_onnx.mjs"), path, path + ".inputs.json", RUNS],
                             cwd=ROOT, capture_output=True, text=True, check=True)
        r = json.loads(res.stdout.strip().splitlines()[-1])
        n_params = sum(p.numel() for p in gen.parameters())
        rows.append((name, n_params, os.path.getsize(path), r, mmacs(cfg, ex)))
        print(f"{name}: {n_params} params, {r}", flush=True)
    print("\n| config | params | MMAC (mlp/conv) | min ms | p25 ms | median ms |\n|---|---|---|---|---|---|")
    for name, n, size, r, m in rows:
        print(f"| {name} | {n:,} | {m['total']:.0f} ({m['mlp']:.0f}/{m['conv']:.0f}) | {r['minMs']} | {r['p25Ms']} "
              f"| {r['medianMs']} |")


if __name__ == "__main__":
    main(sys.argv[1:] or list(CONFIGS))
