"""Generator configs by name: the built-in size and the CI smoke-test size.

Why these numbers (built-in "hd128"): the studio's budget is a 128x128 frame <= 33 ms in Chromium WASM; the
speed probe measured g32-s12-w64-f32-r32 at ~125 MMAC (~25-40 ms). At the data's 40 deg fov objects
cover more rays than in the probe (~340 box rays per frame for 1.5 objects), so 10 samples per box ray keep the
frame near ~145 MMAC (mlp ~58, conv ~79, bg ~9). A 32^2 feature grid (4 image pixels per
ray) resolves the textures (checker period >= ~14 px at 128^2) that a 16^2 grid blurred in the probe. On top
of that size, within ~150 MMAC:
- bg_ground_z = scenes' ground (-0.3): the background field sees where a ray meets the ground plane, so
  ground patterns are fixed in the world (the data's ground is a plane, not an environment map);
- obj_pose_input: the scenes light is fixed in the world, so an object's shading depends on its yaw; the
  feature head gets vec(R) (the light direction in box space is linear in R) and the box-space view
  direction (highlight);
- feat_layers = 1: colour x texture x shading is multiplicative; one more layer after z_app enters;
- bg_n_freq = 7 (PROBES idea) for ground patterns down to 0.1 world units.
"""
from studio_models import GeneratorConfig

GROUND_Z = -0.3  # scenes.config.GROUND_Z (checked against the dataset's config.json at start-up)

PRESETS = {
    "hd128": dict(z_shape_dim=32, z_app_dim=32, z_bg_dim=32, n_objects=2, use_bg_rotation=False,
                  depth_range=(0.5, 6.0), feature_grid=32, n_samples=10, cull_rays=True,
                  sigma_bias_init=2.0, density_activation="relu",
                  obj_hidden=64, obj_layers=3, obj_skip=-1, obj_n_freq=6, feat_dim=32, feat_layers=1,
                  obj_pose_input=True,
                  bg_hidden=48, bg_layers=2, bg_n_freq=7, bg_ground_z=GROUND_Z, bg_ground_max=8.0,
                  img_size=128, render_channels=32, render_min_channels=16, separate_bg_renderer=False,
                  seed=0),
    # CI smoke test: same graph features, tiny widths, 64x64
    "smoke64": dict(z_shape_dim=8, z_app_dim=8, z_bg_dim=8, n_objects=2, use_bg_rotation=False,
                    depth_range=(0.5, 6.0), feature_grid=16, n_samples=6, cull_rays=True,
                    sigma_bias_init=2.0, obj_hidden=16, obj_layers=1, obj_n_freq=4, feat_dim=8, feat_layers=1,
                    obj_pose_input=True, bg_hidden=16, bg_layers=1, bg_n_freq=4, bg_ground_z=GROUND_Z,
                    img_size=64, render_channels=16, render_min_channels=8, deferred=True, painter_layers=3,
                    painter_hidden=16, ground_layers=3, ground_hidden=16, ground_coded_filters=True,
                    box_entry_shift=0.5, analytic_light=True, box_on_ray=True, normal_hidden=8, normal_layers=2,
                    ground_atlas=64, ground_atlas_maps=4, box_on_plane=True,
                    seed=0),
}


# hd128 + deferred painters (studio_models/deferred.py): object textures and ground patterns painted per pixel
# at 128^2 from the box point / ground hit
PRESETS["hd128d"] = dict(PRESETS["hd128"], deferred=True, painter_layers=3, painter_hidden=32, ground_layers=3,
                         ground_hidden=32)

# hd128d made as fast per frame as the non-deferred hd128 (issue 2's 33 ms knob-to-pixels): the ground painter
# draws 2D patterns (a product of two filters is a checker) at half width, the renderer's full-resolution stage
# only has to give smooth layers and the mask edge (8 channels, a 1x1 RGB skip), and the background field no
# longer draws ground patterns (3 octaves instead of 7). Trained by warm start from an hd128d run.
PRESETS["hd128f"] = dict(PRESETS["hd128d"], ground_layers=2, ground_hidden=16, ground_sigma=1.5,
                         render_min_channels=8, final_rgb_kernel=1, bg_n_freq=3)

# hd128f whose ground painter takes its filters' frequencies and phases from the background code (the 8
# backgrounds stop sharing 16 filters; same cost per frame). Trained by warm start from an hd128f run.
PRESETS["hd128g"] = dict(PRESETS["hd128f"], ground_coded_filters=True)

# hd128g whose box points use the midpoint rule (config.box_entry_shift): they sat half a sample spacing
# behind the surface. Same weights, same cost; trained by warm start from an hd128g run.
PRESETS["hd128h"] = dict(PRESETS["hd128g"], box_entry_shift=0.5)


def make_config(name: str, **overrides) -> GeneratorConfig:
    if name not in PRESETS:
        raise SystemExit(f"error: unknown preset {name!r}; known: {sorted(PRESETS)}")
    return GeneratorConfig(**dict(PRESETS[name], **overrides))


# hd128h whose objects are lit by a learned light on normals painted from the box point and the shape code
# (studio_models/lighting.py; the renderer drops its two light outputs) and whose ground painter is back to
# 3 filters x 32 (a 2000-step probe on true ground hits: pattern-weight RMSE night grid 0.189 -> 0.126, tiles
# 0.149 -> 0.109, rings 0.122 -> 0.084; night grid's far ground is 24.2 dB with the painter, 42.8 with the true
# weight). Trained by warm start from an hd128h run (the ground painter re-learned).
PRESETS["hd128i"] = dict(PRESETS["hd128h"], ground_hidden=32, ground_layers=3, analytic_light=True,
                         normal_hidden=32, normal_layers=3, normal_sigma=1.0)

# hd128i whose upsampled box points move onto each pixel's own ray (config.box_on_ray; no new weights: +0.25 dB
# on object pixels before any training). Warm start from an hd128i run, joint steps.
PRESETS["hd128j"] = dict(PRESETS["hd128i"], box_on_ray=True)

# hd128j with hd128h's ground painter size (16 wide, 2 coded filters): hd128j's 32-wide, 3-filter painter costs
# 1.33x runs/g2's frame in Node WASM and put the studio's knob-to-pixels (p50 / p95) at 38.5 / 62.5 ms in one
# bench run (g2: 25.5 / 43.0) and 32.3 / 46.6 ms in a quieter one (g2: 21.5 / 31.6), at the edge of the 33 / 50 ms
# target. Warm start from an hd128j run, the ground painter re-learned.
PRESETS["hd128k"] = dict(PRESETS["hd128j"], ground_hidden=16, ground_layers=2)

# hd128k whose ground painter has a third filter (16 wide): a 2000-step probe on true ground hits put the
# pattern-weight RMSE at tiles 0.149 -> 0.119, overcast 0.138 -> 0.119, rings 0.122 -> 0.104, for +4% frame
# time in Node WASM. Warm start from an hd128k run, the ground painter re-learned.
PRESETS["hd128l"] = dict(PRESETS["hd128k"], ground_layers=3)

# hd128l whose ground painter is 24 wide (3 filters): a 2000-step probe on true ground hits put the pattern-weight
# RMSE at tiles 0.119 -> 0.116, stripes 0.100 -> 0.086, night grid 0.183 -> 0.157, overcast 0.119 -> 0.107,
# rings 0.104 -> 0.090, for +10% frame time in Node WASM (the 32-wide painter: 0.109 / 0.087 / 0.126 / 0.108 /
# 0.084 at +28%). Warm start from an hd128l run, the ground painter re-learned.
PRESETS["hd128m"] = dict(PRESETS["hd128l"], ground_hidden=24)

# hd128l whose ground painter is a GroundAtlas (studio_models/ground_atlas.py): 8 learned 448^2 texture maps of the
# ground plane mixed by the background code, gated by the footprint (runs/g6 with the true pattern weight put in
# its frame: unseen PSNR 28.6 -> 31.0 dB). Warm start from an hd128l run, the atlas learned in the painter phase.
PRESETS["hd128n"] = dict(PRESETS["hd128l"], ground_atlas=448, ground_atlas_maps=8, ground_atlas_extent=11.0)

# hd128n whose box points move onto the bilinear blend of their four neighbouring ray-grid cells' tangent planes
# (config.box_on_plane; no new weights: runs/g6, 96 unseen images, object PSNR 24.01 -> 24.69 dB before any
# training). Warm start from an hd128n run, joint steps.
PRESETS["hd128o"] = dict(PRESETS["hd128n"], box_on_plane=True)
