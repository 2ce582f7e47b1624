/**
 * Routes files to the right action (bundle vs state), shared by the drop zone and the File menu's pickers,
 * and says so in a notice when the files are neither.
 */
import type { StudioActions } from '../app/actions';
import { useSessionStore } from '../state/sessionStore';
import { classifyFiles } from './dropFiles';
import { runAction } from './runAction';

export function openFiles(actions: StudioActions, files: readonly File[]): void {
  const intent = classifyFiles(files);
  switch (intent.kind) {
    case 'bundle':
      runAction(() => actions.openBundleFiles(intent.files));
      return;
    case 'state':
      runAction(() => actions.openStateFile(intent.file));
      return;
    case 'unknown':
      useSessionStore
        .getState()
        .notify('warning', 'Nothing to open: drop a studio PNG, a preset .json, or a model bundle (manifest.json + .onnx, or its folder).', {
          detail: intent.names.length ? `Files: ${intent.names.join(', ')}` : undefined,
        });
  }
}
