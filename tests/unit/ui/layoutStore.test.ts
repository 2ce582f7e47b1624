import { describe, expect, it } from 'vitest';
import type { StateStorage } from 'zustand/middleware';
import { autoDockHeight, autoRigHeight, createLayoutStore, defaultLayout, LAYOUT_STORAGE_KEY, SIDE_WIDTH } from '../../../src/ui/layoutStore';

function memoryStorage(): StateStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

describe('layout persistence', () => {
  it('restores panels, theme and sizes on the next visit', () => {
    const storage = memoryStorage();
    const first = createLayoutStore(() => storage);
    first.getState().togglePanel('rig');
    first.getState().setTheme('light');
    first.getState().setSideWidth(420);
    first.getState().setRigHeight(250);
    first.getState().setDockHeight(410);
    expect(storage.data.has(LAYOUT_STORAGE_KEY)).toBe(true);

    const second = createLayoutStore(() => storage);
    const s = second.getState();
    expect(s.panels.rig).toBe(false);
    expect(s.panels.knobs).toBe(true);
    expect(s.theme).toBe('light');
    expect(s.sideWidth).toBe(420);
    expect(s.rigHeight).toBe(250);
    expect(s.dockHeight).toBe(410);
  });

  it('starts from defaults when nothing or garbage is stored, and when storage throws', () => {
    const storage = memoryStorage();
    storage.data.set(LAYOUT_STORAGE_KEY, JSON.stringify({ state: { theme: 'purple', sideWidth: 'wide', panels: { rig: 'no', knobs: false } }, version: 1 }));
    const s = createLayoutStore(() => storage).getState();
    expect(s.theme).toBe(defaultLayout().theme);
    expect(s.sideWidth).toBe(SIDE_WIDTH.default);
    expect(s.panels).toEqual({ ...defaultLayout().panels, knobs: false });

    const broken: StateStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {},
    };
    const store = createLayoutStore(() => broken);
    store.getState().setTheme('light');
    expect(store.getState().theme).toBe('light');
  });

  it('clamps panel sizes', () => {
    const store = createLayoutStore(() => memoryStorage());
    store.getState().setSideWidth(10);
    expect(store.getState().sideWidth).toBe(SIDE_WIDTH.min);
    store.getState().setSideWidth(99999);
    expect(store.getState().sideWidth).toBe(SIDE_WIDTH.max);
  });
});

describe('panel sizes before the user drags a splitter', () => {
  it('follow the window, leaving the knobs room at 1280x800', () => {
    expect(defaultLayout().dockHeight).toBeNull();
    expect(defaultLayout().rigHeight).toBeNull();
    const knobsAt = (h: number) => h - 30 - 24 - autoDockHeight(h) - autoRigHeight(h); // menu bar, status bar
    expect(knobsAt(800)).toBeGreaterThanOrEqual(220);
    expect(knobsAt(900)).toBeGreaterThanOrEqual(280);
    expect(autoDockHeight(600)).toBe(200);
    expect(autoDockHeight(2000)).toBe(340);
    expect(autoRigHeight(2000)).toBe(300);
  });
});
