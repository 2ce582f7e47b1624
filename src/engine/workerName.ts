/**
 * The engine worker's `name` carries settings that must exist before its first session (the WASM thread
 * count), because Vite's worker pattern needs a static URL: no query string can be added to it.
 */
/** The Worker `name` that carries a thread count into the engine worker (read by the worker shim). */
export function engineWorkerName(threads: number | null): string {
  return threads === null ? 'disentangle-engine' : `disentangle-engine;threads=${threads}`;
}

/** The thread count a worker name carries, or null. */
export function threadsFromWorkerName(name: string): number | null {
  const match = /;threads=(\d+)$/.exec(name);
  return match ? Number(match[1]) : null;
}
