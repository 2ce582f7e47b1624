import { describe, expect, it } from 'vitest';
import type { KnobControl } from '../../../src/ui/knobs/schema';
import { limitedMessage, typedBeyondSlider } from '../../../src/ui/knobs/typedValues';

const fov: KnobControl = { type: 'number', value: 40, min: 30, max: 50, step: 0.1, limits: { min: 1, max: 179 } };
const elevation: KnobControl = { type: 'number', value: 25, min: 2.5, max: 47.5, step: 0.5, limits: { min: -Infinity, max: Infinity } };

describe('a number typed past the slider', () => {
  it('is taken as typed inside the knob limits', () => {
    expect(typedBeyondSlider(elevation, '80')).toEqual({ value: 80, limitedFrom: null });
    expect(typedBeyondSlider(elevation, ' -30 ')).toEqual({ value: -30, limitedFrom: null });
    expect(typedBeyondSlider(fov, '10')).toEqual({ value: 10, limitedFrom: null });
  });

  it('is kept inside the limits, and the notice says so', () => {
    const typed = typedBeyondSlider(fov, '200')!;
    expect(typed).toEqual({ value: 179, limitedFrom: 200 });
    expect(limitedMessage({ label: 'FOV' }, typed)).toBe('FOV can be at most 179: set to 179 (typed 200).');
    expect(limitedMessage({ label: 'FOV' }, typedBeyondSlider(fov, '0')!)).toBe('FOV can be at least 1: set to 1 (typed 0).');
    expect(limitedMessage({ label: 'elevation' }, typedBeyondSlider(elevation, '80')!)).toBeNull();
  });

  it('leaves values on the slider, text that is no number and knobs without a slider to leva', () => {
    expect(typedBeyondSlider(elevation, '30')).toBeNull();
    expect(typedBeyondSlider(elevation, '47.5')).toBeNull();
    expect(typedBeyondSlider(elevation, 'abc')).toBeNull();
    expect(typedBeyondSlider(elevation, '')).toBeNull();
    expect(typedBeyondSlider({ type: 'integer', value: 0, min: 0, max: 10 }, '99')).toBeNull();
  });
});
