/**
 * Reads an ORT session's real input/output metadata into the protocol's SessionInfo, the ground truth a
 * manifest is validated against (see families/validate.ts).
 */
import type { InferenceSession } from 'onnxruntime-web';
import type { SessionIO, SessionInfo } from './protocol';

function describe(names: readonly string[], metadata: readonly InferenceSession.ValueMetadata[] | undefined): SessionIO[] {
  return names.map((name, index) => {
    const meta = metadata?.find((m) => m.name === name) ?? metadata?.[index];
    if (!meta || !meta.isTensor) return { name, shape: [], type: meta ? 'non-tensor' : 'unknown' };
    // ORT may report an unnamed dynamic axis as an empty string or a negative number: both are "unknown" (-1).
    const shape = meta.shape.map((d) => (typeof d === 'number' ? (d >= 0 ? d : -1) : typeof d === 'string' && d !== '' ? d : -1));
    return { name, shape, type: meta.type };
  });
}

export function sessionInfo(session: InferenceSession): SessionInfo {
  return {
    inputs: describe(session.inputNames, session.inputMetadata),
    outputs: describe(session.outputNames, session.outputMetadata),
  };
}
