/**
 * Reading PNGs: text metadata from any PNG (a studio image dropped on the mixer carries its full state),
 * and pixels from the plain 8-bit, non-interlaced PNGs the studio writes (for Node tests and the command
 * line, where there is no browser image decoder). Anything else is 'image-invalid' with the reason.
 */
import { unzlibSync } from 'fflate';
import { StudioError } from '../errors';
import { chunkCrcOk, readChunks, type PngChunk } from './chunks';
import { decodeTextChunk } from './textChunks';
import { unfilterImage } from './filters';

const TEXT_TYPES = new Set(['tEXt', 'zTXt', 'iTXt']);

function textOf(chunks: PngChunk[]): Record<string, string> {
  const entries = new Map<string, string>();
  for (const chunk of chunks) {
    if (!TEXT_TYPES.has(chunk.type)) continue;
    if (!chunkCrcOk(chunk)) {
      throw new StudioError('image-invalid', `PNG ${chunk.type} chunk fails its CRC check: the file is damaged or was edited`);
    }
    const [key, value] = decodeTextChunk(chunk.type as 'tEXt' | 'zTXt' | 'iTXt', chunk.data);
    entries.set(key, value); // a later chunk with the same keyword wins
  }
  // fromEntries defines own properties, so a "__proto__" keyword cannot touch the prototype.
  return Object.fromEntries(entries);
}

/**
 * All text metadata of a PNG, keyword -> text. Throws StudioError('image-invalid') for a non-PNG, a
 * truncated file, a text chunk with a bad CRC or corrupt compressed text.
 */
export function readPngText(bytes: Uint8Array): Record<string, string> {
  return textOf(readChunks(bytes));
}

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA 8-bit, row-major. */
  data: Uint8Array;
  text: Record<string, string>;
}

/** Bytes per pixel of the colour types read here (8-bit samples). */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

function toRgba(src: Uint8Array, colourType: number, pixels: number): Uint8Array {
  if (colourType === 6) return src;
  const out = new Uint8Array(pixels * 4);
  const n = CHANNELS[colourType];
  for (let p = 0; p < pixels; p++) {
    const s = src.subarray(p * n, p * n + n);
    const grey = colourType === 0 || colourType === 4;
    out[p * 4] = s[0];
    out[p * 4 + 1] = grey ? s[0] : s[1];
    out[p * 4 + 2] = grey ? s[0] : s[2];
    out[p * 4 + 3] = colourType === 4 ? s[1] : 255;
  }
  return out;
}

/** Pixels and text of an 8-bit, non-interlaced greyscale/RGB/RGBA PNG (no palette), as RGBA. */
export function decodePng(bytes: Uint8Array): DecodedPng {
  const chunks = readChunks(bytes);
  const header = chunks[0];
  if (header?.type !== 'IHDR' || header.data.length !== 13) throw new StudioError('image-invalid', 'PNG has no valid IHDR chunk');
  const bad = chunks.find((c) => !chunkCrcOk(c));
  if (bad) throw new StudioError('image-invalid', `PNG ${bad.type} chunk fails its CRC check: the file is damaged`);
  const view = new DataView(header.data.buffer, header.data.byteOffset, 13);
  const width = view.getUint32(0);
  const height = view.getUint32(4);
  const [depth, colourType, , , interlace] = header.data.subarray(8);
  const channels = CHANNELS[colourType];
  if (depth !== 8 || !channels || interlace !== 0) {
    throw new StudioError('image-invalid', `unsupported PNG: bit depth ${depth}, colour type ${colourType}, interlace ${interlace}`);
  }
  const idat = chunks.filter((c) => c.type === 'IDAT');
  const joined = new Uint8Array(idat.reduce((s, c) => s + c.data.length, 0));
  idat.reduce((offset, c) => (joined.set(c.data, offset), offset + c.data.length), 0);
  const stride = width * channels;
  let raw: Uint8Array;
  try {
    raw = unzlibSync(joined);
    if (raw.length < height * (stride + 1)) throw new Error(`${raw.length} bytes of image data, expected ${height * (stride + 1)}`);
    raw = unfilterImage(raw, height, stride, channels);
  } catch (error) {
    throw new StudioError('image-invalid', `PNG image data is corrupt (${(error as Error).message})`);
  }
  return { width, height, data: toRgba(raw, colourType, width * height), text: textOf(chunks) };
}
