/**
 * Node destinations for an export: a folder of files, and a file on disk for a streamed zip. A folder keeps
 * every frame already written when the disk fills up; a zip file that cannot be completed is deleted
 * rather than left corrupt. `teeSink` writes both at once.
 */
import { mkdirSync } from 'node:fs';
import { open, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ByteSink, SequenceSink } from '../../src/sequence/sinks.ts';

export function nodeFolderSink(dir: string): SequenceSink {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  return {
    label: `the folder ${dir}`,
    keepsPartial: true,
    async writeFile(name, bytes) {
      await writeFile(join(dir, name), bytes);
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
  let handle: Promise<FileHandle> | null = null;
  const file = () => (handle ??= open(path, 'w'));
  return {
    async write(chunk) {
      const h = await file();
      let offset = 0;
      while (offset < chunk.length) offset += (await h.write(chunk, offset, chunk.length - offset)).bytesWritten;
    },
    async close() {
      await (await file()).close();
    },
    async abort() {
      if (handle) await (await handle).close().catch(() => undefined);
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
