/**
 * The rig viewport as a React component: a thin shell around RigViewport. Props flow in (geometry,
 * selection), edits flow out through the callbacks; the component never keeps knob state of its own.
 *
 * For e2e tests the container carries data-testid="rig-preview", data-status ("ready" | "no-rig" |
 * "no-webgl"), data-camera (the camera's position read back from the scene, model z-up, JSON, 1e-3) and
 * data-objects (box centres, same form). They are written straight to the DOM, without a React render.
 * After each drawn frame, data-camera-screen, data-objects-screen and data-gizmo-screen say where that
 * frame drew the camera body, the box centres and the box gizmo (CSS px from the canvas's top-left
 * corner, JSON), so a test can point at them.
 */
import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { RigGeometry } from '../families/types';
import type { ObjectKnobValues, OrbitAngles } from './dragMath';
import type { RigCallbacks } from './interactions';
import { modeForKey, type TransformMode } from './modes';
import { RigMessage, RigToolbar } from './RigOverlay';
import { RigViewport } from './viewport';

export interface RigPreviewProps {
  /** The rig in the model's own world; null for a family without a 3D camera. */
  geometry: RigGeometry | null;
  selectedObject: number;
  /** Shown instead of the rig when geometry is null. */
  message?: string;
  onCameraDrag(next: OrbitAngles): void;
  onObjectChange(index: number, next: ObjectKnobValues): void;
  onSelectObject(index: number): void;
  /** A drag in the rig starts / ends: the caller makes the whole drag one undo step. */
  onGestureStart?(): void;
  onGestureEnd?(): void;
}

const DEFAULT_MESSAGE = 'This model has no 3D camera, so there is no rig to show.';

const container: CSSProperties = { position: 'relative', width: '100%', height: '100%', minHeight: 120, overflow: 'hidden', outline: 'none' };
const canvasStyle: CSSProperties = { display: 'block', width: '100%', height: '100%', touchAction: 'none' };

export function RigPreview(props: RigPreviewProps) {
  const { geometry, selectedObject, message } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const viewportRef = useRef<RigViewport | null>(null);
  const callbacksRef = useRef<RigCallbacks>(props);
  const [webglError, setWebglError] = useState<string | null>(null);
  const [mode, setMode] = useState<TransformMode>('translate');

  useEffect(() => {
    callbacksRef.current = props;
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    const box = containerRef.current;
    if (!canvas || !box) return;
    const viewport = new RigViewport(
      canvas,
      () => callbacksRef.current,
      () => {
        const screen = viewport.screenSnapshot();
        box.setAttribute('data-camera-screen', JSON.stringify(screen ? screen.camera : null));
        box.setAttribute('data-objects-screen', JSON.stringify(screen ? screen.objects : []));
        box.setAttribute('data-gizmo-screen', JSON.stringify(screen ? screen.gizmo : null));
      },
    );
    viewportRef.current = viewport;
    setWebglError(viewport.webglError);
    const observer = new ResizeObserver((entries) => {
      const rect = entries[entries.length - 1].contentRect;
      viewport.resize(rect.width, rect.height);
    });
    observer.observe(box);
    return () => {
      observer.disconnect();
      viewport.dispose();
      viewportRef.current = null;
    };
  }, []);

  useEffect(() => {
    const viewport = viewportRef.current;
    const box = containerRef.current;
    if (!viewport || !box) return;
    viewport.setGeometry(geometry, selectedObject);
    const snap = viewport.snapshot();
    box.setAttribute('data-camera', JSON.stringify(snap ? snap.camera : null));
    box.setAttribute('data-objects', JSON.stringify(snap ? snap.objects : []));
    box.setAttribute('data-status', viewport.webglError ? 'no-webgl' : geometry ? 'ready' : 'no-rig');
  }, [geometry, selectedObject]);

  useEffect(() => {
    viewportRef.current?.setMode(mode);
  }, [mode]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const next = geometry && geometry.objects.length > 0 ? modeForKey(event) : null;
    if (!next) return;
    event.preventDefault();
    setMode(next);
  };

  const hidden = webglError !== null || geometry === null;
  return (
    <div
      ref={containerRef}
      style={container}
      tabIndex={0}
      data-testid="rig-preview"
      aria-label="Camera rig preview"
      onKeyDown={onKeyDown}
      onPointerDown={() => containerRef.current?.focus({ preventScroll: true })}
    >
      <canvas ref={canvasRef} style={{ ...canvasStyle, visibility: hidden ? 'hidden' : 'visible' }} />
      {geometry === null ? (
        <RigMessage text={message ?? DEFAULT_MESSAGE} />
      ) : webglError !== null ? (
        <RigMessage text={`The 3D rig preview needs WebGL, which is not available here (${webglError}). The knobs still work.`} />
      ) : (
        <RigToolbar mode={mode} hasObjects={geometry.objects.length > 0} onMode={setMode} />
      )}
    </div>
  );
}
