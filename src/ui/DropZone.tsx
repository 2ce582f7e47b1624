/**
 * Drop files anywhere on the window: a bundle opens as a model, a studio PNG or preset restores its state.
 * Listens on window so every panel is a target; a panel with its own drop target (the mixer's slots) calls
 * preventDefault and is left alone. Shows an overlay while files are dragged over the page.
 */
import { useEffect, useState } from 'react';
import { collectDroppedFiles } from '../bundles/dataTransfer';
import { useStudioActions } from '../app/actions';
import { dragHasFiles } from './dropFiles';
import { openFiles } from './openFiles';
import { runAction } from './runAction';

export function DropZone() {
  const actions = useStudioActions();
  const [over, setOver] = useState(false);

  useEffect(() => {
    let depth = 0; // dragenter/leave fire for every child element; count them
    const enter = (e: DragEvent) => {
      if (!dragHasFiles(e.dataTransfer)) return;
      depth++;
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!dragHasFiles(e.dataTransfer)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overHandler = (e: DragEvent) => {
      if (!dragHasFiles(e.dataTransfer) || e.defaultPrevented) return;
      e.preventDefault(); // allows the drop
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      depth = 0;
      setOver(false);
      if (e.defaultPrevented || !e.dataTransfer || !dragHasFiles(e.dataTransfer)) return;
      e.preventDefault();
      // Entries must be taken synchronously, before the browser empties the DataTransfer.
      const pending = collectDroppedFiles(e.dataTransfer);
      runAction(() => pending.then((files) => openFiles(actions, files)));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overHandler);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overHandler);
      window.removeEventListener('drop', drop);
    };
  }, [actions]);

  if (!over) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <div className="drop-overlay-card">
        Drop a model bundle (folder, or manifest.json + .onnx)
        <br />
        or a studio PNG / preset .json to restore its state
      </div>
    </div>
  );
}
