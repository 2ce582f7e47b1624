/**
 * Renders a spec into a sink, frame by frame, with progress and cancel; the same code behind the studio's
 * Export and `npm run render`. Whatever happens the output is either complete, a valid partial output
 * (the frames done plus sequence.json saying how many), or nothing: never a corrupt file. A write failure
 * (full disk, folder permission revoked) stops the export, keeps what can be kept, and the error says so.
 */
import { StudioError } from '../lib/errors';
import type { FrameEncoder } from './encoder';
import { checkSpecFitsManifest } from './parseSpec';
import { ProgressMeter, type ExportProgress } from './progress';
import { recordBytes, sequenceRecord, SEQUENCE_JSON } from './record';
import { exportSize, renderFrames, type SequenceModel } from './renderFrames';
import type { SequenceSink } from './sinks';
import type { SequenceSpec } from './spec';

/** Reason to pass to AbortController.abort: keep the frames done (default) or leave nothing. */
export type CancelMode = 'keep' | 'discard';

export interface ExportOptions {
  /** Abort to cancel; `abort('discard')` removes what was written, anything else keeps it. */
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  now?: () => number;
  /** Where PNGs are encoded; this thread by default (the command line passes a worker pool). */
  encoder?: FrameEncoder;
}

export interface ExportResult {
  status: 'complete' | 'cancelled' | 'failed';
  written: number;
  total: number;
  /** Whether the output (complete or partial) was left in place. */
  kept: boolean;
  /** Pixels that were NaN/Inf over all frames (painted magenta). */
  nonFinite: number;
  /** Why it failed (status 'failed'), with what was kept in the message. */
  error?: StudioError;
}

type Stop = { kind: 'cancel'; discard: boolean } | { kind: 'error'; error: StudioError; writing: boolean };

/** Frames rendered ahead of the disk at most (each holds one encoded PNG in memory). */
const MAX_PENDING_WRITES = 4;

/** Writes sequence.json and completes the sink; when that fails, removes what cannot be kept. Resolves whether anything was kept. */
async function finish(sink: SequenceSink, spec: SequenceSpec, model: SequenceModel, written: number): Promise<boolean> {
  try {
    const record = sequenceRecord(spec, model.hash, written, exportSize(spec, model.manifest));
    await sink.writeFile(SEQUENCE_JSON, recordBytes(record));
    await sink.close();
    return true;
  } catch {
    // A folder keeps the frames it has; a zip without its central directory would be corrupt: remove it.
    if (sink.keepsPartial) return true;
    await sink.abort().catch(() => undefined);
    return false;
  }
}

function failure(stop: Extract<Stop, { kind: 'error' }>, sink: SequenceSink, written: number, total: number, kept: boolean): StudioError {
  const what = written === 1 ? '1 frame' : `${written} frames`;
  const keptText = written === 0 ? 'nothing was written' : kept ? `${sink.label} keeps the ${what} done` : `${sink.label} could not be completed and was removed`;
  const prefix = stop.writing ? 'Writing the sequence failed' : 'Rendering the sequence failed';
  const message = `${prefix} after ${written} of ${total} frames (${stop.error.message}); ${keptText}.`;
  return new StudioError(stop.writing ? 'export-failed' : stop.error.code, message, stop.error.detail);
}

/**
 * Renders every frame of `spec` with `model` into `sink`. Never throws for a run or write failure: the
 * result says what happened. Throws StudioError('spec-invalid') before writing anything when the spec
 * does not fit the model.
 */
export async function exportSequence(
  spec: SequenceSpec, model: SequenceModel, sink: SequenceSink, options: ExportOptions = {},
): Promise<ExportResult> {
  checkSpecFitsManifest(spec, model.manifest);
  const meter = new ProgressMeter(spec.frames, options.now);
  const signal = options.signal;
  let written = 0;
  let nonFinite = 0;
  let stop: Stop | null = null;
  const cancelled = (): Stop | null => (signal?.aborted ? { kind: 'cancel', discard: signal.reason === 'discard' } : null);
  // Writes run in order on one chain, up to MAX_PENDING_WRITES behind rendering, so the engine renders the
  // next frame while a file reaches the disk (in Node the engine shares the thread: awaiting each write
  // serialised the two). A write checks for a cancel or an earlier write failure first, so neither writes
  // more; frames rendered before an engine failure are still written.
  let chain: Promise<void> = Promise.resolve();
  const writesHalted = (): boolean => {
    stop ??= cancelled();
    return stop !== null && (stop.kind === 'cancel' || stop.writing);
  };
  const pending: Promise<void>[] = [];
  const queueWrite = (frame: { name: string; png: Uint8Array; nonFinite: number }) => {
    chain = chain.then(async () => {
      if (writesHalted()) return;
      try {
        await sink.writeFile(frame.name, frame.png);
      } catch (error) {
        stop = { kind: 'error', error: StudioError.from(error, 'export-failed'), writing: true };
        return;
      }
      written++;
      nonFinite += frame.nonFinite;
      options.onProgress?.(meter.frameDone());
      stop ??= cancelled();
    });
    pending.push(chain);
  };
  try {
    for await (const frame of renderFrames(spec, model, 0, options.encoder)) {
      if (stop || (stop = cancelled())) break;
      queueWrite(frame);
      while (pending.length >= MAX_PENDING_WRITES) await pending.shift();
      if (stop) break;
    }
  } catch (error) {
    stop ??= { kind: 'error', error: StudioError.from(error), writing: false };
  }
  await chain;
  const total = spec.frames;
  if (stop?.kind === 'cancel' && stop.discard) {
    await sink.abort().catch(() => undefined);
    return { status: 'cancelled', written, total, kept: false, nonFinite };
  }
  const kept = await finish(sink, spec, model, written);
  if (!stop) return { status: 'complete', written, total, kept, nonFinite };
  if (stop.kind === 'cancel') return { status: 'cancelled', written, total, kept, nonFinite };
  return { status: 'failed', written, total, kept, nonFinite, error: failure(stop, sink, written, total, kept) };
}
