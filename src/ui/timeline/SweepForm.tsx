/**
 * Quick sweep: one knob from -> to over N frames with an easing, on the user's current state. Picking a
 * knob fills in from = its current value and to = the end of its trained range (a full turn for angles).
 * "Loop" makes `to` the frame after the last, so 0 -> 360 loops without a repeated frame.
 */
import { useState } from 'react';
import { EASINGS } from '../../sequence/easing';
import { isAnglePath, sweepableKnobs } from '../../sequence/knobs';
import { SPEC_FORMAT, SPEC_VERSION, type Easing, type SweepSpec } from '../../sequence/spec';
import { useSessionStore } from '../../state/sessionStore';
import { useStudioStore } from '../../state/studioStore';
import { getAtPath } from '../../state/statePath';
import { editSpec, userState } from './editSpec';
import { useTimelineStore } from './timelineStore';

interface Draft {
  path: string;
  from: number;
  to: number;
  frames: number;
  easing: Easing;
  loop: boolean;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

export function SweepForm() {
  const manifest = useSessionStore((s) => s.manifest);
  const state = useStudioStore((s) => s.previewBase ?? s.state);
  const knobs = manifest && state ? sweepableKnobs(manifest, state) : [];
  const [draft, setDraft] = useState<Draft>({ path: '', from: 0, to: 360, frames: 36, easing: 'linear', loop: true });
  if (!manifest || !state || knobs.length === 0) return null;

  const pick = (path: string) => {
    const knob = knobs.find((k) => k.path === path);
    if (!knob) return;
    const current = getAtPath(state, path);
    const from = typeof current === 'number' ? round(current) : knob.min;
    const angle = isAnglePath(path);
    setDraft({ ...draft, path, from, to: angle ? from + 360 : knob.max === from ? knob.min : knob.max, loop: angle, easing: angle ? 'linear' : 'ease-in-out' });
  };

  const apply = () => {
    const base = userState();
    if (!base || !draft.path) return;
    const spec: SweepSpec = {
      format: SPEC_FORMAT,
      version: SPEC_VERSION,
      kind: 'sweep',
      name: `sweep-${draft.path.replace(/\./g, '-')}`,
      modelId: base.modelId,
      frames: Math.max(1, Math.floor(draft.frames)),
      fps: useTimelineStore.getState().spec?.fps ?? 24,
      output: useTimelineStore.getState().output,
      base,
      tracks: [{ path: draft.path, from: draft.from, to: draft.to }],
      easing: draft.easing,
      loop: draft.loop,
    };
    if (editSpec(() => spec)) useTimelineStore.getState().setCursor(0);
  };

  const num = (key: 'from' | 'to' | 'frames') => (
    <label>
      {key}
      <input type="number" data-testid={`sweep-${key}`} value={draft[key]} step="any" onChange={(e) => setDraft({ ...draft, [key]: Number(e.target.value) })} />
    </label>
  );

  return (
    <fieldset className="timeline-sweep" data-testid="sweep-form">
      <legend>Quick sweep</legend>
      <select aria-label="Knob to sweep" data-testid="sweep-knob" value={draft.path} onChange={(e) => pick(e.target.value)}>
        <option value="">knob…</option>
        {knobs.map((k) => (
          <option key={k.path} value={k.path}>
            {k.label}
          </option>
        ))}
      </select>
      {num('from')}
      {num('to')}
      {num('frames')}
      <select aria-label="Easing" data-testid="sweep-easing" value={draft.easing} onChange={(e) => setDraft({ ...draft, easing: e.target.value as Easing })}>
        {EASINGS.map((e) => (
          <option key={e} value={e}>
            {e}
          </option>
        ))}
      </select>
      <label title="The end value is the frame after the last: a 360° sweep loops seamlessly">
        <input type="checkbox" checked={draft.loop} onChange={(e) => setDraft({ ...draft, loop: e.target.checked })} />
        loop
      </label>
      <button type="button" data-testid="sweep-apply" onClick={apply} disabled={!draft.path}>
        Make sweep
      </button>
    </fieldset>
  );
}
