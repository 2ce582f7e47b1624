/**
 * Installs the studio's keyboard shortcuts on window while the layout is mounted. `onPlay` is optional:
 * until a sequence player exists, Space keeps its default (scrolling, pressing a focused button).
 */
import { useEffect, useRef } from 'react';
import { useStudioActions } from '../app/actions';
import { randomizeAll, randomizeSelected, redo, saveImage, undo } from './commands';
import { useDialogStore } from './dialogStore';
import { installShortcuts } from './shortcuts';

export function useStudioShortcuts(onPlay?: () => void): void {
  const actions = useStudioActions();
  const playRef = useRef(onPlay);
  playRef.current = onPlay;
  const hasPlay = !!onPlay;

  useEffect(
    () =>
      installShortcuts(window, {
        undo,
        redo,
        save: () => saveImage(actions),
        randomizeSelected: () => randomizeSelected(actions),
        randomizeAll: () => randomizeAll(actions),
        showShortcuts: () => useDialogStore.getState().show('shortcuts'),
        ...(hasPlay ? { play: () => playRef.current?.() } : {}),
      }),
    [actions, hasPlay],
  );
}
