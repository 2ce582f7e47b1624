/**
 * The timeline panel (Layout's `timeline` slot): toolbar, the scrubber with keyframes, the quick sweep
 * form and the export controls. Without a sequence it says how to start one.
 */
import { useEffect } from 'react';
import type { SequenceExportActions } from '../../app/sequenceExporter';
import { ExportControls } from './ExportControls';
import { KeyframeTrack } from './KeyframeTrack';
import { pause } from './player';
import { SweepForm } from './SweepForm';
import { TimelineToolbar } from './TimelineToolbar';
import { useTimelineStore } from './timelineStore';

export function TimelinePanel({ exporter }: { exporter: SequenceExportActions }) {
  const spec = useTimelineStore((s) => s.spec);
  useEffect(() => pause, []);

  return (
    <div className="timeline" data-testid="timeline">
      <TimelineToolbar />
      {spec ? (
        <KeyframeTrack spec={spec} />
      ) : (
        <p className="panel-empty">Add a keyframe (the current state), pick a preset, or make a quick sweep.</p>
      )}
      {/* Export first: it is what a finished sequence is for, and it must not sit below the panel's fold. */}
      <div className="timeline-forms">
        <ExportControls exporter={exporter} />
        <SweepForm />
      </div>
    </div>
  );
}
