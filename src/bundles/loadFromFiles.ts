/**
 * Opening a bundle from files the user dropped or picked: a whole folder or a handful of files. The
 * manifest is found by name and the ONNX files it references are matched by path (then by basename),
 * so a message can say exactly which file is missing from the drop.
 */
import { StudioError } from '../lib/errors';
import { bundleOnnxFiles, makeBundle, type LoadedBundle } from './bundle';
import { parseManifestText } from './parseManifest';
import { ByteProgress, type ProgressCallback } from './progress';

const MANIFEST_NAME = 'manifest.json';

/** The path a dropped file is known by: its folder-relative path when it has one, else its name. */
export function filePath(file: File): string {
  return file.webkitRelativePath || file.name;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

/** Normalises "./a/../b/c" style relative paths so they compare with dropped paths. */
function joinPath(dir: string, relative: string): string {
  const parts: string[] = [];
  for (const part of `${dir}${relative}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function findManifest(files: File[]): File {
  const manifests = files.filter((f) => basename(filePath(f)).toLowerCase() === MANIFEST_NAME);
  if (manifests.length === 1) return manifests[0];
  if (manifests.length === 0) {
    throw new StudioError('not-a-bundle', `no ${MANIFEST_NAME} among the dropped files (got: ${listNames(files)})`);
  }
  throw new StudioError(
    'not-a-bundle',
    `${manifests.length} ${MANIFEST_NAME} files among the dropped files (${manifests.map(filePath).join(', ')}): open one bundle at a time`,
  );
}

function listNames(files: File[], max = 8): string {
  const names = files.map(filePath);
  return names.length > max ? `${names.slice(0, max).join(', ')}, +${names.length - max} more` : names.join(', ') || 'nothing';
}

/** The dropped file a manifest path refers to: same relative path first, else a unique basename. */
function matchFile(files: File[], manifestPath: string, referenced: string): File | 'missing' | File[] {
  const wanted = joinPath(dirname(manifestPath), referenced);
  const exact = files.filter((f) => joinPath('', filePath(f)) === wanted);
  if (exact.length === 1) return exact[0];
  const byName = files.filter((f) => basename(filePath(f)) === basename(referenced));
  if (byName.length === 1) return byName[0];
  return byName.length === 0 ? 'missing' : byName;
}

/**
 * Loads a bundle from File objects. Throws StudioError 'not-a-bundle' (no or several manifests, a named
 * file missing or ambiguous) or 'manifest-invalid'.
 */
export async function loadBundleFromFiles(files: File[], onProgress?: ProgressCallback): Promise<LoadedBundle> {
  const manifestFile = findManifest(files);
  const manifestPath = filePath(manifestFile);
  const manifest = parseManifestText(await manifestFile.text(), manifestPath);
  const matched: [string, File][] = [];
  for (const { file } of bundleOnnxFiles(manifest)) {
    const match = matchFile(files, manifestPath, file);
    if (match === 'missing') {
      throw new StudioError(
        'not-a-bundle',
        `${MANIFEST_NAME} names ${file}, which is not among the dropped files (got: ${listNames(files)})`,
      );
    }
    if (Array.isArray(match)) {
      throw new StudioError('not-a-bundle', `${MANIFEST_NAME} names ${file}, and several dropped files have that name (${match.map(filePath).join(', ')})`);
    }
    matched.push([file, match]);
  }
  const total = matched.reduce((sum, [, f]) => sum + f.size, 0);
  const progress = new ByteProgress(total, onProgress);
  const bytes: Record<string, ArrayBuffer> = {};
  for (const [name, file] of matched) {
    progress.begin(name);
    bytes[name] = await file.arrayBuffer();
    progress.add(bytes[name].byteLength);
  }
  return makeBundle(manifest, bytes, { kind: 'files', where: manifestPath });
}
