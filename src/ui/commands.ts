/**
 * Studio commands shared by the menu bar and the keyboard shortcuts, so Edit > Undo and Ctrl+Z are the
 * same code. Each goes through the stores or StudioActions, never the engine.
 */
import type { StudioActions } from '../app/actions';
import { useSessionStore } from '../state/sessionStore';
import { useStudioStore } from '../state/studioStore';
import { allFactorActions } from './knobs/schema';
import { runAction } from './runAction';
import { useSelectionStore } from './selectionStore';

export const undo = () => useStudioStore.getState().undo();
export const redo = () => useStudioStore.getState().redo();

/** Every factor of the loaded model (all objects), or none before a model is loaded. */
export function currentFactorActions() {
  const manifest = useSessionStore.getState().manifest;
  const state = useStudioStore.getState().state;
  return manifest && state ? allFactorActions(manifest, state) : [];
}

/**
 * The factor the user last touched (a knob or a randomize button); before any, the first factor of the
 * selected object, else the first factor of the model.
 */
export function selectedFactorPath(): string | null {
  const { selectedFactor, selectedObject } = useSelectionStore.getState();
  if (selectedFactor) return selectedFactor;
  const all = currentFactorActions();
  return (all.find((a) => a.path.startsWith(`objects.${selectedObject}.`)) ?? all[0])?.path ?? null;
}

export function randomizeSelected(actions: StudioActions): void {
  const path = selectedFactorPath();
  if (path) runAction(() => actions.randomize(path));
}

export function randomizeAll(actions: StudioActions): void {
  for (const { path } of currentFactorActions()) runAction(() => actions.randomize(path));
}

export const saveImage = (actions: StudioActions) => runAction(() => actions.saveImage());
