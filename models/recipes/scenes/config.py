"""The one place where the scene ranges, class names and held-out pairs live.

``export_json()`` writes the same numbers as JSON so that the trainer and the manifest writer copy the
trained ranges instead of retyping them.  Run ``python -m scenes.config`` to print it.

World: +z is up; the ground is the plane z = GROUND_Z; every shape touches the bottom face of its box
(box z = -1), so an object of scale s rests on the ground when its translation z is GROUND_Z + s
(``object_z``).  The camera always looks at the world origin.
"""
import json

SHAPES = ("sphere", "cube", "cylinder", "cone", "torus", "octahedron", "capsule")
TEXTURES = ("solid", "checker", "stripes", "dots", "diagonal")
COLOURS = ("red", "orange", "yellow", "green", "cyan", "blue", "purple", "pink")
BACKGROUNDS = ("meadow", "tiles", "sunset", "night_grid", "overcast", "dawn_rings", "desert", "studio")

SUPPORTED_RESOLUTIONS = (32, 64, 128, 256)
SUPERSAMPLE = 2  # 2x2 samples per output pixel

GROUND_Z = -0.3
DEFAULT_RADIUS = 2.732
DEFAULT_FOV_DEG = 40.0

RANGES = {
    "azimuth_deg": (0.0, 360.0),       # camera azimuth theta, uniform
    "elevation_deg": (10.0, 40.0),     # 90 - polar angle phi, uniform in degrees
    "radius": (2.5, 3.0),              # camera distance to the origin
    "fov_deg": (DEFAULT_FOV_DEG, DEFAULT_FOV_DEG),  # fixed
    "translation_xy": (-0.5, 0.5),     # object centre x and y, each uniform
    "scale": (0.24, 0.40),             # uniform object scale s (box half-size)
    "yaw_deg": (0.0, 360.0),           # object rotation about +z
}
P_SECOND_OBJECT = 0.5

# Scene layouts (build --layout): "scenes" is the built-in 3D model's data (camera on a sphere, 1-2
# objects); "single" is the MixNMatch-style model's data: one object seen by one fixed camera, so that
# the image factors are exactly background x shape x texture x object pose (MixNMatch has no camera).
LAYOUTS = {
    "scenes": {"max_objects": 2, "p_second_object": P_SECOND_OBJECT, "camera": None, "ranges": {}},
    "single": {"max_objects": 1, "p_second_object": 0.0,
               "camera": {"azimuth_deg": 30.0, "elevation_deg": 25.0, "radius": DEFAULT_RADIUS,
                          "fov_deg": DEFAULT_FOV_DEG},
               "ranges": {"translation_xy": (-0.35, 0.35)}},  # keeps every object inside the frame
}
SEPARATION_MARGIN = 1.05  # 2nd object's footprint circle must clear the 1st one's by this factor

# Held-out pairs: no training image contains any of them; every test_unseen image contains one.
HELD_OUT = {
    "shape_texture": (("sphere", "checker"), ("cube", "stripes"), ("cylinder", "dots"),
                      ("cone", "diagonal"), ("torus", "solid"), ("octahedron", "checker"),
                      ("capsule", "stripes")),
    "texture_background": (("solid", "tiles"), ("checker", "overcast"), ("stripes", "studio"),
                           ("dots", "sunset"), ("diagonal", "dawn_rings")),
    "shape_background": (("sphere", "dawn_rings"), ("cube", "desert"), ("cylinder", "studio"),
                         ("cone", "meadow"), ("torus", "tiles"), ("octahedron", "sunset"),
                         ("capsule", "night_grid")),
}
PAIR_BITS = {"shape_texture": 1, "texture_background": 2, "shape_background": 4}

SPLITS = ("train", "test_seen", "test_unseen")
SPLIT_CODES = {"train": 0, "test_seen": 1, "test_unseen": 2}


def object_z(scale):
    """Translation z that rests an object of this scale on the ground (shape bottom is box z = -1)."""
    return GROUND_Z + scale


def check_resolution(res):
    """Raise ValueError unless the renderer supports this output resolution."""
    if int(res) != res or int(res) not in SUPPORTED_RESOLUTIONS:
        raise ValueError(f"resolution {res} is not supported; use one of {SUPPORTED_RESOLUTIONS}")
    return int(res)


def shape_ids(names=None):
    """Shape ids for a list of shape names (all shapes when None); unknown names raise ValueError."""
    if names is None:
        return list(range(len(SHAPES)))
    names = [n.strip() for n in names if n.strip()]
    unknown = [n for n in names if n not in SHAPES]
    if unknown:
        raise ValueError(f"unknown shape name(s) {unknown}; known shapes: {list(SHAPES)}")
    if not names:
        raise ValueError(f"no shapes selected; known shapes: {list(SHAPES)}")
    return sorted({SHAPES.index(n) for n in names})


def held_out_ids():
    """Held-out pairs as integer id pairs, keyed like HELD_OUT."""
    tables = {"shape": SHAPES, "texture": TEXTURES, "background": BACKGROUNDS}
    out = {}
    for kind, pairs in HELD_OUT.items():
        a, b = kind.split("_")
        out[kind] = tuple((tables[a].index(x), tables[b].index(y)) for x, y in pairs)
    return out


def layout(name="scenes"):
    """The layout dict by name; unknown names raise ValueError."""
    if name not in LAYOUTS:
        raise ValueError(f"unknown layout {name!r}; known layouts: {list(LAYOUTS)}")
    return LAYOUTS[name]


def layout_ranges(name="scenes"):
    """RANGES with a layout's fixed camera values as (v, v) ranges and its own range overrides."""
    lay = layout(name)
    cam = lay["camera"] or {}
    out = {k: (cam[k], cam[k]) if k in cam else v for k, v in RANGES.items()}
    out.update(lay["ranges"])
    return out


def as_dict(layout_name="scenes"):
    """Everything a trainer / manifest writer needs about the data, JSON-serialisable."""
    lay = layout(layout_name)
    out = {
        "convention": {
            "up": "+z",
            "camera": "position = radius*(sin(phi)cos(theta), sin(phi)sin(theta), cos(phi)), "
                      "theta = azimuth, phi = 90deg - elevation, look-at origin, up +z (GIRAFFE look_at)",
            "pixels": "x, y in [-1, 1] at pixel centres (GIRAFFE arange_pixels): x = -1 + 2*col/(W-1) "
                      "(right), y = 1 - 2*row/(H-1) (row 0 is the top); camera-space ray "
                      "(x/f, y/f, -1) with f = 1/tan(fov/2); camera looks along its -z axis",
            "supersample": f"{SUPERSAMPLE}x{SUPERSAMPLE} samples at +-0.25 pixel pitch, averaged",
            "object": "p_box = R (p - t) / s, R = Rz(yaw) = [[c,-s,0],[s,c,0],[0,0,1]] (scipy "
                      "from_euler('z', yaw)); the box y axis points along world (sin yaw, cos yaw, 0), "
                      "i.e. increasing yaw turns the object clockwise seen from above; shapes live in "
                      "[-1,1]^3 and touch box z = -1",
            "ground_z": GROUND_Z,
            "object_z": "t_z = ground_z + s (objects rest on the ground)",
        },
        "default_radius": DEFAULT_RADIUS,
        "default_fov_deg": DEFAULT_FOV_DEG,
        "ranges": {k: list(v) for k, v in layout_ranges(layout_name).items()},
        "p_second_object": lay["p_second_object"],
        "max_objects": lay["max_objects"],
        "classes": {"shape": list(SHAPES), "texture": list(TEXTURES), "colour": list(COLOURS),
                    "background": list(BACKGROUNDS)},
        "held_out": {k: [list(p) for p in v] for k, v in HELD_OUT.items()},
        "held_out_bits": PAIR_BITS,
        "supported_resolutions": list(SUPPORTED_RESOLUTIONS),
    }
    if layout_name != "scenes":
        out["layout"] = layout_name
    return out


def export_json(path=None):
    """Return (and optionally write) the config as a JSON string."""
    text = json.dumps(as_dict(), indent=2)
    if path is not None:
        with open(path, "w") as f:
            f.write(text + "\n")
    return text


if __name__ == "__main__":
    print(export_json())
