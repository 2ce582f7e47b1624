/**
 * Byte-array helpers shared by downloads and writers.
 */

/** The chunks joined into one array (a lone chunk is returned as it is, without a copy). */
export function concatBytes(chunks: Uint8Array[], length = chunks.reduce((n, c) => n + c.byteLength, 0)): Uint8Array {
  if (chunks.length === 1 && chunks[0].byteLength === length) return chunks[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
