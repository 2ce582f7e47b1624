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
 * The same change of basis for a row-major 4x4 transform M (z-up): returns C M C^-1 (y-up), where C is
 * the rotation above. Use it for camera-to-world matrices and object boxes.
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
