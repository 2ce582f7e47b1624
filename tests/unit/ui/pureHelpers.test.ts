import { describe, expect, it, vi } from 'vitest';
import { classifyFiles } from '../../../src/ui/dropFiles';
import { frameHash } from '../../../src/ui/frameHash';
import { describeKnobPath } from '../../../src/ui/knobs/knobWords';
import { buildStudioMenus, type StudioMenuCommands, type StudioMenuContext } from '../../../src/ui/menu/studioMenus';
import { fitScale, stepZoom, zoomLabel } from '../../../src/ui/zoom';
import { sceneManifest } from './fixtures';

const file = (name: string, relative = '') => {
  const f = new File([new Uint8Array([1])], name);
  if (relative) Object.defineProperty(f, 'webkitRelativePath', { value: relative });
  return f;
};

describe('classifyFiles', () => {
  it('treats manifests, ONNX files and folders as bundles', () => {
    expect(classifyFiles([file('manifest.json'), file('generator.onnx')]).kind).toBe('bundle');
    expect(classifyFiles([file('README.md', 'my-model/README.md')]).kind).toBe('bundle');
  });
  it('treats a PNG or a preset JSON as a state', () => {
    const png = file('shot.png');
    expect(classifyFiles([png])).toEqual({ kind: 'state', file: png });
    expect(classifyFiles([file('preset.json')]).kind).toBe('state');
  });
  it('says what it cannot open', () => {
    expect(classifyFiles([file('notes.txt')])).toEqual({ kind: 'unknown', names: ['notes.txt'] });
  });
});

describe('frameHash', () => {
  it('changes with one byte, not with a copy', () => {
    const a = new Uint8ClampedArray(64 * 64 * 4).map((_, i) => i % 251);
    const b = a.slice();
    expect(frameHash(b)).toBe(frameHash(a));
    b[12345] ^= 1;
    expect(frameHash(b)).not.toBe(frameHash(a));
    expect(frameHash(a.subarray(1, 14))).toMatch(/^[0-9a-f]{8}-d$/); // unaligned view
  });
});

describe('zoom', () => {
  it('fits at the largest integer zoom when the image is smaller than the box', () => {
    expect(fitScale(64, 64, 500, 300)).toBe(4);
    expect(fitScale(512, 512, 256, 300)).toBe(0.5);
    expect(stepZoom(4, 1)).toBe(6);
    expect(stepZoom(4, -1)).toBe(3);
    expect(stepZoom(0.25, -1)).toBe(0.25);
    expect(zoomLabel('fit', 4)).toBe('fit (4x)');
    expect(zoomLabel(0.5, 0.5)).toBe('50%');
  });
});

describe('describeKnobPath', () => {
  it('speaks the panel words', () => {
    const m = sceneManifest();
    expect(describeKnobPath('camera.elevationDeg', m, 2)).toBe('elevation');
    expect(describeKnobPath('objects.1.translation.x', m, 2)).toBe('object 2 translation x');
    expect(describeKnobPath('objects.0.rotationDeg', m, 1)).toBe('pose');
    expect(describeKnobPath('objects.0.codes.shape.truncation', m, 2)).toBe('object 1 shape truncation');
    expect(describeKnobPath('codes.background.blend', m, 2)).toBe('background blend');
    expect(describeKnobPath('backgroundRotationDeg', m, 2)).toBe('background rotation');
  });
});

describe('buildStudioMenus', () => {
  const ctx: StudioMenuContext = {
    canUndo: false,
    canRedo: true,
    hasModel: true,
    panels: [
      { id: 'knobs', label: 'Knobs' },
      { id: 'rig', label: 'Camera rig' },
    ],
    visible: { knobs: true, rig: false, mixer: true, timeline: true },
    theme: 'dark',
    provider: 'wasm',
    catalog: [{ id: 'm1', name: 'Model one' }],
  };
  const cmd = new Proxy({}, { get: (t: Record<string, unknown>, k: string) => (t[k] ??= vi.fn()) }) as unknown as StudioMenuCommands;
  const menus = buildStudioMenus(ctx, cmd);
  const item = (menu: string, id: string) => menus.find((m) => m.id === menu)!.items.find((i) => i.id === id)!;

  it('lists test fixtures apart from the trained models', () => {
    const withFixtures = buildStudioMenus({ ...ctx, catalog: [{ id: 'fixture-tiny', name: 'Tiny' }, ...ctx.catalog] }, cmd);
    const labels = withFixtures.find((m) => m.id === 'file')!.items.filter((i) => i.kind === 'heading' || i.id.startsWith('open-catalog-'));
    expect(labels.map((i) => i.id)).toEqual(['heading-catalog', 'open-catalog-m1', 'heading-fixtures', 'open-catalog-fixture-tiny']);
  });
  it('has the desktop menus', () => {
    expect(menus.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Settings', 'Help']);
  });
  it('lists only the panels that exist, with their visibility', () => {
    const view = menus.find((m) => m.id === 'view')!.items.filter((i) => i.id.startsWith('panel-'));
    expect(view.map((i) => i.id)).toEqual(['panel-knobs', 'panel-rig']);
    expect(item('view', 'panel-rig')).toMatchObject({ kind: 'check', checked: false });
  });
  it('reflects history, provider and theme, and runs the commands', () => {
    expect(item('edit', 'undo')).toMatchObject({ disabled: true, shortcut: 'Ctrl+Z' });
    expect(item('edit', 'redo')).toMatchObject({ disabled: false });
    expect(item('settings', 'provider-wasm')).toMatchObject({ kind: 'radio', checked: true });
    expect(item('view', 'theme-dark')).toMatchObject({ checked: true });
    const webgpu = item('settings', 'provider-webgpu');
    if (webgpu.kind === 'radio') webgpu.run();
    expect(cmd.setProvider).toHaveBeenCalledWith('webgpu');
    const catalog = item('file', 'open-catalog-m1');
    if (catalog.kind === 'action') catalog.run();
    expect(cmd.openCatalogModel).toHaveBeenCalledWith('m1');
  });
});
