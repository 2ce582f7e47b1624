"""Export a run's latest checkpoint as the studio bundle models/<id>/ (works mid-training).

    cd models/recipes
    /usr/bin/python3 -m train.export --run runs/main --data data/v1 --out ../scenes-giraffe-hd-128 [--overwrite]
    node tools/check_bundle.mjs ../scenes-giraffe-hd-128 runs/main/bundle_reference.json     # parity in ORT-web

Writes generator.onnx (EMA weights), encoder.onnx (when runs/<name>/encoder.pt exists), manifest.json
(studio schema, dataset ranges), codes.json (class codes), sample_*.png, README.md (card; metrics from
metrics.json when train.eval has run), and runs/<name>/bundle_reference.json (PyTorch outputs for fixed
inputs, for check_bundle.mjs). Reads the checkpoint only, so it can run while training goes on.
Refuses to touch an existing bundle without --overwrite.
"""
import argparse
import os
import shutil
import sys

from . import env

torch = env.torch
import numpy as np  # noqa: E402

from studio_models import export_onnx  # noqa: E402
from studio_models.pngio import write_png  # noqa: E402
from scenes import config as sc  # noqa: E402
from . import bundle, card, ckpt as ckpt_io, data as data_io, factors, reference  # noqa: E402
from .encoder_model import Encoder, ExportEncoder  # noqa: E402
from .model import from_checkpoint  # noqa: E402

MAX_BYTES = 20 * 1024 * 1024


def parse(argv=None):
    p = argparse.ArgumentParser(prog="python -m train.export", description=__doc__.split("\n")[0])
    p.add_argument("--run", required=True)
    p.add_argument("--data", default="data/v1", help="dataset root (for its ranges.json and sizes)")
    p.add_argument("--out", required=True, help="bundle folder, e.g. ../scenes-giraffe-hd-128")
    p.add_argument("--id", default=None, help="model id (default: the --out folder name)")
    p.add_argument("--overwrite", action="store_true", help="replace an existing bundle's files")
    p.add_argument("--raw", action="store_true", help="export the raw weights instead of the EMA")
    p.add_argument("--no-encoder", action="store_true")
    return p.parse_args(argv)


def scene_ranges(data_root):
    path = os.path.join(data_root, "ranges.json")
    return bundle.load_json(path) or sc.as_dict()


def generator_inputs(gen, codes, f):
    """Generator inputs (class codes + true geometry) for factor arrays f."""
    return dict(codes(factors.classes(f, gen.cfg.n_objects)), **factors.geometry(f, gen.cfg.n_objects))


def export_encoder(run, codes, out_dir, img_size):
    path = os.path.join(run, "encoder.pt")
    if not os.path.exists(path):
        return None, None
    eck = torch.load(path, map_location="cpu")
    enc = Encoder(img_size=img_size, **eck.get("arch", {}))
    enc.load_state_dict(eck["ema"] if eck.get("ema") else eck["model"])
    wrapped = ExportEncoder(enc, codes).eval()
    onnx_path = os.path.join(out_dir, "encoder.onnx")
    ex = torch.rand(2, 3, img_size, img_size)
    with torch.no_grad():
        torch.onnx.export(wrapped, (ex,), onnx_path, input_names=["image"], output_names=ExportEncoder.OUTPUTS,
                          dynamic_axes={k: {0: "batch"} for k in ["image"] + ExportEncoder.OUTPUTS},
                          opset_version=17, do_constant_folding=True)
    import onnx
    onnx.checker.check_model(onnx.load(onnx_path), full_check=True)
    return wrapped, eck


def main(argv=None):
    a = parse(argv)
    env.setup()
    ck_path = os.path.join(a.run, "ckpt.pt")
    ck = ckpt_io.load(ck_path)
    cfg, gen, codes = from_checkpoint(ck, ema=not a.raw)
    out = os.path.abspath(a.out)
    model_id = a.id or os.path.basename(out.rstrip("/"))
    if os.path.exists(os.path.join(out, "manifest.json")) and not a.overwrite:
        raise SystemExit(f"error: {out} already holds a bundle; pass --overwrite to replace it")
    os.makedirs(out, exist_ok=True)
    ranges = scene_ranges(a.data)

    onnx_path = os.path.join(out, "generator.onnx")
    export_onnx(gen, onnx_path)

    # samples: the model's render of the first test_unseen scenes (held-out combinations)
    val = data_io.validation_set(a.run, a.data, n=ck.get("train_args", {}).get("val_n", 32))["unseen"]
    take = [i for i in range(len(val["rgb"]))][:4]
    f = {k: v[take] for k, v in val.items()}
    with torch.no_grad():
        img, _ = gen(**generator_inputs(gen, codes, f))
    for old in [x for x in os.listdir(out) if x.startswith("sample_") and x.endswith(".png")]:
        os.remove(os.path.join(out, old))
    samples = []
    for i in range(len(take)):
        name = f"sample_{i + 1}.png"
        write_png(os.path.join(out, name), img[i])
        samples.append(name)
    pair = torch.cat([torch.cat([torch.from_numpy(f["rgb"][i]).permute(2, 0, 1).float() / 255.0, img[i]], 1)
                      for i in range(len(take))], 2)
    write_png(os.path.join(a.run, "samples_true_vs_model.png"), pair)

    enc_wrapped, eck = (None, None) if a.no_encoder else export_encoder(a.run, codes, out, cfg.img_size)
    if enc_wrapped is None and os.path.exists(os.path.join(out, "encoder.onnx")):
        os.remove(os.path.join(out, "encoder.onnx"))

    desc = ("GIRAFFE-HD-style generator trained here on the synthetic scenes dataset (7 shapes, 8 colours x 5 "
            "textures, 8 backgrounds; camera on a sphere; 1-2 objects on a ground plane). Each latent factor lists "
            "its trained classes by name (pick them under class).")
    m = bundle.manifest_for(cfg, model_id, ranges, samples=samples, description=desc,
                            encoder_img=cfg.img_size if enc_wrapped is not None else None, codes=codes)
    bundle.write_manifest_file(out, m)
    bundle.write_codes(os.path.join(out, "codes.json"), codes)

    # parity reference: 3 test_unseen scenes (one with the 2nd object off) + encoder on their true images
    sets = []
    for i, j in enumerate(take[:3]):
        fi = {k: v[j:j + 1] for k, v in val.items()}
        inp = generator_inputs(gen, codes, fi)
        if i == 2:
            inp["obj_presence"] = torch.tensor([[1.0, 0.0]])
        sets.append(inp)
    gen_cases = reference.cases(gen, sets, gen.input_names, ["image", "mask"], [f"unseen-{j}" for j in take[:3]])
    enc_block = None
    if enc_wrapped is not None:
        imgs = [{"image": torch.from_numpy(val["rgb"][j:j + 1]).permute(0, 3, 1, 2).float() / 255.0}
                for j in take[:3]]
        enc_block = dict(tolerance=1e-4, cases=reference.cases(enc_wrapped, imgs, ["image"], ExportEncoder.OUTPUTS,
                                                                [f"unseen-{j}" for j in take[:3]]))
    ref_path = os.path.join(a.run, "bundle_reference.json")
    reference.write(ref_path, model_id, os.path.relpath(onnx_path), gen_cases, encoder=enc_block)

    n_params = sum(p.numel() for p in gen.parameters())
    dc = bundle.load_json(os.path.join(a.data, "config.json"), {})
    n_train = len(data_io.shard_io.split_shards(a.data, "train")) * dc.get("shard_size", 1000)
    enc_info = None
    if eck is not None:
        crop = getattr(enc_wrapped.enc, "crop", 0)
        stages = (f"two stages: a global CNN (camera, background, each slot's presence, translation and scale) "
                  f"and a crop CNN that reads each slot's shape, colour, texture and yaw from a {crop}x{crop} crop "
                  f"of its window (projected with the estimated camera and pose)" if crop else "one global CNN")
        enc_args = eck.get("train_args", {})
        init = f", its global stage started from {enc_args['init_from']}" if enc_args.get("init_from") else ""
        enc_info = (f"a {sum(p.numel() for p in enc_wrapped.enc.parameters()):,}-parameter encoder in {stages}, "
                    f"trained {eck.get('step', '?')} steps on dataset images and generator renders of random factor "
                    f"combinations{init}; outputs per object slot (2) and global, see manifest.encoder.outputs.")
    card.write_card(out, model_id=model_id, cfg=cfg.to_dict(), train_args=ck.get("train_args", {}),
                    step=ck["step"], hours=ck["elapsed_s"] / 3600, history=ck.get("history", []), n_params=n_params,
                    onnx_bytes=os.path.getsize(onnx_path), enc_info=enc_info,
                    data_info=dict(root=a.data, train=n_train,
                                   test=f"{dc.get('counts', {}).get('test_seen', '?')} / "
                                        f"{dc.get('counts', {}).get('test_unseen', '?')}"))
    size = bundle.bundle_size(out)
    print(f"exported {model_id} (step {ck['step']}, {'raw' if a.raw else 'EMA'} weights) -> {out}: "
          f"{size / 1e6:.2f} MB; reference {ref_path}")
    if size > MAX_BYTES:
        print(f"error: bundle is {size / 1e6:.1f} MB > 20 MB", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
