/**
 * Is WebGL drawn in software here (SwiftShader, llvmpipe: a machine or browser without GPU access)?
 *
 * Why it matters: with software GL every rig frame costs the GPU process ~20-30 ms of CPU, and the page's
 * compositor blocks on reading the canvas back, on the same cores the generator's WASM threads need. The
 * rig then drops multisampling and draws at most ~15 frames a second, so knob-to-pixels stays fast; with
 * a real GPU nothing changes. The probe is a throwaway 1x1 context (~10 ms, once).
 */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i;

/** True for the renderer strings of software rasterisers (ANGLE's SwiftShader, Mesa's llvmpipe, ...). */
export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE.test(name);
}

let cached: boolean | null = null;

/** The renderer string's verdict; false when WebGL is missing or hides its renderer (then assume a GPU). */
export function isSoftwareWebGL(): boolean {
  if (cached !== null) return cached;
  cached = false;
  try {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const gl = (canvas.getContext('webgl2', { antialias: false, depth: false }) ??
      canvas.getContext('webgl', { antialias: false, depth: false })) as WebGLRenderingContext | null;
    if (!gl) return cached;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    cached = isSoftwareRenderer(name);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  } catch {
    cached = false;
  }
  return cached;
}

/**
 * Shortest time between two rig frames. With a GPU: every display frame. In software GL (no GPU: SwiftShader)
 * each rig frame is CPU work that the engine's worker waits behind (raster in the GPU process, then a
 * readback on the main thread: ~7 ms a frame on 2 cores, traced with scripts/bench/traceDrag.mjs), so the rig
 * draws ~15 fps while the user handles it (direct manipulation must follow the pointer) and ~5 fps while it
 * only mirrors knob changes: knob-to-pixels p50 was a median 3 ms lower at 5 than at 15 fps over 11
 * interleaved pairs (range -5..+5 ms on a noisy 2-core host). `?rigms=N` in the page URL pins both;
 * scripts/bench/rigCost.mjs measures it again.
 */
export function minRigFrameMs(software: boolean, handling: boolean, search = globalThis.location?.search ?? ''): number {
  const pinned = Number(new URLSearchParams(search).get('rigms'));
  if (Number.isFinite(pinned) && pinned > 0) return pinned;
  if (!software) return 0;
  return handling ? 66 : 200;
}
