/**
 * How many engine workers serve the interactive view, and how many WASM threads each gets. On the 2-core
 * machines here one worker with one thread rendered the built-in 3D model in ~21 ms, but a knob drag saw
 * ~36 ms knob-to-pixels, because every new state waited for the frame in flight; a second single-threaded
 * view worker, loaded only for models that slow, can start a new state at once (npm run bench compares
 * `?views=1`). The page keeps a core's worth of room: the threads of all view workers together stay below
 * the core count.
 */
export interface EnginePlan {
  /** Workers running the view lane (1 = no twin). */
  views: number;
  /** WASM threads per worker, or null for the engine's own default (one worker: cores - 1, at most 4). */
  threads: number | null;
}

/** `?views=N` and `?threads=N` pin the plan (benchmarks, busy machines); otherwise it follows the cores. */
export function enginePlan(search: string, hardwareConcurrency: number): EnginePlan {
  const params = new URLSearchParams(search);
  const pinned = (name: string) => {
    const value = Number(params.get(name));
    return Number.isInteger(value) && value > 0 ? value : null;
  };
  const views = pinned('views') ?? (hardwareConcurrency >= 2 ? 2 : 1);
  const threads = pinned('threads') ?? (views > 1 ? Math.max(1, Math.min(4, Math.floor((hardwareConcurrency - 1) / views))) : null);
  return { views, threads };
}
