/**
 * Writes tiny ONNX models in plain TypeScript (a minimal protobuf encoder), so engine tests can build
 * graphs with chosen shapes without Python or an extra package. Only the ModelProto fields ORT needs.
 */

import { concatBytes } from '../../src/lib/bytes';

type Field = Uint8Array;

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

function concat(parts: (Field | number[])[]): Field {
  return concatBytes(parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p))));
}

const key = (field: number, wire: number) => varint((field << 3) | wire);
const int = (field: number, value: number): Field => concat([key(field, 0), varint(value)]);
const bytes = (field: number, data: Field): Field => concat([key(field, 2), varint(data.length), data]);
const str = (field: number, text: string): Field => bytes(field, new TextEncoder().encode(text));
const message = (field: number, parts: Field[]): Field => bytes(field, concat(parts));

const FLOAT = 1;

/** A dimension: a fixed size or a symbolic name. */
export type OnnxDim = number | string;

function valueInfo(field: number, name: string, shape: OnnxDim[]): Field {
  const dims = shape.map((d) => message(1, [typeof d === 'number' ? int(1, d) : str(2, d)]));
  const tensorType = message(1, [int(1, FLOAT), message(2, dims)]);
  return message(field, [str(1, name), message(2, [tensorType])]);
}

export interface OnnxNode {
  op: string;
  inputs: string[];
  outputs: string[];
}

export interface OnnxGraph {
  inputs: { name: string; shape: OnnxDim[] }[];
  outputs: { name: string; shape: OnnxDim[] }[];
  nodes: OnnxNode[];
  /** float32 constants, by name. */
  initializers?: { name: string; dims: number[]; values: Float32Array }[];
}

/** Serialises a float32-only graph (opset 13) to ONNX bytes. */
export function writeOnnx(graph: OnnxGraph): ArrayBuffer {
  const nodes = graph.nodes.map((n, i) =>
    message(1, [...n.inputs.map((x) => str(1, x)), ...n.outputs.map((y) => str(2, y)), str(3, `n${i}`), str(4, n.op)]),
  );
  const initializers = (graph.initializers ?? []).map((t) =>
    message(5, [...t.dims.map((d) => int(1, d)), int(2, FLOAT), str(8, t.name), bytes(9, new Uint8Array(t.values.buffer.slice(0)))]),
  );
  const body = message(7, [
    ...nodes,
    str(2, 'test'),
    ...initializers,
    ...graph.inputs.map((t) => valueInfo(11, t.name, t.shape)),
    ...graph.outputs.map((t) => valueInfo(12, t.name, t.shape)),
  ]);
  const model = concat([int(1, 8), str(2, 'disentangle-studio-tests'), body, message(8, [str(1, ''), int(2, 13)])]);
  return model.buffer.slice(0) as ArrayBuffer;
}
