// Shared helpers for the Node scripts: load onnxruntime-web (WASM, 1 thread) and run a session.
// Node resolves 'onnxruntime-web' from /work/main/node_modules because these scripts live in the repo.
import * as ort from 'onnxruntime-web';
import { readFileSync } from 'node:fs';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

export { ort };

export async function createSession(path) {
  return ort.InferenceSession.create(readFileSync(path), { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
}

/** feeds: { name: { dims, data: Float32Array } } -> { name: { dims, data } } */
export async function run(session, feeds) {
  const f = {};
  for (const [k, v] of Object.entries(feeds)) f[k] = new ort.Tensor('float32', v.data, v.dims);
  const out = await session.run(f);
  const r = {};
  for (const [k, v] of Object.entries(out)) r[k] = { dims: [...v.dims], data: v.data };
  return r;
}

/** A reference tensor stored as base64 little-endian float32 (tests/fixtures/*.reference.json). */
export function decode(o) {
  const buf = Buffer.from(o.data, 'base64');
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

/** Largest absolute difference of two arrays; Infinity when their lengths differ. */
export function maxAbs(a, b) {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return a.length === b.length ? m : Infinity;
}
