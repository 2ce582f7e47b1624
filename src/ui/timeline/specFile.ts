/**
 * Saving and opening a sequence spec as a .json file: the bridge to the command line, which renders the
 * same file (`npm run render -- spec.json --out DIR`) with the same frames.
 */
import { downloadBytes } from '../../app/download';
import { StudioError } from '../../lib/errors';
import { parseSequenceSpecText } from '../../sequence/parseSpec';
import type { SequenceSpec } from '../../sequence/spec';
import { useSessionStore } from '../../state/sessionStore';
import { useTimelineStore } from './timelineStore';

export function saveSpec(spec: SequenceSpec): void {
  const { output } = useTimelineStore.getState();
  const text = `${JSON.stringify({ ...spec, output }, null, 2)}\n`;
  downloadBytes(new TextEncoder().encode(text), `${(spec.name ?? spec.modelId).replace(/[^A-Za-z0-9._-]+/g, '-')}.sequence.json`, 'application/json');
}

export async function openSpecFile(file: File): Promise<void> {
  try {
    const spec = parseSequenceSpecText(await file.text(), `"${file.name}"`);
    useTimelineStore.getState().setSpec(spec);
    useTimelineStore.getState().setCursor(0);
  } catch (error) {
    const e = StudioError.from(error, 'spec-invalid');
    useSessionStore.getState().notify('error', e.message, { code: e.code });
  }
}
