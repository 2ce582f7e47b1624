/**
 * One mixer slot: takes an image by drop, picker or (via the panel) paste, or from the history; shows the
 * image, where its codes came from, the knob values it sets and, for encoder slots, what the model made of
 * it. Dragging one slot onto another swaps them. Stateless: the controller owns the rules.
 */
import { useRef, useState, type DragEvent } from 'react';
import type { Manifest } from '../../families/manifest';
import { slotIsEmptyFor } from '../../mixer/factorSlots';
import { describeSlot } from '../../mixer/knobSummary';
import { SLOT_LABELS, type SlotId } from '../../mixer/slotIds';
import type { Slot } from '../../mixer/slots';
import { dragHasFiles } from '../dropFiles';
import { HistoryPicker } from './HistoryPicker';
import type { MixerUi } from './mixerUi';

/** dataTransfer type of a slot dragged onto another (swap). */
export const SLOT_DRAG_TYPE = 'application/x-disentangle-mixer-slot';

export interface SlotCardProps {
  id: SlotId;
  slot: Slot;
  busy: boolean;
  manifest: Manifest;
  mixer: MixerUi;
  onFocus(): void;
}

export function SlotCard({ id, slot, busy, manifest, mixer, onFocus }: SlotCardProps) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [picking, setPicking] = useState(false);
  const content = slot.content;
  const unused = slotIsEmptyFor(manifest, id);

  const accepts = (e: DragEvent) => dragHasFiles(e.dataTransfer) || e.dataTransfer.types.includes(SLOT_DRAG_TYPE);
  const onDragOver = (e: DragEvent) => {
    if (!accepts(e)) return;
    e.preventDefault(); // allow the drop, and tell the window-wide drop zone this one is taken
    setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    setOver(false);
    if (!accepts(e)) return;
    e.preventDefault();
    const from = e.dataTransfer.getData(SLOT_DRAG_TYPE) as SlotId;
    if (from) mixer.swap(from, id);
    else if (e.dataTransfer.files[0]) mixer.fillFromFile(id, e.dataTransfer.files[0]);
  };

  return (
    <div
      className={`mixer-slot${over ? ' mixer-slot--over' : ''}${content && !slot.locked ? ' mixer-slot--released' : ''}`}
      data-testid={`mixer-slot-${id}`}
      data-source={content?.sourceName ?? ''}
      data-origin={content?.origin ?? ''}
      data-active={String(!!content && slot.locked)}
      data-busy={String(busy)}
      tabIndex={0}
      aria-label={`${SLOT_LABELS[id]} slot`}
      onFocus={onFocus}
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      draggable={!!content}
      onDragStart={(e) => e.dataTransfer.setData(SLOT_DRAG_TYPE, id)}
    >
      <div className="mixer-slot-head">
        <strong>{SLOT_LABELS[id]}</strong>
        {content && (
          <span className={`mixer-origin mixer-origin--${content.origin}`} data-testid={`mixer-origin-${id}`} title={content.note}>
            {content.origin === 'metadata' ? 'exact (metadata)' : 'encoder'}
          </span>
        )}
      </div>
      <div className="mixer-slot-images">
        {content ? (
          <figure>
            <img src={content.thumbnail} alt={content.sourceName} title={content.sourceName} />
            <figcaption>reference</figcaption>
          </figure>
        ) : (
          <div className="mixer-slot-empty">{busy ? 'Reading…' : unused ? 'Not used by this model' : 'Drop, paste or choose an image'}</div>
        )}
        {content?.reconstruction && (
          <figure>
            <img src={content.reconstruction} alt="What the model recovered" title="The recovered codes, rendered alone" data-testid={`mixer-reconstruction-${id}`} />
            <figcaption>recovered</figcaption>
          </figure>
        )}
      </div>
      {content && (
        <ul className="mixer-slot-knobs" data-testid={`mixer-knobs-${id}`}>
          <li className="mixer-slot-name">{content.sourceName}</li>
          {describeSlot(manifest, id, content.recovered).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <div className="mixer-slot-actions">
        <button type="button" onClick={() => input.current?.click()} disabled={busy} data-testid={`mixer-choose-${id}`}>
          Choose…
        </button>
        <button type="button" onClick={() => setPicking((p) => !p)} aria-expanded={picking} data-testid={`mixer-history-${id}`}>
          History
        </button>
        {content && (
          <>
            <button type="button" onClick={() => mixer.setLocked(id, !slot.locked)} aria-pressed={slot.locked} data-testid={`mixer-lock-${id}`} title={slot.locked ? 'Give this factor back to the knobs' : 'Take this factor from the image again'}>
              {slot.locked ? 'Release' : 'Lock'}
            </button>
            <button type="button" onClick={() => mixer.clear(id)} data-testid={`mixer-clear-${id}`}>
              Clear
            </button>
          </>
        )}
      </div>
      {picking && (
        <HistoryPicker
          onPick={(entry) => {
            setPicking(false);
            mixer.fillFromHistory(id, entry);
          }}
          onClose={() => setPicking(false)}
        />
      )}
      <input
        ref={input}
        hidden
        type="file"
        accept="image/*"
        data-testid={`mixer-input-${id}`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) mixer.fillFromFile(id, file);
        }}
      />
    </div>
  );
}
