/**
 * Knob paths ("camera.elevationDeg", "objects.1.translation.0", "codes.background.seed") address one value
 * inside a StudioState. The same string is the undo-coalescing key of the knob, so a drag of one knob is one
 * undo step, and it is the path the extrapolation list and the status bar speak about.
 */
import type { StudioState } from './studioState';

/** Fields of a code that a knob sets; moving one drops a reference-image vector (the knob overrides it). */
const CODE_KNOB_FIELD = /(^|\.)codes\.[^.]+\.(seed|seed2|blend|truncation|index|index2)$/;

/** Reads the value at `path` (dot-separated, numeric segments index arrays); undefined when absent. */
export function getAtPath(root: unknown, path: string): unknown {
  let value = root;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Immutable write: copies only the objects/arrays along `path`; returns `root` itself when nothing changes. */
export function setAtPath<T>(root: T, path: string, value: unknown): T {
  const parts = path.split('.');
  const write = (node: unknown, index: number): unknown => {
    const key = parts[index];
    const container = (node ?? {}) as Record<string, unknown>;
    const current = container[key];
    const next = index === parts.length - 1 ? value : write(current, index + 1);
    if (Object.is(current, next)) return node;
    if (Array.isArray(container)) {
      const copy = container.slice();
      copy[Number(key)] = next;
      return copy;
    }
    return { ...container, [key]: next };
  };
  return write(root, 0) as T;
}

/**
 * Writes a knob's value. When the knob belongs to a code that came from a reference image (`vector` or
 * `probabilities`), that override is dropped: the design says a knob move takes the code back.
 */
export function setKnobValue(state: StudioState, path: string, value: unknown): StudioState {
  const next = setAtPath(state, path, value);
  const match = CODE_KNOB_FIELD.exec(path);
  if (next === state || !match) return next;
  const codePath = path.slice(0, path.lastIndexOf('.'));
  const code = getAtPath(next, codePath) as Record<string, unknown> | undefined;
  if (!code || (!('vector' in code) && !('probabilities' in code))) return next;
  const { vector: _v, probabilities: _p, ...rest } = code;
  return setAtPath(next, codePath, rest);
}

/** True when the code at `codePath` currently comes from a reference image rather than its knobs. */
export function isFromReference(state: StudioState, codePath: string): boolean {
  const code = getAtPath(state, codePath) as Record<string, unknown> | undefined;
  return !!code && (code.vector !== undefined || code.probabilities !== undefined);
}
