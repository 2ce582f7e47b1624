// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StudioActionsContext, type StudioActions } from '../../../src/app/actions';
import { useSessionStore } from '../../../src/state/sessionStore';
import { useStudioStore } from '../../../src/state/studioStore';
import { useFrameStore } from '../../../src/ui/frameStore';
import { useLayoutStore } from '../../../src/ui/layoutStore';
import { Layout } from '../../../src/ui/Layout';
import { useSelectionStore } from '../../../src/ui/selectionStore';
import { useDialogStore } from '../../../src/ui/dialogStore';
import { setKnobValue } from '../../../src/state/statePath';
import { sceneManifest, sceneState } from './fixtures';
import { fakeActions, mount, settle, type Mounted } from './render';

const q = <T extends Element = HTMLElement>(sel: string) => document.querySelector<T>(sel);
const click = (el: Element | null) => act(async () => (el as HTMLElement).click());
const frame = (fill: number) => ({ width: 4, height: 2, rgba: new Uint8ClampedArray(32).fill(fill) });

describe('Layout', () => {
  let mounted: Mounted;
  let actions: StudioActions;

  beforeEach(async () => {
    localStorage.clear();
    useLayoutStore.setState({ panels: { knobs: true, rig: true, mixer: true, timeline: true }, theme: 'dark' });
    useStudioStore.getState().replace(sceneState(), { resetHistory: true });
    useSessionStore.setState({ manifest: sceneManifest(), provider: 'wasm', runMs: 8.25, frameMs: 12, notices: [], loading: null });
    useSelectionStore.setState({ selectedObject: 0, selectedFactor: null });
    useFrameStore.getState().clear();
    useDialogStore.getState().close();
    actions = fakeActions();
    mounted = await mount(
      <StudioActionsContext.Provider value={actions}>
        <Layout rig={<div data-testid="rig-slot">rig</div>} catalog={[{ id: 'm1', name: 'Model one' }]} />
      </StudioActionsContext.Provider>,
    );
    await settle();
  });
  afterEach(() => mounted.unmount());

  it('composes menu bar, viewport, knobs, rig slot and status bar', () => {
    expect(q('[role="menubar"]')).not.toBeNull();
    expect(q('[data-testid="viewport"]')).not.toBeNull();
    expect(document.getElementById('camera.elevation')).not.toBeNull();
    expect(q('[data-testid="rig-slot"]')).not.toBeNull();
    expect(q('[data-testid="status-model"]')!.textContent).toBe('Test scene');
    expect(q('[data-testid="status-provider"]')!.textContent).toBe('WASM');
    expect(q('[data-testid="status-timing"]')!.textContent).toBe('run 8.3 ms · frame 12 ms');
    // No mixer slot: no mixer panel, and View does not offer one.
    expect(q('[data-testid="panel-mixer"]')).toBeNull();
  });

  it('shows each new frame on the canvas with a hash that follows the pixels, and warns on NaN', async () => {
    expect(q('[data-testid="viewport-canvas"]')).toBeNull();
    await act(async () => useFrameStore.getState().showFrame(frame(10)));
    const canvas = q<HTMLCanvasElement>('[data-testid="viewport-canvas"]')!;
    const first = canvas.dataset.frameHash;
    expect(first).toBeTruthy();
    expect([canvas.width, canvas.height]).toEqual([4, 2]);
    await act(async () => useFrameStore.getState().showFrame(frame(11)));
    expect(canvas.dataset.frameHash).not.toBe(first);
    expect(q('[data-testid="viewport-nonfinite"]')).toBeNull();
    await act(async () => useFrameStore.getState().showFrame(frame(11), 7));
    expect(q('[data-testid="viewport-nonfinite"]')!.textContent).toContain('7 non-finite values');
    await click(q('.viewport-toolbar button:nth-child(3)')); // 2x
    expect(canvas.style.width).toBe('8px');
    expect(canvas.className).toContain('pixelated');
  });

  it('opens menus from the keyboard and mouse, closes them on Escape and outside clicks', async () => {
    const edit = q('[data-testid="menu-edit"]')!;
    await act(async () => edit.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })));
    expect(edit.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('menuitem-reset-factor'); // undo and redo are disabled: no history
    await act(async () => document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(edit.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(edit);

    await click(q('[data-testid="menu-settings"]'));
    expect(q('[role="menu"]')).not.toBeNull();
    await act(async () => document.body.dispatchEvent(new MouseEvent('mousedown', { bubbles: true })));
    expect(q('[role="menu"]')).toBeNull();
  });

  it('runs menu items through the actions and stores', async () => {
    await click(q('[data-testid="menu-settings"]'));
    await click(q('[data-testid="menuitem-provider-webgpu"]'));
    expect(actions.setProviderPreference).toHaveBeenCalledWith('webgpu');
    expect(q('[role="menu"]')).toBeNull();

    await act(async () => useStudioStore.getState().edit((s) => setKnobValue(s, 'camera.azimuthDeg', 90), 'camera.azimuthDeg'));
    await click(q('[data-testid="menu-edit"]'));
    await click(q('[data-testid="menuitem-undo"]'));
    expect(useStudioStore.getState().state!.camera.azimuthDeg).toBe(30);

    await click(q('[data-testid="menu-file"]'));
    await click(q('[data-testid="menuitem-open-catalog-m1"]'));
    expect(actions.openCatalogModel).toHaveBeenCalledWith('m1');

    await click(q('[data-testid="menu-view"]'));
    await click(q('[data-testid="menuitem-panel-rig"]'));
    expect(q('[data-testid="rig-slot"]')).toBeNull();
    expect(useLayoutStore.getState().panels.rig).toBe(false);

    await click(q('[data-testid="menu-help"]'));
    await click(q('[data-testid="menuitem-about"]'));
    expect(q('[data-testid="dialog-about"]')!.textContent).toContain('MIT');
  });

  it('opens a bundle URL from the File menu dialog', async () => {
    await click(q('[data-testid="menu-file"]'));
    await click(q('[data-testid="menuitem-open-model-url"]'));
    const input = q<HTMLInputElement>('#open-model-url')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, 'https://example.org/m/');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => input.form!.requestSubmit());
    expect(actions.openBundleUrl).toHaveBeenCalledWith('https://example.org/m/');
    expect(q('[data-testid="dialog-open-url"]')).toBeNull();
  });

  it('randomizes the factor last touched with R, and saves with Ctrl+S', async () => {
    const press = (init: KeyboardEventInit) =>
      act(async () => window.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })));
    await press({ key: 'r' });
    expect(actions.randomize).toHaveBeenLastCalledWith('objects.0.codes.shape');
    useSelectionStore.getState().selectFactor('camera');
    await press({ key: 'r' });
    expect(actions.randomize).toHaveBeenLastCalledWith('camera');
    await press({ key: 's', ctrlKey: true });
    expect(actions.saveImage).toHaveBeenCalled();
    await press({ key: '?' });
    expect(q('[data-testid="dialog-shortcuts"]')).not.toBeNull();
  });

  it('lists extrapolating knobs in the status bar', async () => {
    expect(q('[data-testid="status-extrapolation"]')).toBeNull();
    await act(async () => useStudioStore.getState().edit((s) => setKnobValue(s, 'objects.1.scale', 0.5), 'x'));
    expect(q('[data-testid="status-extrapolation"]')!.textContent).toBe('⚠ extrapolating: object 2 scale');
  });

  it('shows notices with details and lets the user dismiss them; failed actions become notices', async () => {
    await act(async () => useSessionStore.getState().notify('error', 'The bundle is corrupt.', { code: 'model-corrupt', detail: 'protobuf: bad wire type' }));
    const notice = q('[data-testid="notice"]')!;
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.textContent).toContain('protobuf: bad wire type');
    await click(notice.querySelector('.notice-dismiss'));
    expect(q('[data-testid="notice"]')).toBeNull();

    (actions.copyLink as ReturnType<typeof vi.fn>).mockRejectedValueOnce(new Error('clipboard denied'));
    await click(q('[data-testid="menu-file"]'));
    await click(q('[data-testid="menuitem-copy-link"]'));
    await settle();
    expect(q('[data-testid="notice"]')!.textContent).toContain('clipboard denied');
  });

  it('shows a loading bar with bytes', async () => {
    await act(async () => useSessionStore.getState().setLoading({ label: 'generator.onnx', loaded: 1024 * 1024, total: 4 * 1024 * 1024 }));
    const progress = q('[data-testid="status-progress"]')!;
    expect(progress.textContent).toContain('1.0 MB / 4.0 MB');
    expect(progress.querySelector('progress')!.value).toBeCloseTo(0.25);
  });
});
