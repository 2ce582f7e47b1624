/**
 * The one way a sequence spec enters the studio or the command line: the schema first (the message names
 * the failing field, as for manifests and states), then the rules a schema cannot say: keyframes in
 * increasing frame order without duplicates, inside the sequence, all for the spec's model. Then, once the
 * model is known, whether every state fits it. All failures are StudioError('spec-invalid').
 */
import { describeIssues } from '../bundles/issues';
import type { Manifest } from '../families/manifest';
import { StudioError } from '../lib/errors';
import { checkStateFitsManifest } from '../state/fitState';
import type { StudioState } from '../state/studioState';
import { sequenceSpecSchema, type KeyframesSpec, type SequenceSpec } from './spec';
import { checkTracks } from './sweep';

const WHAT = 'sequence spec';

function fail(message: string): never {
  throw new StudioError('spec-invalid', `${WHAT}: ${message}`);
}

function checkKeyframes(spec: KeyframesSpec): void {
  spec.keyframes.forEach((k, i) => {
    if (k.frame > spec.frames) {
      fail(`keyframes[${i}].frame: ${k.frame} is past the end of a ${spec.frames}-frame sequence (at most ${spec.frames}, which closes a loop)`);
    }
    if (i === 0) return;
    const previous = spec.keyframes[i - 1].frame;
    if (k.frame === previous) fail(`keyframes[${i}].frame: duplicates keyframes[${i - 1}] at frame ${k.frame}`);
    if (k.frame < previous) {
      fail(`keyframes[${i}].frame: ${k.frame} comes before keyframes[${i - 1}].frame ${previous}; keyframes must be in increasing frame order`);
    }
  });
}

function checkModel(spec: SequenceSpec): void {
  const states: [string, StudioState][] =
    spec.kind === 'sweep' ? [['base', spec.base]] : spec.keyframes.map((k, i) => [`keyframes[${i}].state`, k.state]);
  for (const [where, state] of states) {
    if (state.modelId !== spec.modelId) fail(`${where}.modelId: "${state.modelId}" differs from the spec's modelId "${spec.modelId}"`);
  }
}

/** Validates parsed JSON as a sequence spec, defaults filled in. Throws StudioError('spec-invalid'). */
export function parseSequenceSpec(json: unknown): SequenceSpec {
  const result = sequenceSpecSchema.safeParse(json);
  if (!result.success) throw new StudioError('spec-invalid', describeIssues(WHAT, result.error.issues, json));
  const spec = result.data;
  checkModel(spec);
  if (spec.kind === 'keyframes') checkKeyframes(spec);
  return spec;
}

/** Parses spec file text; text that is not JSON is named as such. */
export function parseSequenceSpecText(text: string, fileName = 'spec'): SequenceSpec {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StudioError('spec-invalid', `${fileName} is not valid JSON (${(error as Error).message})`);
  }
  return parseSequenceSpec(json);
}

/** Whether every state of the spec fits `manifest` (factors, classes, objects) and a sweep's tracks are knobs of it. */
export function checkSpecFitsManifest(spec: SequenceSpec, manifest: Manifest): void {
  if (spec.modelId !== manifest.id) fail(`modelId: the spec is for model "${spec.modelId}", the loaded model is "${manifest.id}"`);
  const states: [string, StudioState][] =
    spec.kind === 'sweep' ? [['base', spec.base]] : spec.keyframes.map((k, i) => [`keyframes[${i}].state`, k.state]);
  for (const [where, state] of states) {
    const problems = checkStateFitsManifest(state, manifest);
    if (problems.length > 0) fail(`${where}: ${problems.slice(0, 3).join('; ')}`);
  }
  if (spec.kind === 'sweep') checkTracks(spec, manifest);
}
