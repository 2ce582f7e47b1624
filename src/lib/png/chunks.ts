/**
 * PNG's container: an 8-byte signature and length/type/data/CRC chunks. Reading is strict about bounds
 * (a truncated download or a non-PNG must fail with a clear message, not read garbage) and lazy about
 * CRCs: callers verify the chunks they use, so a large IDAT is not summed just to read metadata.
 */
import { StudioError } from '../errors';
import { crc32 } from './crc32';

export const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngChunk {
  type: string;
  data: Uint8Array;
  /** CRC stored in the file (check with chunkCrcOk). */
  crc: number;
}

const ascii = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0));

/** Serialises chunks after the signature; the result is a complete PNG when the list is IHDR..IEND. */
export function writeChunks(chunks: readonly { type: string; data: Uint8Array }[]): Uint8Array {
  const size = PNG_SIGNATURE.length + chunks.reduce((sum, c) => sum + 12 + c.data.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(PNG_SIGNATURE, 0);
  let offset = PNG_SIGNATURE.length;
  for (const chunk of chunks) {
    const type = ascii(chunk.type);
    view.setUint32(offset, chunk.data.length);
    out.set(type, offset + 4);
    out.set(chunk.data, offset + 8);
    view.setUint32(offset + 8 + chunk.data.length, crc32(type, chunk.data));
    offset += 12 + chunk.data.length;
  }
  return out;
}

export function chunkCrcOk(chunk: PngChunk): boolean {
  return crc32(ascii(chunk.type), chunk.data) === chunk.crc;
}

/**
 * All chunks up to and including IEND. Throws StudioError('image-invalid') for a missing signature, a
 * chunk running past the end of the data, or a file that ends before IEND.
 */
export function readChunks(bytes: Uint8Array): PngChunk[] {
  if (bytes.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) {
    throw new StudioError('image-invalid', 'not a PNG file (no PNG signature)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  let offset = PNG_SIGNATURE.length;
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (end > bytes.length) {
      throw new StudioError('image-invalid', `PNG is truncated: chunk ${type} needs ${length} bytes, ${bytes.length - offset - 12} remain`);
    }
    chunks.push({ type, data: bytes.subarray(offset + 8, offset + 8 + length), crc: view.getUint32(end - 4) });
    if (type === 'IEND') return chunks;
    offset = end;
  }
  throw new StudioError('image-invalid', 'PNG is truncated: the file ends before its IEND chunk');
}
