/**
 * Reads the committed fixture bundles and their PyTorch references (format studio-reference-v1, see the
 * `format` field of tests/fixtures/<id>.reference.json).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseManifest } from '../../src/bundles/parseManifest';
import type { Manifest } from '../../src/families/manifest';
import type { TensorData } from '../../src/families/types';

export const FIXTURE_IDS = ['fixture-giraffe-tiny', 'fixture-giraffe-duo'] as const;

const root = resolve(import.meta.dirname, '../..');

export interface RawCase {
  name: string;
  inputs: Record<string, { dims: number[]; data: number[] }>;
  outputs: Record<string, { dims: number[]; dtype: 'float32'; encoding: 'base64-le'; data: string }>;
}

export interface ReferenceCase {
  name: string;
  inputs: Record<string, TensorData>;
  outputs: Record<string, TensorData>;
}

export interface Fixture {
  id: string;
  manifest: Manifest;
  generator: ArrayBuffer;
  tolerance: number;
  cases: ReferenceCase[];
}

/** A fresh ArrayBuffer holding exactly the file (Node's Buffer may share a larger pool). */
export function readBytes(path: string): ArrayBuffer {
  const buffer = readFileSync(resolve(root, path));
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}

function decodeFloat32(base64: string): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true));
}

/** Reference cases as tensors: inputs from their JSON numbers, outputs decoded from base64. */
export function parseCases(raw: RawCase[]): ReferenceCase[] {
  return raw.map((c) => ({
    name: c.name,
    inputs: Object.fromEntries(Object.entries(c.inputs).map(([k, v]) => [k, { dims: v.dims, data: Float32Array.from(v.data) }])),
    outputs: Object.fromEntries(Object.entries(c.outputs).map(([k, v]) => [k, { dims: v.dims, data: decodeFloat32(v.data) }])),
  }));
}

export function loadFixture(id: string): Fixture {
  const manifest = parseManifest(JSON.parse(readFileSync(resolve(root, `models/${id}/manifest.json`), 'utf8')));
  const reference = JSON.parse(readFileSync(resolve(root, `tests/fixtures/${id}.reference.json`), 'utf8')) as {
    tolerance: number;
    cases: RawCase[];
  };
  return { id, manifest, generator: readBytes(`models/${id}/${manifest.generator.file}`), tolerance: reference.tolerance, cases: parseCases(reference.cases) };
}

export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= max)) max = d; // NaN propagates as a failure
  }
  return max;
}
