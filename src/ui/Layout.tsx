/**
 * The studio window: menu bar on top, the image in the centre, knobs and rig on the right, optional mixer
 * and timeline strips at the bottom, the status bar last; notices, dialogs and the drop overlay float above.
 * Slots take what other layers build (the three.js RigPreview, the mixer), so this file stays layout only.
 * Panels the user hid, the theme and panel sizes come from the persisted layout store.
 */
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { useSessionStore } from '../state/sessionStore';
import { DropZone } from './DropZone';
import { ImageViewport } from './ImageViewport';
import { KnobPanel } from './knobs/KnobPanel';
import { autoDockHeight, autoRigHeight, DOCK_HEIGHT, RIG_HEIGHT, SIDE_WIDTH, useLayoutStore, type PanelId } from './layoutStore';
import { MenuBar } from './MenuBar';
import type { PanelEntry } from './menu/studioMenus';
import { Notices } from './Notices';
import { Splitter } from './Splitter';
import { StatusBar } from './StatusBar';
import { useStudioShortcuts } from './useStudioShortcuts';
import './styles.css';

export interface LayoutProps {
  /** The rig viewport (three.js RigPreview). Without it the rig panel and its View entry do not exist. */
  rig?: ReactNode;
  /** The mixer's four slots; absent until the mixer exists. */
  mixer?: ReactNode;
  /** The sequence timeline; absent until it exists. */
  timeline?: ReactNode;
  /** Built-in models for File > Built-in models. */
  catalog?: { id: string; name: string }[];
  /** Play/pause for the Space shortcut; absent = Space is not taken. */
  onPlay?: () => void;
}

/** The window's inner height, following resizes (the dock and rig sizes follow it until set by hand). */
function useWindowHeight(): number {
  const [height, setHeight] = useState(() => (typeof window === 'undefined' ? 900 : window.innerHeight));
  useEffect(() => {
    const onResize = () => setHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return height;
}

function Panel({ id, title, children, style }: { id: PanelId; title: string; children: ReactNode; style?: CSSProperties }) {
  return (
    <section className={`panel panel--${id}`} data-testid={`panel-${id}`} aria-label={title} style={style}>
      <h2 className="panel-title">{title}</h2>
      <div className="panel-body">{children}</div>
    </section>
  );
}

/** Height of the rig panel when the model has no camera: room for its explanation, no more. */
const RIGLESS_HEIGHT = 120;

export function Layout({ rig, mixer, timeline, catalog, onPlay }: LayoutProps) {
  const { panels: visible, theme, sideWidth, setSideWidth, setRigHeight, setDockHeight, ...sizes } = useLayoutStore();
  const windowHeight = useWindowHeight();
  const rigHeight = sizes.rigHeight ?? autoRigHeight(windowHeight);
  const dockHeight = sizes.dockHeight ?? autoDockHeight(windowHeight);
  const manifest = useSessionStore((s) => s.manifest);
  useStudioShortcuts(onPlay);

  // The theme also applies to <html> so the page background and scrollbars follow it.
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const panels: PanelEntry[] = [
    { id: 'knobs', label: 'Knobs' },
    ...(rig ? [{ id: 'rig' as const, label: 'Camera rig' }] : []),
    ...(mixer ? [{ id: 'mixer' as const, label: 'Mixer' }] : []),
    ...(timeline ? [{ id: 'timeline' as const, label: 'Timeline' }] : []),
  ];
  const showKnobs = visible.knobs;
  const showRig = !!rig && visible.rig;
  // A model without a camera (MixNMatch) has only a sentence for the rig panel: give its room to the knobs.
  const rigless = manifest !== null && !manifest.camera;
  const rigPanelHeight = rigless ? RIGLESS_HEIGHT : rigHeight;
  const showSide = showKnobs || showRig;
  // Mixer and timeline share one bottom dock, side by side, so the image keeps most of the window.
  const showMixer = !!mixer && visible.mixer;
  const showTimeline = !!timeline && visible.timeline;

  return (
    <div className="studio" data-theme={theme} data-testid="studio">
      <MenuBar panels={panels} catalog={catalog} />
      <main className="studio-main">
        <section className="studio-centre" aria-label="Image">
          <ImageViewport />
        </section>
        {showSide && (
          <>
            <Splitter
              orientation="vertical"
              size={sideWidth}
              min={SIDE_WIDTH.min}
              max={SIDE_WIDTH.max}
              direction={-1}
              label="Resize side panels"
              onResize={setSideWidth}
            />
            <aside className="studio-side" style={{ width: sideWidth }}>
              {showKnobs && (
                <Panel id="knobs" title="Knobs">
                  {manifest ? <KnobPanel manifest={manifest} /> : <p className="panel-empty">Loading model…</p>}
                </Panel>
              )}
              {showKnobs && showRig && !rigless && (
                <Splitter
                  orientation="horizontal"
                  size={rigHeight}
                  min={RIG_HEIGHT.min}
                  max={RIG_HEIGHT.max}
                  direction={-1}
                  label="Resize rig panel"
                  onResize={setRigHeight}
                />
              )}
              {showRig && (
                <Panel id="rig" title="Camera rig" style={showKnobs ? { height: rigPanelHeight, flex: 'none' } : undefined}>
                  {rig}
                </Panel>
              )}
            </aside>
          </>
        )}
      </main>
      {(showMixer || showTimeline) && (
        <Splitter
          orientation="horizontal"
          size={dockHeight}
          min={DOCK_HEIGHT.min}
          max={DOCK_HEIGHT.max}
          direction={-1}
          label="Resize mixer and timeline"
          onResize={setDockHeight}
        />
      )}
      {(showMixer || showTimeline) && (
        <div className="studio-dock" data-testid="studio-dock" style={{ height: dockHeight }}>
          {showMixer && (
            <Panel id="mixer" title="Mixer">
              {mixer}
            </Panel>
          )}
          {showTimeline && (
            <Panel id="timeline" title="Timeline">
              {timeline}
            </Panel>
          )}
        </div>
      )}
      <StatusBar />
      <Notices />
      <DropZone />
    </div>
  );
}
