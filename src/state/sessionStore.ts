/**
 * What the status bar and error panels show: the loaded model, the execution provider that actually ran,
 * frame timing, and the messages the user must see. Separate from StudioState: none of this is part of a
 * reproducible image.
 */
import { create } from 'zustand';
import type { Manifest } from '../families/manifest';
import type { ExecutionProvider, ProviderPreference } from '../engine/protocol';
import type { StudioErrorData } from '../lib/errors';

export interface Notice {
  id: number;
  level: 'error' | 'warning' | 'info';
  message: string;
  detail?: string;
  code?: string;
}

/** Progress of a bundle download, in bytes; total is null when the server does not say. */
export interface LoadProgress {
  label: string;
  loaded: number;
  total: number | null;
}

export interface SessionStore {
  manifest: Manifest | null;
  /** The key the engine knows the loaded bundle by. */
  modelKey: string | null;
  providerPreference: ProviderPreference;
  provider: ExecutionProvider | null;
  /** Milliseconds of the last frame: engine run and knob-to-pixels. */
  runMs: number | null;
  frameMs: number | null;
  loading: LoadProgress | null;
  notices: Notice[];
  setModel(manifest: Manifest, modelKey: string, provider: ExecutionProvider): void;
  setProviderPreference(preference: ProviderPreference): void;
  setTiming(provider: ExecutionProvider, runMs: number, frameMs: number): void;
  setLoading(progress: LoadProgress | null): void;
  notify(level: Notice['level'], message: string, extra?: Partial<StudioErrorData>): void;
  dismiss(id: number): void;
}

let nextNoticeId = 1;
const MAX_NOTICES = 6;

export const useSessionStore = create<SessionStore>()((set) => ({
  manifest: null,
  modelKey: null,
  providerPreference: 'auto',
  provider: null,
  runMs: null,
  frameMs: null,
  loading: null,
  notices: [],
  setModel: (manifest, modelKey, provider) => set({ manifest, modelKey, provider, runMs: null, frameMs: null }),
  setProviderPreference: (providerPreference) => set({ providerPreference }),
  setTiming: (provider, runMs, frameMs) => set({ provider, runMs, frameMs }),
  setLoading: (loading) => set({ loading }),
  notify: (level, message, extra) =>
    set((s) => {
      const duplicate = s.notices.find((n) => n.message === message && n.level === level);
      if (duplicate) return s;
      const notice: Notice = { id: nextNoticeId++, level, message, detail: extra?.detail, code: extra?.code };
      return { notices: [...s.notices, notice].slice(-MAX_NOTICES) };
    }),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));
