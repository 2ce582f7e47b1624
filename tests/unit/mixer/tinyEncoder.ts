/**
 * A tiny linear encoder for the fixture-giraffe-duo bundle, written in TypeScript (tests/engine/onnxWriter):
 * each code dimension j is the mean of one colour channel of the input image (shape: channel j%3, texture:
 * (j+1)%3, background: (j+2)%3), so for a flat-colour image the exact codes are known without a trained
 * model, and the whole browser path (decode, crop, tensor, encoder session, codes) can be checked exactly.
 */
import { writeOnnx } from '../../engine/onnxWriter';

export const TINY_ENCODER_SIZE = 16;
const DIM = 16;
const FACTORS = [
  { id: 'shape', output: 'code_shape', shift: 0 },
  { id: 'texture', output: 'code_app', shift: 1 },
  { id: 'background', output: 'code_bg', shift: 2 },
] as const;

function weights(shift: number): Float32Array {
  const plane = TINY_ENCODER_SIZE * TINY_ENCODER_SIZE;
  const w = new Float32Array(3 * plane * DIM);
  for (let c = 0; c < 3; c++) for (let p = 0; p < plane; p++) for (let j = 0; j < DIM; j++) if ((j + shift) % 3 === c) w[(c * plane + p) * DIM + j] = 1 / plane;
  return w;
}

export function tinyEncoderOnnx(): ArrayBuffer {
  const s = TINY_ENCODER_SIZE;
  return writeOnnx({
    inputs: [{ name: 'img', shape: ['batch', 3, s, s] }],
    outputs: FACTORS.map((f) => ({ name: f.output, shape: ['batch', DIM] })),
    nodes: [{ op: 'Flatten', inputs: ['img'], outputs: ['flat'] }, ...FACTORS.map((f) => ({ op: 'MatMul', inputs: ['flat', `w_${f.id}`], outputs: [f.output] }))],
    initializers: FACTORS.map((f) => ({ name: `w_${f.id}`, dims: [3 * s * s, DIM], values: weights(f.shift) })),
  });
}

/** The manifest's encoder section for it (input range [-1, 1]). */
export function tinyEncoderSpec() {
  const s = TINY_ENCODER_SIZE;
  return {
    file: 'encoder.onnx',
    input: { name: 'img', shape: ['batch', 3, s, s], range: [-1, 1] },
    outputs: FACTORS.map((f) => ({ name: f.output, shape: ['batch', DIM], role: `code:${f.id}` })),
  };
}

/** The codes the encoder gives for a flat colour [r, g, b] (0..255). */
export function expectedCodes(rgb: [number, number, number]): Record<string, number[]> {
  const value = (c: number) => -1 + (2 * rgb[c]) / 255;
  return Object.fromEntries(FACTORS.map((f) => [f.id, Array.from({ length: DIM }, (_, j) => value((j + f.shift) % 3))]));
}
