/** File > Open model from URL…: the folder URL that holds manifest.json. */
import { useState, type FormEvent } from 'react';
import { Dialog } from './Dialog';

export interface OpenUrlDialogProps {
  onOpen(url: string): void;
  onClose(): void;
}

export function OpenUrlDialog({ onOpen, onClose }: OpenUrlDialogProps) {
  const [url, setUrl] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = url.trim();
    if (!trimmed) return;
    onClose();
    onOpen(trimmed);
  };
  return (
    <Dialog title="Open model from URL" onClose={onClose} testId="dialog-open-url">
      <form onSubmit={submit} className="dialog-form">
        <label htmlFor="open-model-url">Bundle folder URL (the folder that contains manifest.json)</label>
        <input
          id="open-model-url"
          type="url"
          value={url}
          placeholder="https://example.org/models/my-model/"
          onChange={(e) => setUrl(e.target.value)}
          required
        />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!url.trim()}>
            Open
          </button>
        </div>
      </form>
    </Dialog>
  );
}
