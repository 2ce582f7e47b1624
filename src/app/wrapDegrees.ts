/**
 * Brings an angle into [min, min + 360) when the trained range is a full turn starting at `min`, so a drag
 * that reports -60 deg shows as 300 deg on a 0..360 knob. Partial ranges keep the nearest equivalent angle
 * to the range's centre, so a value inside the range is never moved out of it.
 */
export function wrapDegreesInto(value: number, min: number, max: number): number {
  const centre = (min + max) / 2;
  const wrapped = value - 360 * Math.round((value - centre) / 360);
  if (max - min >= 360 && wrapped >= max) return wrapped - 360;
  if (max - min >= 360 && wrapped < min) return wrapped + 360;
  return wrapped;
}
