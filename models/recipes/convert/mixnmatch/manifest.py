"""The studio manifest for a converted MixNMatch generator.

Why these factors: upstream eval feeds five codes. Two are continuous noise vectors: z_code2 drives the
parent stage, i.e. the object's **pose**; z_code1 drives the background stage (`background-noise`, the
variation within a background class). Three are one-hot class codes: background b (children classes),
shape p (parents) and texture c (children). The images are tanh outputs, so their range is [-1, 1]; the
mask is a sigmoid in [0, 1]. There is no camera or object block: MixNMatch is a 2D model.
"""
from ..bundle import rng

TRUNC = rng(0.0, 1.5, 1.0)  # FineGAN samples its noise from N(0, 1)


def build(arch, model_id: str, name: str, description: str, size: int = 128) -> dict:
    inputs = [("z_bg", arch.z_dim, "code:background-noise"), ("z_pose", arch.z_dim, "code:pose"),
              ("b_code", arch.children, "code:background"), ("p_code", arch.parents, "code:shape"),
              ("c_code", arch.children, "code:texture")]
    img = lambda n, c, role, r: {"name": n, "shape": ["batch", c, size, size], "role": role, "range": r}
    return {
        "schemaVersion": 1, "id": model_id, "name": name, "family": "mixnmatch", "description": description,
        "resolution": [size, size],
        "generator": {
            "file": "generator.onnx",
            "inputs": [{"name": n, "shape": ["batch", d], "role": r} for n, d, r in inputs],
            "outputs": [img("image", 3, "image", [-1, 1]), img("foreground", 3, "foreground", [-1, 1]),
                        img("mask", 1, "mask", [0, 1]), img("background", 3, "background", [-1, 1])],
        },
        "factors": [
            {"id": "pose", "label": "pose", "kind": "latent", "scope": "global", "dim": arch.z_dim, "truncation": TRUNC},
            {"id": "background-noise", "label": "background variation", "kind": "latent", "scope": "global",
             "dim": arch.z_dim, "truncation": TRUNC},
            {"id": "background", "label": "background", "kind": "categorical", "scope": "global",
             "classes": arch.children},
            {"id": "shape", "label": "shape", "kind": "categorical", "scope": "global", "classes": arch.parents},
            {"id": "texture", "label": "texture", "kind": "categorical", "scope": "global", "classes": arch.children},
        ],
        "samples": [],
        "licence": "unspecified: the MixNMatch repository has no LICENSE file; ask the authors before redistributing",
    }
