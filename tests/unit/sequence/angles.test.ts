import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lerpAngle, shortestDelta } from '../../../src/sequence/angles';
import { ease, EASINGS } from '../../../src/sequence/easing';

describe('angles', () => {
  it('take the shorter way round across 0/360', () => {
    expect(shortestDelta(350, 10)).toBe(20);
    expect(shortestDelta(10, 350)).toBe(-20);
    expect(lerpAngle(350, 10, 0.5, 'shortest')).toBe(360);
    expect(lerpAngle(-170, 170, 0.5, 'shortest')).toBe(-180);
  });
  it('wrap for any pair: the delta lands on the target modulo 360 and is at most half a turn', () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.double({ min: -1000, max: 1000, noNaN: true }), (a, b) => {
        const d = shortestDelta(a, b);
        expect(Math.abs(d)).toBeLessThanOrEqual(180);
        const landed = (((a + d - b) % 360) + 360) % 360;
        expect(Math.min(landed, 360 - landed)).toBeLessThan(1e-6);
      }),
    );
  });
  it('full turns move by the numbers as written', () => {
    expect(lerpAngle(0, 360, 0.5, 'turns')).toBe(180);
    expect(lerpAngle(0, 720, 0.25, 'turns')).toBe(180);
    expect(lerpAngle(0, 360, 0.5, 'shortest')).toBe(0);
  });
});

describe('easing', () => {
  it.each(EASINGS)('%s starts at 0, ends at 1 exactly and never goes backwards', (e) => {
    expect(ease(e, 0)).toBe(0);
    expect(ease(e, 1)).toBe(1);
    let last = 0;
    for (let i = 1; i <= 100; i++) {
      const v = ease(e, i / 100);
      expect(v).toBeGreaterThanOrEqual(last);
      last = v;
    }
    expect(ease('ease-in-out', 0.5)).toBeCloseTo(0.5, 12);
  });
});
