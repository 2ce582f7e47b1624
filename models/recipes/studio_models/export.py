"""ONNX export: opset 17, every input/output has a dynamic axis 0 named "batch", names from INPUT_NAMES.

Why a dedicated function: the names are the contract with manifest.json and the TypeScript adapter, and
the checks (onnx.checker, a batch-2 trace) must run on every export, fixture or built-in.
"""
import torch
import onnx

from .generator import OUTPUT_NAMES


def export_onnx(gen, path: str, batch: int = 2) -> onnx.ModelProto:
    gen.eval()
    names = gen.input_names
    ex = gen.example_inputs(batch=batch)
    args = tuple(ex[n] for n in names)
    dyn = {n: {0: "batch"} for n in list(names) + OUTPUT_NAMES}
    with torch.no_grad():
        torch.onnx.export(gen, args, path, input_names=list(names), output_names=OUTPUT_NAMES,
                          dynamic_axes=dyn, opset_version=17, do_constant_folding=True)
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    got = [i.name for i in model.graph.input]
    if got != list(names):
        raise RuntimeError(f"exported inputs {got} != {names}")
    return model
