// Time a generator in onnxruntime-web (WASM, 1 thread) in Node: warm, median of N runs.
//   node models/recipes/tools/time_onnx.mjs model.onnx inputs.json [runs=30]
// inputs.json: { name: { dims, data: number[] } }  (speed_probe.py writes it next to the model).
// Prints one JSON line: { file, runs, cpuMedianMs, p25Ms, medianMs, p90Ms, minMs, createMs }. On a shared, loaded machine
// min/p25 are the more honest figures (other jobs only ever add time); cpuMedianMs is the process CPU time per
// run (1 WASM thread runs on the main thread), which contention inflates far less than wall time.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createSession, run } from './ort_node.mjs';

const [file, inputsFile, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 30);
const raw = JSON.parse(readFileSync(inputsFile, 'utf8'));
const feeds = {};
for (const [k, v] of Object.entries(raw)) feeds[k] = { dims: v.dims, data: Float32Array.from(v.data) };
let t = performance.now();
const session = await createSession(file);
const createMs = performance.now() - t;
for (let i = 0; i < 5; i++) await run(session, feeds);
const times = [];
const cpu = [];
for (let i = 0; i < runs; i++) {
  t = performance.now();
  const c = process.cpuUsage();
  await run(session, feeds);
  const d = process.cpuUsage(c);
  times.push(performance.now() - t);
  cpu.push((d.user + d.system) / 1000);
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
const cpuMedianMs = +cpu[Math.floor(cpu.length / 2)].toFixed(2);
console.log(JSON.stringify({ file, runs, cpuMedianMs, p25Ms: +q(0.25).toFixed(2), medianMs: +q(0.5).toFixed(2), p90Ms: +q(0.9).toFixed(2), minMs: +times[0].toFixed(2), createMs: +createMs.toFixed(0) }));
