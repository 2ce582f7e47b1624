/** Mounting React into happy-dom without a testing library: createRoot + act. */
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { vi } from 'vitest';
import type { StudioActions } from '../../../src/app/actions';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Mounted {
  container: HTMLElement;
  root: Root;
  rerender(node: ReactNode): Promise<void>;
  unmount(): Promise<void>;
}

export async function mount(node: ReactNode): Promise<Mounted> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  await act(async () => root.render(node));
  return {
    container,
    root,
    rerender: (next) => act(async () => root.render(next)),
    unmount: async () => {
      await act(async () => root.unmount());
      container.remove();
    },
  };
}

/** Lets pending effects and store subscriptions settle. */
export async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

/** Every studio action as a spy, for components that call them through StudioActionsContext. */
export function fakeActions(): StudioActions {
  return {
    openCatalogModel: vi.fn(async () => {}),
    openBundleFiles: vi.fn(async () => {}),
    openBundleUrl: vi.fn(async () => {}),
    openStateFile: vi.fn(async () => {}),
    saveImage: vi.fn(async () => {}),
    randomize: vi.fn(),
    resetFactor: vi.fn(),
    setProviderPreference: vi.fn(async () => {}),
    copyLink: vi.fn(async () => {}),
  };
}
