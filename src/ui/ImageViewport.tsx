/**
 * The generated image. Reads the latest frame from the frame store (not a prop: a new frame re-renders only
 * this component). Zoom by buttons or the wheel; integer zooms are pixel-exact. The canvas carries
 * data-testid="viewport-canvas" and data-frame-hash (changes with the pixels) for e2e tests, and a frame
 * with NaN/Inf values gets a visible warning instead of passing as a black image. When the manifest lists
 * optional output layers (foreground, background, mask), a "layer" select (data-testid="viewport-layer")
 * picks which one the canvas shows; the frame renderer re-shows the last run in that layer.
 */
import { useEffect, useLayoutEffect, useRef, useState, type RefObject, type WheelEvent } from 'react';
import { layerChoices, type LayerRole } from '../families/outputLayers';
import { useSessionStore } from '../state/sessionStore';
import { frameHash } from './frameHash';
import { useFrameStore, type Frame } from './frameStore';
import { useLayerStore } from './layerStore';
import { fitScale, isPixelExact, stepZoom, zoomLabel, type Zoom } from './zoom';

function draw(canvas: HTMLCanvasElement, frame: Frame): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  // ImageData needs a plain ArrayBuffer-backed array; copy one that sits on a SharedArrayBuffer.
  const rgba = frame.rgba.buffer instanceof ArrayBuffer ? frame.rgba : new Uint8ClampedArray(frame.rgba);
  ctx.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, frame.width, frame.height), 0, 0);
}

/** Size of an element's content box, kept current with a ResizeObserver. */
function useBoxSize<T extends HTMLElement>(): [RefObject<T | null>, { width: number; height: number }] {
  const ref = useRef<T>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}

const BOX_PADDING = 16;

/** The layer select, only for models with more than the image; the value falls back to image when absent. */
function LayerSelect() {
  const manifest = useSessionStore((s) => s.manifest);
  const layer = useLayerStore((s) => s.layer);
  const setLayer = useLayerStore((s) => s.setLayer);
  const choices = manifest ? layerChoices(manifest) : [];
  if (choices.length < 2) return null;
  const value = choices.some((c) => c.role === layer) ? layer : 'image';
  return (
    <label className="viewport-layer" style={{ marginLeft: 'auto' }}>
      layer{' '}
      <select data-testid="viewport-layer" value={value} onChange={(e) => setLayer(e.target.value as LayerRole)}>
        {choices.map((c) => (
          <option key={c.role} value={c.role}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ImageViewport() {
  const frame = useFrameStore((s) => s.frame);
  const loading = useSessionStore((s) => s.loading !== null);
  const nonFinite = useFrameStore((s) => s.nonFinite);
  const seq = useFrameStore((s) => s.seq);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [boxRef, box] = useBoxSize<HTMLDivElement>();
  const [zoom, setZoom] = useState<Zoom>('fit');

  const width = frame?.width ?? 0;
  const height = frame?.height ?? 0;
  const scale = zoom === 'fit' ? fitScale(width, height, box.width - BOX_PADDING, box.height - BOX_PADDING) : zoom;
  const hash = frame ? frameHash(frame.rgba) : '';

  useEffect(() => {
    if (frame && canvasRef.current) draw(canvasRef.current, frame);
  }, [frame]);

  const onWheel = (e: WheelEvent) => {
    if (!frame || e.deltaY === 0) return;
    setZoom(stepZoom(scale, e.deltaY < 0 ? 1 : -1));
  };

  return (
    <div className="viewport" data-testid="viewport">
      <div className="viewport-toolbar" role="toolbar" aria-label="Zoom and layer">
        <button type="button" onClick={() => setZoom('fit')} aria-pressed={zoom === 'fit'}>
          Fit
        </button>
        {[1, 2, 4, 8].map((z) => (
          <button key={z} type="button" onClick={() => setZoom(z)} aria-pressed={zoom === z}>
            {z}x
          </button>
        ))}
        <button type="button" onClick={() => setZoom(stepZoom(scale, -1))} aria-label="Zoom out">
          −
        </button>
        <button type="button" onClick={() => setZoom(stepZoom(scale, 1))} aria-label="Zoom in">
          +
        </button>
        <span className="viewport-zoom" data-testid="viewport-zoom">
          {frame ? `${zoomLabel(zoom, scale)} · ${width}×${height}` : ''}
        </span>
        <LayerSelect />
      </div>
      <div className="viewport-box" ref={boxRef} onWheel={onWheel}>
        {frame ? (
          <canvas
            ref={canvasRef}
            className={isPixelExact(scale) ? 'viewport-canvas viewport-canvas--pixelated' : 'viewport-canvas'}
            data-testid="viewport-canvas"
            data-frame-hash={hash}
            data-frame-seq={seq}
            data-non-finite={nonFinite}
            width={width}
            height={height}
            style={{ width: width * scale, height: height * scale }}
            aria-label={`Generated image, ${width} by ${height} pixels`}
          />
        ) : (
          <div className="viewport-empty" data-testid="viewport-empty">
            {loading ? 'Loading the model…' : 'No image yet'}
          </div>
        )}
        {nonFinite > 0 && (
          <div className="viewport-warning" role="alert" data-testid="viewport-nonfinite">
            ⚠ The model produced {nonFinite} non-finite value{nonFinite === 1 ? '' : 's'} (NaN or Inf) in this frame; those
            pixels are not real image content.
          </div>
        )}
      </div>
    </div>
  );
}
