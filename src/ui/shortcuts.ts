/**
 * Keyboard shortcuts as data plus one pure matcher, so the help dialog, the menu hints and the key handler
 * cannot disagree, and the matching is testable without a browser. Keys typed into a text field belong to
 * the field (its own undo, letters), except Ctrl+S, which must never open the browser's "save page".
 */

export type ShortcutCommand = 'undo' | 'redo' | 'save' | 'randomizeSelected' | 'randomizeAll' | 'play' | 'showShortcuts';

export interface ShortcutInfo {
  command: ShortcutCommand;
  /** What the key does, for the help dialog. */
  description: string;
  /** Key combinations as shown to the user. */
  keys: string[];
}

export const SHORTCUTS: ShortcutInfo[] = [
  { command: 'undo', description: 'Undo', keys: ['Ctrl+Z'] },
  { command: 'redo', description: 'Redo', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'] },
  { command: 'save', description: 'Save image (PNG with its parameters)', keys: ['Ctrl+S'] },
  { command: 'randomizeSelected', description: 'Randomize the factor you last touched', keys: ['R'] },
  { command: 'randomizeAll', description: 'Randomize all factors', keys: ['Shift+R'] },
  { command: 'play', description: 'Play / pause the sequence', keys: ['Space'] },
  { command: 'showShortcuts', description: 'Show keyboard shortcuts', keys: ['?'] },
];

/** The parts of a KeyboardEvent the matcher reads. */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  target?: EventTarget | null;
}

const TEXT_INPUT_TYPES = new Set(['', 'text', 'number', 'search', 'email', 'url', 'password', 'tel']);

/** True when keys typed now go into a text field (inputs, textareas, selects, contenteditable). */
export function isTypingTarget(target: EventTarget | null | undefined): boolean {
  const el = target as HTMLElement | null | undefined;
  if (!el || typeof el.tagName !== 'string') return false;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') return TEXT_INPUT_TYPES.has(((el as HTMLInputElement).type ?? '').toLowerCase());
  return el.isContentEditable === true;
}

/** The command a key press means, or null. Ctrl and Cmd are the same (macOS). */
export function commandForKey(e: KeyLike): ShortcutCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey) {
    if (key === 's' && !e.shiftKey) return 'save';
    if (isTypingTarget(e.target)) return null;
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !e.shiftKey) return 'redo';
    return null;
  }
  if (mod || e.altKey || isTypingTarget(e.target)) return null;
  if (key === 'r') return e.shiftKey ? 'randomizeAll' : 'randomizeSelected';
  if (key === ' ' || key === 'Spacebar') return 'play';
  if (key === '?') return 'showShortcuts';
  return null;
}

/**
 * Listens for shortcuts on `target` (window). A command with no handler is left alone, so the key keeps
 * its default (play is reserved until the sequence player exists). Returns the unsubscribe function.
 */
export function installShortcuts(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  handlers: Partial<Record<ShortcutCommand, () => void>>,
): () => void {
  const onKeyDown = (event: Event) => {
    const e = event as KeyboardEvent;
    if (e.defaultPrevented || e.repeat) return;
    const command = commandForKey(e);
    const handler = command ? handlers[command] : undefined;
    if (!handler) return;
    e.preventDefault();
    handler();
  };
  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}

/** The first key combination of a command, for menu hints. */
export function shortcutLabel(command: ShortcutCommand): string | undefined {
  return SHORTCUTS.find((s) => s.command === command)?.keys[0];
}
