/**
 * The studio's menu bar, wired: menus from buildStudioMenus, commands through StudioActions and the
 * stores, dialogs from the dialog store. `panels` lists the panels this layout has (View shows only those);
 * `catalog` lists built-in models for File.
 */
import { useRef } from 'react';
import { useStudioActions } from '../app/actions';
import { useSessionStore } from '../state/sessionStore';
import { useStudioStore } from '../state/studioStore';
import { currentFactorActions, randomizeAll, randomizeSelected, redo, saveImage, undo } from './commands';
import { AboutDialog } from './dialogs/AboutDialog';
import { OpenUrlDialog } from './dialogs/OpenUrlDialog';
import { ResetFactorDialog } from './dialogs/ResetFactorDialog';
import { ShortcutsDialog } from './dialogs/ShortcutsDialog';
import { useDialogStore } from './dialogStore';
import { FilePickers, type FilePickersHandle } from './FilePickers';
import { useLayoutStore } from './layoutStore';
import { MenuBarView } from './menu/MenuBarView';
import { buildStudioMenus, type PanelEntry } from './menu/studioMenus';
import { openFiles } from './openFiles';
import { runAction } from './runAction';
import { revealExport } from './timeline/revealExport';

export interface MenuBarProps {
  panels: PanelEntry[];
  catalog?: { id: string; name: string }[];
}

export function MenuBar({ panels, catalog = [] }: MenuBarProps) {
  const actions = useStudioActions();
  const pickers = useRef<FilePickersHandle>(null);
  const canUndo = useStudioStore((s) => s.history.past.length > 0);
  const canRedo = useStudioStore((s) => s.history.future.length > 0);
  const hasModel = useStudioStore((s) => s.state !== null);
  const provider = useSessionStore((s) => s.providerPreference);
  const layout = useLayoutStore();
  const dialog = useDialogStore();

  const menus = buildStudioMenus(
    { canUndo, canRedo, hasModel, panels, visible: layout.panels, theme: layout.theme, provider, catalog },
    {
      openModelFiles: () => pickers.current?.pickModelFiles(),
      openModelFolder: () => pickers.current?.pickModelFolder(),
      openModelUrl: () => dialog.show('openUrl'),
      openCatalogModel: (id) => runAction(() => actions.openCatalogModel(id)),
      openStateFile: () => pickers.current?.pickStateFile(),
      saveImage: () => saveImage(actions),
      copyLink: () => runAction(() => actions.copyLink()),
      exportSequence: revealExport,
      undo,
      redo,
      resetFactor: () => dialog.show('resetFactor'),
      randomizeSelected: () => randomizeSelected(actions),
      randomizeAll: () => randomizeAll(actions),
      togglePanel: layout.togglePanel,
      setTheme: layout.setTheme,
      setProvider: (p) => runAction(() => actions.setProviderPreference(p)),
      showShortcuts: () => dialog.show('shortcuts'),
      showAbout: () => dialog.show('about'),
    },
  );

  return (
    <header className="menu-bar-row">
      <MenuBarView menus={menus} />
      <FilePickers ref={pickers} onFiles={(files) => openFiles(actions, files)} />
      {dialog.open === 'shortcuts' && <ShortcutsDialog onClose={dialog.close} />}
      {dialog.open === 'about' && <AboutDialog onClose={dialog.close} />}
      {dialog.open === 'openUrl' && (
        <OpenUrlDialog onClose={dialog.close} onOpen={(url) => runAction(() => actions.openBundleUrl(url))} />
      )}
      {dialog.open === 'resetFactor' && (
        <ResetFactorDialog
          factors={currentFactorActions()}
          onClose={dialog.close}
          onReset={(path) => runAction(() => actions.resetFactor(path))}
        />
      )}
    </header>
  );
}
