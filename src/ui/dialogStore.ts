/**
 * Which modal dialog is open. A store, not component state, because a menu item, a keyboard shortcut (?)
 * and a button elsewhere may all open the same dialog.
 */
import { create } from 'zustand';

export type DialogId = 'shortcuts' | 'about' | 'openUrl' | 'resetFactor';

export interface DialogStore {
  open: DialogId | null;
  show(dialog: DialogId): void;
  close(): void;
}

export const useDialogStore = create<DialogStore>()((set) => ({
  open: null,
  show: (dialog) => set({ open: dialog }),
  close: () => set({ open: null }),
}));
