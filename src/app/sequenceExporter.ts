/**
 * What the timeline may ask of the app for an export: pick where it goes (in the click, for the browser's
 * pickers) and render the spec with the loaded model into it. Frames go through engine.run on the same
 * worker as the interactive view, one at a time, so the studio stays usable while an export runs.
 */
import { StudioError } from '../lib/errors';
import { exportSequence, type ExportOptions, type ExportResult } from '../sequence/exportSequence';
import type { SequenceModel } from '../sequence/renderFrames';
import type { SequenceSpec } from '../sequence/spec';
import { canExportToFolder, pickExportTarget, sinkForTarget, type ExportTarget, type ExportTargetKind } from './exportTargets';

export interface SequenceExportActions {
  canExportToFolder(): boolean;
  pickTarget(kind: ExportTargetKind, fileName: string): Promise<ExportTarget | null>;
  export(spec: SequenceSpec, target: ExportTarget, options?: ExportOptions): Promise<ExportResult>;
}

export class SequenceExporter implements SequenceExportActions {
  constructor(private readonly model: () => SequenceModel | null) {}

  canExportToFolder(): boolean {
    return canExportToFolder();
  }

  pickTarget(kind: ExportTargetKind, fileName: string): Promise<ExportTarget | null> {
    return pickExportTarget(kind, fileName);
  }

  /** Throws StudioError('model-missing') when the spec's model is not the loaded one, before anything is written. */
  async export(spec: SequenceSpec, target: ExportTarget, options: ExportOptions = {}): Promise<ExportResult> {
    const model = this.model();
    if (!model || model.manifest.id !== spec.modelId) {
      const loaded = model ? `"${model.manifest.id}" is loaded` : 'no model is loaded';
      throw new StudioError('model-missing', `The sequence is for model "${spec.modelId}", but ${loaded}: open that model first.`);
    }
    return exportSequence(spec, model, sinkForTarget(target), options);
  }
}
