"""Rewrite an exported generator so the texture painter runs only on the crop pixels the shape covers.

    /usr/bin/python3 -m mnm.cull ../scenes-mixnmatch-128/generator.onnx      # in place (export.py does it too)

Why: the painter (mnm/model.py TexturePainter) is a per-pixel MLP over all 64x64 crop pixels, and its 32
Fourier features cost one Sin and one Cos per feature and pixel: in onnxruntime-web (WASM) it was ~7 of
~20 ms per frame (tools/profile_onnx.mjs), while the shape covers 20-55% of the crop. Its albedo is only
ever used times the crop mask (colour = albedo * diffuse + specular, drawn premultiplied by the mask), so
pixels whose mask is below THRESHOLD get albedo 0 instead: the image changes by at most THRESHOLD x 1.2
(the largest diffuse term), 1.2e-5, far inside the bundle's 1e-4 parity tolerance.

The rewrite is a graph pass (not a second torch forward) so that it applies to the committed bundle as it is:
NonZero(mask > THRESHOLD) -> Gather the box points -> the same MLP as MatMuls on [K, C] rows (code terms
gathered per row's batch item) -> ScatterElements back into a zero [B*H*W, n_out] field -> the painter's old
output tensor, so nothing downstream changes. K may be 0 (nothing covered): no -1 reshape of a possibly
empty tensor (onnxruntime rejects those). Idempotent: a culled graph has no painter convs left to replace.
"""
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto

THRESHOLD = 1e-5
PAINTER = "/gen/painter/"
OUT = "/gen/painter/Sigmoid_output_0"


def _producers(graph):
    return {o: n for n in graph.node for o in n.output}


def _const_ints(graph, name):
    """Value of a Constant node's output or an initializer, as a list of ints."""
    for n in graph.node:
        if n.op_type == "Constant" and n.output[0] == name:
            return numpy_helper.to_array(n.attribute[0].t).reshape(-1).tolist()
    for i in graph.initializer:
        if i.name == name:
            return numpy_helper.to_array(i).reshape(-1).tolist()
    raise KeyError(name)


def _crop_mask(graph, prod):
    """The crop mask tensor: Sigmoid(Slice(p_head output, channel 0:1))."""
    for n in graph.node:
        if n.op_type != "Sigmoid" or n.input[0] not in prod:
            continue
        s = prod[n.input[0]]
        if s.op_type == "Slice" and prod.get(s.input[0]) is not None and prod[s.input[0]].name == "/gen/p_head/Conv":
            if _const_ints(graph, s.input[1]) == [0] and _const_ints(graph, s.input[2]) == [1]:
                return n.output[0]
    raise ValueError("no crop mask (Sigmoid of p_head channel 0) in this graph")


def cull_painter(model: onnx.ModelProto, threshold: float = THRESHOLD) -> onnx.ModelProto:
    g = model.graph
    painter = [n for n in g.node if n.name.startswith(PAINTER)]
    if not any(n.op_type == "Conv" for n in painter):
        if any(n.name.startswith("/gen/painter_culled/") for n in g.node):
            return model  # already culled
        raise ValueError("no painter in this graph (no /gen/painter/ convs): was it exported through "
                         "TexturePainter.__call__? (mnm/model.py)")
    prod = _producers(g)
    box = next(n for n in painter if n.name == PAINTER + "Conv").input[0]
    mask = _crop_mask(g, prod)
    init = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    w = lambda k: init["gen.painter." + k]  # noqa: E731
    hidden = w("inp.weight").shape[0]
    n_out = w("out.weight").shape[0]
    # the painter's code: what its code_bias Gemm reads (the pattern marginal of c_code; c_code itself in
    # bundles from before the two-tone painter)
    code = next(n for n in painter if n.name == PAINTER + "code_bias/Gemm").input[0]
    consts = {
        "cull/freq_t": w("freqs").reshape(w("freqs").shape[0], 3).T,
        "cull/inp_t": w("inp.weight")[:, :, 0, 0].T, "cull/inp_b": w("inp.bias"),
        "cull/mid_t": w("mid.weight")[:, :, 0, 0].T, "cull/mid_b": w("mid.bias"),
        "cull/out_t": w("out.weight")[:, :, 0, 0].T, "cull/out_b": w("out.bias"),
        "cull/shape_p3": np.array([-1, 3], np.int64), "cull/shape_flat": np.array([-1], np.int64),
        "cull/thr": np.array(threshold, np.float32), "cull/ax0": np.array([0], np.int64),
        "cull/ax1": np.array([1], np.int64), "cull/one": np.array(1.0, np.float32),
        "cull/h0": np.array([0], np.int64), "cull/h1": np.array([hidden], np.int64),
        "cull/h2": np.array([2 * hidden], np.int64), "cull/i1": np.array([1], np.int64),
        "cull/i2": np.array([2], np.int64), "cull/i3": np.array([3], np.int64),
        "cull/n_out": np.array([n_out], np.int64),
    }
    new_inits = [numpy_helper.from_array(np.ascontiguousarray(v.astype(np.int64 if v.dtype == np.int64 else np.float32)), k)
                 for k, v in consts.items()]
    node = lambda op, ins, outs, **kw: helper.make_node(op, ins, outs, name="/gen/painter_culled/" + outs[0].split("/")[-1], **kw)  # noqa: E731
    t = lambda s: "cull/" + s  # noqa: E731
    nodes = [
        node("Transpose", [box], [t("box_t")], perm=[0, 2, 3, 1]),                        # [B,H,W,3]
        node("Reshape", [t("box_t"), t("shape_p3")], [t("box_f")]),                       # [N,3]
        node("Reshape", [mask, t("shape_flat")], [t("mask_f")]),                          # [N]
        node("Greater", [t("mask_f"), t("thr")], [t("keep")]),
        node("NonZero", [t("keep")], [t("idx2")]),                                        # [1,K]
        node("Squeeze", [t("idx2"), t("ax0")], [t("idx")]),                               # [K]
        node("Gather", [t("box_f"), t("idx")], [t("pts")], axis=0),                       # [K,3]
        node("Shape", [t("box_t")], [t("dims")]),                                         # B, H, W, 3
        # pixels per batch item: H * W
        node("Slice", [t("dims"), t("i1"), t("i2")], [t("dim_h")]),
        node("Slice", [t("dims"), t("i2"), t("i3")], [t("dim_w")]),
        node("Mul", [t("dim_h"), t("dim_w")], [t("hw1")]),
        node("Squeeze", [t("hw1"), t("ax0")], [t("hw")]),
        node("Div", [t("idx"), t("hw")], [t("bidx")]),                                    # batch item per row
        node("Gemm", [code, "gen.painter.code_bias.weight", "gen.painter.code_bias.bias"], [t("cb")], transB=1),
        node("Gemm", [code, "gen.painter.code_film.weight", "gen.painter.code_film.bias"], [t("film")], transB=1),
        node("Slice", [t("film"), t("h0"), t("h1"), t("ax1")], [t("gamma")]),
        node("Slice", [t("film"), t("h1"), t("h2"), t("ax1")], [t("beta")]),
        node("Add", [t("gamma"), t("one")], [t("gamma1")]),
        node("Gather", [t("cb"), t("bidx")], [t("cb_k")], axis=0),
        node("Gather", [t("gamma1"), t("bidx")], [t("gamma_k")], axis=0),
        node("Gather", [t("beta"), t("bidx")], [t("beta_k")], axis=0),
        node("MatMul", [t("pts"), t("freq_t")], [t("phase")]),                            # [K,F]
        node("Sin", [t("phase")], [t("sin")]),
        node("Cos", [t("phase")], [t("cos")]),
        node("Concat", [t("sin"), t("cos"), t("pts")], [t("feat")], axis=1),              # as TexturePainter
        node("MatMul", [t("feat"), t("inp_t")], [t("h_mm")]),
        node("Add", [t("h_mm"), t("inp_b")], [t("h_b")]),
        node("Add", [t("h_b"), t("cb_k")], [t("h_pre")]),
        node("LeakyRelu", [t("h_pre")], [t("h")], alpha=0.2),
        node("MatMul", [t("h"), t("mid_t")], [t("m_mm")]),
        node("Add", [t("m_mm"), t("mid_b")], [t("m_b")]),
        node("Mul", [t("m_b"), t("gamma_k")], [t("m_g")]),
        node("Add", [t("m_g"), t("beta_k")], [t("m_pre")]),
        node("LeakyRelu", [t("m_pre")], [t("m")], alpha=0.2),
        node("MatMul", [t("m"), t("out_t")], [t("o_mm")]),
        node("Add", [t("o_mm"), t("out_b")], [t("o_b")]),
        node("Sigmoid", [t("o_b")], [t("albedo_k")]),                                     # [K,n_out]
        node("Shape", [t("mask_f")], [t("n_rows")]),
        node("Concat", [t("n_rows"), t("n_out")], [t("dense_shape")], axis=0),           # [N, n_out]
        node("ConstantOfShape", [t("dense_shape")], [t("zeros")],
             value=helper.make_tensor("zero", TensorProto.FLOAT, [1], [0.0])),
        node("Unsqueeze", [t("idx"), t("ax1")], [t("idx_col")]),
        node("Shape", [t("albedo_k")], [t("k3")]),
        node("Expand", [t("idx_col"), t("k3")], [t("idx_k3")]),
        node("ScatterElements", [t("zeros"), t("idx_k3"), t("albedo_k")], [t("albedo_f")], axis=0),
        node("Slice", [t("dims"), t("h0"), t("i3")], [t("dims3")]),                      # B, H, W
        node("Concat", [t("dims3"), t("n_out")], [t("dims_out")], axis=0),
        node("Reshape", [t("albedo_f"), t("dims_out")], [t("albedo_t")]),
        node("Transpose", [t("albedo_t")], [OUT], perm=[0, 3, 1, 2]),                     # [B,n_out,H,W]
    ]
    keep = [n for n in g.node if not n.name.startswith(PAINTER)]
    # New nodes go where the painter was: right after everything they read is produced (before its users).
    first_user = min(i for i, n in enumerate(keep) if OUT in n.input)
    del g.node[:]
    g.node.extend(keep[:first_user] + nodes + keep[first_user:])
    dropped = {"gen.painter.freqs", "gen.painter.inp.weight", "gen.painter.inp.bias", "gen.painter.mid.weight",
               "gen.painter.mid.bias", "gen.painter.out.weight", "gen.painter.out.bias"}
    kept_inits = [i for i in g.initializer if i.name not in dropped]
    del g.initializer[:]
    g.initializer.extend(kept_inits + new_inits)
    onnx.checker.check_model(model)
    return model


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m mnm.cull generator.onnx", file=sys.stderr)
        return 2
    model = cull_painter(onnx.load(args[0]))
    onnx.save(model, args[0])
    print(f"culled painter: {args[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
