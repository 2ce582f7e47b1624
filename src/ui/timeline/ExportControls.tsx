/**
 * Export settings and the running export: zip or folder, x1/x2/x4 with nearest or smooth upscaling, and
 * while it runs a progress bar with frames done, frames per second and time left, and two ways to cancel
 * (keep the frames done as a valid zip / folder, or leave nothing).
 */
import type { SequenceExportActions } from '../../app/sequenceExporter';
import type { ExportProgress } from '../../sequence/progress';
import type { OutputOptions } from '../../sequence/spec';
import { runAction } from '../runAction';
import { startExport } from './exportJob';
import { useTimelineStore } from './timelineStore';

export function clock(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function ProgressRow({ progress, total }: { progress: ExportProgress | null; total: number }) {
  const cancel = useTimelineStore((s) => s.job?.cancel);
  const done = progress?.done ?? 0;
  return (
    <div className="timeline-export-progress" data-testid="export-progress" data-done={done} data-total={total}>
      <progress max={total} value={done} />
      <span>
        {done} / {total} frames · {(progress?.fps ?? 0).toFixed(1)} fps · ETA {clock(progress?.etaSeconds ?? null)}
      </span>
      <button type="button" data-testid="export-cancel-keep" onClick={() => cancel?.('keep')} title="Stop and keep the frames done">
        Cancel (keep frames)
      </button>
      <button type="button" data-testid="export-cancel-discard" onClick={() => cancel?.('discard')} title="Stop and leave nothing">
        Cancel and discard
      </button>
    </div>
  );
}

export function ExportControls({ exporter }: { exporter: SequenceExportActions }) {
  const spec = useTimelineStore((s) => s.spec);
  const job = useTimelineStore((s) => s.job);
  const target = useTimelineStore((s) => s.target);
  const output = useTimelineStore((s) => s.output);
  const { setTarget, setOutput } = useTimelineStore.getState();
  const folder = exporter.canExportToFolder();

  return (
    <fieldset className="timeline-export" data-testid="export-controls" disabled={!spec}>
      <legend>Export</legend>
      <select aria-label="Export to" data-testid="export-target" value={target} onChange={(e) => setTarget(e.target.value as 'zip' | 'folder')} disabled={!!job}>
        <option value="zip">zip</option>
        {folder && <option value="folder">folder</option>}
      </select>
      <select aria-label="Resolution" data-testid="export-scale" value={output.scale} onChange={(e) => setOutput({ scale: Number(e.target.value) as OutputOptions['scale'] })} disabled={!!job}>
        <option value={1}>x1 (native)</option>
        <option value={2}>x2</option>
        <option value={4}>x4</option>
      </select>
      <select aria-label="Upscaling" data-testid="export-filter" value={output.filter} onChange={(e) => setOutput({ filter: e.target.value as OutputOptions['filter'] })} disabled={!!job || output.scale === 1}>
        <option value="nearest">nearest</option>
        <option value="smooth">smooth</option>
      </select>
      {job ? (
        <ProgressRow progress={job.progress} total={spec?.frames ?? 0} />
      ) : (
        <button type="button" className="primary" data-testid="export-start" onClick={() => runAction(() => startExport(exporter))}>
          Export sequence…
        </button>
      )}
    </fieldset>
  );
}
