"""README.md model card of the bundle, generated from the run (config, steps, time) and metrics.json.

Why generated: the numbers in the card must be the numbers the eval measured on the weights that were
exported; regenerating the card on every export/eval keeps them together.
"""
import functools
import json
import os
import platform

from scenes import config as sc

from .presets import PRESETS


def _fmt(x, nd=2):
    return "n/a" if x is None else f"{x:.{nd}f}"


def _machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{os.cpu_count()}-core {cpu} ({platform.machine()}), shared with other jobs, no GPU"


def _deferred(a: dict) -> bool:
    """Whether a run's preset is a deferred model (painters, G-buffer losses)."""
    return bool(PRESETS.get(a.get("preset", "hd128"), {}).get("deferred"))


def _giraffe_line(a: dict) -> str:
    """The train.giraffe command of one run, from its stored arguments."""
    run = a.get("run", "runs/main")
    line = f"python -m train.giraffe --run {run} --data data/v1"
    if a.get("preset", "hd128") != "hd128":
        line += f" --preset {a['preset']}"
    if a.get("init_from"):
        line += f" --init-from {a['init_from']}" + (f" --reinit {' '.join(a['reinit'])}" if a.get("reinit") else "")
    if a.get("painter_steps"):
        line += f" --painter-steps {a['painter_steps']}" + (" --painter-frozen-codes" if a.get("painter_frozen_codes") else "")
    line += f" --steps {a.get('steps')}" + (f" --stop-at {a['stop_at']}" if a.get("stop_at") else "") + f" --batch {a.get('batch')}"
    if not _deferred(a) and not a.get("init_from") and a.get("prog_steps"):
        line += f" --prog-steps {a['prog_steps']}"
    if a.get("init_from"):
        line += f" --lr {a.get('lr')} --lr-min {a.get('lr_min')} --warmup {a.get('warmup')} --w-box {a.get('w_box', 1.0)}"
    if a.get("perc_from", 1000) != 1000:
        line += f" --perc-from {a['perc_from']}"
    return line


def warm_start_chain(a: dict) -> list:
    """[(checkpoint path, its stored step / elapsed_s / train_args)] from this run's --init-from back to the
    first run (entries not on this machine end the chain)."""
    chain, init = [], a.get("init_from")
    while init and len(chain) < 8:
        prev = _stored_run(init)
        chain.append((init, prev))
        init = prev.get("train_args", {}).get("init_from")
    return chain


def recipe_lines(model_id, a):
    """The commands that reproduce the run, from its stored arguments (and those of the runs it warm-started
    from, first run first)."""
    lines = ["python -m scenes.build --out data/v1 --count 40000 --test-seen 1000 --test-unseen 1000 --res 128 --workers 2"]
    run = a.get("run", "runs/main")
    earlier = [prev.get("train_args") for _, prev in warm_start_chain(a)]
    runs = [x for x in reversed(earlier) if x] + [a]
    if any(_deferred(x) for x in runs):
        lines.append("python -m scenes.gbuffers --data data/v1 --workers 2")
    lines += [_giraffe_line(x) + ("   # --resume continues" if x is a else "") for x in runs]
    enc = _stored_run(os.path.join(run, "encoder.pt")).get("train_args", {})
    enc_run = enc.get("run", run)
    enc_line = f"python -m train.encoder --run {enc_run} --data data/v1"
    if enc.get("generator"):
        enc_line += f" --generator {enc['generator']}"
    if enc.get("init_from"):
        enc_line += f" --init-from {enc['init_from']}"
    if enc.get("steps"):
        enc_line += f" --steps {enc['steps']} --lr {enc.get('lr')}"
    lines.append(enc_line)
    if os.path.normpath(enc_run) != os.path.normpath(run):   # an encoder reads images only: it serves any run
        lines.append(f"cp {enc_run}/encoder.pt {run}/encoder.pt")
    lines.append(f"python -m train.eval   --run {run} --data data/v1 --out ../{model_id} --overwrite")
    lines.append(f"python -m train.export --run {run} --data data/v1 --out ../{model_id} --overwrite")
    return lines


@functools.lru_cache(maxsize=None)
def _stored_run(path):
    """step, elapsed_s and train_args of a checkpoint on this machine ({} if it is not here); read once."""
    if not os.path.exists(path):
        return {}
    import torch
    ck = torch.load(path, map_location="cpu")
    return {k: ck[k] for k in ("step", "elapsed_s", "train_args") if k in ck}


def write_card(out_dir, *, model_id, cfg, train_args, step, hours, history, n_params, onnx_bytes, enc_info=None,
               data_info=None, machine=None):
    metrics = None
    mpath = os.path.join(out_dir, "metrics.json")
    if os.path.exists(mpath):
        with open(mpath) as f:
            metrics = json.load(f)
    sweeps = sorted(f for f in os.listdir(out_dir) if f.startswith("sweep_") and f.endswith(".png"))
    samples = sorted(f for f in os.listdir(out_dir) if f.startswith("sample_") and f.endswith(".png"))
    L = []
    L.append(f"# {model_id}\n")
    L.append("A GIRAFFE-HD-style 3D-aware generator trained here, on CPU, on a synthetic scene dataset rendered by "
             "the recipe itself (`models/recipes/scenes`), so every knob can be checked against the true image.\n")
    L.append("- Inputs: per-object shape code `z_shape` and appearance code `z_app`, background code `z_bg`, "
             "camera (GIRAFFE `world_mat`, focal), per-object scale / translation / rotation (p_box = R (p - t) / s) "
             "and presence (2 object slots, the second optional). Output: 128x128 image and foreground mask.")
    L.append("- Class codes: `codes.json` lists the code vector of every trained class (7 shapes, 8 colours x 5 "
             "textures, 8 backgrounds). The factors stay latent: any vector works, these are the trained points. "
             "Random seeds give vectors far from every class code and produce plausible-looking but untrained "
             "appearances; class codes and blends between them are what the model knows.")
    L.append("- Objects rest on the ground: translation z = ground_z + scale = -0.3 + s (the manifest's z range is "
             "that line); other z values are extrapolation.\n")
    if samples:
        L.append(" ".join(f"![{s}]({s})" for s in samples) + "\n")
    L.append("## Data\n")
    d = data_info or {}
    L.append(f"`scenes` dataset {d.get('root', 'data/v1')}: {d.get('train', '?')} training images at "
             f"{cfg['img_size']}x{cfg['img_size']} (2x2 supersampled SDF ray tracing), test_seen / test_unseen "
             f"{d.get('test', '1000 / 1000')}. Shapes {', '.join(sc.SHAPES)}; colours {', '.join(sc.COLOURS)}; "
             f"textures {', '.join(sc.TEXTURES)}; backgrounds {', '.join(sc.BACKGROUNDS)}. Camera azimuth 0-360, "
             f"elevation 10-40 deg, radius 2.5-3.0, fov 40 deg; objects scale 0.24-0.40, x, y in [-0.5, 0.5], yaw "
             f"0-360; a 2nd object with p = 0.5. Held-out pairs (never in training): shape x texture, texture x "
             f"background, shape x background (see models/recipes/scenes/README.md); every test_unseen image holds one.\n")
    L.append("## Recipe\n")
    L.append("From `models/recipes/` with `/usr/bin/python3` (Debian python3-torch 1.13, CPU):\n")
    L.append("```sh\n" + "\n".join(recipe_lines(model_id, train_args)) + "\n```\n")
    L.append(f"Generator: {n_params:,} parameters, ONNX {onnx_bytes / 1e6:.2f} MB; feature grid "
             f"{cfg['feature_grid']}^2, {cfg['n_samples']} samples per ray inside each object box (rays that miss "
             f"a box skip its MLP), object MLP width {cfg['obj_hidden']}, background field on the ground plane "
             f"z = {cfg.get('bg_ground_z')} + sky, 2D renderer {cfg['render_channels']} channels to "
             f"{cfg['img_size']}^2. Loss: L1 (object pixels x{train_args.get('obj_weight')}) + "
             f"{train_args.get('w_grad')} image-gradient L1 + {train_args.get('w_mask')} mask BCE + "
             f"{train_args.get('w_perc')} random-feature perceptual L1; Adam, cosine lr "
             f"{train_args.get('lr')} -> {train_args.get('lr_min')}, batch {train_args.get('batch')}"
             + ("" if cfg.get("deferred") else f", first {train_args.get('prog_steps')} steps at half resolution")
             + "; EMA weights exported.\n")
    if cfg.get("deferred"):
        L.append("Deferred painters (`studio_models/deferred.py`): the 2D renderer gives the smooth layers at "
                 f"{cfg['img_size']}^2 (background base colour, foreground mask"
                 + ("" if cfg.get("analytic_light") else ", diffuse and specular light terms") + "); "
                 "each object's box point is volume-rendered on the ray grid"
                 + (f" (moved {cfg['box_entry_shift']} of a sample spacing toward the camera: the midpoint rule, "
                    "without which the points sat half a spacing behind the surface)" if cfg.get("box_entry_shift") else "")
                 + " and upsampled"
                 + (", then moved to the nearest point of each pixel's own ray" if cfg.get("box_on_ray") else "")
                 + (" and along it onto the bilinear blend of the neighbouring cells' tangent planes (each cell's "
                    "point and the normal painted there)" if cfg.get("box_on_plane") else "")
                 + ", and a "
                 f"{cfg['painter_hidden']}-wide multiplicative filter network ({cfg['painter_layers']} triangle-wave filters) paints the "
                 "texture's two-tone weight per pixel (albedo = first + (second - first) * w, the two colours linear "
                 "in `z_app`); "
                 + (f"the ground's pattern weight is read per pixel from {cfg.get('ground_atlas_maps')} learned "
                    f"{cfg['ground_atlas']}x{cfg['ground_atlas']} texture maps of the ground plane "
                    f"(`studio_models/ground_atlas.py`; [-{cfg.get('ground_atlas_extent')}, "
                    f"{cfg.get('ground_atlas_extent')}]^2, bilinear in the texels' logits) mixed linearly by "
                    "`z_bg`, times a gate on the pixel's footprint on the ground (the data's fade of patterns "
                    "smaller than three pixels)" if cfg.get("ground_atlas") else
                    "the ground's pattern weight is painted the same way from each pixel's ground hit "
                    f"({cfg['ground_hidden']} wide, {cfg.get('ground_layers', 3)} filters"
                    + (", whose frequencies and phases the background code shifts: each background paints with "
                       "filters of its own" if cfg.get("ground_coded_filters") else "")
                    + ")")
                 + (f". The light terms are analytic (`studio_models/lighting.py`): a {cfg.get('normal_hidden')}-wide "
                    f"filter network ({cfg.get('normal_layers')} filters) paints each object pixel's box-space normal "
                    "from its box point and `z_shape`, the object's rotation and scale turn it into the world, and a "
                    "learned directional light (hemispheric ambient, Lambert, Blinn-Phong) lights it, so the "
                    "highlight follows the camera and the shading follows the object's yaw"
                    if cfg.get("analytic_light") else "")
                 + ". Image = mask * (albedo * diffuse + specular) + (1 - mask) * ground "
                 "or sky. Extra losses against the renderer's G-buffers (`scenes.gbuffers`): light terms, box points "
                 "and opacity per object, and BCE on both painters' weights on the true G-buffers"
                 + (f" ({train_args['painter_steps']} painter-only steps first)" if train_args.get("painter_steps") else
                    " (the runs it warm-started from began with painter-only steps)") + ".\n")
    chain = warm_start_chain(train_args)
    if chain:
        parts = [f"`{path}` ({prev['step']:,} steps, {prev['elapsed_s'] / 3600:.2f} h)" if "step" in prev
                 else f"`{path}` (not on this machine)" for path, prev in chain]
        reinit = train_args.get("reinit")
        L.append("Warm start: every tensor of the same shape from " + ", itself warm-started from ".join(parts)
                 + (f"; `{', '.join(reinit)}` retrained from init" if reinit else "")
                 + ". The hours below are this run's only; the chain's total is "
                 f"{hours + sum(p.get('elapsed_s', 0) for _, p in chain) / 3600:.2f} h.\n")
    L.append(f"Training so far: {step} steps, {hours:.2f} h on {machine or _machine()}.\n")
    L.append(f"Config: `{json.dumps(cfg)}`\n")
    L.append("## Metrics\n")
    if metrics:
        L.append("Against the true render of the same factors (PSNR in dB; object = pixels weighted by the true "
                 "object coverage):\n")
        L.append("| split | images | PSNR | PSNR object | PSNR background | SSIM | SSIM object |\n|---|---|---|---|---|---|---|")
        for split in ("seen", "unseen"):
            m = metrics.get(split)
            if m:
                L.append(f"| {split} | {m.get('n')} | {_fmt(m.get('psnr'))} | {_fmt(m.get('psnr_object'))} | "
                         f"{_fmt(m.get('psnr_background'))} | {_fmt(m.get('ssim'), 4)} | {_fmt(m.get('ssim_object'), 4)} |")
        L.append("")
        enc = metrics.get("encoder")
        if enc:
            step = f" step {enc['step']}," if enc.get("step") else ""
            L.append(f"Encoder ({step} object classes matched to the nearer of the two predicted slots):\n".replace("( ", "("))
            L.append("| split | " + " | ".join(enc["accuracy"]) + " | azimuth error (median deg) |")
            L.append("|---" * (len(enc["accuracy"]) + 2) + "|")
            for split in ("seen", "unseen"):
                s = enc.get(split)
                if s:
                    L.append(f"| {split} | " + " | ".join(f"{100 * s['accuracy'][k]:.1f}%" for k in enc["accuracy"])
                             + f" | {_fmt(s.get('azimuth_error_deg'), 1)} |")
            L.append("")
        if metrics.get("weights"):
            L.append(f"Measured on: {metrics['weights']}.\n")
    else:
        L.append("Not measured yet: run `python -m train.eval` (writes metrics.json and the sweeps).\n")
    if history:
        h = history[-1]
        L.append(f"Last in-training check (32 + 32 images, res {h.get('res')}, step {h['step']}): seen "
                 f"{h['seen'][0]:.2f} / object {h['seen'][1]:.2f} dB, unseen {h['unseen'][0]:.2f} / object "
                 f"{h['unseen'][1]:.2f} dB.\n")
    if sweeps:
        L.append("## Knob sweeps (top: true render, bottom: model)\n")
        for s in sweeps:
            L.append(f"**{s[6:-4]}**\n\n![{s}]({s})\n")
    L.append("## Limits\n")
    L.append("- Trained only on this synthetic world: two objects at most, primitives on a ground plane, one light. "
             "Values outside the manifest ranges (camera below 10 deg or above 40 deg, objects off the ground, "
             "scales outside 0.24-0.40) are extrapolation.")
    L.append("- Shading comes from a light fixed in the world, so turning an object changes its shading as in the data.")
    L.append("- No shadows, no inter-reflections (the data has none).")
    if cfg.get("deferred") and cfg.get("ground_atlas"):
        e = cfg.get("ground_atlas_extent")
        L.append(f"- Ground patterns are learned maps of the square [-{e}, {e}]^2 of the ground plane (every point a "
                 "camera in the trained radius sees before the ground's far clamp): beyond it they repeat their "
                 "border, and a blend of two background codes blends their maps, not their patterns' shapes.")
    elif cfg.get("deferred") and cfg.get("ground_hidden", 32) < 32:
        shown = ("checkers, stripes and the night grid's lines show; the rings of dawn_rings and the waves of desert "
                 "are faint" if cfg.get("ground_coded_filters") else
                 "checkers, rings and waves show, the thin lines of night_grid and the stripes of sunset are mostly lost")
        L.append(f"- Ground patterns come from a {cfg['ground_hidden']}-wide, {cfg.get('ground_layers', 3)}-filter painter "
                 f"(sized for the studio's 33 ms frame): {shown} (see the background sweep).")
    elif cfg.get("deferred") and cfg.get("ground_coded_filters"):
        L.append("- Ground patterns: every pattern shows, but the night grid's thin lines come out softer and "
                 "dawn_rings' rings fainter than in the data (far ground of those two backgrounds ~28.5 dB, against "
                 "~42 dB and ~32 dB with the true pattern weights; see the background sweep).")
    if cfg.get("analytic_light"):
        L.append("- Normals are painted per shape code: a blend of two shape codes gets a normal field between "
                 "the two shapes', not the gradient of the blended density.")
    if enc_info:
        L.append(f"- Encoder: {enc_info}")
    L.append("\n## Licence\n\nMIT (weights, data and recipe all made here; no third-party weights or images).\n")
    with open(os.path.join(out_dir, "README.md"), "w") as f:
        f.write("\n".join(L))
