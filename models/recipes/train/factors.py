"""Dataset factors (scenes) -> the generator's explicit input tensors: the one bridge between conventions.

Both sides use GIRAFFE's convention (checked in test_factors / the smoke test): camera on a sphere,
eye = r (cos e cos a, cos e sin a, sin e) (= scenes' sin(phi) cos(theta), phi = 90 - e), look-at origin,
up +z, columns of world_mat = camera x (right), y (up), z (backwards), focal = 1/tan(fov/2) on pixel
coordinates whose corner-pixel centres are +-1; objects p_box = R (p - t) / s with R = Rz(yaw) =
[[c,-s,0],[s,c,0],[0,0,1]], uniform s, t_z = ground_z + s (objects rest on the ground, shapes touch box
z = -1). The dataset stores t with its z, so the generator gets exactly the stored translation.
"""
import numpy as np
import torch


def camera_world(azimuth_deg, elevation_deg, radius) -> torch.Tensor:
    """[B,4,4] GIRAFFE world_mat, vectorised (same maths as studio_models.camera.camera_world_matrix)."""
    a = torch.as_tensor(np.asarray(azimuth_deg, np.float64)) * (np.pi / 180)
    e = torch.as_tensor(np.asarray(elevation_deg, np.float64)) * (np.pi / 180)
    r = torch.as_tensor(np.asarray(radius, np.float64))
    eye = torch.stack([torch.cos(e) * torch.cos(a), torch.cos(e) * torch.sin(a), torch.sin(e)], -1) * r[:, None]
    z = eye / eye.norm(dim=-1, keepdim=True)
    up = torch.tensor([0.0, 0.0, 1.0], dtype=torch.float64).expand_as(z)
    x = torch.linalg.cross(up, z)
    x = x / x.norm(dim=-1, keepdim=True).clamp_min(1e-5)
    y = torch.linalg.cross(z, x)
    m = torch.zeros(len(a), 4, 4, dtype=torch.float64)
    m[:, :3, 0], m[:, :3, 1], m[:, :3, 2], m[:, :3, 3], m[:, 3, 3] = x, y, z, eye, 1.0
    return m.float()


def focal(fov_deg) -> torch.Tensor:
    """[B,1] focal length 1/tan(fov/2)."""
    f = 1.0 / np.tan(np.radians(np.asarray(fov_deg, np.float64)) / 2.0)
    return torch.as_tensor(f, dtype=torch.float32).reshape(-1, 1)


def rot_z(yaw_deg) -> torch.Tensor:
    """[..., 3, 3] R = Rz(yaw), as scenes.render.rot_z and scipy from_euler('z', yaw)."""
    a = torch.as_tensor(np.radians(np.asarray(yaw_deg, np.float64)))
    c, s = torch.cos(a), torch.sin(a)
    z, o = torch.zeros_like(a), torch.ones_like(a)
    return torch.stack([torch.stack([c, -s, z], -1), torch.stack([s, c, z], -1),
                        torch.stack([z, z, o], -1)], -2).float()


def geometry(f: dict, n_objects: int = 2) -> dict:
    """Factor arrays (batch B, as scenes.sampling.FIELDS) -> camera/object input tensors of the generator."""
    N = n_objects
    scale = torch.as_tensor(np.asarray(f["scale"], np.float32)[:, :N])
    return dict(
        camera_world=camera_world(f["azimuth_deg"], f["elevation_deg"], f["radius"]),
        camera_focal=focal(f["fov_deg"]),
        obj_scale=scale[..., None].expand(-1, -1, 3).contiguous(),
        obj_translation=torch.as_tensor(np.asarray(f["translation"], np.float32)[:, :N]),
        obj_rotation=rot_z(np.asarray(f["yaw_deg"])[:, :N]),
        obj_presence=torch.as_tensor(np.asarray(f["present"])[:, :N].astype(np.float32)),
    )


def classes(f: dict, n_objects: int = 2) -> dict:
    """Class ids as long tensors: shape/colour/texture [B,N], background [B]."""
    N = n_objects
    return dict(shape=torch.as_tensor(np.asarray(f["shape"])[:, :N].astype(np.int64)),
                colour=torch.as_tensor(np.asarray(f["colour"])[:, :N].astype(np.int64)),
                texture=torch.as_tensor(np.asarray(f["texture"])[:, :N].astype(np.int64)),
                background=torch.as_tensor(np.asarray(f["background"]).astype(np.int64)))
