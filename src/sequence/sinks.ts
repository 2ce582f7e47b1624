/**
 * Where an export's files go, as two small interfaces so the exporter is the same code in the browser
 * (a file from showSaveFilePicker, a Blob download, a folder from showDirectoryPicker) and in Node (a
 * folder or a file on disk). Every `write` resolves only when the bytes are handed on, which is the
 * backpressure that keeps a long export's memory flat.
 */

/** Receives whole files of an export, in order. */
export interface SequenceSink {
  /** Human description for messages: "the zip", "the folder". */
  readonly label: string;
  /** Whether what was already written survives a failed `close` (a folder's files do, a half zip does not). */
  readonly keepsPartial: boolean;
  writeFile(name: string, bytes: Uint8Array): Promise<void>;
  /** Completes the output (a zip's central directory, closing the file). */
  close(): Promise<void>;
  /** Leaves nothing behind where the destination allows it (the user chose to discard, or it cannot be completed). */
  abort(): Promise<void>;
}

/** A byte stream destination: a file being written, chunks being collected for a Blob. */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Collects chunks in memory. The fallback where no file can be streamed to (browsers without
 * showSaveFilePicker): the whole zip is in memory once, so a long export at a large size needs that much
 * memory; PNG frames are already compressed, so this is roughly the zip's size on disk.
 */
export function memoryByteSink(): ByteSink & { chunks: Uint8Array[]; size(): number; closed: boolean } {
  const sink = {
    chunks: [] as Uint8Array[],
    closed: false,
    size: () => sink.chunks.reduce((n, c) => n + c.length, 0),
    async write(chunk: Uint8Array) {
      sink.chunks.push(chunk);
    },
    async close() {
      sink.closed = true;
    },
    async abort() {
      sink.chunks = [];
    },
  };
  return sink;
}
