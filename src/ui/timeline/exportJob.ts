/**
 * Runs one export from the timeline: asks where (in the click, before any other await, as the browser's
 * pickers require), renders with progress into the timeline store, and tells the user how it ended: done,
 * cancelled (with or without the frames done), or stopped by a write failure, saying what was kept.
 */
import type { SequenceExportActions } from '../../app/sequenceExporter';
import type { ExportResult } from '../../sequence/exportSequence';
import type { SequenceSpec } from '../../sequence/spec';
import { StudioError } from '../../lib/errors';
import { useSessionStore } from '../../state/sessionStore';
import { useTimelineStore } from './timelineStore';

const notify = (...args: Parameters<ReturnType<typeof useSessionStore.getState>['notify']>) => useSessionStore.getState().notify(...args);

function frames(n: number): string {
  return n === 1 ? '1 frame' : `${n} frames`;
}

function report(result: ExportResult): void {
  if (result.status === 'complete') notify('info', `Exported ${frames(result.written)} and sequence.json.`);
  else if (result.status === 'cancelled') {
    notify('info', result.kept && result.written > 0 ? `Export cancelled: ${frames(result.written)} of ${result.total} were kept.` : 'Export cancelled: nothing was kept.');
  } else if (result.error) notify('error', result.error.message, { code: result.error.code, detail: result.error.detail });
  if (result.nonFinite > 0) notify('warning', `${result.nonFinite} NaN/Inf pixels in the exported frames (painted magenta).`, { code: 'output-not-finite' });
}

/** A file name for the zip: the spec's name (or model id) and the frame count. */
export function zipName(spec: SequenceSpec): string {
  const base = (spec.name ?? spec.modelId).replace(/[^A-Za-z0-9._-]+/g, '-');
  return `${base}-${spec.frames}f.zip`;
}

export async function startExport(exporter: SequenceExportActions): Promise<void> {
  const timeline = useTimelineStore.getState();
  if (!timeline.spec || timeline.job) return;
  const spec: SequenceSpec = { ...timeline.spec, output: timeline.output };
  try {
    const target = await exporter.pickTarget(timeline.target, zipName(spec));
    if (!target) return;
    const controller = new AbortController();
    timeline.setJob({ progress: null, cancel: (mode) => controller.abort(mode) });
    const result = await exporter.export(spec, target, {
      signal: controller.signal,
      onProgress: (p) => useTimelineStore.getState().setProgress(p),
    });
    report(result);
  } catch (error) {
    const e = StudioError.from(error);
    notify('error', e.message, { code: e.code, detail: e.detail });
  } finally {
    useTimelineStore.getState().setJob(null);
  }
}
