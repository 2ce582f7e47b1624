/**
 * The whole StudioState lives in the URL fragment (#state=...), so a copied link reproduces the image. The
 * fragment never reaches a server, and replaceState keeps knob drags out of the browser's back history.
 */
import { decodeStateFromUrl, encodeStateForUrl } from '../state/stateCodec';
import type { StudioState } from '../state/studioState';

const PARAM = 'state';

/** The encoded state in a location hash, or null when there is none. */
export function stateParam(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(PARAM);
}

/** Decodes the state in the hash; null when absent; throws StudioError('state-invalid') on garbage. */
export function readStateFromHash(hash: string): StudioState | null {
  const encoded = stateParam(hash);
  return encoded === null ? null : decodeStateFromUrl(encoded);
}

export function hashForState(state: StudioState): string {
  return `#${PARAM}=${encodeStateForUrl(state)}`;
}

/** Writes the state into the address bar without adding a history entry. */
export function writeStateToLocation(state: StudioState): void {
  const hash = hashForState(state);
  if (location.hash !== hash) history.replaceState(history.state, '', hash);
}
