// Parity check: onnxruntime-web (WASM, 1 thread, in Node) must reproduce the PyTorch outputs stored in
// tests/fixtures/<id>.reference.json (written by models/recipes/make_fixtures.py).
//   node models/recipes/tools/check_parity.mjs [id ...]      (default: every *.reference.json)
// Also checks: manifest input/output names == session names, and that a batch of 2 cases gives the same
// outputs as the cases run one by one (dynamic batch axis). Exits 1 on any failure.
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSession, decode, maxAbs, run } from './ort_node.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const FIX = join(ROOT, 'tests', 'fixtures');

const ids = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync(FIX).filter((f) => f.endsWith('.reference.json')).map((f) => f.replace('.reference.json', ''));

let failed = false;
for (const id of ids) {
  const ref = JSON.parse(readFileSync(join(FIX, `${id}.reference.json`), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(ROOT, 'models', id, 'manifest.json'), 'utf8'));
  const session = await createSession(join(ROOT, ref.onnx));
  const mIn = manifest.generator.inputs.map((i) => i.name).join(',');
  const mOut = manifest.generator.outputs.map((o) => o.name).join(',');
  if (mIn !== session.inputNames.join(',') || mOut !== session.outputNames.join(',')) {
    console.log(`${id}: manifest names ${mIn} / ${mOut} != session ${session.inputNames} / ${session.outputNames}`);
    failed = true;
  }
  let worst = 0;
  const got = [];
  for (const c of ref.cases) {
    const feeds = {};
    for (const [k, v] of Object.entries(c.inputs)) feeds[k] = { dims: v.dims, data: Float32Array.from(v.data) };
    const out = await run(session, feeds);
    got.push(out);
    const diffs = Object.entries(c.outputs).map(([k, v]) => [k, maxAbs(out[k].data, decode(v))]);
    const m = Math.max(...diffs.map((d) => d[1]));
    worst = Math.max(worst, m);
    console.log(`${id} / ${c.name}: ` + diffs.map(([k, d]) => `${k} max|diff| ${d.toExponential(2)}`).join(', '));
  }
  // batch of the first two cases
  const [a, b] = ref.cases;
  const feeds = {};
  for (const k of Object.keys(a.inputs)) {
    const dims = [2, ...a.inputs[k].dims.slice(1)];
    feeds[k] = { dims, data: Float32Array.from([...a.inputs[k].data, ...b.inputs[k].data]) };
  }
  const out = await run(session, feeds);
  let batchDiff = 0;
  for (const k of Object.keys(a.outputs)) {
    const n = out[k].data.length / 2;
    batchDiff = Math.max(batchDiff, maxAbs(out[k].data.subarray(0, n), got[0][k].data),
      maxAbs(out[k].data.subarray(n), got[1][k].data));
  }
  console.log(`${id}: worst max|diff| ${worst.toExponential(2)} (tolerance ${ref.tolerance}); batch-2 vs batch-1 ${batchDiff.toExponential(2)}`);
  if (!(worst <= ref.tolerance) || !(batchDiff <= ref.tolerance)) failed = true;
}
console.log(failed ? 'PARITY FAILED' : 'parity ok');
process.exit(failed ? 1 : 0);
