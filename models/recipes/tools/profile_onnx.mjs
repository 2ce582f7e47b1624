// Where a generator's time goes in onnxruntime-web (WASM, 1 thread) in Node: ORT's own profiler, per node
// the minimum over the timed runs (a shared machine only ever adds time), summed per op type.
//   node models/recipes/tools/profile_onnx.mjs model.onnx inputs.json [runs=10] [top=20]
// inputs.json as for time_onnx.mjs. This is how the GIRAFFE converter's layout was chosen (convert/README.md):
// measure the ops, change the graph, measure again.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ort } from './ort_node.mjs';

const [file, inputsFile, runsArg, topArg] = process.argv.slice(2);
if (!file || !inputsFile) {
  console.error('usage: node profile_onnx.mjs model.onnx inputs.json [runs=10] [top=20]');
  process.exit(2);
}
const runs = Number(runsArg ?? 10);
const top = Number(topArg ?? 20);
const raw = JSON.parse(readFileSync(inputsFile, 'utf8'));
const feeds = {};
for (const [k, v] of Object.entries(raw)) feeds[k] = new ort.Tensor('float32', Float32Array.from(v.data), v.dims);
// The WASM build prints its profile (JSON) straight to stdout when profiling ends, so the session runs in a
// child process whose output is parsed here.
let text;
if (process.env.PROFILE_ONNX_CHILD) {
  const session = await ort.InferenceSession.create(readFileSync(file), {
    executionProviders: ['wasm'], graphOptimizationLevel: 'all', enableProfiling: true,
  });
  for (let i = 0; i < runs + 2; i++) await session.run(feeds);
  session.endProfiling();
  process.exit(0);
} else {
  const child = spawnSync(process.execPath, process.argv.slice(1), {
    env: { ...process.env, PROFILE_ONNX_CHILD: '1' }, maxBuffer: 1 << 30, encoding: 'utf8',
  });
  if (child.status !== 0) {
    console.error(child.stderr);
    process.exit(1);
  }
  text = child.stdout;
}
const events = JSON.parse(text.slice(text.indexOf('['), text.lastIndexOf(']') + 1));

const runEvents = events.filter((e) => e.name === 'model_run').slice(2);
const nodes = events.filter((e) => e.cat === 'Node');
const perNode = new Map();
for (const r of runEvents) {
  const sums = new Map();
  for (const e of nodes) if (e.ts >= r.ts && e.ts <= r.ts + r.dur) sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur);
  for (const [name, dur] of sums) perNode.set(name, Math.min(perNode.get(name) ?? Infinity, dur));
}
const opOf = new Map(nodes.map((e) => [e.name, e.args.op_name]));
const perOp = new Map();
for (const [name, dur] of perNode) perOp.set(opOf.get(name), (perOp.get(opOf.get(name)) ?? 0) + dur);
const ms = (us) => (us / 1000).toFixed(2).padStart(8);
const runMs = runEvents.map((r) => r.dur / 1000).sort((a, b) => a - b);
console.log(`${file}: ${runEvents.length} runs, fastest ${runMs[0].toFixed(1)} ms, median ${runMs[runMs.length >> 1].toFixed(1)} ms; ` +
  `sum of per-node minima ${(Array.from(perNode.values()).reduce((a, b) => a + b, 0) / 1000).toFixed(1)} ms`);
console.log('\nper op type (ms)');
for (const [op, dur] of [...perOp].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${ms(dur)}  ${op}`);
console.log(`\nslowest ${top} nodes (ms)`);
for (const [name, dur] of [...perNode].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${ms(dur)}  ${opOf.get(name).padEnd(16)} ${name.replace(/_kernel_time$/, '')}`);
}
