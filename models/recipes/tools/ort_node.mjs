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
