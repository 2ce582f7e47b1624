/**
 * PNG text metadata: what carries a studio image's full StudioState (like excalidraw's scene in its PNG
 * exports). Written as iTXt so any Unicode survives; read from tEXt, zTXt and iTXt (compressed or not) so
 * metadata written by other tools is readable too.
 */
import { strFromU8, strToU8, unzlibSync } from 'fflate';
import { StudioError } from '../errors';

const latin1 = (bytes: Uint8Array) => {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
};

/** PNG keywords: 1-79 Latin-1 printable characters, no leading, trailing or double spaces. */
export function checkKeyword(keyword: string): void {
  const ok =
    keyword.length >= 1 &&
    keyword.length <= 79 &&
    /^[\x20-\x7e\xa1-\xff]+$/.test(keyword) &&
    !/^ | $| {2}/.test(keyword);
  if (!ok) throw new StudioError('internal', `invalid PNG text keyword ${JSON.stringify(keyword)}`);
}

/** iTXt data: keyword, NUL, uncompressed, no language tag or translated keyword, UTF-8 text. */
export function encodeITxt(keyword: string, text: string): Uint8Array {
  checkKeyword(keyword);
  const key = Uint8Array.from(keyword, (ch) => ch.charCodeAt(0));
  const value = strToU8(text);
  const out = new Uint8Array(key.length + 5 + value.length);
  out.set(key, 0);
  // key NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL
  out.set(value, key.length + 5);
  return out;
}

function inflate(data: Uint8Array, type: string, keyword: string): Uint8Array {
  try {
    return unzlibSync(data);
  } catch (error) {
    throw new StudioError('image-invalid', `PNG ${type} chunk "${keyword}" has corrupt compressed text (${(error as Error).message})`);
  }
}

function nul(data: Uint8Array, from: number, type: string): number {
  const i = data.indexOf(0, from);
  if (i < 0) throw new StudioError('image-invalid', `PNG ${type} chunk is malformed (missing separator)`);
  return i;
}

/** [keyword, text] of a tEXt / zTXt / iTXt chunk's data. Throws 'image-invalid' when malformed. */
export function decodeTextChunk(type: 'tEXt' | 'zTXt' | 'iTXt', data: Uint8Array): [string, string] {
  const keyEnd = nul(data, 0, type);
  const keyword = latin1(data.subarray(0, keyEnd));
  if (type === 'tEXt') return [keyword, latin1(data.subarray(keyEnd + 1))];
  if (type === 'zTXt') return [keyword, latin1(inflate(data.subarray(keyEnd + 2), type, keyword))];
  const compressed = data[keyEnd + 1] === 1;
  const langEnd = nul(data, keyEnd + 3, type);
  const translatedEnd = nul(data, langEnd + 1, type);
  const body = data.subarray(translatedEnd + 1);
  return [keyword, strFromU8(compressed ? inflate(body, type, keyword) : body)];
}
