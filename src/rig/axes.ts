/**
 * The one place where the model's world convention meets three.js. GIRAFFE worlds are z-up; three.js is
 * y-up. The map (x, y, z)_zup -> (x, z, -y)_yup is a rotation of -90 degrees about x: it keeps handedness
 * and lengths, so boxes and frusta keep their shape.
 */
export type Vec3 = [number, number, number];

export function zUpToYUp([x, y, z]: Vec3): Vec3 {
  return [x, z, -y];
}

export function yUpToZUp([x, y, z]: Vec3): Vec3 {
  return [x, -z, y];
}

/**
 * The same change of basis for a row-major 4x4 transform M whose input AND output are z-up frames:
 * returns C M C^-1. Right for object boxes drawn on a symmetric unit cube. A camera-to-world matrix has
 * camera space on its input side, which must not be rotated: use zUpToYUpFrame for it.
 */
export function zUpToYUpMatrix(m: readonly number[]): number[] {
  // C as row-major 4x4, and its inverse (transpose: C is a rotation).
  const c = [1, 0, 0, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 0, 0, 1];
  const cInv = [1, 0, 0, 0, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 1];
  return multiply4(multiply4(c, m), cInv);
}

/** Row-major 4x4 product a*b. */
export function multiply4(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(16).fill(0);
  for (let r = 0; r < 4; r++)
    for (let k = 0; k < 4; k++) {
      const v = a[r * 4 + k];
      if (v === 0) continue;
      for (let col = 0; col < 4; col++) out[r * 4 + col] += v * b[k * 4 + col];
    }
  return out;
}

/**
 * Converts only the world (output) side of a row-major 4x4 frame-to-world matrix: returns C M. For
 * camera-to-world matrices, whose columns are the camera's axes and position in world coordinates.
 */
export function zUpToYUpFrame(m: readonly number[]): number[] {
  const c = [1, 0, 0, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 0, 0, 1];
  return multiply4(c, m);
}
