/**
 * What kind of image a file is and how large, read from its first bytes before anything is decoded: a
 * non-image is refused by name, and a 200-megapixel photo is refused (or decoded straight to a small size)
 * instead of allocating gigabytes of RGBA. Pure and partial on purpose: formats we cannot size return
 * null dimensions and are left to the browser decoder, which has its own limits.
 */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'avif';

export interface ImageHeader {
  format: ImageFormat;
  /** Stored (not EXIF-rotated) size; null when the header does not say within the bytes read. */
  width: number | null;
  height: number | null;
  /** A GIF with an animation loop / more than one frame, an APNG: only the first frame is used. */
  animated: boolean;
}

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

function jpegSize(b: Uint8Array): [number, number] | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1];
    if (marker === 0xff) { i++; continue; }
    const length = (b[i + 2] << 8) | b[i + 3];
    // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return [(b[i + 7] << 8) | b[i + 8], (b[i + 5] << 8) | b[i + 6]];
    }
    i += 2 + length;
  }
  return null;
}

function webpSize(b: Uint8Array): [number, number] | null {
  const chunk = ascii(b, 12, 4);
  const le24 = (at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
  if (chunk === 'VP8X') return [le24(24) + 1, le24(27) + 1];
  if (chunk === 'VP8L') {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return [(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1];
  }
  if (chunk === 'VP8 ') return [((b[27] << 8) | b[26]) & 0x3fff, ((b[29] << 8) | b[28]) & 0x3fff];
  return null;
}

/** Counts GIF image descriptors cheaply: the NETSCAPE loop extension is the usual animation mark. */
function gifAnimated(b: Uint8Array): boolean {
  const text = new TextDecoder('latin1').decode(b.subarray(0, Math.min(b.length, 1 << 20)));
  return text.includes('NETSCAPE2.0') || text.includes('ANIMEXTS1.0');
}

/** The header of an image file, or null when the bytes are no image format the studio reads. */
export function readImageHeader(b: Uint8Array): ImageHeader | null {
  if (b.length >= 24 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG') {
    const view = new DataView(b.buffer, b.byteOffset + 16, 8);
    const animated = new TextDecoder('latin1').decode(b.subarray(0, Math.min(b.length, 1 << 16))).includes('acTL');
    return { format: 'png', width: view.getUint32(0), height: view.getUint32(4), animated };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    const size = jpegSize(b);
    return { format: 'jpeg', width: size?.[0] ?? null, height: size?.[1] ?? null, animated: false };
  }
  if (b.length >= 10 && ascii(b, 0, 4) === 'GIF8') {
    return { format: 'gif', width: b[6] | (b[7] << 8), height: b[8] | (b[9] << 8), animated: gifAnimated(b) };
  }
  if (b.length >= 30 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') {
    const size = webpSize(b);
    return { format: 'webp', width: size?.[0] ?? null, height: size?.[1] ?? null, animated: ascii(b, 12, 4) === 'VP8X' && (b[20] & 0x02) !== 0 };
  }
  if (b.length >= 26 && b[0] === 0x42 && b[1] === 0x4d) {
    const view = new DataView(b.buffer, b.byteOffset, 26);
    return { format: 'bmp', width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)), animated: false };
  }
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp' && /avi[fs]/.test(ascii(b, 8, 4))) {
    return { format: 'avif', width: null, height: null, animated: ascii(b, 8, 4) === 'avis' };
  }
  return null;
}

/** True when a JPEG ends with its EOI marker: browsers draw a truncated JPEG half grey, silently. */
export function jpegComplete(b: Uint8Array): boolean {
  // Some writers pad after EOI; look in the last few bytes.
  for (let i = b.length - 2; i >= Math.max(0, b.length - 64); i--) if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
  return false;
}
