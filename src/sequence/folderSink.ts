/**
 * Frames straight into a folder through the File System Access API (showDirectoryPicker). Typed by the
 * few members it uses, so it stays DOM-free and is tested with a fake. Each file is written whole and
 * closed before the next: a revoked permission or a full disk mid-export leaves the files already written
 * intact, and `abort` (the user chose to discard) removes them again.
 */
import type { SequenceSink } from './sinks';

export interface WritableLike {
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

export interface DirectoryLike {
  readonly name?: string;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<{ createWritable(): Promise<WritableLike> }>;
  removeEntry(name: string): Promise<void>;
}

export function folderSink(dir: DirectoryLike): SequenceSink {
  const written: string[] = [];
  return {
    label: dir.name ? `the folder "${dir.name}"` : 'the folder',
    keepsPartial: true,
    async writeFile(name, bytes) {
      const handle = await dir.getFileHandle(name, { create: true });
      const writable = await handle.createWritable();
      try {
        await writable.write(bytes);
        await writable.close();
      } catch (error) {
        await writable.abort().catch(() => undefined);
        throw error;
      }
      written.push(name);
    },
    async close() {},
    async abort() {
      for (const name of written.splice(0)) await dir.removeEntry(name).catch(() => undefined);
    },
  };
}
