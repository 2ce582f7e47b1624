/**
 * Content hash of a bundle's ONNX bytes. The engine keeps sessions under `<model id>@<hash>`, so two
 * bundles with the same id but different weights never share a session, and a re-opened bundle does.
 */
import { sha256 } from './sha256';

/** Hex characters kept: 64 bits is plenty to tell bundles apart and short enough to show. */
export const SHORT_HASH_LENGTH = 16;

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Full SHA-256 hex; WebCrypto where available, else the plain-JS digest (insecure contexts). */
export async function sha256Hex(data: ArrayBuffer | Uint8Array): Promise<string> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const subtle = globalThis.crypto?.subtle;
  if (subtle) return toHex(new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
  return toHex(sha256(bytes));
}

/**
 * Short hash over the named files, in the given order. One file: the SHA-256 of its bytes. Several:
 * SHA-256 of the lines `<name>:<sha256 hex>` (no concatenated copy of large buffers).
 */
export async function hashFiles(files: readonly [name: string, bytes: ArrayBuffer][]): Promise<string> {
  if (files.length === 1) return (await sha256Hex(files[0][1])).slice(0, SHORT_HASH_LENGTH);
  const lines: string[] = [];
  for (const [name, bytes] of files) lines.push(`${name}:${await sha256Hex(bytes)}`);
  return (await sha256Hex(new TextEncoder().encode(lines.join('\n')))).slice(0, SHORT_HASH_LENGTH);
}
