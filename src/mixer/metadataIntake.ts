/**
 * The exact path: a PNG saved by the studio carries its whole StudioState, so its codes need no encoder.
 * Everything that could make those codes wrong is refused with the reason (damaged or edited metadata,
 * another model's image, a state that no longer fits); the caller keeps the slot's previous image.
 */
import type { Manifest } from '../families/manifest';
import { StudioError } from '../lib/errors';
import { readPngText } from '../lib/png';
import { checkStateFitsManifest } from '../state/fitState';
import { stateFromPngText } from '../state/stateCodec';
import type { StudioState } from '../state/studioState';

export interface MetadataRecovery {
  state: StudioState;
  /** Shown on the slot: "restored exactly from metadata", plus any caveat. */
  note: string;
}

/**
 * The studio state a PNG carries, or null for a PNG without one (an ordinary image: use the encoder).
 * Throws StudioError with a message that names the file and what is wrong.
 */
export function recoverFromMetadata(name: string, bytes: Uint8Array, manifest: Manifest, modelHash?: string): MetadataRecovery | null {
  let text: Record<string, string>;
  try {
    text = readPngText(bytes);
  } catch (error) {
    const e = StudioError.from(error, 'image-invalid');
    throw new StudioError(e.code, `"${name}" cannot be read: ${e.message}.`);
  }
  let record;
  try {
    record = stateFromPngText(text);
  } catch (error) {
    throw new StudioError(
      'state-invalid',
      `"${name}" carries studio metadata that was edited or damaged, so its codes cannot be trusted (${StudioError.from(error).message}).`,
    );
  }
  if (!record) return null;
  if (record.modelId !== manifest.id) {
    throw new StudioError(
      'state-invalid',
      `"${name}" was made with model "${record.modelId}"; the mixer mixes images of the loaded model "${manifest.id}". Open that model to mix it, or use an image of this one.`,
    );
  }
  const problems = checkStateFitsManifest(record.state, manifest);
  if (problems.length > 0) {
    throw new StudioError('state-invalid', `"${name}"'s studio state does not fit ${manifest.name}: ${problems.join('; ')}.`);
  }
  const otherBuild = record.modelHash && modelHash && record.modelHash !== modelHash;
  return {
    state: record.state,
    note: otherBuild
      ? `restored exactly from metadata (saved with another build of this model, ${record.modelHash}: codes are exact, pixels may differ)`
      : 'restored exactly from metadata',
  };
}
