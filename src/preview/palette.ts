/**
 * Colours of the rig viewport in one place, so the scene builder and the selection highlight agree and a
 * theme change touches one file.
 */
export const PALETTE = {
  background: 0x1d1f24,
  sphere: 0x6b7a99,
  grid: 0x3a3f4b,
  gridAxisX: 0xc0504d,
  gridAxisY: 0x5fa55a,
  up: 0x4f8fe6,
  origin: 0xe0e0e0,
  cameraBody: 0xf2c14e,
  frustum: 0xf2c14e,
  box: 0x9fd3c7,
  boxSelected: 0xff8c42,
  boxAbsent: 0x8a8f99,
} as const;
