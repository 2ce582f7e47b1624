import { describe, expect, it } from 'vitest';
import { savedImageName } from '../../../src/app/download';
import { withFullStop } from '../../../src/lib/errors';

describe('what the user reads', () => {
  it('a saved image is named by model and local time', () => {
    expect(savedImageName('scenes-giraffe-hd-128', new Date(2026, 11, 6, 23, 5, 9))).toBe('scenes-giraffe-hd-128 2026-12-06 23-05-09.png');
  });

  it('an error message ends its sentence before the next one starts', () => {
    expect(withFullStop('manifest.json is not JSON (Unexpected token)')).toBe('manifest.json is not JSON (Unexpected token).');
    expect(withFullStop('The file is empty.')).toBe('The file is empty.');
    expect(withFullStop('Really? ')).toBe('Really?');
  });
});
