/**
 * The studio's menus as data, from what is true now (history, loaded model, visible panels, provider) and
 * the commands to run. Pure, so "the mixer is only listed when it exists" and "undo is disabled with no
 * history" are tested without rendering.
 */
import { isTestFixture } from '../../bundles/catalog';
import type { ProviderPreference } from '../../engine/protocol';
import type { PanelId, Theme } from '../layoutStore';
import { shortcutLabel } from '../shortcuts';
import type { Menu, MenuItem } from './menuTypes';

export interface PanelEntry {
  id: PanelId;
  label: string;
}

export interface StudioMenuContext {
  canUndo: boolean;
  canRedo: boolean;
  hasModel: boolean;
  /** Panels that exist in this layout; only these are listed under View. */
  panels: PanelEntry[];
  visible: Record<PanelId, boolean>;
  theme: Theme;
  provider: ProviderPreference;
  catalog: { id: string; name: string }[];
}

export interface StudioMenuCommands {
  openModelFiles(): void;
  openModelFolder(): void;
  openModelUrl(): void;
  openCatalogModel(id: string): void;
  openStateFile(): void;
  saveImage(): void;
  copyLink(): void;
  /** Shows the timeline's export controls; only listed when the layout has a timeline. */
  exportSequence(): void;
  undo(): void;
  redo(): void;
  resetFactor(): void;
  randomizeSelected(): void;
  randomizeAll(): void;
  togglePanel(id: PanelId): void;
  setTheme(theme: Theme): void;
  setProvider(preference: ProviderPreference): void;
  showShortcuts(): void;
  showAbout(): void;
}

const sep = (id: string): MenuItem => ({ kind: 'separator', id });

export function buildStudioMenus(ctx: StudioMenuContext, cmd: StudioMenuCommands): Menu[] {
  const file: MenuItem[] = [
    { kind: 'action', id: 'open-model-files', label: 'Open model files…', run: cmd.openModelFiles },
    { kind: 'action', id: 'open-model-folder', label: 'Open model folder…', run: cmd.openModelFolder },
    { kind: 'action', id: 'open-model-url', label: 'Open model from URL…', run: cmd.openModelUrl },
  ];
  const trained = ctx.catalog.filter((m) => !isTestFixture(m));
  const fixtures = ctx.catalog.filter(isTestFixture);
  for (const [id, label, models] of [
    ['catalog', 'Built-in models', trained],
    ['fixtures', 'Test fixtures (random weights)', fixtures],
  ] as const) {
    if (models.length === 0) continue;
    file.push(sep(`sep-${id}`), { kind: 'heading', id: `heading-${id}`, label });
    for (const m of models) file.push({ kind: 'action', id: `open-catalog-${m.id}`, label: m.name, run: () => cmd.openCatalogModel(m.id) });
  }
  file.push(
    sep('sep-state'),
    { kind: 'action', id: 'open-state', label: 'Open image/state…', run: cmd.openStateFile },
    { kind: 'action', id: 'save-image', label: 'Save image', shortcut: shortcutLabel('save'), disabled: !ctx.hasModel, run: cmd.saveImage },
    { kind: 'action', id: 'copy-link', label: 'Copy link', disabled: !ctx.hasModel, run: cmd.copyLink },
  );
  if (ctx.panels.some((p) => p.id === 'timeline')) {
    file.push({ kind: 'action', id: 'export-sequence', label: 'Export sequence…', disabled: !ctx.hasModel, run: cmd.exportSequence });
  }

  const edit: MenuItem[] = [
    { kind: 'action', id: 'undo', label: 'Undo', shortcut: shortcutLabel('undo'), disabled: !ctx.canUndo, run: cmd.undo },
    { kind: 'action', id: 'redo', label: 'Redo', shortcut: shortcutLabel('redo'), disabled: !ctx.canRedo, run: cmd.redo },
    sep('sep-edit'),
    { kind: 'action', id: 'reset-factor', label: 'Reset factor…', disabled: !ctx.hasModel, run: cmd.resetFactor },
    {
      kind: 'action',
      id: 'randomize-selected',
      label: 'Randomize selected factor',
      shortcut: shortcutLabel('randomizeSelected'),
      disabled: !ctx.hasModel,
      run: cmd.randomizeSelected,
    },
    { kind: 'action', id: 'randomize-all', label: 'Randomize all', shortcut: shortcutLabel('randomizeAll'), disabled: !ctx.hasModel, run: cmd.randomizeAll },
  ];

  const view: MenuItem[] = [
    { kind: 'heading', id: 'heading-panels', label: 'Panels' },
    ...ctx.panels.map(
      (p): MenuItem => ({ kind: 'check', id: `panel-${p.id}`, label: p.label, checked: ctx.visible[p.id], run: () => cmd.togglePanel(p.id) }),
    ),
    sep('sep-theme'),
    { kind: 'heading', id: 'heading-theme', label: 'Theme' },
    { kind: 'radio', id: 'theme-light', label: 'Light', checked: ctx.theme === 'light', run: () => cmd.setTheme('light') },
    { kind: 'radio', id: 'theme-dark', label: 'Dark', checked: ctx.theme === 'dark', run: () => cmd.setTheme('dark') },
  ];

  const providers: [ProviderPreference, string][] = [
    ['auto', 'Auto (WebGPU on a real GPU, else WASM)'],
    ['wasm', 'WASM'],
    ['webgpu', 'WebGPU'],
  ];
  const settings: MenuItem[] = [
    { kind: 'heading', id: 'heading-provider', label: 'Execution provider' },
    ...providers.map(
      ([p, label]): MenuItem => ({ kind: 'radio', id: `provider-${p}`, label, checked: ctx.provider === p, run: () => cmd.setProvider(p) }),
    ),
  ];

  const help: MenuItem[] = [
    { kind: 'action', id: 'shortcuts', label: 'Keyboard shortcuts', shortcut: shortcutLabel('showShortcuts'), run: cmd.showShortcuts },
    { kind: 'action', id: 'about', label: 'About this model', disabled: !ctx.hasModel, run: cmd.showAbout },
  ];

  return [
    { id: 'file', label: 'File', items: file },
    { id: 'edit', label: 'Edit', items: edit },
    { id: 'view', label: 'View', items: view },
    { id: 'settings', label: 'Settings', items: settings },
    { id: 'help', label: 'Help', items: help },
  ];
}
