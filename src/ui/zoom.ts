/**
 * Viewport zoom. Integer zooms show each generated pixel as an exact block (image-rendering: pixelated);
 * "fit" picks the largest integer zoom that fits, and only goes fractional when the image is larger than
 * the viewport, so the default view is pixel-exact too.
 */
export type Zoom = 'fit' | number;

export const ZOOM_STEPS = [0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16];

/** The scale `fit` means for an image of `w` x `h` in a box of `boxW` x `boxH` CSS pixels. */
export function fitScale(w: number, h: number, boxW: number, boxH: number): number {
  if (w <= 0 || h <= 0 || boxW <= 0 || boxH <= 0) return 1;
  const s = Math.min(boxW / w, boxH / h);
  return s >= 1 ? Math.floor(s) : s;
}

/** The next zoom step in (dir = +1) or out (dir = -1) from the current scale. */
export function stepZoom(current: number, dir: 1 | -1): number {
  if (dir > 0) return ZOOM_STEPS.find((z) => z > current + 1e-9) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1];
  for (let i = ZOOM_STEPS.length - 1; i >= 0; i--) if (ZOOM_STEPS[i] < current - 1e-9) return ZOOM_STEPS[i];
  return ZOOM_STEPS[0];
}

export const isPixelExact = (scale: number) => scale >= 1 && Number.isInteger(scale);

/** "fit (4x)", "2x", "50%". */
export function zoomLabel(zoom: Zoom, scale: number): string {
  const s = scale >= 1 ? `${+scale.toFixed(2)}x` : `${Math.round(scale * 100)}%`;
  return zoom === 'fit' ? `fit (${s})` : s;
}
