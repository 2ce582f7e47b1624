/** The StudioError `fn` throws, for assertions on its code and message; fails the test when it throws nothing. */
import { StudioError } from '../../src/lib/errors';

export function thrown(fn: () => unknown): StudioError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StudioError) return e;
    throw e;
  }
  throw new Error('did not throw');
}
