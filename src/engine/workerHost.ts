/**
 * The worker side of the protocol as a plain class: it turns EngineRequest messages into engine calls and
 * posts EngineResponse messages, transferring output buffers. Kept apart from the worker global so it can
 * be unit-tested with a fake engine and a fake `post`.
 */
import { StudioError } from '../lib/errors';
import type { TensorData } from '../families/types';
import type { EngineRequest, EngineResponse } from './protocol';
import type { StudioEngine } from './types';

/** postMessage with its transfer list; the worker shim passes `self.postMessage`. */
export type PostResponse = (message: EngineResponse, transfer: Transferable[]) => void;

/** Each output buffer once (transferring one buffer twice throws DataCloneError). */
export function outputTransfers(outputs: Record<string, TensorData>): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const tensor of Object.values(outputs)) buffers.add(tensor.data.buffer as ArrayBuffer);
  return [...buffers];
}

export class EngineWorkerHost {
  constructor(
    private readonly engine: StudioEngine,
    private readonly post: PostResponse,
  ) {}

  /** Handles one request; never throws: failures become an `error` response with a StudioError code. */
  async handle(request: EngineRequest): Promise<void> {
    try {
      await this.dispatch(request);
    } catch (error) {
      this.post({ type: 'error', id: request.id, error: StudioError.from(error).toData() }, []);
    }
  }

  private async dispatch(request: EngineRequest): Promise<void> {
    switch (request.type) {
      case 'load': {
        const loaded = await this.engine.load(request.key, request.models, request.provider);
        this.post({ type: 'loaded', id: request.id, ...loaded }, []);
        return;
      }
      case 'run': {
        const result = await this.engine.run(request.key, request.session, request.feeds);
        this.post({ type: 'result', id: request.id, ...result }, outputTransfers(result.outputs));
        return;
      }
      case 'unload':
        await this.engine.unload(request.key);
        this.post({ type: 'unloaded', id: request.id }, []);
        return;
      default: {
        const unknown = request as { type?: unknown; id?: number };
        throw new StudioError('internal', `Unknown engine request type ${String(unknown.type)}.`);
      }
    }
  }
}
