/**
 * A knob's label that watches the studio store itself, so the extrapolation mark and the "from image"
 * tag follow every value change without rebuilding the leva schema mid-drag.
 */
import type { Manifest } from '../../families/manifest';
import { useStudioStore } from '../../state/studioStore';
import { extrapolatedSet } from './extrapolated';
import type { Bounds } from './ranges';
import { getAtPath, isFromReference } from '../../state/statePath';
import type { Code, StudioState } from '../../state/studioState';
import { anchorIndexOf, anchorsOf } from '../../families/anchors';

/** A code set to one of its factor's named anchors (picked by class) is not "from an image". */
function isAnchored(state: StudioState, codePath: string, manifest: Manifest): boolean {
  const factor = manifest.factors.find((f) => f.id === codePath.slice(codePath.lastIndexOf('.') + 1));
  return !!factor && anchorIndexOf(getAtPath(state, codePath) as Code | undefined, anchorsOf(factor)) >= 0;
}

export interface KnobLabelProps {
  text: string;
  manifest: Manifest;
  /** The knob's path as extrapolatedKnobs() reports it; omitted for knobs never checked. */
  extrapolationPath?: string | null;
  /** Trained range, for the tooltip. */
  trained?: Bounds | null;
  /** Code path: tagged while a reference image's vector overrides the knobs. */
  codePath?: string;
}

export function KnobLabel({ text, manifest, extrapolationPath, trained, codePath }: KnobLabelProps) {
  const extrapolating = useStudioStore(
    (s) => !!s.state && !!extrapolationPath && extrapolatedSet(s.state, manifest).has(extrapolationPath),
  );
  const fromImage = useStudioStore((s) => !!s.state && !!codePath && isFromReference(s.state, codePath) && !isAnchored(s.state, codePath, manifest));
  const title = extrapolating
    ? `${text} (extrapolating): outside the trained range${trained ? ` ${trained.min} … ${trained.max}` : ''}`
    : fromImage
      ? `${text}: the code comes from a reference image until a knob moves`
      : text;
  return (
    <span
      className={extrapolating ? 'knob-label knob-label--extrapolating' : 'knob-label'}
      data-extrapolating={extrapolating ? 'true' : undefined}
      title={title}
      aria-label={extrapolating ? `${text} (extrapolating)` : text}
    >
      {text}
      {extrapolating && <span className="knob-flag" aria-hidden="true"> ⚠</span>}
      {fromImage && <span className="knob-tag" aria-hidden="true"> img</span>}
    </span>
  );
}
