/**
 * What a drop (or a pick) of files means: a model bundle (manifest.json, .onnx, or a whole folder) or a
 * saved state (a studio PNG, a preset .json). Pure, so the rules are tested without drag events.
 */
export type DropIntent =
  | { kind: 'bundle'; files: File[] }
  | { kind: 'state'; file: File }
  | { kind: 'unknown'; names: string[] };

const lower = (f: File) => f.name.toLowerCase();
const inFolder = (f: File) => !!f.webkitRelativePath && f.webkitRelativePath.includes('/');

export function classifyFiles(files: readonly File[]): DropIntent {
  if (files.length === 0) return { kind: 'unknown', names: [] };
  const isBundle = files.some((f) => lower(f).endsWith('.onnx') || lower(f) === 'manifest.json' || inFolder(f));
  if (isBundle) return { kind: 'bundle', files: [...files] };
  const png = files.find((f) => lower(f).endsWith('.png') || f.type === 'image/png');
  if (png) return { kind: 'state', file: png };
  const json = files.find((f) => lower(f).endsWith('.json'));
  if (json) return { kind: 'state', file: json };
  return { kind: 'unknown', names: files.map((f) => f.name) };
}

/** True for a drag that carries files (not text or a link dragged around the page). */
export function dragHasFiles(dataTransfer: DataTransfer | null): boolean {
  return !!dataTransfer && Array.from(dataTransfer.types ?? []).includes('Files');
}
