import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodePng, encodePng, readPngText } from '../../../src/lib/png';
import { writeChunks } from '../../../src/lib/png/chunks';
import { StudioError } from '../../../src/lib/errors';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A test image with flat areas, gradients and noise, so every filter type gets chosen somewhere. */
function image(width: number, height: number, alpha = true): Uint8ClampedArray {
  const px = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      px[i] = x * 4;
      px[i + 1] = y < height / 2 ? 200 : (x * 7919 + y * 104729) % 251;
      px[i + 2] = (x + y) * 2;
      px[i + 3] = alpha ? 255 - x : 255;
    }
  }
  return px;
}

function expectImageInvalid(fn: () => unknown, message?: RegExp) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('image-invalid');
    if (message) expect((error as StudioError).message).toMatch(message);
    return;
  }
  throw new Error('expected image-invalid');
}

describe('encodePng / decodePng', () => {
  it('round-trips pixels and unicode text', () => {
    const px = image(37, 21);
    const text = { 'disentangle-studio:state': '{"a":"żółw 🦒 — 日本"}', Software: 'Disentangle Studio' };
    const png = encodePng(px, 37, 21, text);
    const decoded = decodePng(png);
    expect(decoded.width).toBe(37);
    expect(decoded.height).toBe(21);
    expect(decoded.data).toEqual(new Uint8Array(px.buffer));
    expect(decoded.text).toEqual(text);
    expect(readPngText(png)).toEqual(text);
  });

  it('gives the same bytes for the same input, whatever the key order', () => {
    const px = image(16, 16);
    const a = encodePng(px, 16, 16, { b: '2', a: '1' });
    const b = encodePng(new Uint8Array(px), 16, 16, { a: '1', b: '2' });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('round-trips random images (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.uint8Array({ minLength: 324, maxLength: 324 }), (w, h, bytes) => {
        const px = bytes.subarray(0, w * h * 4);
        expect(decodePng(encodePng(px, w, h, {})).data).toEqual(px);
      }),
    );
  });

  it('refuses a pixel buffer of the wrong size', () => {
    expect(() => encodePng(new Uint8Array(10), 2, 2, {})).toThrow(/expected 16 bytes/);
  });

  it('reads the text of a PNG written by another tool (the fixture sample)', () => {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(`${ROOT}models/fixture-giraffe-tiny/sample.png`);
    } catch {
      return;
    }
    expect(typeof readPngText(new Uint8Array(bytes))).toBe('object');
  });
});

describe('readPngText', () => {
  const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  const ihdr = () => {
    const d = new Uint8Array(13);
    new DataView(d.buffer).setUint32(0, 1);
    new DataView(d.buffer).setUint32(4, 1);
    d[8] = 8;
    d[9] = 6;
    return d;
  };
  const pixelData = () => zlibSync(new Uint8Array([0, 1, 2, 3, 4]));

  it('reads tEXt, zTXt and compressed iTXt', () => {
    const itxt = new Uint8Array([...ascii('Title'), 0, 1, 0, ...ascii('pl'), 0, 0, ...zlibSync(new TextEncoder().encode('Żyrafa'))]);
    const png = writeChunks([
      { type: 'IHDR', data: ihdr() },
      { type: 'tEXt', data: new Uint8Array([...ascii('Author'), 0, 0xe9]) }, // Latin-1 é
      { type: 'zTXt', data: new Uint8Array([...ascii('Comment'), 0, 0, ...zlibSync(ascii('hello zTXt'))]) },
      { type: 'iTXt', data: itxt },
      { type: 'IDAT', data: pixelData() },
      { type: 'IEND', data: new Uint8Array() },
    ]);
    expect(readPngText(png)).toEqual({ Author: 'é', Comment: 'hello zTXt', Title: 'Żyrafa' });
    expect(decodePng(png).data).toEqual(new Uint8Array([1, 2, 3, 4]));
  });

  it('throws image-invalid for a non-PNG, a truncated PNG and a text chunk with a bad CRC', () => {
    const png = encodePng(image(8, 8), 8, 8, { key: 'value' });
    expectImageInvalid(() => readPngText(new TextEncoder().encode('<html>not a png</html>')), /not a PNG/);
    expectImageInvalid(() => readPngText(png.subarray(0, png.length - 20)), /truncated/);
    expectImageInvalid(() => readPngText(png.subarray(0, png.length - 12)), /ends before its IEND/);
    const tampered = png.slice();
    const at = Buffer.from(tampered).indexOf('value');
    tampered[at] = 'V'.charCodeAt(0);
    expectImageInvalid(() => readPngText(tampered), /iTXt chunk fails its CRC/);
  });

  it('keeps a "__proto__" keyword as data', () => {
    const text = readPngText(encodePng(image(1, 1), 1, 1, { ['__proto__']: 'x' }));
    expect(Object.getPrototypeOf(text)).toBe(Object.prototype);
    expect(Object.keys(text)).toEqual(['__proto__']);
  });
});
