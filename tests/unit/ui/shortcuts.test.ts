// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { commandForKey, installShortcuts, isTypingTarget, type KeyLike } from '../../../src/ui/shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('commandForKey', () => {
  it('maps the studio shortcuts', () => {
    expect(commandForKey(key('z', { ctrlKey: true }))).toBe('undo');
    expect(commandForKey(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(commandForKey(key('y', { ctrlKey: true }))).toBe('redo');
    expect(commandForKey(key('z', { metaKey: true }))).toBe('undo');
    expect(commandForKey(key('s', { ctrlKey: true }))).toBe('save');
    expect(commandForKey(key('r'))).toBe('randomizeSelected');
    expect(commandForKey(key('R', { shiftKey: true }))).toBe('randomizeAll');
    expect(commandForKey(key(' '))).toBe('play');
    expect(commandForKey(key('?', { shiftKey: true }))).toBe('showShortcuts');
    expect(commandForKey(key('r', { ctrlKey: true }))).toBeNull(); // browser reload stays the browser's
    expect(commandForKey(key('x'))).toBeNull();
  });

  it('leaves keys typed into a field to the field, except save', () => {
    const input = document.createElement('input');
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    expect(isTypingTarget(input)).toBe(true);
    expect(isTypingTarget(checkbox)).toBe(false);
    expect(isTypingTarget(document.createElement('textarea'))).toBe(true);
    expect(commandForKey(key('r', { target: input }))).toBeNull();
    expect(commandForKey(key('z', { ctrlKey: true, target: input }))).toBeNull();
    expect(commandForKey(key('s', { ctrlKey: true, target: input }))).toBe('save');
    expect(commandForKey(key('r', { target: checkbox }))).toBe('randomizeSelected');
  });
});

describe('installShortcuts', () => {
  it('dispatches key presses to handlers, prevents the default only when handled, and uninstalls', () => {
    const undo = vi.fn();
    const save = vi.fn();
    const off = installShortcuts(window, { undo, save });
    const press = (init: KeyboardEventInit, target: EventTarget = document.body) => {
      const e = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
      target.dispatchEvent(e);
      return e;
    };
    expect(press({ key: 'z', ctrlKey: true }).defaultPrevented).toBe(true);
    expect(undo).toHaveBeenCalledTimes(1);
    expect(press({ key: 's', ctrlKey: true }).defaultPrevented).toBe(true);
    expect(save).toHaveBeenCalledTimes(1);
    // No handler for play: Space keeps its default.
    expect(press({ key: ' ' }).defaultPrevented).toBe(false);
    const input = document.createElement('input');
    document.body.appendChild(input);
    press({ key: 'z', ctrlKey: true }, input);
    expect(undo).toHaveBeenCalledTimes(1);
    off();
    press({ key: 'z', ctrlKey: true });
    expect(undo).toHaveBeenCalledTimes(1);
    input.remove();
  });
});
