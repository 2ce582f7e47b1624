/** The studio's recent images as a strip of thumbnails; a click takes one into the slot. */
import { HISTORY_LENGTH, useHistoryStore, type HistoryEntry } from './historyStore';

export function HistoryPicker({ onPick, onClose }: { onPick(entry: HistoryEntry): void; onClose(): void }) {
  const entries = useHistoryStore((s) => s.entries);
  return (
    <div className="mixer-history" role="listbox" aria-label="Recent images" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      {entries.length === 0 && <p className="panel-empty">No images yet: the studio keeps its last {HISTORY_LENGTH} images here.</p>}
      {entries.map((entry) => (
        <button type="button" key={entry.id} role="option" aria-selected={false} onClick={() => onPick(entry)} data-testid="mixer-history-entry" title={`history #${entry.id}`}>
          <img src={entry.thumbnail} alt={`history #${entry.id}`} />
        </button>
      ))}
    </div>
  );
}
