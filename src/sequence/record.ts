/**
 * Names and the sequence.json record of an export. Frame files sort in frame order in every file manager
 * and every tool that globs frame_*.png (ffmpeg -i frame_%05d.png); sequence.json says what made them: the
 * spec, the model and a hash of its files, the app version. Nothing time-dependent goes in, so two exports
 * of one spec are byte-identical.
 */
import { version as APP_VERSION } from '../../package.json';
import { sequenceSpecSchema, type SequenceSpec } from './spec';

export const SEQUENCE_JSON = 'sequence.json';
export const RECORD_FORMAT = 'disentangle-studio/sequence-export';

/** frame_00000.png ...; wider than 5 digits only when a sequence has more than 100,000 frames. */
export function frameName(index: number, total: number): string {
  const digits = Math.max(5, String(Math.max(0, total - 1)).length);
  return `frame_${String(index).padStart(digits, '0')}.png`;
}

export interface SequenceRecord {
  format: typeof RECORD_FORMAT;
  appVersion: string;
  modelId: string;
  /** Short SHA-256 of the model's ONNX files (bundles/hash: the same in the browser and in Node). */
  modelHash: string;
  /** Frames in the spec, and how many were written (fewer after a cancel or a write failure). */
  frames: { total: number; written: number; complete: boolean };
  /** [width, height] of the written PNGs. */
  size: [number, number];
  spec: SequenceSpec;
}

export function sequenceRecord(
  spec: SequenceSpec, modelHash: string, written: number, size: [number, number], appVersion = APP_VERSION,
): SequenceRecord {
  return {
    format: RECORD_FORMAT,
    appVersion,
    modelId: spec.modelId,
    modelHash,
    frames: { total: spec.frames, written, complete: written === spec.frames },
    size,
    // Through the schema: keys in one canonical order, however the spec object was built.
    spec: sequenceSpecSchema.parse(spec),
  };
}

/** sequence.json's bytes: indented for people who open it. */
export function recordBytes(record: SequenceRecord): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`);
}
