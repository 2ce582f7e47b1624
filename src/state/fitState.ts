/**
 * Does a state (from a link, a PNG, a preset, a keyframe) fit the loaded model? Checked before the
 * adapter builds tensors, so the user reads "texture: class 12, the model has 10" rather than an ONNX
 * shape error. Geometry outside the trained ranges is not a problem here: that is extrapolation, allowed
 * and shown as such.
 */
import type { Factor, Manifest } from '../families/manifest';
import type { Code, StudioState } from './studioState';

const PROBABILITY_TOLERANCE = 1e-3;

function classCount(f: Extract<Factor, { kind: 'categorical' }>): number {
  return typeof f.classes === 'number' ? f.classes : f.classes.length;
}

function checkCode(path: string, code: Code, factor: Factor): string[] {
  if (code.kind !== factor.kind) return [`${path}: a ${code.kind} code, but factor "${factor.id}" is ${factor.kind}`];
  const problems: string[] = [];
  if (code.kind === 'latent' && factor.kind === 'latent') {
    if (code.vector && code.vector.length !== factor.dim) {
      problems.push(`${path}.vector: ${code.vector.length} values, factor "${factor.id}" has dimension ${factor.dim}`);
    }
  } else if (code.kind === 'categorical' && factor.kind === 'categorical') {
    const k = classCount(factor);
    for (const key of ['index', 'index2'] as const) {
      if (code[key] >= k) problems.push(`${path}.${key}: class ${code[key]}, factor "${factor.id}" has ${k} classes (0..${k - 1})`);
    }
    if (code.probabilities) {
      const sum = code.probabilities.reduce((s, p) => s + p, 0);
      if (code.probabilities.length !== k) {
        problems.push(`${path}.probabilities: ${code.probabilities.length} values, factor "${factor.id}" has ${k} classes`);
      } else if (Math.abs(sum - 1) > PROBABILITY_TOLERANCE) {
        problems.push(`${path}.probabilities: sum to ${sum.toPrecision(6)}, expected 1`);
      }
    }
  }
  return problems;
}

/** Codes keyed by factor id against the factors of one scope: unknown, missing and ill-fitting codes. */
function checkCodes(prefix: string, codes: Record<string, Code>, factors: Factor[], otherScope: Set<string>): string[] {
  const problems: string[] = [];
  const byId = new Map(factors.map((f) => [f.id, f]));
  for (const [id, code] of Object.entries(codes)) {
    const factor = byId.get(id);
    if (factor) problems.push(...checkCode(`${prefix}.${id}`, code, factor));
    else if (otherScope.has(id)) problems.push(`${prefix}.${id}: factor "${id}" is not ${prefix.startsWith('objects') ? 'per object' : 'global'} in this model`);
    else problems.push(`${prefix}.${id}: the model has no factor "${id}"`);
  }
  for (const f of factors) if (!(f.id in codes)) problems.push(`${prefix}.${f.id}: missing (factor "${f.label}")`);
  return problems;
}

/** Problems, one line each with the state path; empty when the state fits. */
export function checkStateFitsManifest(state: StudioState, manifest: Manifest): string[] {
  if (state.modelId !== manifest.id) return [`modelId: the state is for model "${state.modelId}", the loaded model is "${manifest.id}"`];
  const global = manifest.factors.filter((f) => f.scope === 'global');
  const perObject = manifest.factors.filter((f) => f.scope === 'object');
  const globalIds = new Set(global.map((f) => f.id));
  const objectIds = new Set(perObject.map((f) => f.id));
  const problems = checkCodes('codes', state.codes, global, objectIds);
  const expected = manifest.objects?.count ?? 0;
  if (state.objects.length !== expected) {
    problems.push(`objects: ${state.objects.length} objects, the model has ${expected}`);
  }
  state.objects.slice(0, expected).forEach((object, i) => {
    problems.push(...checkCodes(`objects[${i}].codes`, object.codes, perObject, globalIds));
  });
  return problems;
}
