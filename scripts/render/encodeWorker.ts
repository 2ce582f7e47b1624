/** Worker thread of the encoder pool: upscale + PNG encode, the same function the browser runs in-thread. */
import { parentPort } from 'node:worker_threads';
import { encodeFramePng } from '../../src/sequence/encoder.ts';
import type { EncodeJob } from './encoderPool.ts';

parentPort!.on('message', (job: EncodeJob) => {
  try {
    const png = encodeFramePng({ width: job.width, height: job.height, rgba: new Uint8Array(job.rgba) }, job.output, job.text);
    parentPort!.postMessage({ id: job.id, png }, [png.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: (error as Error).message });
  }
});
