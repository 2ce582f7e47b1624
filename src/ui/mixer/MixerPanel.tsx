/**
 * The mixer: four slots (background, shape, texture, pose) and Shuffle / Clear. Ctrl+V while the mixer has
 * focus pastes an image into the focused slot (or the first empty one). The mix shows in the main viewport.
 */
import { useMemo, useRef, type ClipboardEvent } from 'react';
import { SLOT_IDS, type SlotId } from '../../mixer/slotIds';
import { useSessionStore } from '../../state/sessionStore';
import { useMixerStore } from './mixerStore';
import { mixerUi, type MixerActions } from './mixerUi';
import { SlotCard } from './SlotCard';

export function MixerPanel({ actions }: { actions: MixerActions }) {
  const mixer = useMemo(() => mixerUi(actions), [actions]);
  const manifest = useSessionStore((s) => s.manifest);
  const { slots, busy } = useMixerStore();
  const focused = useRef<SlotId | null>(null);

  const onPaste = (e: ClipboardEvent) => {
    const file = Array.from(e.clipboardData.files).find((f) => f.type.startsWith('image/')) ?? e.clipboardData.files[0];
    if (!file) return;
    e.preventDefault();
    const target = focused.current ?? SLOT_IDS.find((id) => !slots[id].content) ?? 'background';
    mixer.fillFromFile(target, file);
  };

  if (!manifest) return <p className="panel-empty">Loading model…</p>;
  const filled = SLOT_IDS.filter((id) => slots[id].content).length;
  return (
    <div className="mixer" data-testid="mixer" tabIndex={-1} onPaste={onPaste}>
      <div className="mixer-toolbar">
        <button type="button" onClick={mixer.shuffle} disabled={filled < 2} data-testid="mixer-shuffle" title="Try a random assignment of the images to the slots">
          Shuffle
        </button>
        <button type="button" onClick={mixer.clearAll} disabled={filled === 0} data-testid="mixer-clear-all">
          Clear all
        </button>
        <span className="mixer-hint">
          {manifest.encoder ? 'Studio PNGs mix exactly; other images go through the encoder.' : `${manifest.name} has no encoder: only PNGs saved by the studio can be mixed.`} Drag a slot onto another to swap.
        </span>
      </div>
      <div className="mixer-slots">
        {SLOT_IDS.map((id) => (
          <SlotCard key={id} id={id} slot={slots[id]} busy={!!busy[id]} manifest={manifest} mixer={mixer} onFocus={() => (focused.current = id)} />
        ))}
      </div>
    </div>
  );
}
