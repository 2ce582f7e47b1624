// Parity check of one bundle against a reference file written by `python -m train.export`:
//   node models/recipes/tools/check_bundle.mjs <bundle dir> <reference.json>
// onnxruntime-web (WASM, 1 thread, in Node) must reproduce the PyTorch outputs within the reference's tolerance
// for the generator (and the encoder when the reference has an "encoder" block), relative to each output's scale
// (max |value|, at least 1): float32 rounding grows with the value, and a confident encoder's logits reach ~20
// (1.1e-4 apart in absolute terms, 6e-6 relative); images, masks, codes and probabilities are within [-1, 1]
// or near it, so for them the check is the absolute one; the manifest's input/output
// names must equal the session's; a batch of 2 cases must equal the cases run one by one (unless the model is
// fixed to batch 1). Exits 1 on failure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSession, decode, maxAbs, run } from './ort_node.mjs';

const [dir, refPath] = process.argv.slice(2);
if (!dir || !refPath) {
  console.log('usage: node check_bundle.mjs <bundle dir> <reference.json>');
  process.exit(2);
}
const ref = JSON.parse(readFileSync(refPath, 'utf8'));
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

let failed = false;

async function check(label, file, cases, inNames, outNames, tolerance) {
  const session = await createSession(join(dir, file));
  if (inNames.join(',') !== session.inputNames.join(',') || outNames.join(',') !== session.outputNames.join(',')) {
    console.log(`${label}: manifest names ${inNames} / ${outNames} != session ${session.inputNames} / ${session.outputNames}`);
    failed = true;
  }
  let worst = 0;
  const got = [];
  for (const c of cases) {
    const feeds = {};
    for (const [k, v] of Object.entries(c.inputs)) feeds[k] = { dims: v.dims, data: Float32Array.from(v.data) };
    const out = await run(session, feeds);
    got.push(out);
    const diffs = Object.entries(c.outputs).map(([k, v]) => {
      const want = decode(v);
      const scale = want.reduce((m, x) => Math.max(m, Math.abs(x)), 1);   // max(1, max |value|)
      return [k, maxAbs(out[k].data, want) / scale];
    });
    worst = Math.max(worst, ...diffs.map((d) => d[1]));
    console.log(`${label} / ${c.name}: ` + diffs.map(([k, d]) => `${k} ${d.toExponential(2)}`).join(', '));
  }
  let batchDiff = 0;
  // A model fixed to batch 1 (the deferred generator, studio_models/export.py) has no batch of 2 to check.
  const fixedBatch1 = session.inputMetadata?.every((m) => m.isTensor && m.shape?.[0] === 1);
  if (fixedBatch1) console.log(`${label}: fixed to batch 1 (no batch-2 check)`);
  if (cases.length >= 2 && !fixedBatch1) {
    const [a, b] = cases;
    const feeds = {};
    for (const k of Object.keys(a.inputs))
      feeds[k] = { dims: [2, ...a.inputs[k].dims.slice(1)], data: Float32Array.from([...a.inputs[k].data, ...b.inputs[k].data]) };
    const out = await run(session, feeds);
    for (const k of Object.keys(a.outputs)) {
      const n = out[k].data.length / 2;
      batchDiff = Math.max(batchDiff, maxAbs(out[k].data.subarray(0, n), got[0][k].data), maxAbs(out[k].data.subarray(n), got[1][k].data));
    }
  }
  const batchNote = fixedBatch1 ? 'batch 1 only' : `batch-2 vs batch-1 ${batchDiff.toExponential(2)}`;
  console.log(`${label}: worst max|diff| / max(1, max|value|) ${worst.toExponential(2)} (tolerance ${tolerance}); ${batchNote}`);
  if (!(worst <= tolerance) || !(batchDiff <= tolerance)) failed = true;
}

await check(`${manifest.id} generator`, manifest.generator.file, ref.cases,
  manifest.generator.inputs.map((i) => i.name), manifest.generator.outputs.map((o) => o.name), ref.tolerance);
if (ref.encoder) {
  if (!manifest.encoder) {
    console.log('reference has an encoder block but the manifest has no encoder');
    failed = true;
  } else {
    await check(`${manifest.id} encoder`, manifest.encoder.file, ref.encoder.cases, [manifest.encoder.input.name],
      manifest.encoder.outputs.map((o) => o.name), ref.encoder.tolerance ?? ref.tolerance);
  }
}
console.log(failed ? 'BUNDLE PARITY FAILED' : 'bundle parity ok');
process.exit(failed ? 1 : 0);
