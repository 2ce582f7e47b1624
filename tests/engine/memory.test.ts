/**
 * 1000 runs must not grow memory: every ORT input/output tensor is disposed and outputs are plain copies.
 * Uses a tiny hand-built graph with a 128x128 RGB output (so a leak of even one output per run would be
 * ~200 MB) to keep the test fast; the fixture bundles are covered by parity.test.ts.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine';
import { writeOnnx } from './onnxWriter';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const SIDE = 128;
const model = writeOnnx({
  inputs: [
    { name: 'x', shape: ['batch', 3, SIDE, SIDE] },
    { name: 'm', shape: ['batch', 1, SIDE, SIDE] },
  ],
  outputs: [
    { name: 'image', shape: ['batch', 3, SIDE, SIDE] },
    { name: 'mask', shape: ['batch', 1, SIDE, SIDE] },
  ],
  nodes: [
    { op: 'Sigmoid', inputs: ['x'], outputs: ['image'] },
    { op: 'Relu', inputs: ['m'], outputs: ['mask'] },
  ],
});

const engine = new Engine({ gpu: null });
afterAll(() => engine.dispose());

/** Memory after full collections; ArrayBuffer backing stores are freed by a background sweeper, so wait for it. */
async function usage(): Promise<{ rss: number; arrayBuffers: number; js: number }> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const { rss, arrayBuffers, heapUsed, external } = process.memoryUsage();
  return { rss, arrayBuffers, js: heapUsed + external };
}

it('1000 runs do not grow memory', async () => {
  const loaded = await engine.load('memory', { generator: model }, 'wasm');
  expect(loaded.sessions.generator?.outputs.map((o) => o.shape)).toEqual([
    ['batch', 3, SIDE, SIDE],
    ['batch', 1, SIDE, SIDE],
  ]);
  const x = { dims: [1, 3, SIDE, SIDE], data: Float32Array.from({ length: 3 * SIDE * SIDE }, (_, i) => (i % 7) - 3) };
  const m = { dims: [1, 1, SIDE, SIDE], data: new Float32Array(SIDE * SIDE).fill(-1) };
  const run = async () => engine.run('memory', 'generator', { x, m });
  // Warm-up: let the WASM heap and the allocator settle before the baseline.
  for (let i = 0; i < 200; i++) await run();
  const before = await usage();
  let last = await run();
  for (let i = 0; i < 1000; i++) last = await run();
  const after = await usage();
  expect(last.outputs.image.data[3]).toBeCloseTo(1 / (1 + Math.exp(-0)), 5);
  expect(last.outputs.mask.dims).toEqual([1, 1, SIDE, SIDE]);
  expect(last.outputs.mask.data[0]).toBe(0);
  const MB = 1024 * 1024;
  const growth = {
    rss: (after.rss - before.rss) / MB,
    arrayBuffers: (after.arrayBuffers - before.arrayBuffers) / MB,
    js: (after.js - before.js) / MB,
  };
  console.info(`memory growth over 1000 runs (MB): ${JSON.stringify(growth)}`);
  // Leaking one output per run would be ~200 MB; measured growth is ~1 MB.
  expect(growth.arrayBuffers).toBeLessThan(20);
  expect(growth.js).toBeLessThan(20);
  expect(growth.rss).toBeLessThan(50);
});
