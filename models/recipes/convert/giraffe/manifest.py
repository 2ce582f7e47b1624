"""The studio manifest for a converted GIRAFFE generator (src/families/manifest.ts, schemaVersion 1).

Why these choices (they are the contract with the TypeScript adapter, src/families/giraffe/feeds.ts):
- Four codes, four factors: shape / texture are object-scoped [B,N,z]; the background's two codes get the
  ids `background-shape` and `background` (each factor is fed by exactly one input).
- Camera knobs in degrees from upstream's u/v in [0,1]: azimuth = 360 u, elevation = 90 - acos(1 - 2v);
  defaults are the middle of u/v (upstream Renderer's get_camera(val=0.5)).
- Objects: upstream scales are per axis (cars: [0.2,0.16,0.16]..[0.25,0.2,0.2]) but with fix_scale_ratio the
  ratio is constant; the studio feeds a uniform scale, the graph multiplies by the baked ratio
  (scale_ratio), and the knob range is the x-axis scale. object_on_plane fixes z to z_level_plane.
- Truncation default = upstream sample_tmp 0.65, range 0..1 (training sampled at 1).
"""
import math

from ..bundle import rng


def elevation_deg(v: float) -> float:
    return 90.0 - math.degrees(math.acos(1.0 - 2.0 * v))


def mid(a, b):
    return (a + b) / 2.0


def scale_ratio(preset):
    """Per-axis ratio s / s_x that upstream keeps fixed (fix_scale_ratio); warn-worthy when min and max differ."""
    lo = [x / preset.scale_min[0] for x in preset.scale_min]
    hi = [x / preset.scale_max[0] for x in preset.scale_max]
    exact = all(abs(a - b) < 1e-6 for a, b in zip(lo, hi))
    return tuple(round(mid(a, b), 6) for a, b in zip(lo, hi)), exact


def build(preset, model_id: str, name: str, description: str) -> dict:
    a, N, zb = preset.arch, preset.n_boxes, preset.arch.z_dim_bg
    inputs = [
        ("z_shape", [N, a.z_dim], "code:shape"), ("z_app", [N, a.z_dim], "code:texture"),
        ("z_shape_bg", [zb], "code:background-shape"), ("z_app_bg", [zb], "code:background"),
        ("camera_world", [4, 4], "camera.world"), ("camera_focal", [1], "camera.focal"),
        ("obj_scale", [N, 3], "objects.scale"), ("obj_translation", [N, 3], "objects.translation"),
        ("obj_rotation", [N, 3, 3], "objects.rotation"), ("obj_presence", [N], "objects.presence"),
    ]
    rot_bg = tuple(preset.bg_rotation_range) != (0.0, 0.0)
    if rot_bg:
        inputs.append(("bg_rotation", [3, 3], "background.rotation"))
    trunc = rng(0.0, 1.0, preset.sample_tmp)
    latent = lambda fid, label, scope, dim: {"id": fid, "label": label, "kind": "latent", "scope": scope,
                                             "dim": dim, "truncation": trunc}
    u, v, r = preset.range_u, preset.range_v, preset.range_radius
    tmin, tmax = preset.translation_min, preset.translation_max
    axis = lambda i: rng(tmin[i], tmax[i], mid(tmin[i], tmax[i]))
    tz = (rng(preset.z_level_plane, preset.z_level_plane, preset.z_level_plane)
          if preset.z_level_plane is not None else axis(2))
    rr = preset.rotation_range
    m = {
        "schemaVersion": 1, "id": model_id, "name": name, "family": "giraffe", "description": description,
        "resolution": [a.img_size, a.img_size],
        "generator": {
            "file": "generator.onnx",
            "inputs": [{"name": n, "shape": ["batch", *s], "role": role} for n, s, role in inputs],
            "outputs": [{"name": "image", "shape": ["batch", 3, a.img_size, a.img_size], "role": "image",
                         "range": [0, 1]}],
        },
        "factors": [latent("shape", "shape", "object", a.z_dim), latent("texture", "appearance", "object", a.z_dim),
                    latent("background-shape", "background shape", "global", zb),
                    latent("background", "background", "global", zb)],
        "camera": {
            "convention": "giraffe",
            "elevationDeg": rng(elevation_deg(v[1]), elevation_deg(v[0]), elevation_deg(mid(*v))),
            "azimuthDeg": rng(360 * u[0], 360 * u[1], 360 * mid(*u)),
            "radius": rng(r[0], r[1], mid(*r)),
            "fovDeg": rng(preset.fov, preset.fov, preset.fov),
            "depthRange": [float(x) for x in preset.depth_range],
        },
        "objects": {
            "count": N, "optional": bool(N > 1 and preset.sample_object_existence),
            "scale": rng(preset.scale_min[0], preset.scale_max[0], mid(preset.scale_min[0], preset.scale_max[0])),
            "translation": {"x": axis(0), "y": axis(1), "z": tz},
            "rotationDeg": rng(360 * rr[0], 360 * rr[1], 360 * mid(*rr)),
        },
    }
    if rot_bg:
        b = preset.bg_rotation_range
        m["backgroundRotationDeg"] = rng(360 * b[0], 360 * b[1], 360 * b[0])
    m["samples"] = []
    m["licence"] = "MIT (code: autonomousvision/giraffe); weights: see the checkpoint's source"
    return m
