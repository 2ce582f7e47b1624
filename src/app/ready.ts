/**
 * The "ready" signal tests and benchmarks wait for: set on <body> once the first image is on screen, with
 * the time since navigation start (time to first image).
 */
export function markReady(): void {
  document.body.dataset.studioReady = 'true';
  document.body.dataset.firstImageMs = String(Math.round(performance.now()));
}
