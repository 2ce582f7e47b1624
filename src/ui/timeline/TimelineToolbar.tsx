/**
 * The timeline's first row: play, where the scrubber is, keyframe buttons (add = capture the studio's
 * current state at the scrubber's frame), the sequence's length and rate, presets, and spec files.
 */
import { useRef } from 'react';
import { addKeyframe, removeKeyframe, setFrameCount, setKeyframeEasing } from '../../sequence/editKeyframes';
import { EASINGS } from '../../sequence/easing';
import { presetsFor } from '../../sequence/presets';
import { asKeyframes } from '../../sequence/sampling';
import type { Easing, SequenceSpec } from '../../sequence/spec';
import { useSessionStore } from '../../state/sessionStore';
import { useStudioStore } from '../../state/studioStore';
import { editSpec, userState } from './editSpec';
import { endPreview, togglePlay } from './player';
import { openSpecFile, saveSpec } from './specFile';
import { useTimelineStore } from './timelineStore';

/** Whether the scrubber sits on a keyframe: then the button updates that keyframe instead of adding one. */
function keyframeAt(spec: SequenceSpec | null, frame: number): boolean {
  return spec ? asKeyframes(spec).keyframes.some((k) => k.frame === frame) : false;
}

/**
 * Captures the studio's state at the scrubber's frame. After the first keyframe the scrubber moves to the
 * last frame, so "add keyframe, turn knobs, add keyframe" makes a sequence from the first state to the
 * second (it used to replace the first keyframe, the scrubber still on frame 0).
 */
function addAtCursor(): void {
  const state = useStudioStore.getState().state;
  const { cursor, spec: before } = useTimelineStore.getState();
  if (state && editSpec((spec) => addKeyframe(spec, cursor, state))) {
    const timeline = useTimelineStore.getState();
    const spec = timeline.spec;
    if (spec?.kind === 'keyframes') timeline.select(spec.keyframes.findIndex((k) => k.frame === cursor));
    if (!before && spec && spec.frames - 1 > cursor) timeline.setCursor(spec.frames - 1);
  }
}

function applyPreset(id: string): void {
  const manifest = useSessionStore.getState().manifest;
  const base = userState();
  if (!manifest || !base) return;
  const preset = presetsFor(manifest, base).find((p) => p.id === id);
  if (preset && editSpec(() => preset.build(base))) useTimelineStore.getState().setCursor(0);
}

function PresetPicker() {
  const manifest = useSessionStore((s) => s.manifest);
  const state = useStudioStore((s) => s.state);
  const presets = manifest && state ? presetsFor(manifest, state) : [];
  return (
    <select aria-label="Preset" data-testid="timeline-preset" value="" onChange={(e) => applyPreset(e.target.value)} disabled={presets.length === 0}>
      <option value="">Presets…</option>
      {presets.map((p) => (
        <option key={p.id} value={p.id}>
          {p.label}
        </option>
      ))}
    </select>
  );
}

function SelectedKeyframe({ spec }: { spec: SequenceSpec }) {
  const selected = useTimelineStore((s) => s.selected);
  if (spec.kind !== 'keyframes' || selected === null || !spec.keyframes[selected]) return null;
  const key = spec.keyframes[selected];
  return (
    <>
      <select
        aria-label="Easing to next keyframe"
        title="Easing from this keyframe to the next"
        value={key.easing ?? spec.easing}
        onChange={(e) => editSpec((s) => (s ? setKeyframeEasing(s, selected, e.target.value as Easing) : s))}
      >
        {EASINGS.map((e) => (
          <option key={e} value={e}>
            {e}
          </option>
        ))}
      </select>
      <button type="button" data-testid="timeline-remove-keyframe" onClick={() => editSpec((s) => (s ? removeKeyframe(s, selected) : s)) && useTimelineStore.getState().select(null)}>
        Remove keyframe
      </button>
    </>
  );
}

export function TimelineToolbar() {
  const spec = useTimelineStore((s) => s.spec);
  const cursor = useTimelineStore((s) => s.cursor);
  const playing = useTimelineStore((s) => s.playing);
  const onKeyframe = useTimelineStore((s) => keyframeAt(s.spec, s.cursor));
  const previewing = useStudioStore((s) => s.previewBase !== null);
  const hasState = useStudioStore((s) => s.state !== null);
  const fileInput = useRef<HTMLInputElement>(null);

  return (
    <div className="timeline-toolbar">
      <button type="button" data-testid="timeline-play" onClick={togglePlay} disabled={!spec} title="Play / pause (Space)">
        {playing ? 'Pause' : 'Play'}
      </button>
      <span className="timeline-position" data-testid="timeline-position">
        {spec ? `frame ${cursor} / ${spec.frames}` : 'no sequence'}
        {spec ? ` · ${(cursor / spec.fps).toFixed(2)} s` : ''}
      </span>
      <button
        type="button"
        data-testid="timeline-add-keyframe"
        onClick={addAtCursor}
        disabled={!hasState}
        title={onKeyframe ? 'Replace the keyframe at this frame with the current state' : 'Capture the current state as a keyframe at this frame'}
      >
        {onKeyframe ? 'Update keyframe' : 'Add keyframe'}
      </button>
      {spec && <SelectedKeyframe spec={spec} />}
      {spec && (
        <label>
          frames
          <input
            type="number"
            min={1}
            data-testid="timeline-frames"
            value={spec.frames}
            onChange={(e) => editSpec((s) => (s ? setFrameCount(s, Math.floor(Number(e.target.value))) : s))}
          />
        </label>
      )}
      {spec && (
        <label>
          fps
          <input type="number" min={1} max={240} value={spec.fps} onChange={(e) => editSpec((s) => (s && Number(e.target.value) > 0 ? { ...s, fps: Math.min(240, Number(e.target.value)) } : s))} />
        </label>
      )}
      {spec?.kind === 'keyframes' && (
        <select aria-label="Angles" title="How angles move between keyframes" value={spec.angles} onChange={(e) => editSpec((s) => (s?.kind === 'keyframes' ? { ...s, angles: e.target.value as 'shortest' | 'turns' } : s))}>
          <option value="shortest">angles: shortest way</option>
          <option value="turns">angles: as written (full turns)</option>
        </select>
      )}
      <PresetPicker />
      {previewing && (
        <>
          <button type="button" data-testid="timeline-restore" onClick={() => endPreview('restore')} title="Show the state you had before previewing">
            Back to my state
          </button>
          <button type="button" onClick={() => endPreview('keep')} title="Keep this frame's state (one undo step)">
            Keep this frame
          </button>
        </>
      )}
      <span className="timeline-spacer" />
      {spec && (
        <button type="button" onClick={() => saveSpec(spec)} title="Save the spec for `npm run render`">
          Save spec
        </button>
      )}
      <button type="button" onClick={() => fileInput.current?.click()}>
        Open spec…
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="timeline-open-spec-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void openSpecFile(file);
        }}
      />
      {spec && (
        <button type="button" onClick={() => { endPreview('restore'); editSpec(() => null); }}>
          Clear
        </button>
      )}
    </div>
  );
}
