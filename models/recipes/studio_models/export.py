"""ONNX export: opset 17, names from INPUT_NAMES; every input/output has a dynamic axis 0 named "batch", except
the deferred model's, which is fixed to batch 1.

Why a dedicated function: the names are the contract with manifest.json and the TypeScript adapter, and
the checks (onnx.checker, a batch-2 trace) must run on every export, fixture or built-in.

Why batch 1 for the deferred model: the studio renders one frame per run (src/families/validate.ts accepts a
model fixed to batch 1 where the manifest says "batch"), and traced at batch 1 its painters take each code
as one broadcast row (deferred.py ``per_point``): at batch > 1 every painted pixel gathers its item's code
terms, ~1 ms of a ~20 ms frame in onnxruntime-web. tools/check_bundle.mjs skips its batch-2 check for it.
"""
import torch
import onnx

from .generator import OUTPUT_NAMES


def export_onnx(gen, path: str, batch: int = 2) -> onnx.ModelProto:
    gen.eval()
    names = gen.input_names
    single = gen.cfg.deferred
    ex = gen.example_inputs(batch=1 if single else batch)
    args = tuple(ex[n] for n in names)
    dyn = None if single else {n: {0: "batch"} for n in list(names) + OUTPUT_NAMES}
    with torch.no_grad():
        torch.onnx.export(gen, args, path, input_names=list(names), output_names=OUTPUT_NAMES,
                          dynamic_axes=dyn, opset_version=17, do_constant_folding=True)
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    got = [i.name for i in model.graph.input]
    if got != list(names):
        raise RuntimeError(f"exported inputs {got} != {names}")
    return model
