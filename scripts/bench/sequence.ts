/**
 * Sequence export in Node (onnxruntime-web WASM, 1 thread; PNG encoding on the CLI's worker pool), the
 * command line's path: export throughput
 * against the pure inference frame rate of the same model and frames (target >= 90%), and a long export
 * (10,000 frames, 500 with --quick) into a zip on disk with memory sampled, which must stay flat.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSequence } from '../../src/sequence/exportSequence.ts';
import { presetsFor } from '../../src/sequence/presets.ts';
import { frameStates } from '../../src/sequence/sampling.ts';
import type { SequenceSpec } from '../../src/sequence/spec.ts';
import { zipSink } from '../../src/sequence/zipSink.ts';
import type { FrameEncoder } from '../../src/sequence/encoder.ts';
import { loadDiskModel, type DiskModel } from '../render/diskModel.ts';
import { createEncoderPool } from '../render/encoderPool.ts';
import { nodeFileByteSink } from '../render/nodeSinks.ts';
import type { BenchModule, BenchRow } from './types.ts';

const MB = 1024 * 1024;
const RUNTIME = 'node wasm (1 thread)';

/** The turntable where the model has a camera, else the pose morph (a MixNMatch model's "turntable"). */
function turntable(model: DiskModel, frames: number): SequenceSpec {
  const base = model.adapter.defaultState(model.manifest);
  const presets = presetsFor(model.manifest, base);
  const preset = presets.find((p) => p.id === 'turntable') ?? presets.find((p) => p.id === 'pose-morph') ?? presets[0];
  if (!preset) throw new Error(`bench: ${model.manifest.id} offers no sequence preset`);
  return preset.build(base, frames);
}

/** Frames per second of engine.run alone over the spec's own feeds (feeds built before timing). */
async function inferenceFps(model: DiskModel, spec: SequenceSpec): Promise<number> {
  const feeds = [...frameStates(spec, model.manifest)].map(({ state }) => model.adapter.toFeeds(state, model.manifest));
  const started = performance.now();
  for (const f of feeds) await model.engine.run(model.key, 'generator', f);
  return (feeds.length * 1000) / (performance.now() - started);
}

async function exportFps(model: DiskModel, spec: SequenceSpec, zipPath: string, encoder: FrameEncoder): Promise<number> {
  const started = performance.now();
  const result = await exportSequence(spec, model, zipSink(nodeFileByteSink(zipPath)), { encoder });
  if (result.status !== 'complete') throw result.error ?? new Error(`export ${result.status}`);
  return (result.written * 1000) / (performance.now() - started);
}

/** The middle value (the mean of the two middle ones for an even count). */
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function throughputRows(model: DiskModel, frames: number, rounds: number, dir: string, encoder: FrameEncoder): Promise<BenchRow[]> {
  const spec = turntable(model, frames);
  // Warm-up of both paths: the engine's first runs and the encoder workers' first frames (module loading, JIT)
  // would otherwise fall inside a quick run's 40 frames and measure start-up, not the export rate.
  await inferenceFps(model, turntable(model, 5));
  await exportFps(model, turntable(model, 10), join(dir, 'warm-up.zip'), encoder);
  // Interleaved pairs, so load on a shared machine hits both alike; the ratio is the median of the pairs'
  // ratios (one-second measurements here swing by 20%: a single pair decided nothing).
  const inf: number[] = [];
  const exp: number[] = [];
  for (let round = 0; round < rounds; round++) {
    inf.push(await inferenceFps(model, spec));
    exp.push(await exportFps(model, spec, join(dir, 'throughput.zip'), encoder));
  }
  const ratio = median(exp.map((e, i) => (100 * e) / inf[i]));
  const id = model.manifest.id;
  const note = `${rounds} interleaved pairs of ${frames} frames; ratios ${exp.map((e, i) => ((100 * e) / inf[i]).toFixed(0)).join(', ')} %`;
  return [
    { metric: 'inference frame rate (sequence frames)', model: id, runtime: RUNTIME, value: median(inf), unit: 'fps', samples: frames * rounds },
    { metric: 'export throughput (zip to disk)', model: id, runtime: RUNTIME, value: median(exp), unit: 'fps', samples: frames * rounds },
    { metric: 'export / inference frame rate', model: id, runtime: RUNTIME, value: ratio, unit: '%', target: '>= 90', pass: ratio >= 90, note },
  ];
}

async function longExportRows(model: DiskModel, frames: number, dir: string, encoder: FrameEncoder): Promise<BenchRow[]> {
  const zipPath = join(dir, 'long.zip');
  global.gc?.();
  const start = process.memoryUsage().rss;
  // Growth is measured from the first tenth of the export on: heaps and worker pools settle in there;
  // what must not happen is memory that keeps growing with the number of frames.
  const every = Math.max(1, Math.floor(frames / 10));
  let settled = 0;
  let peak = start;
  const started = performance.now();
  const result = await exportSequence(turntable(model, frames), model, zipSink(nodeFileByteSink(zipPath)), {
    encoder,
    onProgress: (p) => {
      if (p.done % every !== 0) return;
      const rss = process.memoryUsage().rss;
      if (settled === 0) settled = rss;
      peak = Math.max(peak, rss);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  global.gc?.();
  const end = process.memoryUsage().rss;
  const growth = (end - settled) / MB;
  const id = model.manifest.id;
  const mb = (v: number) => (v / MB).toFixed(0);
  const note = `rss start ${mb(start)}, at 10% ${mb(settled)}, end ${mb(end)}, peak ${mb(peak)} MB; zip ${(statSync(zipPath).size / MB).toFixed(1)} MB; ${seconds.toFixed(0)} s`;
  return [
    { metric: `long export (${frames} frames)`, model: id, runtime: RUNTIME, value: result.written, unit: 'frames', target: `${frames}`, pass: result.status === 'complete', note },
    { metric: `memory growth, 10% -> end of a ${frames}-frame export`, model: id, runtime: RUNTIME, value: growth, unit: 'MB', target: '< 30 (flat)', pass: growth < 30, note },
  ];
}

export const sequenceBench: BenchModule = async (ctx) => {
  const rows: BenchRow[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'studio-bench-seq-'));
  const pool = createEncoderPool();
  try {
    for (const [i, id] of ctx.models.entries()) {
      const model = await loadDiskModel(id);
      try {
        rows.push(...(await throughputRows(model, ctx.quick ? 40 : 120, ctx.quick ? 5 : 3, dir, pool)));
        // The long export once, on the default (first) model.
        if (i === 0) rows.push(...(await longExportRows(model, ctx.quick ? 500 : 10_000, dir, pool)));
      } finally {
        model.dispose();
      }
    }
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
};
