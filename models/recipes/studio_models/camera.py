"""The camera convention, written down once (GIRAFFE's, from im2scene/camera.py and common.py).

World: z-up. ``camera_world`` [B,4,4] is GIRAFFE's ``world_mat``, a camera-to-world matrix whose columns are
the camera's x, y, z axes in world coordinates and its position:

    z_axis = normalize(eye - target)          # points from the target *towards* the camera (backwards)
    x_axis = normalize(cross(up=(0,0,1), z_axis))   # image right
    y_axis = cross(z_axis, x_axis)            # image up
    world_mat = [[x y z eye], [0 0 0 1]]

so the camera looks along its **-z** axis (OpenGL style), +x is image right, +y is image up.
``camera_world_matrix`` below builds it from (azimuth, elevation, radius): eye = r*(cos e cos a, cos e sin a,
sin e), i.e. GIRAFFE's theta = azimuth, phi = 90deg - elevation.

Pixel -> ray (``pixel_grid`` + ``rays``): the feature grid is G x G, flattened row-major (index = row*G + col),
row 0 is the TOP of the image and col 0 the LEFT. Image pixel coordinates span [-1, 1] with the *centres* of
the corner pixels of the W x W output image exactly at +-1 (GIRAFFE's arange_pixels, not half-pixel offsets;
the scenes renderer uses the same rule). Feature cell i covers the block of k = W/G image pixels
k*i .. k*i+k-1 that the 2D renderer upsamples it to, so its ray goes through the centre of that block:

    x_c = -1 + 2*(k*col + (k-1)/2)/(W-1)     (+x = right)
    y_c =  1 - 2*(k*row + (k-1)/2)/(W-1)     (+y = up; GIRAFFE flips its y the same way)

(With k = 1 this is linspace(-1, 1, G). Casting linspace(-1, 1, G) for G < W instead puts the edge rays at
+-1 where the blocks' centres are at +-(W-k)/(W-1): the feature map would cover a field of view (W-1)/(W-k)
times wider than the image, 5.8% at G=16 and 2.4% at G=32 for W=128, shrinking every object towards the centre.)
    dir_cam = (x_c / f, y_c / f, -1),   f = camera_focal = 1/tan(fov/2)
    origin = world_mat[:3, 3],   dir_world = world_mat[:3, :3] @ dir_cam   (NOT normalised)

Depth values (``depth_range``, sample positions t) are therefore z-depths along the camera's -z axis, as in
GIRAFFE; distances used for alpha are t-steps times |dir_world|.
Rotations: ``z_rotation(deg)`` is the matrix GIRAFFE feeds as R (scipy from_euler('z', angle)); the object
box maps world p to p_box = R (p - t) / s, so the box's axes in world are the *rows* of R (columns of R^T).
"""
import math
import torch


def pixel_grid(g: int, img_size: int = None) -> torch.Tensor:
    """[g*g, 2] ray coordinates (x_c, y_c), row-major, row 0 = top: the centres of the k x k image-pixel
    blocks (k = img_size / g) of a img_size x img_size image whose corner pixel centres are at +-1."""
    w = g if img_size is None else int(img_size)
    if w % g:
        raise ValueError(f"img_size {w} is not a multiple of the grid {g}")
    k = w // g
    idx = torch.arange(g, dtype=torch.float64)
    lin = (-1.0 + 2.0 * (k * idx + (k - 1) / 2.0) / (w - 1)).float() if w > 1 else torch.zeros(1)
    ys = -lin  # row 0 -> +1 (top)
    yy, xx = torch.meshgrid(ys, lin, indexing="ij")
    return torch.stack([xx.reshape(-1), yy.reshape(-1)], dim=-1)


def rays(camera_world: torch.Tensor, camera_focal: torch.Tensor, grid: torch.Tensor):
    """Ray origins [B,1,3] and un-normalised directions [B,R,3] in world space.

    camera_world [B,4,4], camera_focal [B,1], grid [R,2] (a constant in the graph).
    """
    xy = grid.unsqueeze(0) / camera_focal.unsqueeze(-1)                  # [B,R,2]
    d_cam = torch.cat([xy, -torch.ones_like(xy[..., :1])], dim=-1)       # [B,R,3]
    rot = camera_world[:, :3, :3]
    d_world = torch.matmul(d_cam, rot.transpose(1, 2))                   # (R @ d)^T = d^T R^T
    origin = camera_world[:, :3, 3].unsqueeze(1)                          # [B,1,3]
    return origin, d_world


def camera_world_matrix(azimuth_deg: float, elevation_deg: float, radius: float = 2.732) -> torch.Tensor:
    """GIRAFFE look-at world_mat [4,4] for a camera on a sphere around the origin, up = +z."""
    a, e = math.radians(azimuth_deg), math.radians(elevation_deg)
    eye = torch.tensor([math.cos(e) * math.cos(a), math.cos(e) * math.sin(a), math.sin(e)],
                       dtype=torch.float64) * radius
    z = eye / eye.norm()
    up = torch.tensor([0.0, 0.0, 1.0], dtype=torch.float64)
    x = torch.linalg.cross(up, z)
    x = x / x.norm().clamp_min(1e-5)
    y = torch.linalg.cross(z, x)
    m = torch.eye(4, dtype=torch.float64)
    m[:3, 0], m[:3, 1], m[:3, 2], m[:3, 3] = x, y, z, eye
    return m.float()


def z_rotation(deg: float) -> torch.Tensor:
    """[3,3] rotation about +z by `deg` (scipy Rotation.from_euler('z', deg, degrees=True).as_matrix())."""
    r = math.radians(deg)
    c, s = math.cos(r), math.sin(r)
    return torch.tensor([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])


def focal_from_fov(fov_deg: float) -> float:
    return 1.0 / math.tan(math.radians(fov_deg) / 2.0)
