/**
 * The same models on onnxruntime-web (WASM, 1 thread) in Node: inference time per frame, and memory over
 * many generations (rss after a 200-run warm-up vs after the run: flat means tensors are disposed).
 */
import { loadNodeModel } from './nodeModel.ts';
import { percentiles, type BenchModule, type BenchRow } from './types.ts';

const MB = 1024 * 1024;

export const nodeBench: BenchModule = async (ctx) => {
  const rows: BenchRow[] = [];
  for (const model of ctx.models) {
    const { engine, key, feeds } = await loadNodeModel(model);
    for (let i = 0; i < 5; i++) await engine.run(key, 'generator', feeds);
    const times: number[] = [];
    for (let i = 0; i < (ctx.quick ? 30 : 100); i++) {
      const t0 = performance.now();
      await engine.run(key, 'generator', feeds);
      times.push(performance.now() - t0);
    }
    const { p50, p95 } = percentiles(times);
    rows.push({ metric: 'inference per frame', model, runtime: 'node wasm (1 thread)', value: p50, p95, unit: 'ms', samples: times.length });

    const generations = ctx.quick ? 300 : 1000;
    // WASM memory grows to its peak over the first runs and never shrinks: warm up before measuring.
    for (let i = 0; i < 200; i++) await engine.run(key, 'generator', feeds);
    global.gc?.();
    const before = process.memoryUsage().rss;
    for (let i = 0; i < generations; i++) await engine.run(key, 'generator', feeds);
    global.gc?.();
    const growth = (process.memoryUsage().rss - before) / MB;
    rows.push({
      metric: `memory growth over ${generations} generations`, model, runtime: 'node wasm (1 thread)', value: growth, unit: 'MB',
      target: '< 20 (flat)', pass: growth < 20,
    });
    engine.dispose();
  }
  return rows;
};
