/**
 * Where a browser export goes, chosen in the click that starts it (the pickers need that user gesture):
 *  - zip to a file from showSaveFilePicker: streamed to disk as frames render, memory stays flat;
 *  - zip as a download where that picker does not exist (Firefox, Safari): the zip's chunks are collected
 *    in memory and handed over as one Blob at the end, so a long export needs about the zip's size in RAM;
 *  - frames straight into a folder from showDirectoryPicker (File System Access API).
 * A picker the user closes resolves null: no export, no error.
 */
import { folderSink, type DirectoryLike } from '../sequence/folderSink';
import { memoryByteSink, type ByteSink, type SequenceSink } from '../sequence/sinks';
import { zipSink } from '../sequence/zipSink';
import { downloadParts } from './download';

export type ExportTargetKind = 'zip' | 'folder';

interface WritableFileLike {
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

interface PickerWindow {
  showSaveFilePicker?: (options: {
    suggestedName?: string;
    types?: { description: string; accept: Record<string, string[]> }[];
  }) => Promise<{ createWritable(): Promise<WritableFileLike> }>;
  showDirectoryPicker?: (options?: { mode?: 'readwrite' }) => Promise<DirectoryLike>;
}

export type ExportTarget =
  | { kind: 'zip-file'; writable: WritableFileLike; fileName: string }
  | { kind: 'zip-download'; fileName: string }
  | { kind: 'folder'; dir: DirectoryLike };

const pickers = () => globalThis as unknown as PickerWindow;

/** Whether frames can go straight into a folder here (Chromium browsers). */
export function canExportToFolder(): boolean {
  return typeof pickers().showDirectoryPicker === 'function';
}

function isUserCancel(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Asks the user where to write; null when they closed the picker. Call straight from the click handler. */
export async function pickExportTarget(kind: ExportTargetKind, fileName: string): Promise<ExportTarget | null> {
  const w = pickers();
  try {
    if (kind === 'folder') {
      if (!w.showDirectoryPicker) throw new Error('this browser cannot write into a folder; export a zip instead');
      return { kind: 'folder', dir: await w.showDirectoryPicker({ mode: 'readwrite' }) };
    }
    if (!w.showSaveFilePicker) return { kind: 'zip-download', fileName };
    const handle = await w.showSaveFilePicker({
      suggestedName: fileName,
      types: [{ description: 'Zip of PNG frames', accept: { 'application/zip': ['.zip'] } }],
    });
    return { kind: 'zip-file', writable: await handle.createWritable(), fileName };
  } catch (error) {
    if (isUserCancel(error)) return null;
    throw error;
  }
}

/** The sink that writes into `target`; a download starts when the zip is complete (or cancelled and kept). */
export function sinkForTarget(target: ExportTarget): SequenceSink {
  if (target.kind === 'folder') return folderSink(target.dir);
  if (target.kind === 'zip-file') {
    // A FileSystemWritableFileStream writes to a temporary file: close() commits it, abort() leaves nothing.
    const bytes: ByteSink = { write: (c) => target.writable.write(c), close: () => target.writable.close(), abort: () => target.writable.abort() };
    return { ...zipSink(bytes), label: `the zip "${target.fileName}"` };
  }
  const memory = memoryByteSink();
  const download: ByteSink = {
    write: (c) => memory.write(c),
    close: async () => {
      downloadParts(memory.chunks as BlobPart[], target.fileName, 'application/zip');
      memory.chunks = [];
    },
    abort: () => memory.abort(),
  };
  return { ...zipSink(download), label: `the zip "${target.fileName}"` };
}
