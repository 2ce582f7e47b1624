/**
 * Renders a spec file to a folder and/or a zip on disk: what `npm run render` does, as a function the
 * tests and the benchmark call without a child process. The model comes from models/<id>/ on disk.
 */
import { readFileSync } from 'node:fs';
import { exportSequence, type ExportOptions, type ExportResult } from '../../src/sequence/exportSequence.ts';
import { parseSequenceSpecText } from '../../src/sequence/parseSpec.ts';
import type { SequenceSink } from '../../src/sequence/sinks.ts';
import type { SequenceSpec } from '../../src/sequence/spec.ts';
import { zipSink } from '../../src/sequence/zipSink.ts';
import { StudioError } from '../../src/lib/errors.ts';
import { loadDiskModel } from './diskModel.ts';
import { createEncoderPool } from './encoderPool.ts';
import { nodeFileByteSink, nodeFolderSink, teeSink } from './nodeSinks.ts';

export interface RenderTargets {
  /** Folder for frame_*.png and sequence.json. */
  outDir?: string;
  /** Zip file streamed as frames render. */
  zipPath?: string;
}

export function readSpecFile(path: string): SequenceSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new StudioError('spec-invalid', `cannot read the spec file ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseSequenceSpecText(text, path);
}

export function sinkFor(targets: RenderTargets): SequenceSink {
  const sinks: SequenceSink[] = [];
  if (targets.outDir) sinks.push(nodeFolderSink(targets.outDir));
  if (targets.zipPath) sinks.push({ ...zipSink(nodeFileByteSink(targets.zipPath)), label: `the zip ${targets.zipPath}` });
  if (sinks.length === 0) throw new StudioError('spec-invalid', 'no output: give --out DIR and/or --zip FILE');
  return sinks.length === 1 ? sinks[0] : teeSink(sinks[0], sinks[1]);
}

export interface RenderOptions extends ExportOptions {
  modelsDir?: string;
  /** PNG encoding on worker threads (default) or on the main thread beside the engine. */
  workers?: boolean;
}

/** Loads the spec's model from `modelsDir`, renders every frame into `targets`, and releases the model. */
export async function renderToDisk(spec: SequenceSpec, targets: RenderTargets, options: RenderOptions = {}): Promise<ExportResult> {
  const model = await loadDiskModel(spec.modelId, options.modelsDir);
  const pool = options.workers === false ? null : createEncoderPool();
  try {
    return await exportSequence(spec, model, sinkFor(targets), { ...options, encoder: pool ?? undefined });
  } finally {
    model.dispose();
    await pool?.close();
  }
}
