"""The bundle models/<id>/: manifest.json (studio schema), codes.json (class codes), samples, model card.

Class codes: shape / texture / background stay *latent* factors (seeds, blends and encoder codes all work),
and each lists its trained classes as named `anchors` in the manifest ("cube", "red checker", "tiles"), which
the studio offers by name, randomizes among and names in the mixer: a random seed lands between classes.
codes.json keeps the raw tables (colour and texture apart) for tools.

Ranges come from the dataset's config (scenes.config.as_dict(), data/<v>/ranges.json), never retyped.
Objects rest on the ground: translation z = ground_z + scale, so the z range is [ground+smin, ground+smax].
"""
import json
import math
import os

from studio_models import build_manifest, write_manifest
from studio_models.manifest import rng

from scenes import config as sc
from .encoder_model import ExportEncoder


def anchors_for(codes) -> dict:
    """{factor id: [{name, vector}]}: every trained class of the latent factors, as manifest anchors."""
    return {fid: [{"name": a["name"].replace("_", " "), "vector": a["vector"]} for a in items]
            for fid, items in codes_json(codes)["factors"].items()}


def manifest_for(cfg, model_id, ranges, *, samples, description, encoder_img=None, truncation=(0.0, 1.5, 1.0),
                 codes=None):
    r = ranges["ranges"]
    gz = ranges["convention"]["ground_z"]
    el, az, rad, fov = r["elevation_deg"], r["azimuth_deg"], r["radius"], r["fov_deg"]
    s, txy, yaw = r["scale"], r["translation_xy"], r["yaw_deg"]
    s_def = round((s[0] + s[1]) / 2, 6)
    camera = dict(elevationDeg=rng(el[0], el[1], 25.0), azimuthDeg=rng(az[0], az[1], 30.0),
                  radius=rng(rad[0], rad[1], ranges.get("default_radius", (rad[0] + rad[1]) / 2)),
                  fovDeg=rng(fov[0], fov[1], fov[0]))
    objects = dict(scale=rng(s[0], s[1], s_def),
                   translation=dict(x=rng(txy[0], txy[1], 0.0), y=rng(txy[0], txy[1], 0.0),
                                    z=rng(round(gz + s[0], 6), round(gz + s[1], 6), round(gz + s_def, 6))),
                   rotationDeg=rng(yaw[0], yaw[1], 20.0))
    m = build_manifest(cfg, model_id, "Scenes, GIRAFFE-HD-style (128x128, trained here)", description,
                       camera=camera, objects=objects, truncation=rng(*truncation), samples=samples, licence="MIT")
    if codes is not None:
        anchors = anchors_for(codes)
        for f in m["factors"]:
            if f["id"] in anchors:
                f["anchors"] = anchors[f["id"]]
    if encoder_img is not None:
        n, d = cfg.n_objects, cfg.z_shape_dim
        roles = {"z_shape": ("code:shape", [n, d]), "z_app": ("code:texture", [n, cfg.z_app_dim]),
                 "z_bg": ("code:background", [cfg.z_bg_dim]),
                 "shape_logits": ("classes:shape", [n, len(sc.SHAPES)]),
                 "colour_logits": ("classes:colour", [n, len(sc.COLOURS)]),
                 "texture_logits": ("classes:texture", [n, len(sc.TEXTURES)]),
                 "present_prob": ("objects.presence", [n]),
                 "background_logits": ("classes:background", [len(sc.BACKGROUNDS)]),
                 "azimuth_cos_sin": ("camera.azimuthCosSin", [2]), "elevation_deg": ("camera.elevationDeg", [1]),
                 "radius": ("camera.radius", [1]), "obj_translation": ("objects.translation", [n, 3]),
                 "obj_scale": ("objects.scale", [n, 1]), "yaw_cos_sin": ("objects.rotationCosSin", [n, 2])}
        m["encoder"] = {
            "file": "encoder.onnx",
            "input": {"name": "image", "shape": ["batch", 3, encoder_img, encoder_img], "range": [0, 1]},
            "outputs": [{"name": k, "shape": ["batch", *roles[k][1]], "role": roles[k][0]}
                        for k in ExportEncoder.OUTPUTS],
        }
        # the encoder block sits before "samples" in the schema's order; keep key order readable
        m = {k: m[k] for k in [k for k in m if k not in ("samples", "licence")] + ["samples", "licence"] if k in m}
    return m


def codes_json(codes) -> dict:
    """Every trained class code, per studio factor (shape, texture = colour x texture, background)."""
    def vec(t):
        return [round(float(x), 6) for x in t]

    E = {k: getattr(codes, k).detach() for k in ("shape", "colour", "texture", "background")}
    tex = []
    for ci, cn in enumerate(sc.COLOURS):
        for ti, tn in enumerate(sc.TEXTURES):
            tex.append({"name": f"{cn} {tn}", "colour": cn, "texture": tn,
                        "vector": vec((E["colour"][ci] + E["texture"][ti]) / math.sqrt(2.0))})
    return {
        "about": "Class codes the generator was trained on. The studio factors shape/texture/background are "
                 "latent (any vector works; these are the trained points). texture (= input z_app) = "
                 "(colour + texture) / sqrt(2) of the tables below; shape -> z_shape, background -> z_bg. "
                 "Codes go in as-is (no truncation).",
        "appearanceRule": "z_app = (tables.colour[c] + tables.texture[t]) / sqrt(2)",
        "factors": {
            "shape": [{"name": n, "vector": vec(E["shape"][i])} for i, n in enumerate(sc.SHAPES)],
            "texture": tex,
            "background": [{"name": n, "vector": vec(E["background"][i])} for i, n in enumerate(sc.BACKGROUNDS)],
        },
        "tables": {k: {"names": list(names), "vectors": [vec(v) for v in E[k]]}
                   for k, names in (("shape", sc.SHAPES), ("colour", sc.COLOURS), ("texture", sc.TEXTURES),
                                    ("background", sc.BACKGROUNDS))},
    }


def write_codes(path, codes):
    with open(path, "w") as f:
        json.dump(codes_json(codes), f, separators=(",", ":"))
        f.write("\n")


def bundle_size(out_dir):
    return sum(os.path.getsize(os.path.join(out_dir, f)) for f in os.listdir(out_dir)
               if os.path.isfile(os.path.join(out_dir, f)))


def write_manifest_file(out_dir, m):
    write_manifest(os.path.join(out_dir, "manifest.json"), m)


def load_json(path, default=None):
    if not os.path.exists(path):
        return default
    with open(path) as f:
        return json.load(f)

