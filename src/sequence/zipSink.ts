/**
 * A zip written as the frames arrive (fflate's streaming Zip with ZipPassThrough: PNGs are already
 * deflated, so storing them costs nothing and recompressing would gain nothing). Each file's bytes go to
 * the byte sink before the next frame is accepted, so the archive is never held in memory. Entries carry a
 * fixed timestamp, so two exports of one spec are byte-identical zips; closing writes the central directory,
 * so a cancelled export that closes is a valid zip of the frames done.
 */
import { Zip, ZipPassThrough } from 'fflate';
import { concatBytes } from '../lib/bytes';
import type { ByteSink, SequenceSink } from './sinks';

/**
 * 1980-01-01 00:00, the zip format's epoch, built from local fields: fflate stores local date/time, so a
 * Date built this way gives the same bytes in every time zone.
 */
const fixedTime = () => new Date(1980, 0, 1, 0, 0, 0);

export function zipSink(out: ByteSink): SequenceSink {
  let queue: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else if (chunk.length > 0) queue.push(chunk);
  });

  /**
   * One write per file: its header, data and descriptor arrive as separate chunks, and in Node each awaited
   * write is a thread-pool round trip that can only complete between two (thread-blocking) engine runs, so
   * three writes per frame fell behind rendering and the export waited on the disk.
   */
  async function drain(): Promise<void> {
    if (failure) throw failure;
    const chunks = queue;
    queue = [];
    if (chunks.length > 0) await out.write(concatBytes(chunks));
  }

  return {
    label: 'the zip',
    keepsPartial: false,
    async writeFile(name, bytes) {
      const file = new ZipPassThrough(name);
      file.mtime = fixedTime();
      zip.add(file);
      file.push(bytes, true);
      await drain();
    },
    async close() {
      zip.end();
      await drain();
      await out.close();
    },
    async abort() {
      queue = [];
      zip.terminate();
      await out.abort();
    },
  };
}

