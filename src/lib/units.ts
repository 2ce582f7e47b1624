/**
 * Branded units. Angles cross many layers (knobs in degrees, three.js and the model in radians);
 * a brand makes the compiler catch a degree passed where a radian is expected.
 */
export type Degrees = number & { readonly __unit: 'deg' };
export type Radians = number & { readonly __unit: 'rad' };

export const deg = (value: number): Degrees => value as Degrees;
export const rad = (value: number): Radians => value as Radians;
export const toRadians = (d: Degrees): Radians => ((d * Math.PI) / 180) as Radians;
export const toDegrees = (r: Radians): Degrees => ((r * 180) / Math.PI) as Degrees;
