/** Worker thread of the encoder pool: the whole frame job (tensor -> RGBA -> PNG), the same function the browser runs in-thread. */
import { parentPort } from 'node:worker_threads';
import { encodeFrameJob } from '../../src/sequence/encoder.ts';
import type { PoolJob } from './encoderPool.ts';

parentPort!.on('message', ({ id, job }: PoolJob) => {
  try {
    const frame = encodeFrameJob(job);
    parentPort!.postMessage({ id, frame }, [frame.png.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
});
