"""ONNX export: opset 17, names from INPUT_NAMES; every input/output has a dynamic axis 0 named "batch", except
the deferred model's, which is fixed to batch 1.

Why a dedicated function: the names are the contract with manifest.json and the TypeScript adapter, and
the checks (onnx.checker, a batch-2 trace) must run on every export, fixture or built-in.

Why batch 1 for the deferred model: the studio renders one frame per run (src/families/validate.ts accepts a
model fixed to batch 1 where the manifest says "batch"), and traced at batch 1 its painters take each code
as one broadcast row (deferred.py ``per_point``): at batch > 1 every painted pixel gathers its item's code
terms, ~1 ms of a ~20 ms frame in onnxruntime-web. tools/check_bundle.mjs skips its batch-2 check for it.
"""
import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper

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
    if shrink_zero_constants(model):
        onnx.save(model, path)
    onnx.checker.check_model(model, full_check=True)
    got = [i.name for i in model.graph.input]
    if got != list(names):
        raise RuntimeError(f"exported inputs {got} != {names}")
    return model


def shrink_zero_constants(model: onnx.ModelProto, min_elements: int = 1024) -> int:
    """Replace large all-zero Constant nodes by ConstantOfShape (the shape, 0 as the value).

    Why: traced at a fixed batch, ``torch.zeros_like`` of a full-resolution layer (a scatter's base) is folded
    into a constant, ~1 MB of zeros in the deferred generator's file; ConstantOfShape fills it at run time
    (a memset). Returns how many were replaced."""
    n = 0
    for node in list(model.graph.node):
        if node.op_type != "Constant" or not node.attribute or node.attribute[0].name != "value":
            continue
        a = numpy_helper.to_array(node.attribute[0].t)
        if a.size < min_elements or np.any(a):
            continue
        shape_name = node.output[0] + "_shape"
        shape = helper.make_node("Constant", [], [shape_name],
                                 value=numpy_helper.from_array(np.array(a.shape, np.int64), shape_name))
        fill = helper.make_node("ConstantOfShape", [shape_name], [node.output[0]], name=node.name + "_zeros",
                                value=numpy_helper.from_array(np.zeros(1, a.dtype)))
        idx = list(model.graph.node).index(node)
        model.graph.node.remove(node)
        model.graph.node.insert(idx, fill)
        model.graph.node.insert(idx, shape)
        n += 1
    return n
