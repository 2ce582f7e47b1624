"""ONNX export shared by the families: opset 17, dynamic batch axis on every input and output, checker.

Why one function: the input/output names are the contract with manifest.json, so the export verifies that
the graph's names are exactly the ones the manifest will declare.
"""
import onnx
import torch

from .errors import ConvertError


def export(model: torch.nn.Module, example: dict, output_names: list, path: str) -> None:
    """Trace `model(*example.values())` and write `path`; raises ConvertError if the graph's I/O differ."""
    model.eval()
    names = list(example)
    dyn = {n: {0: "batch"} for n in names + list(output_names)}
    with torch.no_grad():
        torch.onnx.export(model, tuple(example.values()), path, input_names=names, output_names=list(output_names),
                          dynamic_axes=dyn, opset_version=17, do_constant_folding=True)
    m = onnx.load(path)
    onnx.checker.check_model(m, full_check=True)
    got_in = [i.name for i in m.graph.input]
    got_out = [o.name for o in m.graph.output]
    if got_in != names or got_out != list(output_names):
        raise ConvertError(f"exported graph I/O {got_in} -> {got_out} differ from {names} -> {output_names}")
