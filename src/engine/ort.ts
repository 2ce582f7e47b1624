/**
 * Loads onnxruntime-web lazily and configures it once, before the first session. The browser gets the
 * smallest build that can serve the provider (`/wasm` is 14 MB, `/webgpu` 27 MB) as a separate chunk;
 * Node (tests, CLI) gets the package's Node build, single-threaded.
 */
import type * as OrtNamespace from 'onnxruntime-web';

/** The onnxruntime-web module; every entry point (`/wasm`, `/webgpu`, Node) has this same API. */
export type OrtModule = typeof OrtNamespace;
/** Which build to load: `webgpu` also runs the WASM provider, `wasm` does not run WebGPU. */
export type OrtFlavor = 'wasm' | 'webgpu';
/** Injectable for tests and for hosts that bring their own ORT build. */
export type OrtLoader = (flavor: OrtFlavor) => Promise<OrtModule>;

const loaded = new Map<OrtFlavor | 'node', Promise<OrtModule>>();

/** True under Node: there the browser builds cannot fetch their .wasm and `/webgpu` is meaningless. */
export function isNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: unknown } } }).process;
  return typeof proc?.versions?.node === 'string';
}

/** What the thread count depends on; injectable for tests. */
export interface ThreadScope {
  node: boolean;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
}

function currentScope(): ThreadScope {
  const scope = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } };
  return {
    node: isNode(),
    crossOriginIsolated: scope.crossOriginIsolated === true,
    hardwareConcurrency: scope.navigator?.hardwareConcurrency ?? 1,
  };
}

/**
 * WASM threads need SharedArrayBuffer, i.e. cross-origin isolation; without it ORT would try threads and
 * fall back noisily. More than 4 threads gains little for these small generators. Node: 1 (tests, CLI).
 */
export function wasmThreadCount(scope: ThreadScope = currentScope()): number {
  if (scope.node || !scope.crossOriginIsolated) return 1;
  if (threadOverride !== null) return threadOverride;
  // Leave one core to the page (React, the rig, frame display): on the 2-core machines here one WASM
  // thread gave 10.8 ms runs and 38 ms knob-to-pixels against 14.2 / 57 ms with two (npm run bench).
  return Math.max(1, Math.min(4, scope.hardwareConcurrency - 1));
}

let threadOverride: number | null = null;

/**
 * Pins the WASM thread count (when threads are possible at all), before the first session. On a machine
 * whose cores are busy, one thread can beat two: the benchmark compares both with `?threads=N`.
 */
export function setWasmThreadOverride(threads: number | null): void {
  threadOverride = threads === null ? null : Math.max(1, Math.min(16, Math.trunc(threads)));
}


function configure(ort: OrtModule): OrtModule {
  ort.env.wasm.numThreads = wasmThreadCount();
  // We already run inside a worker (or in Node): ORT's own proxy worker would only add a hop.
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
  return ort;
}

function importNode(): Promise<OrtModule> {
  // A non-literal specifier keeps Vite from bundling the Node build into the browser app.
  const specifier = 'onnxruntime-web';
  return import(/* @vite-ignore */ specifier) as Promise<OrtModule>;
}

function importFlavor(flavor: OrtFlavor): Promise<OrtModule> {
  if (isNode()) return importNode();
  return flavor === 'webgpu' ? import('onnxruntime-web/webgpu') : import('onnxruntime-web/wasm');
}

/**
 * The default OrtLoader: each build is imported and configured once. Asking for `wasm` after `webgpu` was
 * loaded reuses the WebGPU build (it runs WASM too) rather than instantiating a second runtime.
 */
export const loadOrt: OrtLoader = (flavor) => {
  const slot = isNode() ? 'node' : flavor;
  const reuse = slot === 'wasm' ? loaded.get('webgpu') : undefined;
  if (reuse) return reuse;
  let module = loaded.get(slot);
  if (!module) {
    module = importFlavor(flavor).then(configure);
    module.catch(() => loaded.delete(slot));
    loaded.set(slot, module);
  }
  return module;
};
