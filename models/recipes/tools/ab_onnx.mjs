// A/B timing of two ONNX sessions on onnxruntime-web (WASM, 1 thread) in Node, robust to a noisy shared
// machine: both sessions live in one process and run interleaved (A, B, A, B, ...), and the verdict is the
// median of the per-pair time ratios B/A, so load that comes and goes hits both alike; the same for the process's
// CPU time per run (cpuRatioBOverA), the steadier figure while other jobs share the machine.
//   node models/recipes/tools/ab_onnx.mjs A.onnx B.onnx inputs.json [pairs=40] [optionsB.json]
// optionsB.json: extra session options for B only (e.g. {"freeDimensionOverrides": {"batch": 1}}); with
// B.onnx = A.onnx this times a session option alone. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ort, run } from './ort_node.mjs';

const [fileA, fileB, inputsFile, pairsArg, optionsFile] = process.argv.slice(2);
if (!fileA || !fileB || !inputsFile) {
  console.error('usage: node ab_onnx.mjs A.onnx B.onnx inputs.json [pairs=40] [optionsB.json]');
  process.exit(2);
}
const pairs = Number(pairsArg ?? 40);
const raw = JSON.parse(readFileSync(inputsFile, 'utf8'));
const feeds = {};
for (const [k, v] of Object.entries(raw)) feeds[k] = { dims: v.dims, data: Float32Array.from(v.data) };
const base = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
const optionsB = optionsFile ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {};
const a = await ort.InferenceSession.create(readFileSync(fileA), base);
const b = await ort.InferenceSession.create(readFileSync(fileB), { ...base, ...optionsB });
for (let i = 0; i < 5; i++) {
  await run(a, feeds);
  await run(b, feeds);
}
// Wall time and this process's CPU time per run: one WASM thread runs on the main thread, so CPU time is what
// the run itself cost, and load from other processes inflates it far less than wall time.
const cpu = { a: [], b: [] };
const time = async (s, key) => {
  const t = performance.now();
  const c = process.cpuUsage();
  await run(s, feeds);
  const d = process.cpuUsage(c);
  cpu[key].push((d.user + d.system) / 1000);
  return performance.now() - t;
};
const ta = [];
const tb = [];
for (let i = 0; i < pairs; i++) {
  // Alternate which goes first, so neither always runs on a cache warmed by the other.
  if (i % 2) { tb.push(await time(b, 'b')); ta.push(await time(a, 'a')); } else { ta.push(await time(a, 'a')); tb.push(await time(b, 'b')); }
}
const median = (v) => { const s = [...v].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const r = (x) => Math.round(x * 100) / 100;
console.log(JSON.stringify({
  a: fileA, b: fileB, optionsB, pairs,
  aMedianMs: r(median(ta)), bMedianMs: r(median(tb)), aMinMs: r(Math.min(...ta)), bMinMs: r(Math.min(...tb)),
  ratioBOverA: r(median(ta.map((x, i) => tb[i] / x))),
  cpuMedianMsA: r(median(cpu.a)), cpuMedianMsB: r(median(cpu.b)), cpuRatioBOverA: r(median(cpu.a.map((x, i) => cpu.b[i] / x))),
}));
