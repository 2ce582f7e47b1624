import { describe, expect, it } from 'vitest';
import { drawnFar, FRUSTUM_FLOATS, writeFrustumPositions } from '../../../src/preview/frustum';
import { modeForKey } from '../../../src/preview/modes';

describe('frustum lines', () => {
  it('opens at the field of view, square, looking along -z', () => {
    const out = new Float32Array(FRUSTUM_FLOATS);
    writeFrustumPositions(out, 90, 1, 2);
    // First segment: apex (0, 0, 0) -> far corner (+2, +2, -2) for a 90 degree fov.
    expect(Array.from(out.slice(0, 6))).toEqual([0, 0, 0, 2, 2, -2]);
    expect(out.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('clips the far plane to a readable length just past the origin', () => {
    expect(drawnFar([0.5, 6], 2.732)).toBeCloseTo(2.732 * 1.1, 9);
    expect(drawnFar([0.5, 2], 2.732)).toBe(2);
    expect(drawnFar([3, 6], 1)).toBeCloseTo(3.15, 9);
  });
});

describe('box tool keys', () => {
  const key = (k: string, ctrlKey = false) => modeForKey({ key: k, ctrlKey, metaKey: false, altKey: false });
  it('maps G/W, R/E and S, and leaves modified keys to other shortcuts', () => {
    expect(key('g')).toBe('translate');
    expect(key('W')).toBe('translate');
    expect(key('r')).toBe('rotate');
    expect(key('e')).toBe('rotate');
    expect(key('s')).toBe('scale');
    expect(key('s', true)).toBeNull();
    expect(key('x')).toBeNull();
  });
});
