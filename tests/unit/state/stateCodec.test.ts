import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeStateFromUrl, encodeStateForUrl, STATE_PNG_KEY, stateFromPngText, stateToPngText } from '../../../src/state/stateCodec';
import { StudioError } from '../../../src/lib/errors';
import { encodePng, readPngText } from '../../../src/lib/png';
import type { StudioState } from '../../../src/state/studioState';
import { sampleState } from './sampleState';
import { studioStateArbitrary } from './stateArbitrary';


function stateError(fn: () => unknown): StudioError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('state-invalid');
    return error as StudioError;
  }
  throw new Error('expected state-invalid');
}

describe('URL state codec', () => {
  it('round-trips and is URL-safe and compact', () => {
    const encoded = encodeStateForUrl(sampleState());
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encoded.length).toBeLessThan(JSON.stringify(sampleState()).length);
    expect(decodeStateFromUrl(encoded)).toEqual(sampleState());
  });

  it('round-trips random states (property)', () => {
    fc.assert(
      fc.property(studioStateArbitrary, (state) => {
        const encoded = encodeStateForUrl(state);
        expect(encoded).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(decodeStateFromUrl(encoded)).toEqual(state);
      }),
      { numRuns: 200 },
    );
  });

  it('garbage is state-invalid with a clear message', () => {
    expect(stateError(() => decodeStateFromUrl('not base64!')).message).toContain('damaged');
    expect(stateError(() => decodeStateFromUrl('AAAA')).message).toContain('damaged');
    const truncated = encodeStateForUrl(sampleState()).slice(0, 30);
    stateError(() => decodeStateFromUrl(truncated));
  });

  it('a well-formed link with a bad field names the field', () => {
    const bad = { ...sampleState(), camera: { ...sampleState().camera, fovDeg: 200 } } as StudioState;
    const { message } = stateError(() => decodeStateFromUrl(encodeStateForUrl(bad)));
    expect(message).toMatch(/^link state: camera\.fovDeg: /);
    expect(message).toContain('200');
  });
});

describe('PNG state metadata', () => {
  it('round-trips through a real PNG', () => {
    const text = stateToPngText(sampleState(), { modelHash: 'abcd', text: { Title: 'Żyrafa 🦒' } });
    const png = encodePng(new Uint8Array(4 * 4 * 4).fill(128), 4, 4, text);
    const record = stateFromPngText(readPngText(png));
    expect(record?.state).toEqual(sampleState());
    expect(record?.modelId).toBe('test-mixnmatch-tiny');
    expect(record?.modelHash).toBe('abcd');
    expect(record?.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(readPngText(png).Title).toBe('Żyrafa 🦒');
  });

  it('a PNG without studio metadata gives null', () => {
    expect(stateFromPngText({ Software: 'GIMP' })).toBeNull();
  });

  it('tampered JSON is state-invalid', () => {
    const text = stateToPngText(sampleState());
    stateError(() => stateFromPngText({ [STATE_PNG_KEY]: text[STATE_PNG_KEY].slice(0, -5) }));
    const edited = text[STATE_PNG_KEY].replace('"truncation":1', '"truncation":-1');
    expect(stateError(() => stateFromPngText({ [STATE_PNG_KEY]: edited })).message).toContain('state.codes.pose.truncation');
    const swapped = text[STATE_PNG_KEY].replace('"modelId":"test-mixnmatch-tiny"', '"modelId":"other"');
    expect(stateError(() => stateFromPngText({ [STATE_PNG_KEY]: swapped })).message).toContain('inconsistent');
  });
});
