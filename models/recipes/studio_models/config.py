"""GeneratorConfig: every size that shapes the graph, in one dataclass.

Why a dataclass: the same numbers decide the exported ONNX shapes, the manifest (code dims, object count,
resolution) and the training recipe, so they must live in one serialisable place (``to_dict`` goes into
the model card and can rebuild the module with ``GeneratorConfig(**d)``).
"""
from dataclasses import dataclass, asdict, field
from typing import Tuple
import math


@dataclass
class GeneratorConfig:
    # --- codes -------------------------------------------------------------------------------------
    z_shape_dim: int = 32          # per-object shape code (enters the density trunk)
    z_app_dim: int = 32            # per-object appearance/texture code (enters the feature head only)
    z_bg_dim: int = 32             # one global background code
    # --- scene -------------------------------------------------------------------------------------
    n_objects: int = 1             # fixed, unrolled; objects.presence switches them off
    use_bg_rotation: bool = False  # adds the bg_rotation [B,3,3] input
    depth_range: Tuple[float, float] = (0.5, 6.0)   # z-depth along the camera's -z axis (GIRAFFE)
    # --- volume rendering --------------------------------------------------------------------------
    feature_grid: int = 16         # rays are cast on a feature_grid x feature_grid grid
    n_samples: int = 12            # samples per ray *inside each object box* (ray-box slab interval)
    cull_rays: bool = True         # evaluate the object MLP only on rays that hit its box
    sigma_bias_init: float = 5.0   # initial bias of the density head: random weights give visible objects
    density_activation: str = "relu"   # "relu" (GIRAFFE) or "softplus"
    # --- object field ------------------------------------------------------------------------------
    obj_hidden: int = 64
    obj_layers: int = 4            # trunk depth (Linear+ReLU blocks after the input layer)
    obj_skip: int = -1             # re-inject posenc+z_shape after this block (-1: no skip)
    obj_n_freq: int = 6            # positional-encoding octaves on p_box
    feat_dim: int = 32             # channels of the rendered feature map
    feat_layers: int = 0           # extra Linear+ReLU layers in the feature head after z_app enters (the
                                   # head then mixes texture, colour and shading non-additively)
    obj_pose_input: bool = False   # feature head also sees vec(R) (so the world-fixed light, in box space)
                                   # and the unit ray direction in box space (view-dependent highlight)
    # --- background field --------------------------------------------------------------------------
    bg_hidden: int = 32
    bg_layers: int = 2
    bg_n_freq: int = 5             # octaves on the (rotated) unit ray direction
    bg_ground_z: float = None      # None: direction-only background (an environment map). A number: rays that
                                   # go down hit the ground plane z = bg_ground_z and the field also sees the
                                   # hit point's (x, y), so ground patterns stay fixed in the world as the
                                   # camera moves (a direction-only field smears them over camera positions)
    bg_ground_max: float = 8.0     # hit distance clamp (the far ground is a uniform colour anyway)
    # --- 2D neural renderer ------------------------------------------------------------------------
    img_size: int = 64
    render_channels: int = 64      # channels after the first conv at feature_grid resolution
    render_min_channels: int = 16  # each x2 block halves channels down to this floor
    final_rgb_kernel: int = 3      # kernel of the full-resolution RGB skip conv; 1 where the output layers are
                                   # smooth (deferred) and a 3x3 with few outputs is the frame's slowest conv
    separate_bg_renderer: bool = False  # GIRAFFE-HD: fg/bg rendered by separate 2D renderers
    bg_render_channels: int = 32
    # --- deferred painters (studio_models/painters.py) ----------------------------------------------
    deferred: bool = False         # the renderer outputs background base colour, mask and the two light
                                   # terms; object albedo and ground patterns are painted per pixel
    painter_layers: int = 3        # filters of the object painter (a product of 3 makes a 3D lattice)
    painter_hidden: int = 32
    ground_layers: int = 3         # filters of the ground painter
    ground_hidden: int = 32
    ground_sigma: float = 2.5      # the ground painter's filter frequencies at init (periods per world unit)
    box_entry_shift: float = 0.0   # the deferred box point moves toward the camera by this share of the ray's
                                   # sample spacing. Why: the volume render gives a surface's weight to the first
                                   # sample inside it, on average half a spacing behind the surface (measured:
                                   # the shipped model's box points sat 0.10 box units behind the true surface,
                                   # 99.99% of the squared error along the ray); 0.5 is the midpoint rule
    ground_coded_filters: bool = False  # the background code shifts the ground painter's filters (each
                                        # background gets periods of its own; painters.PointPainter)
    ground_atlas: int = 0          # > 0: the ground painter is a GroundAtlas (ground_atlas.py) of this many texels per
                                   # side instead of a filter network
    ground_atlas_maps: int = 8     # maps the background code mixes
    ground_atlas_extent: float = 11.0   # the maps cover [-extent, extent]^2 of the ground plane: every hit within the
                                        # ground clamp (8) of a camera at the data's radius (<= 3)
    analytic_light: bool = False   # object light terms from a learned light on normals painted from the box point
                                   # and shape code (lighting.py), not from the 2D renderer (which then outputs
                                   # only the background base colour and the mask)
    box_on_ray: bool = False       # (analytic light) each pixel's upsampled box point moves to the nearest point of
                                   # the pixel's own ray (deferred.DeferredShading.onto_rays)
    box_on_plane: bool = False     # (box_on_ray) each pixel's box point moves along its ray onto the blend of its four
                                   # neighbouring ray-grid cells' tangent planes (DeferredShading.onto_blended_plane)
    plane_max_shift: float = 0.1   # a cell's plane counts only within this distance (box units) along the ray of the
    plane_min_cos: float = 0.15    # on-ray point, and where the ray meets it at more than this cosine (not grazing)
    normal_hidden: int = 32        # the normal painter's width and filter count
    normal_layers: int = 2
    normal_sigma: float = 1.0      # its filter frequencies at init (periods per box unit)
    seed: int = 0                  # init seed (fixtures/probes)

    def __post_init__(self):
        self.depth_range = tuple(float(x) for x in self.depth_range)
        n_up = math.log2(self.img_size / self.feature_grid)
        if n_up != int(n_up) or n_up < 0:
            raise ValueError("img_size / feature_grid must be a power of two")
        if self.final_rgb_kernel not in (1, 3):
            raise ValueError("final_rgb_kernel must be 1 or 3")
        if self.density_activation not in ("relu", "softplus"):
            raise ValueError("density_activation must be relu or softplus")

    @property
    def n_upsample(self) -> int:
        return int(math.log2(self.img_size // self.feature_grid))

    def to_dict(self) -> dict:
        d = asdict(self)
        d["depth_range"] = list(self.depth_range)
        return d
