/**
 * `window.__studio`: the stores, for benchmarks, e2e diagnostics and curious users in the console. Read-only
 * by convention; nothing in the app depends on it.
 */
import { useSessionStore } from '../state/sessionStore';
import { useStudioStore } from '../state/studioStore';
import { useFrameStore } from '../ui/frameStore';

export interface StudioDebugHandle {
  studio: typeof useStudioStore;
  session: typeof useSessionStore;
  frames: typeof useFrameStore;
}

export function exposeDebugHandle(): void {
  (globalThis as { __studio?: StudioDebugHandle }).__studio = {
    studio: useStudioStore,
    session: useSessionStore,
    frames: useFrameStore,
  };
}
