import { describe, expect, it } from 'vitest';
import { collectDroppedFiles } from '../../../src/bundles/dataTransfer';

/** Minimal FileSystemEntry fakes: a directory reader that hands out entries in batches, like Chromium. */
function fileEntry(fullPath: string): FileSystemFileEntry {
  const name = fullPath.slice(fullPath.lastIndexOf('/') + 1);
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath,
    file: (ok: (f: File) => void) => setTimeout(() => ok(new File([fullPath], name)), 0),
  } as unknown as FileSystemFileEntry;
}

function dirEntry(fullPath: string, children: FileSystemEntry[], batch = 2): FileSystemDirectoryEntry {
  return {
    isFile: false,
    isDirectory: true,
    name: fullPath.slice(fullPath.lastIndexOf('/') + 1),
    fullPath,
    createReader: () => {
      let offset = 0;
      return {
        readEntries: (ok: (e: FileSystemEntry[]) => void) =>
          setTimeout(() => {
            ok(children.slice(offset, offset + batch));
            offset += batch;
          }, 0),
      };
    },
  } as unknown as FileSystemDirectoryEntry;
}

function transfer(entries: FileSystemEntry[]): DataTransfer {
  const items = entries.map((entry) => ({ kind: 'file', webkitGetAsEntry: () => entry, getAsFile: () => null }));
  return { items, files: [] } as unknown as DataTransfer;
}

describe('collectDroppedFiles', () => {
  it('walks dropped folders (all reader batches) and sets folder-relative paths', async () => {
    const folder = dirEntry('/tiny', [
      fileEntry('/tiny/manifest.json'),
      fileEntry('/tiny/generator.onnx'),
      dirEntry('/tiny/samples', [fileEntry('/tiny/samples/a.png')]),
      fileEntry('/tiny/README.md'),
      fileEntry('/tiny/encoder.onnx'),
    ]);
    const files = await collectDroppedFiles(transfer([folder, fileEntry('/loose.png')]));
    expect(files.map((f) => f.webkitRelativePath)).toEqual([
      'tiny/manifest.json',
      'tiny/generator.onnx',
      'tiny/samples/a.png',
      'tiny/README.md',
      'tiny/encoder.onnx',
      'loose.png',
    ]);
    expect(files[0].name).toBe('manifest.json');
  });

  it('falls back to dataTransfer.files without entry support', async () => {
    const f = new File(['x'], 'manifest.json');
    const files = await collectDroppedFiles({ items: [], files: [f] } as unknown as DataTransfer);
    expect(files).toEqual([f]);
  });
});
