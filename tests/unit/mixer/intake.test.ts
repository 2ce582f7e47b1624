import { describe, expect, it } from 'vitest';
import { encodePng } from '../../../src/lib/png';
import { writeChunks, readChunks } from '../../../src/lib/png/chunks';
import { jpegComplete, readImageHeader } from '../../../src/mixer/imageHeader';
import { checkImageSize, decodeWidth, MAX_PIXELS, WORKING_SIDE } from '../../../src/mixer/limits';
import { recoverFromMetadata } from '../../../src/mixer/metadataIntake';
import { intakeFile } from '../../../src/mixer/intake';
import { encoderInput } from '../../../src/mixer/encoderTensor';
import { STATE_PNG_KEY, stateToPngText } from '../../../src/state/stateCodec';
import { duo, mixnmatch, variant } from './helpers';

const m = duo();
const studioPng = (state = variant(1, m), extra = {}) => encodePng(new Uint8Array(4 * 4 * 4).fill(200), 4, 4, stateToPngText(state, extra));
const file = (name: string, bytes: Uint8Array) => ({ name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer });

/** Rewrites one text chunk's payload with a valid CRC: an edit a tool would make. */
function editText(png: Uint8Array, edit: (text: string) => string): Uint8Array {
  const chunks = readChunks(png).map((c) => {
    if (c.type !== 'iTXt' && c.type !== 'tEXt') return c;
    const text = new TextDecoder('latin1').decode(c.data);
    if (!text.startsWith(STATE_PNG_KEY)) return c;
    return { type: c.type, data: Uint8Array.from(edit(text), (ch) => ch.charCodeAt(0)) };
  });
  return writeChunks(chunks);
}

describe('image headers and size limits', () => {
  it('sizes PNG, GIF, JPEG from their headers and refuses non-images', () => {
    expect(readImageHeader(studioPng())).toMatchObject({ format: 'png', width: 4, height: 4, animated: false });
    const gif = Uint8Array.from([...'GIF89a'].map((c) => c.charCodeAt(0)).concat([10, 0, 20, 0, 0, 0, 0]));
    expect(readImageHeader(gif)).toMatchObject({ format: 'gif', width: 10, height: 20 });
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0x0f, 0xa0, 0x17, 0x70, 3, 0, 0, 0, 0xff, 0xd9]);
    expect(readImageHeader(jpeg)).toMatchObject({ format: 'jpeg', width: 6000, height: 4000 });
    expect(jpegComplete(jpeg)).toBe(true);
    expect(jpegComplete(jpeg.subarray(0, 12))).toBe(false);
    expect(readImageHeader(new TextEncoder().encode('hello, not an image at all'))).toBeNull();
  });

  it('decodes a 50-megapixel photo straight to a working size and refuses a bomb', () => {
    const photo = { format: 'jpeg' as const, width: 8660, height: 5774, animated: false };
    expect(() => checkImageSize('photo.jpg', photo)).not.toThrow();
    const w = decodeWidth(photo)!;
    // Only a width is given: the long side stays within WORKING_SIDE whether or not EXIF rotates it.
    expect(Math.max(w, (w * 8660) / 5774)).toBeLessThanOrEqual(WORKING_SIDE + 1);
    expect(decodeWidth({ ...photo, width: 640, height: 480 })).toBeNull();
    expect(() => checkImageSize('bomb.png', { ...photo, width: 30000, height: 30000 })).toThrow(/megapixels/);
    expect(() => checkImageSize('wide.png', { ...photo, width: 40000, height: 10 })).toThrow(/a side/);
    expect(30000 * 30000).toBeGreaterThan(MAX_PIXELS);
  });
});

describe('studio PNG metadata', () => {
  it('restores the exact state and says so', () => {
    const result = recoverFromMetadata('a.png', studioPng(), m)!;
    expect(result.state).toEqual(variant(1, m));
    expect(result.note).toMatch(/exactly from metadata/);
  });

  it('an ordinary PNG has no metadata (the encoder path)', () => {
    expect(recoverFromMetadata('photo.png', encodePng(new Uint8Array(16), 2, 2, {}), m)).toBeNull();
  });

  it("rejects another model's PNG, naming both models", () => {
    const other = { ...variant(1, m), modelId: 'scenes-giraffe-hd-128' };
    expect(() => recoverFromMetadata('other.png', studioPng(other), m)).toThrow(/made with model "scenes-giraffe-hd-128".*"fixture-giraffe-duo"/);
  });

  it('rejects tampered metadata: an edited value, a broken CRC, a truncated file', () => {
    const edited = editText(studioPng(), (t) => t.replace('"elevationDeg":11', '"elevationDeg":"high"'));
    expect(() => recoverFromMetadata('edited.png', edited, m)).toThrow(/edited or damaged/);
    const png = studioPng();
    const broken = png.slice();
    const at = new TextDecoder('latin1').decode(png).indexOf('"seed"');
    broken[at + 2] ^= 1;
    expect(() => recoverFromMetadata('crc.png', broken, m)).toThrow(/CRC/);
    expect(() => recoverFromMetadata('cut.png', png.subarray(0, png.length - 30), m)).toThrow(/truncated/);
  });

  it('notes a PNG saved with another build of the same model', () => {
    expect(recoverFromMetadata('a.png', studioPng(variant(1, m), { modelHash: 'aaa' }), m, 'bbb')!.note).toMatch(/another build/);
  });
});

describe('intake without an encoder', () => {
  it('names what is missing for an ordinary image', async () => {
    const photo = encodePng(new Uint8Array(16), 2, 2, {});
    await expect(intakeFile(file('photo.png', photo), { manifest: m })).rejects.toThrow(/no encoder, so only PNGs saved by the studio can be mixed/);
  });
  it('refuses a non-image by name', async () => {
    await expect(intakeFile(file('notes.txt', new TextEncoder().encode('just text, not pixels')), { manifest: m })).rejects.toThrow(/"notes.txt" is not an image/);
  });
});

describe('encoder input tensor', () => {
  it('maps RGBA to NCHW in the manifest range', () => {
    const spec = mixnmatch().encoder!;
    const [h, w] = spec.input.shape.slice(-2) as number[];
    const rgba = new Uint8Array(w * h * 4).fill(255);
    const t = encoderInput(spec, rgba, w, h);
    expect(t.dims).toEqual([1, 3, h, w]);
    expect(t.data[0]).toBeCloseTo(spec.input.range[1]);
  });
});
