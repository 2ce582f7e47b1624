/**
 * Which knobs are extrapolating, computed once per state (families/extrapolation.ts is the one definition,
 * shared with the status bar and anything else that warns), cached per state object so two dozen knob
 * labels re-rendering on a drag tick do not each recompute it.
 */
import { extrapolatedKnobs } from '../../families/extrapolation';
import type { Manifest } from '../../families/manifest';
import type { StudioState } from '../../state/studioState';

const cache = new WeakMap<StudioState, { manifest: Manifest; paths: ReadonlySet<string> }>();

export function extrapolatedSet(state: StudioState, manifest: Manifest): ReadonlySet<string> {
  const hit = cache.get(state);
  if (hit && hit.manifest === manifest) return hit.paths;
  const paths = new Set(extrapolatedKnobs(state, manifest));
  cache.set(state, { manifest, paths });
  return paths;
}

const AXES = ['x', 'y', 'z'];

/**
 * A knob's state path in extrapolatedKnobs' vocabulary: the same string, except that translation axes are
 * named (state arrays are indexed: `objects.0.translation.2` is `objects.0.translation.z` there).
 */
export function extrapolationPathOf(statePath: string): string {
  const m = /^(objects\.\d+\.translation)\.(\d)$/.exec(statePath);
  return m ? `${m[1]}.${AXES[Number(m[2])] ?? m[2]}` : statePath;
}
