/** Menus as data: the menu bar renders them, tests and the shortcut dialog read them. */
export type MenuItem =
  | { kind: 'action'; id: string; label: string; shortcut?: string; disabled?: boolean; run(): void }
  | { kind: 'check'; id: string; label: string; checked: boolean; disabled?: boolean; run(): void }
  | { kind: 'radio'; id: string; label: string; checked: boolean; disabled?: boolean; run(): void }
  | { kind: 'separator'; id: string }
  | { kind: 'heading'; id: string; label: string };

export interface Menu {
  id: string;
  label: string;
  items: MenuItem[];
}

export type RunnableItem = Extract<MenuItem, { run(): void }>;

export const isRunnable = (item: MenuItem): item is RunnableItem =>
  item.kind === 'action' || item.kind === 'check' || item.kind === 'radio';
