/**
 * The desktop layout the user arranged (visible panels, theme, panel sizes), remembered between visits in
 * localStorage. Kept apart from StudioState: it never affects an image and must not enter undo or URLs.
 */
import { create, type StateCreator } from 'zustand';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';

export type PanelId = 'knobs' | 'rig' | 'mixer' | 'timeline';
export type Theme = 'light' | 'dark';

export interface LayoutData {
  panels: Record<PanelId, boolean>;
  theme: Theme;
  /** Width of the right column (knobs + rig), CSS pixels. */
  sideWidth: number;
  /** Height of the rig panel inside the right column, CSS pixels; null: from the window (autoRigHeight). */
  rigHeight: number | null;
  /** Height of the bottom dock (mixer + timeline), CSS pixels; null: from the window (autoDockHeight). */
  dockHeight: number | null;
}

export interface LayoutStore extends LayoutData {
  togglePanel(panel: PanelId): void;
  setPanel(panel: PanelId, visible: boolean): void;
  setTheme(theme: Theme): void;
  setSideWidth(px: number): void;
  setRigHeight(px: number): void;
  setDockHeight(px: number): void;
}

export const LAYOUT_STORAGE_KEY = 'disentangle-studio.layout';
export const SIDE_WIDTH = { min: 260, max: 720, default: 340 };
export const RIG_HEIGHT = { min: 160, max: 900, default: 300 };
/** The dock holds the mixer's four slots and the timeline's export box: under ~260 px they scroll. */
export const DOCK_HEIGHT = { min: 120, max: 900, default: 320 };

const within = (v: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, v)));

/**
 * Sizes until the user drags a splitter: a third of the window for the dock (200-340 px) and 28% for the rig
 * (160-300 px), so at 1280x800 the knobs keep ~250 px and at 1440x900 ~290 px, and a tall window gives
 * every panel room. (Fixed defaults of 300 + 320 px left the knobs two rows at 800 px.)
 */
export function autoDockHeight(windowHeight: number): number {
  return within(windowHeight / 3, 200, 340);
}
export function autoRigHeight(windowHeight: number): number {
  return within(windowHeight * 0.28, RIG_HEIGHT.min, RIG_HEIGHT.default);
}

export const defaultLayout = (): LayoutData => ({
  panels: { knobs: true, rig: true, mixer: true, timeline: true },
  theme: 'dark',
  sideWidth: SIDE_WIDTH.default,
  rigHeight: null,
  dockHeight: null,
});

const clamp = (v: number, r: { min: number; max: number; default: number }) =>
  Number.isFinite(v) ? Math.min(r.max, Math.max(r.min, Math.round(v))) : r.default;

const creator: StateCreator<LayoutStore> = (set) => ({
  ...defaultLayout(),
  togglePanel: (panel) => set((s) => ({ panels: { ...s.panels, [panel]: !s.panels[panel] } })),
  setPanel: (panel, visible) => set((s) => ({ panels: { ...s.panels, [panel]: visible } })),
  setTheme: (theme) => set({ theme }),
  setSideWidth: (px) => set({ sideWidth: clamp(px, SIDE_WIDTH) }),
  setRigHeight: (px) => set({ rigHeight: clamp(px, RIG_HEIGHT) }),
  setDockHeight: (px) => set({ dockHeight: clamp(px, DOCK_HEIGHT) }),
});

/** Falls back to memory when localStorage is missing or throws (private mode, quota). */
function safeStorage(storage: () => StateStorage | undefined): StateStorage {
  const memory = new Map<string, string>();
  const tryStorage = <T>(fn: (s: StateStorage) => T, fallback: () => T): T => {
    try {
      const s = storage();
      return s ? fn(s) : fallback();
    } catch {
      return fallback();
    }
  };
  return {
    getItem: (k) => tryStorage((s) => s.getItem(k) as string | null, () => memory.get(k) ?? null),
    setItem: (k, v) => tryStorage((s) => s.setItem(k, v), () => void memory.set(k, v)),
    removeItem: (k) => tryStorage((s) => s.removeItem(k), () => void memory.delete(k)),
  };
}

/**
 * A layout store persisted under `key` in `storage` (tests pass their own). Only the data is saved; a
 * stored value of the wrong shape is merged field by field over the defaults so an old save cannot break
 * the layout.
 */
export function createLayoutStore(storage: () => StateStorage | undefined = () => globalThis.localStorage, key = LAYOUT_STORAGE_KEY) {
  return create<LayoutStore>()(
    persist(creator, {
      name: key,
      version: 1,
      storage: createJSONStorage(() => safeStorage(storage)),
      partialize: (s): LayoutData => ({ panels: s.panels, theme: s.theme, sideWidth: s.sideWidth, rigHeight: s.rigHeight, dockHeight: s.dockHeight }),
      merge: (persisted, current) => ({ ...current, ...sanitizeLayout(persisted) }),
    }),
  );
}

/** Keeps only well-formed fields of a stored layout. */
export function sanitizeLayout(raw: unknown): Partial<LayoutData> {
  if (!raw || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const out: Partial<LayoutData> = {};
  if (r.theme === 'light' || r.theme === 'dark') out.theme = r.theme;
  if (typeof r.sideWidth === 'number') out.sideWidth = clamp(r.sideWidth, SIDE_WIDTH);
  if (typeof r.rigHeight === 'number') out.rigHeight = clamp(r.rigHeight, RIG_HEIGHT);
  if (typeof r.dockHeight === 'number') out.dockHeight = clamp(r.dockHeight, DOCK_HEIGHT);
  if (r.panels && typeof r.panels === 'object') {
    const panels = { ...defaultLayout().panels };
    for (const id of Object.keys(panels) as PanelId[]) {
      const v = (r.panels as Record<string, unknown>)[id];
      if (typeof v === 'boolean') panels[id] = v;
    }
    out.panels = panels;
  }
  return out;
}

/** The app's layout store. */
export const useLayoutStore = createLayoutStore();
