/** Edit > Reset factor…: every factor of the model with a button that puts it back to the manifest default. */
import type { FactorAction } from '../knobs/schema';
import { Dialog } from './Dialog';

export interface ResetFactorDialogProps {
  factors: FactorAction[];
  onReset(path: string): void;
  onClose(): void;
}

export function ResetFactorDialog({ factors, onReset, onClose }: ResetFactorDialogProps) {
  return (
    <Dialog title="Reset factor" onClose={onClose} testId="dialog-reset-factor">
      {factors.length === 0 ? (
        <p>No model is loaded.</p>
      ) : (
        <ul className="factor-list">
          {factors.map((f) => (
            <li key={f.path}>
              <span>{f.label}</span>
              <button type="button" onClick={() => onReset(f.path)} data-factor-path={f.path}>
                Reset
              </button>
            </li>
          ))}
          <li>
            <span>
              <strong>everything</strong>
            </span>
            <button
              type="button"
              onClick={() => {
                for (const f of factors) onReset(f.path);
                onClose();
              }}
            >
              Reset all
            </button>
          </li>
        </ul>
      )}
    </Dialog>
  );
}
