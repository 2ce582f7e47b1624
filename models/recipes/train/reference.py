"""Parity references for an exported bundle: fixed inputs and the PyTorch outputs, in the format of
tests/fixtures/*.reference.json (studio-reference-v1, see make_fixtures.py), so that
tools/check_bundle.mjs (and check_parity.mjs) can prove onnxruntime-web computes what PyTorch computes.

Why the inputs are round-tripped through their JSON text first: the reference must be computed from exactly
the float32 values the JSON holds.
"""
import base64
import json

import numpy as np
import torch

FORMAT = ("studio-reference-v1: cases[i].inputs[name] = {dims, data} (exact float32 values, row-major); "
          "cases[i].outputs[name] = {dims, dtype: 'float32', encoding: 'base64-le', data}; "
          "pass: max |onnx - reference| <= tolerance for every output. Optional 'encoder' block: same, for "
          "encoder.onnx.")


def f32_list(t):
    return [float(str(v)) for v in t.detach().numpy().astype(np.float32).reshape(-1)]


def b64(t):
    return base64.b64encode(t.detach().numpy().astype("<f4").tobytes()).decode("ascii")


def roundtrip(inp: dict) -> dict:
    return {k: torch.tensor(f32_list(v), dtype=torch.float32).reshape(v.shape) for k, v in inp.items()}


def cases(module, input_sets, names, out_names, labels):
    """Run ``module`` on each input set (dict name -> tensor, batch 1) -> list of reference cases."""
    out = []
    for label, inp in zip(labels, input_sets):
        inp = roundtrip({k: inp[k] for k in names})
        with torch.no_grad():
            res = module(*[inp[k] for k in names])
        res = res if isinstance(res, (tuple, list)) else (res,)
        out.append(dict(name=label,
                        inputs={k: dict(dims=list(inp[k].shape), data=f32_list(inp[k])) for k in names},
                        outputs={k: dict(dims=list(v.shape), dtype="float32", encoding="base64-le", data=b64(v))
                                 for k, v in zip(out_names, res)}))
    return out


def write(path, model_id, onnx_rel, gen_cases, tolerance=1e-4, encoder=None):
    ref = dict(format=FORMAT, model=model_id, onnx=onnx_rel, tolerance=tolerance, torch=torch.__version__,
               generatedBy="models/recipes/train/export.py", cases=gen_cases)
    if encoder is not None:
        ref["encoder"] = encoder
    with open(path, "w") as f:
        json.dump(ref, f, separators=(",", ":"))
        f.write("\n")
