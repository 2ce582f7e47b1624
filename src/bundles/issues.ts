/**
 * Turns zod issues into one line a user can act on: the field path as they would write it
 * (`generator.inputs[2].role`), what was wrong and the value that was there. Shared by the manifest and
 * the StudioState parsers so every "invalid" message in the studio reads the same way.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

/** `['generator', 'inputs', 2, 'role']` -> `generator.inputs[2].role`. */
export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function valueAt(input: unknown, path: readonly PathKey[]): { found: boolean; value: unknown } {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) {
      return { found: false, value: undefined };
    }
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value };
}

/** A short rendering of a value for a message: JSON, cut at 60 characters. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `array`, `object`, `null`, or a primitive shown with its type: `string "abc"`, `number 5`. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  return `${typeof value} ${showValue(value)}`;
}

function describeIssue(issue: Issue, input: unknown): string {
  const { found, value } = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (!found || value === undefined) return `missing (expected ${issue.expected})`;
      return `expected ${issue.expected}, got ${kindOf(value)}`;
    case 'invalid_value':
      return `invalid value ${showValue(value)} (expected ${issue.values.map((v) => showValue(v)).join(' | ')})`;
    case 'invalid_union':
      if ('options' in issue && Array.isArray(issue.options) && issue.options.length > 0) {
        return `invalid value ${showValue(value)} (expected ${issue.options.map((v) => showValue(v)).join(' | ')})`;
      }
      return `invalid value ${showValue(value)}`;
    case 'unrecognized_keys':
      return `unknown keys ${issue.keys.join(', ')}`;
    default:
      return found && (value === null || typeof value !== 'object')
        ? `${issue.message} (got ${showValue(value)})`
        : issue.message;
  }
}

/**
 * `<what>: <path>: <problem>; <path>: <problem>` for the first `max` issues (and "(+N more)").
 * `what` names the document, e.g. "manifest.json" or "state".
 */
export function describeIssues(what: string, issues: readonly Issue[], input: unknown, max = 3): string {
  const parts = issues.slice(0, max).map((issue) => {
    const path = formatPath(issue.path);
    return `${path || '(top level)'}: ${describeIssue(issue, input)}`;
  });
  const more = issues.length > max ? ` (+${issues.length - max} more)` : '';
  return `${what}: ${parts.join('; ')}${more}`;
}
