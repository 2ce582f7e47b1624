/**
 * A cheap content hash of a frame (FNV-1a over 32-bit words), exposed on the canvas as data-frame-hash so
 * an e2e test can tell that a knob produced a new image without reading pixels back. Not cryptographic.
 */
export function frameHash(rgba: Uint8ClampedArray): string {
  let h = 0x811c9dc5;
  const aligned = rgba.byteOffset % 4 === 0;
  const words = aligned ? Math.floor(rgba.length / 4) : 0;
  if (words > 0) {
    const view = new Uint32Array(rgba.buffer, rgba.byteOffset, words);
    for (let i = 0; i < words; i++) h = Math.imul(h ^ view[i], 0x01000193);
  }
  for (let i = words * 4; i < rgba.length; i++) h = Math.imul(h ^ rgba[i], 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0') + '-' + rgba.length.toString(16);
}
