/**
 * Collects File objects from a drop, folders included. A dropped folder arrives as one DataTransferItem
 * whose entry must be walked; the files found are given a `webkitRelativePath` ("bundle/manifest.json")
 * like an <input webkitdirectory> pick, so loadBundleFromFiles sees the same thing from both.
 */

/**
 * All files in a drop. Call it synchronously inside the drop handler: the browser empties
 * `dataTransfer.items` when the handler returns, so the entries are taken before the first await.
 */
export function collectDroppedFiles(dataTransfer: DataTransfer): Promise<File[]> {
  const entries: FileSystemEntry[] = [];
  const loose: File[] = [];
  for (const item of Array.from(dataTransfer.items ?? [])) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) loose.push(file);
    }
  }
  if (entries.length === 0 && loose.length === 0) return Promise.resolve(Array.from(dataTransfer.files ?? []));
  return collectEntries(entries).then((files) => [...files, ...loose]);
}

/** Files under the given entries, depth first, in the order the browser lists them. */
export async function collectEntries(entries: readonly FileSystemEntry[]): Promise<File[]> {
  const out: File[] = [];
  for (const entry of entries) await walk(entry, out);
  return out;
}

async function walk(entry: FileSystemEntry, out: File[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push(withRelativePath(file, entry.fullPath.replace(/^\/+/, '')));
  } else if (entry.isDirectory) {
    for (const child of await readAllEntries((entry as FileSystemDirectoryEntry).createReader())) await walk(child, out);
  }
}

/** readEntries returns at most ~100 entries per call; call it until it returns none. */
async function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** Sets the folder-relative path an entry walk knows but File objects from entries lack. */
function withRelativePath(file: File, path: string): File {
  if (!path || file.webkitRelativePath === path) return file;
  try {
    Object.defineProperty(file, 'webkitRelativePath', { value: path, configurable: true });
    return file;
  } catch {
    return file;
  }
}
