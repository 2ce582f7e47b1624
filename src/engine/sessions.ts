/**
 * A model's ORT sessions on one provider: create them all or none, release them, run one. The Engine
 * decides when (queue, fallback); these functions know how.
 */
import type { InferenceSession } from 'onnxruntime-web';
import { StudioError } from '../lib/errors';
import type { TensorData } from '../families/types';
import type { OrtModule } from './ort';
import { sessionCreateError } from './ortErrors';
import type { ExecutionProvider, SessionInfo, SessionName } from './protocol';
import { sessionInfo } from './sessionInfo';
import { disposeAll, readOutputs, toOrtFeeds } from './tensors';

export type ModelBytes = Partial<Record<SessionName, Uint8Array>>;

/** Sessions are created in this order (the generator first: it is what the user waits for). */
export const SESSION_ORDER: SessionName[] = ['generator', 'encoder'];

export interface SessionSet {
  ort: OrtModule;
  provider: ExecutionProvider;
  sessions: Map<SessionName, InferenceSession>;
  info: Partial<Record<SessionName, SessionInfo>>;
}

/** Creates the entry's sessions on its provider; on failure releases the ones already made. */
export async function createSessions(entry: SessionSet, bytes: ModelBytes): Promise<void> {
  const options: InferenceSession.SessionOptions = {
    executionProviders: entry.provider === 'webgpu' ? ['webgpu', 'wasm'] : ['wasm'],
    graphOptimizationLevel: 'all',
    // Only errors: ORT's "some nodes were not assigned to the preferred EP" is expected (shape ops on CPU).
    logSeverityLevel: 3,
  };
  try {
    for (const name of SESSION_ORDER) {
      const model = bytes[name];
      if (!model) continue;
      let session: InferenceSession;
      try {
        session = await entry.ort.InferenceSession.create(model, options);
      } catch (error) {
        throw sessionCreateError(error, name);
      }
      entry.sessions.set(name, session);
      entry.info[name] = sessionInfo(session);
    }
  } catch (error) {
    await releaseSessions(entry);
    throw error;
  }
}

export async function releaseSessions(entry: SessionSet): Promise<void> {
  const sessions = [...entry.sessions.values()];
  entry.sessions.clear();
  for (const session of sessions) {
    try {
      await session.release();
    } catch {
      // A session on a lost GPU device cannot release cleanly; nothing more to free.
    }
  }
}

export async function runOnce(entry: SessionSet, name: SessionName, feeds: Record<string, TensorData>): Promise<Record<string, TensorData>> {
  const session = entry.sessions.get(name);
  if (!session) throw new StudioError('internal', `This model has no ${name} session.`);
  const inputs = toOrtFeeds(entry.ort, feeds);
  try {
    return await readOutputs(await session.run(inputs));
  } finally {
    disposeAll(inputs);
  }
}

/** Bad feeds fail on every provider: retrying them on WASM would only hide the real error. */
export function isInputError(error: unknown): boolean {
  if (error instanceof StudioError) return true;
  const message = error instanceof Error ? error.message : String(error);
  return /is missing in 'feeds'|invalid dimensions|invalid rank|unexpected input/i.test(message);
}
