"""Export the MixNMatch-style checkpoint as a studio bundle: generator.onnx, encoder.onnx, manifest.json,
samples, and a parity reference for tools/check_bundle.mjs.

    /usr/bin/python3 -m mnm.export --run runs/mnm --out ../scenes-mixnmatch-128 --overwrite

The generator takes the four MixNMatch codes (pose z [batch, 5], background b [batch, 8], shape p
[batch, 7], texture c [batch, 40]; classes as soft one-hots, as the studio sends them) and returns image,
foreground (the child stage's object, premultiplied), background and mask, all in [0, 1]. The encoder
returns the pose code and class *probabilities* (softmax inside the graph; texture = colour x pattern), so
the studio's probs: check that they sum to 1 guards against a wrong graph.
"""
import argparse
import os
import shutil
import sys

from train.env import setup

torch = setup()
import numpy as np  # noqa: E402
import onnx  # noqa: E402
from PIL import Image  # noqa: E402

from train import ckpt as ckpt_io  # noqa: E402
from train import reference  # noqa: E402
from train.bundle import bundle_size, write_manifest_file  # noqa: E402

from . import factors as fx  # noqa: E402
from .cull import cull_painter  # noqa: E402
from .model import Encoder, Generator, one_hot, texture_probs  # noqa: E402

MODEL_ID = "scenes-mixnmatch-128"
GEN_INPUTS = ("z_pose", "b_code", "p_code", "c_code")
GEN_OUTPUTS = ("image", "foreground", "background", "mask")
ENC_OUTPUTS = ("z_pose", "b_probs", "p_probs", "c_probs")
TRUNC = {"min": 0.0, "max": 1.5, "default": 1.0}


class ExportGenerator(torch.nn.Module):
    def __init__(self, gen):
        super().__init__()
        self.gen = gen

    def forward(self, z_pose, b_code, p_code, c_code):
        out = self.gen(z_pose, b_code, p_code, c_code, gbuffers=False)
        return out["image"], out["foreground"], out["background"], out["mask"]


class ExportEncoder(torch.nn.Module):
    def __init__(self, enc):
        super().__init__()
        self.enc = enc

    def forward(self, image):
        o = self.enc(image)
        return (o["z"], torch.softmax(o["b"], 1), torch.softmax(o["p"], 1),
                texture_probs(o["colour"], o["pattern"]))


def manifest(res, samples, description):
    img = lambda n, c, role: {"name": n, "shape": ["batch", c, res, res], "role": role, "range": [0, 1]}  # noqa: E731
    widths = {"z_pose": fx.Z_DIM, "b_code": fx.N_B, "p_code": fx.N_P, "c_code": fx.N_C}
    roles = {"z_pose": "code:pose", "b_code": "code:background", "p_code": "code:shape", "c_code": "code:texture"}
    enc_roles = {"z_pose": "code:pose", "b_probs": "probs:background", "p_probs": "probs:shape",
                 "c_probs": "probs:texture"}
    enc_widths = {"z_pose": fx.Z_DIM, "b_probs": fx.N_B, "p_probs": fx.N_P, "c_probs": fx.N_C}
    return {
        "schemaVersion": 1, "id": MODEL_ID, "name": "Scenes, MixNMatch-style (128x128, trained here)",
        "family": "mixnmatch", "description": description, "resolution": [res, res],
        "generator": {
            "file": "generator.onnx",
            "inputs": [{"name": n, "shape": ["batch", widths[n]], "role": roles[n]} for n in GEN_INPUTS],
            "outputs": [img("image", 3, "image"), img("foreground", 3, "foreground"),
                        img("background", 3, "background"), img("mask", 1, "mask")],
        },
        "factors": [
            {"id": "pose", "label": "pose", "kind": "latent", "scope": "global", "dim": fx.Z_DIM, "truncation": TRUNC},
            {"id": "background", "label": "background", "kind": "categorical", "scope": "global",
             "classes": fx.BACKGROUNDS},
            {"id": "shape", "label": "shape", "kind": "categorical", "scope": "global", "classes": fx.SHAPES},
            {"id": "texture", "label": "texture", "kind": "categorical", "scope": "global",
             "classes": fx.TEXTURE_NAMES},
        ],
        "encoder": {
            "file": "encoder.onnx",
            "input": {"name": "image", "shape": ["batch", 3, res, res], "range": [0, 1]},
            "outputs": [{"name": n, "shape": ["batch", enc_widths[n]], "role": enc_roles[n]} for n in ENC_OUTPUTS],
        },
        "samples": list(samples),
        "licence": "MIT",
    }


def load_models(run):
    ck = ckpt_io.load(os.path.join(run, "ckpt.pt"))
    if ck.get("kind") != "mnm":
        raise SystemExit(f"error: {run}/ckpt.pt is not a MixNMatch-style checkpoint")
    gen, enc = Generator(**ck["config"]), Encoder(res=ck["config"]["res"], crop=ck["config"]["crop"])
    gen.load_state_dict(ck["ema_gen"])
    enc.load_state_dict(ck["enc"])
    return gen.eval(), enc.eval(), ck


def random_codes(n, seed, res=None):
    """n random (z, b, p, c) as soft one-hots: classes uniform, some blended halfway with a second class."""
    g = torch.Generator().manual_seed(seed)
    z = torch.randn(n, fx.Z_DIM, generator=g)
    cls = lambda k: one_hot(torch.randint(0, k, (n,), generator=g), k)  # noqa: E731
    b, p, c = cls(fx.N_B), cls(fx.N_P), cls(fx.N_C)
    if n > 2:  # one blended case so the reference covers soft one-hots
        c[2] = 0.5 * c[2] + 0.5 * torch.roll(c[2], 1)
    return {"z_pose": z, "b_code": b, "p_code": p, "c_code": c}


def to_png(t, path):
    arr = (t.detach().clamp(0, 1).permute(1, 2, 0).numpy() * 255.0 + 0.5).astype(np.uint8)
    Image.fromarray(arr).save(path)


def export_onnx(module, args, path, in_names, out_names):
    dyn = {k: {0: "batch"} for k in list(in_names) + list(out_names)}
    torch.onnx.export(module, args, path, input_names=list(in_names), output_names=list(out_names),
                      dynamic_axes=dyn, opset_version=17, do_constant_folding=True)


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m mnm.export", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--overwrite", action="store_true")
    p.add_argument("--no-fixture", action="store_true",
                   help="do not copy the reference to tests/fixtures (smoke tests, experiments)")
    a = p.parse_args(argv)
    if os.path.exists(a.out) and os.listdir(a.out) and not a.overwrite:
        print(f"error: {a.out} exists; pass --overwrite to replace its generated files", file=sys.stderr)
        return 2
    os.makedirs(a.out, exist_ok=True)
    gen, enc, ck = load_models(a.run)
    res = gen.res
    eg, ee = ExportGenerator(gen).eval(), ExportEncoder(enc).eval()
    codes = random_codes(4, 7)
    gen_path = os.path.join(a.out, "generator.onnx")
    export_onnx(eg, tuple(codes[k][:1] for k in GEN_INPUTS), gen_path, GEN_INPUTS, GEN_OUTPUTS)
    onnx.save(cull_painter(onnx.load(gen_path)), gen_path)  # the painter on covered pixels only (mnm/cull.py)
    export_onnx(ee, (torch.rand(1, 3, res, res),), os.path.join(a.out, "encoder.onnx"), ("image",), ENC_OUTPUTS)
    samples = []
    with torch.no_grad():
        imgs = eg(*[codes[k] for k in GEN_INPUTS])[0]
    for i in range(4):
        name = f"sample_{i + 1}.png"
        to_png(imgs[i], os.path.join(a.out, name))
        samples.append(name)
    description = ("MixNMatch-style hierarchical generator (background / shape / texture stages with masks) "
                   "trained here, supervised, on the scenes renderer's single-object layout: 8 backgrounds, "
                   "7 shapes, 40 textures (5 patterns x 8 colours), pose = yaw, scale and position; fixed "
                   "camera. Encoders: image -> pose code and class probabilities.")
    write_manifest_file(a.out, manifest(res, samples, description))
    # parity reference: generator cases (one blended) and encoder cases on the samples themselves
    sets = [{k: codes[k][i:i + 1] for k in GEN_INPUTS} for i in range(4)]
    gen_cases = reference.cases(eg, sets, GEN_INPUTS, GEN_OUTPUTS, [f"case{i}" for i in range(4)])
    enc_cases = reference.cases(ee, [{"image": imgs[i:i + 1]} for i in range(2)], ("image",), ENC_OUTPUTS,
                                ["sample_1", "sample_2"])
    ref_path = os.path.join(a.run, "bundle_reference.json")
    reference.write(ref_path, MODEL_ID, "generator.onnx", gen_cases, tolerance=1e-4,
                    encoder={"cases": enc_cases, "tolerance": 1e-4})
    fixture = os.path.join(os.path.dirname(__file__), "..", "..", "..", "tests", "fixtures",
                           f"{MODEL_ID}.reference.json")
    if not a.no_fixture and os.path.isdir(os.path.dirname(fixture)):
        shutil.copyfile(ref_path, fixture)
    print(f"exported step {ck['step']} to {a.out} ({bundle_size(a.out) / 1e6:.1f} MB); reference {ref_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
