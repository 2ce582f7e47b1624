/**
 * The scrubber with the keyframes on it: a range input for the frame (drag or arrow keys scrub the
 * studio), markers for the keyframes (click selects, drag moves to another frame). A sweep shows its two
 * end keyframes; moving one turns the sweep into editable keyframes.
 */
import { useRef, type PointerEvent } from 'react';
import { moveKeyframe } from '../../sequence/editKeyframes';
import { asKeyframes } from '../../sequence/sampling';
import type { SequenceSpec } from '../../sequence/spec';
import { editSpec } from './editSpec';
import { showFrame } from './player';
import { useTimelineStore } from './timelineStore';

/** Frame under a pointer at clientX on a track spanning frames 0..frames. */
function frameAt(track: HTMLElement, clientX: number, frames: number): number {
  const box = track.getBoundingClientRect();
  const t = Math.max(0, Math.min(1, (clientX - box.left) / Math.max(1, box.width)));
  return Math.round(t * frames);
}

export function KeyframeTrack({ spec }: { spec: SequenceSpec }) {
  const cursor = useTimelineStore((s) => s.cursor);
  const selected = useTimelineStore((s) => s.selected);
  const track = useRef<HTMLDivElement>(null);
  const keyframes = asKeyframes(spec).keyframes;
  const span = Math.max(1, spec.frames);

  const startDrag = (index: number) => (event: PointerEvent<HTMLButtonElement>) => {
    useTimelineStore.getState().select(index);
    const from = keyframes[index].frame;
    const target = event.currentTarget;
    target.setPointerCapture(event.pointerId);
    const up = (e: globalThis.PointerEvent) => {
      target.removeEventListener('pointerup', up);
      const to = track.current ? frameAt(track.current, e.clientX, spec.frames) : from;
      if (to !== from) editSpec((s) => (s ? moveKeyframe(s, index, to) : s));
    };
    target.addEventListener('pointerup', up);
  };

  return (
    <div className="timeline-track">
      <div className="timeline-keys" ref={track}>
        {keyframes.map((k, i) => (
          <button
            key={`${i}-${k.frame}`}
            type="button"
            className={`timeline-key${selected === i ? ' selected' : ''}${k.frame >= spec.frames ? ' loop-end' : ''}`}
            style={{ left: `${(100 * k.frame) / span}%` }}
            title={`keyframe at frame ${k.frame}${k.frame >= spec.frames ? ' (closes the loop, not rendered)' : ''}: drag to move`}
            aria-label={`keyframe ${i + 1} at frame ${k.frame}`}
            data-testid="timeline-keyframe"
            data-frame={k.frame}
            onPointerDown={startDrag(i)}
          />
        ))}
      </div>
      <input
        type="range"
        className="timeline-scrubber"
        aria-label="Frame"
        data-testid="timeline-scrubber"
        min={0}
        max={spec.frames - 1}
        step={1}
        value={Math.min(cursor, spec.frames - 1)}
        onChange={(e) => showFrame(Number(e.target.value))}
        style={{ width: `${(100 * Math.max(1, spec.frames - 1)) / span}%` }}
      />
    </div>
  );
}
