/**
 * Node destinations for an export: a folder of files, and a file on disk for a streamed zip. A folder keeps
 * every frame already written when the disk fills up; a zip file that cannot be completed is deleted
 * rather than left corrupt. `teeSink` writes both at once.
 *
 * Writes are synchronous on purpose. In Node the engine's WASM run blocks the thread, so an awaited write
 * is a thread-pool round trip that completes only between runs: an export waited ~2 ms per frame on such
 * round trips (idle in a CPU profile) while a synchronous write of one PNG into the page cache takes tens
 * of microseconds. Errors (a full disk) throw the same way and reject the same promise.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ByteSink, SequenceSink } from '../../src/sequence/sinks.ts';

export function nodeFolderSink(dir: string): SequenceSink {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  return {
    label: `the folder ${dir}`,
    keepsPartial: true,
    async writeFile(name, bytes) {
      writeFileSync(join(dir, name), bytes);
      written.push(name);
    },
    async close() {},
    async abort() {
      for (const name of written.splice(0)) await rm(join(dir, name), { force: true });
    },
  };
}

/** A file written chunk by chunk; `abort` closes and deletes it. */
export function nodeFileByteSink(path: string): ByteSink {
  mkdirSync(dirname(path), { recursive: true });
  let fd: number | null = null;
  const file = () => (fd ??= openSync(path, 'w'));
  const closeFile = () => {
    if (fd !== null) closeSync(fd);
    fd = null;
  };
  return {
    async write(chunk) {
      const handle = file();
      let offset = 0;
      while (offset < chunk.length) offset += writeSync(handle, chunk, offset, chunk.length - offset);
    },
    async close() {
      file();
      closeFile();
    },
    async abort() {
      try {
        closeFile();
      } catch {
        // closing a file on a full disk can fail too; it is removed either way
      }
      await rm(path, { force: true });
    },
  };
}

/** Both sinks get every file; a failure in either stops the export. */
export function teeSink(a: SequenceSink, b: SequenceSink): SequenceSink {
  return {
    label: `${a.label} and ${b.label}`,
    keepsPartial: a.keepsPartial && b.keepsPartial,
    async writeFile(name, bytes) {
      await a.writeFile(name, bytes);
      await b.writeFile(name, bytes);
    },
    async close() {
      await a.close();
      await b.close();
    },
    async abort() {
      await Promise.all([a.abort(), b.abort()]);
    },
  };
}
