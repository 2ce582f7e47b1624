/**
 * Frame encoding (tensor -> RGBA, state text, PNG) on worker threads for the command line, so the engine (on
 * the main thread: onnxruntime-web WASM runs there in Node) computes frame i+1 while frame i is encoded. The
 * output tensor's buffer is transferred, not copied, and nothing per frame but the hand-over stays on the
 * main thread. Workers load the TypeScript source
 * through tsx's loader, as the CLI itself does, so there is no separate build step. Jobs go round-robin; results come back in any order and
 * renderFrames puts them back in frame order.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EncodedFrame, FrameEncoder, FrameJob } from '../../src/sequence/encoder.ts';

export interface PoolJob {
  id: number;
  job: FrameJob;
}

type Reply = { id: number; frame: EncodedFrame } | { id: number; error: string };

/**
 * A worker running encodeWorker.ts. Node 20 does not apply `--import` loaders to workers, so the worker
 * registers tsx's loader itself before importing the TypeScript file (under the CLI and under vitest alike).
 */
function startWorker(): Worker {
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const script = new URL('./encodeWorker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(code, { eval: true });
}

/**
 * The tensor data as an array that owns its whole buffer, so the buffer can be transferred (not copied) to
 * the worker. The engine's outputs are fresh copies already; a view into a larger buffer is copied.
 */
function ownedData(data: Float32Array): Float32Array {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
}

/** Workers: one per core beyond the engine's, at least one, at most four. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

export function createEncoderPool(size = defaultPoolSize()): FrameEncoder & { close(): Promise<void> } {
  const workers = Array.from({ length: size }, startWorker);
  const waiting = new Map<number, { resolve: (frame: EncodedFrame) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  for (const worker of workers) {
    worker.on('message', (reply: Reply) => {
      const pending = waiting.get(reply.id);
      waiting.delete(reply.id);
      if ('error' in reply) pending?.reject(new Error(`PNG encoding failed: ${reply.error}`));
      else pending?.resolve(reply.frame);
    });
    worker.on('error', (error) => {
      for (const p of waiting.values()) p.reject(error);
      waiting.clear();
    });
  }
  return {
    // Two jobs per worker keep each busy while the main thread hands over the next frame.
    concurrency: 2 * size + 1,
    encode(job) {
      const id = nextId++;
      const data = ownedData(job.tensor.data);
      const message: PoolJob = { id, job: { ...job, tensor: { dims: job.tensor.dims, data } } };
      return new Promise<EncodedFrame>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        workers[id % size].postMessage(message, [data.buffer as ArrayBuffer]);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
