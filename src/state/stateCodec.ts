/**
 * StudioState in and out of text: a compact URL parameter (a shareable link reproduces the image) and the
 * JSON metadata a studio PNG carries. Whatever comes back in is parsed with the same schema and, when it
 * does not fit, rejected as 'state-invalid' with the failing field named: links and files get edited.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { z } from 'zod';
import { version as APP_VERSION } from '../../package.json';
import { describeIssues } from '../bundles/issues';
import { StudioError } from '../lib/errors';
import { studioStateSchema, type StudioState } from './studioState';

/** PNG text keyword under which a studio image stores its state. */
export const STATE_PNG_KEY = 'disentangle-studio:state';
const PNG_FORMAT = 'disentangle-studio/state';

/** Validates plain data as a StudioState; `what` names the source in the message ("link", "PNG"...). */
export function parseStudioState(json: unknown, what = 'state'): StudioState {
  const result = studioStateSchema.safeParse(json);
  if (!result.success) throw new StudioError('state-invalid', describeIssues(what, result.error.issues, json));
  return result.data;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '='));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

/** JSON -> raw deflate (level 9) -> base64url without padding: safe in a query or hash, no escaping. */
export function encodeStateForUrl(state: StudioState): string {
  return toBase64Url(deflateSync(strToU8(JSON.stringify(state)), { level: 9 }));
}

/** Reverses encodeStateForUrl. Throws StudioError('state-invalid') naming the step or field that failed. */
export function decodeStateFromUrl(encoded: string): StudioState {
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(inflateSync(fromBase64Url(encoded.trim()))));
  } catch (error) {
    throw new StudioError('state-invalid', `the link's state is damaged and cannot be read (${(error as Error).message})`);
  }
  return parseStudioState(json, 'link state');
}

const pngRecordSchema = z.object({
  format: z.literal(PNG_FORMAT),
  appVersion: z.string(),
  modelId: z.string(),
  /** Content hash of the bundle that rendered the image, when known (see bundles/hash). */
  modelHash: z.string().optional(),
  state: studioStateSchema,
});

/** What a studio PNG says about itself. */
export type StatePngRecord = z.infer<typeof pngRecordSchema>;

export interface StatePngExtra {
  /** Defaults to this build's package.json version. */
  appVersion?: string;
  modelHash?: string;
  /** Further text chunks (e.g. Title, Description); cannot replace the state key. */
  text?: Record<string, string>;
}

/** Text chunks for a studio PNG: the state record as JSON, plus a Software chunk other tools show. */
export function stateToPngText(state: StudioState, extra: StatePngExtra = {}): Record<string, string> {
  const record: StatePngRecord = {
    format: PNG_FORMAT,
    appVersion: extra.appVersion ?? APP_VERSION,
    modelId: state.modelId,
    ...(extra.modelHash ? { modelHash: extra.modelHash } : {}),
    state,
  };
  return { Software: `Disentangle Studio ${record.appVersion}`, ...extra.text, [STATE_PNG_KEY]: JSON.stringify(record) };
}

/**
 * The state record in a PNG's text chunks, or null when the PNG carries none (an ordinary image: the
 * mixer then uses the encoder). Throws StudioError('state-invalid') when the record is there but damaged.
 */
export function stateFromPngText(text: Record<string, string>): StatePngRecord | null {
  if (!Object.prototype.hasOwnProperty.call(text, STATE_PNG_KEY)) return null;
  let json: unknown;
  try {
    json = JSON.parse(text[STATE_PNG_KEY]);
  } catch (error) {
    throw new StudioError('state-invalid', `the image's studio state is not valid JSON (${(error as Error).message})`);
  }
  const result = pngRecordSchema.safeParse(json);
  if (!result.success) throw new StudioError('state-invalid', describeIssues("image's studio state", result.error.issues, json));
  if (result.data.modelId !== result.data.state.modelId) {
    throw new StudioError(
      'state-invalid',
      `the image's studio state is inconsistent: record says model "${result.data.modelId}", state says "${result.data.state.modelId}"`,
    );
  }
  return result.data;
}
