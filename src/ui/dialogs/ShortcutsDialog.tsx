/** Help > Keyboard shortcuts: the same table the key handler uses. */
import { SHORTCUTS } from '../shortcuts';
import { Dialog } from './Dialog';

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="dialog-shortcuts">
      <table className="shortcut-table">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.command}>
              <td>
                {s.keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="dialog-note">Keys are ignored while you type in a field, except Ctrl+S. On macOS, Cmd works as Ctrl.</p>
    </Dialog>
  );
}
