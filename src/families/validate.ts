/**
 * Checks a (schema-valid) manifest against the ONNX session it describes, once the session exists. A
 * converted bundle whose manifest says z is 16-d while the model wants 32 would otherwise fail on the
 * first knob turn with an ORT message; here the user learns exactly which tensor and which axis disagree.
 * Schema parsing itself lives in src/bundles/parseManifest.ts.
 */
import { StudioError } from '../lib/errors';
import type { SessionIO, SessionInfo, SessionName } from '../engine/protocol';
import type { Dim, Manifest } from './manifest';

/** A manifest tensor reduced to what can be compared with the session: name and shape. */
interface ExpectedTensor {
  name: string;
  shape: Dim[];
}

interface Expected {
  inputs: ExpectedTensor[];
  outputs: ExpectedTensor[];
}

/** Tensors the studio feeds/reads are float32 (TensorData carries a Float32Array). */
const STUDIO_TYPE = 'float32';

function expectedFor(manifest: Manifest, session: SessionName): Expected {
  if (session === 'generator') return { inputs: manifest.generator.inputs, outputs: manifest.generator.outputs };
  if (!manifest.encoder) {
    throw new StudioError('manifest-mismatch', `${manifest.id}: the bundle has an encoder model but the manifest declares no encoder.`);
  }
  return { inputs: [manifest.encoder.input], outputs: manifest.encoder.outputs };
}

function formatDim(dim: Dim | number | string): string {
  return dim === -1 ? '?' : String(dim);
}

function formatShape(shape: readonly (Dim | number | string)[]): string {
  return `[${shape.map(formatDim).join(',')}]`;
}

/**
 * One axis agrees when both are the same number, when the model's axis is dynamic (symbolic or unknown,
 * so it accepts what the manifest feeds), or when the manifest's `batch` meets a model fixed to batch 1.
 */
function dimMatches(expected: Dim, actual: number | string): boolean {
  if (typeof actual === 'string' || actual === -1) return true;
  if (expected === 'batch') return actual === 1;
  return expected === actual;
}

function shapeMatches(expected: readonly Dim[], actual: readonly (number | string)[]): boolean {
  // An empty model shape means ORT does not know the shape: nothing to compare.
  if (actual.length === 0) return true;
  return expected.length === actual.length && expected.every((d, i) => dimMatches(d, actual[i]));
}

/**
 * For a code input whose width disagrees, what the knobs mean by it: "factor "shape" has 5 classes, the
 * model takes 4", so a converted bundle's author knows to fix the class count, not a tensor shape.
 */
function codeWidthHint(manifest: Manifest, expected: ExpectedTensor, actual: SessionIO): string {
  const role = 'role' in expected ? String(expected.role) : '';
  if (!role.startsWith('code:')) return '';
  const factor = manifest.factors.find((f) => f.id === role.slice('code:'.length));
  const width = actual.shape[actual.shape.length - 1];
  if (!factor || typeof width !== 'number' || width < 0) return '';
  if (factor.kind === 'categorical') {
    const k = typeof factor.classes === 'number' ? factor.classes : factor.classes.length;
    return k === width ? '' : ` (factor "${factor.id}" has ${k} classes, the model's input takes ${width})`;
  }
  return factor.dim === width ? '' : ` (factor "${factor.id}" has dimension ${factor.dim}, the model's input takes ${width})`;
}

function compareTensor(kind: 'input' | 'output', expected: ExpectedTensor, actual: SessionIO, problems: string[], hint = ''): void {
  if (!shapeMatches(expected.shape, actual.shape)) {
    problems.push(`${kind} "${expected.name}": manifest says ${formatShape(expected.shape)}, model has ${formatShape(actual.shape)}${hint}`);
  }
  if (actual.type !== STUDIO_TYPE && actual.type !== 'unknown') {
    problems.push(`${kind} "${expected.name}": model uses ${actual.type}, the studio only handles ${STUDIO_TYPE}`);
  }
}

function listNames(tensors: readonly SessionIO[]): string {
  return tensors.map((t) => t.name).join(', ') || 'none';
}

/** Every disagreement between the manifest and the session, one human-readable line each. */
export function sessionMismatches(manifest: Manifest, session: SessionName, info: SessionInfo): string[] {
  const expected = expectedFor(manifest, session);
  const problems: string[] = [];
  const modelInputs = new Map(info.inputs.map((t) => [t.name, t]));
  const modelOutputs = new Map(info.outputs.map((t) => [t.name, t]));
  for (const input of expected.inputs) {
    const actual = modelInputs.get(input.name);
    if (!actual) problems.push(`input "${input.name}": in the manifest but not in the model (model inputs: ${listNames(info.inputs)})`);
    else compareTensor('input', input, actual, problems, session === 'generator' ? codeWidthHint(manifest, input, actual) : '');
  }
  const fed = new Set(expected.inputs.map((t) => t.name));
  for (const actual of info.inputs) {
    if (!fed.has(actual.name)) {
      problems.push(`input "${actual.name}": the model requires it but the manifest does not feed it`);
    }
  }
  for (const output of expected.outputs) {
    const actual = modelOutputs.get(output.name);
    if (!actual) problems.push(`output "${output.name}": in the manifest but not in the model (model outputs: ${listNames(info.outputs)})`);
    else compareTensor('output', output, actual, problems);
  }
  return problems;
}

/**
 * Throws StudioError('manifest-mismatch') naming every disagreement, e.g.
 * `generator of "my-model" does not match its manifest: input "z_shape": manifest says [batch,1,16], model has [batch,1,32]`.
 * Extra model outputs are allowed (the studio just does not show them); extra model inputs are not (ORT
 * would refuse to run without them).
 */
export function validateAgainstSession(manifest: Manifest, sessionName: SessionName, info: SessionInfo): void {
  const problems = sessionMismatches(manifest, sessionName, info);
  if (problems.length === 0) return;
  const detail = [
    `model inputs: ${info.inputs.map((t) => `${t.name} ${formatShape(t.shape)} ${t.type}`).join('; ')}`,
    `model outputs: ${info.outputs.map((t) => `${t.name} ${formatShape(t.shape)} ${t.type}`).join('; ')}`,
  ].join('\n');
  throw new StudioError(
    'manifest-mismatch',
    `${sessionName} of "${manifest.id}" does not match its manifest: ${problems.join('; ')}`,
    detail,
  );
}
