/**
 * The app shell: creates the engine and controller once, provides the actions to the UI, and fills the
 * layout's slots. Layout only: behaviour lives in the controller, the UI components and the stores.
 */
import { useEffect, useState } from 'react';
import { createEngineWorker, EngineClient } from '../engine/engineClient';
import { Layout } from '../ui/Layout';
import { StudioActionsContext } from './actions';
import { StudioController } from './controller';
import { enginePlan } from './enginePlan';
import { ErrorBoundary } from './ErrorBoundary';
import { startImageHistory } from './imageHistoryFeeder';
import { MixerController } from './mixerController';
import { RigPanel } from './RigPanel';
import { markReady } from './ready';
import { SequenceExporter } from './sequenceExporter';
import { TimelinePanel } from '../ui/timeline/TimelinePanel';
import { togglePlay } from '../ui/timeline/player';
import { MixerPanel } from '../ui/mixer/MixerPanel';

function createController(): StudioController {
  const { views, threads } = enginePlan(location.search, navigator.hardwareConcurrency ?? 1);
  const engine = new EngineClient({ createWorker: () => createEngineWorker(threads), viewWorkers: views });
  return new StudioController({ engine, baseUrl: import.meta.env.BASE_URL, onFirstFrame: markReady });
}

export function App() {
  const [controller] = useState(createController);
  const [exporter] = useState(() => new SequenceExporter(() => controller.sequenceModel()));
  const [mixer] = useState(() => {
    const m = new MixerController(() => controller.sequenceModel());
    controller.addImageMetadata(() => m.pngText());
    return m;
  });
  const [catalog, setCatalog] = useState<{ id: string; name: string }[]>([]);

  useEffect(() => {
    void controller.start().then(() => setCatalog(controller.catalogEntries()));
  }, [controller]);
  useEffect(startImageHistory, []);

  return (
    <ErrorBoundary>
      <StudioActionsContext.Provider value={controller}>
        <Layout rig={<RigPanel />} mixer={<MixerPanel actions={mixer} />} timeline={<TimelinePanel exporter={exporter} />} onPlay={togglePlay} catalog={catalog} />
      </StudioActionsContext.Provider>
    </ErrorBoundary>
  );
}
