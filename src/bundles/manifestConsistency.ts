/**
 * Checks a schema-valid manifest for what a per-field schema cannot see: cross references between
 * factors and inputs, unique names, and defaults inside their ranges. A manifest that passes here can
 * still disagree with its ONNX file; that is checked once the session exists (manifest-mismatch).
 */
import type { Factor, Manifest, Range } from '../families/manifest';

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

/** Every range in the manifest with its path, so a bad default is reported where it lives. */
function namedRanges(m: Manifest): [string, Range][] {
  const out: [string, Range][] = [];
  m.factors.forEach((f, i) => {
    if (f.kind === 'latent') out.push([`factors[${i}].truncation`, f.truncation]);
  });
  if (m.camera) {
    for (const key of ['elevationDeg', 'azimuthDeg', 'radius', 'fovDeg'] as const) {
      out.push([`camera.${key}`, m.camera[key]]);
    }
  }
  if (m.objects) {
    out.push(['objects.scale', m.objects.scale], ['objects.rotationDeg', m.objects.rotationDeg]);
    for (const axis of ['x', 'y', 'z'] as const) out.push([`objects.translation.${axis}`, m.objects.translation[axis]]);
  }
  if (m.backgroundRotationDeg) out.push(['backgroundRotationDeg', m.backgroundRotationDeg]);
  return out;
}

/** Size of a factor's code vector: the latent dim or the class count. */
export function codeSize(f: Factor): number {
  if (f.kind === 'latent') return f.dim;
  return typeof f.classes === 'number' ? f.classes : f.classes.length;
}

function checkFactorInputs(m: Manifest, problems: string[]): void {
  const factorIds = new Set(m.factors.map((f) => f.id));
  m.generator.inputs.forEach((input, i) => {
    if (!input.role.startsWith('code:')) return;
    const id = input.role.slice('code:'.length);
    if (!factorIds.has(id)) problems.push(`generator.inputs[${i}].role: "${input.role}" names no factor (factors: ${[...factorIds].join(', ') || 'none'})`);
  });
  m.factors.forEach((f, i) => {
    const feeding = m.generator.inputs.filter((input) => input.role === `code:${f.id}`);
    if (feeding.length !== 1) {
      problems.push(`factors[${i}] "${f.id}": fed by ${feeding.length} generator inputs with role "code:${f.id}", expected exactly 1`);
      return;
    }
    const last = feeding[0].shape[feeding[0].shape.length - 1];
    if (typeof last === 'number' && last !== codeSize(f)) {
      problems.push(`generator input "${feeding[0].name}": last dimension ${last} does not match factor "${f.id}" size ${codeSize(f)}`);
    }
    if (f.scope === 'object' && !m.objects) problems.push(`factors[${i}] "${f.id}": object-scoped, but the manifest has no "objects" section`);
  });
}

function checkSections(m: Manifest, problems: string[]): void {
  m.generator.inputs.forEach((input, i) => {
    if (input.role.startsWith('camera.') && !m.camera) problems.push(`generator.inputs[${i}].role: "${input.role}" needs a "camera" section`);
    if (input.role.startsWith('objects.') && !m.objects) problems.push(`generator.inputs[${i}].role: "${input.role}" needs an "objects" section`);
  });
}

function checkEncoder(m: Manifest, problems: string[]): void {
  if (!m.encoder) return;
  const factorIds = new Set(m.factors.map((f) => f.id));
  m.encoder.outputs.forEach((out, i) => {
    const match = /^(code|logits|probs):(.*)$/.exec(out.role);
    if (match && !factorIds.has(match[2])) problems.push(`encoder.outputs[${i}].role: "${out.role}" names no factor`);
  });
  for (const name of duplicates(m.encoder.outputs.map((o) => o.name))) problems.push(`encoder.outputs: name "${name}" used twice`);
}

/** Problems as `path: what is wrong` lines; empty when the manifest is consistent. */
export function checkManifestConsistency(m: Manifest): string[] {
  const problems: string[] = [];
  for (const id of duplicates(m.factors.map((f) => f.id))) problems.push(`factors: id "${id}" used twice`);
  for (const name of duplicates(m.generator.inputs.map((i) => i.name))) problems.push(`generator.inputs: name "${name}" used twice`);
  for (const name of duplicates(m.generator.outputs.map((o) => o.name))) problems.push(`generator.outputs: name "${name}" used twice`);
  const images = m.generator.outputs.filter((o) => o.role === 'image').length;
  if (images !== 1) problems.push(`generator.outputs: ${images} outputs with role "image", expected exactly 1`);
  checkFactorInputs(m, problems);
  checkSections(m, problems);
  checkEncoder(m, problems);
  for (const [path, r] of namedRanges(m)) {
    if (r.default < r.min || r.default > r.max) problems.push(`${path}.default: ${r.default} is outside ${r.min}..${r.max}`);
  }
  if (m.encoder && m.encoder.file === m.generator.file) problems.push(`encoder.file: same file as generator.file ("${m.generator.file}")`);
  return problems;
}
