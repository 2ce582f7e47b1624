import { describe, expect, it } from 'vitest';
import { enginePlan } from '../../../src/app/enginePlan';

describe('enginePlan', () => {
  it('two single-threaded view workers on a 2-core machine (a core left for the page)', () => {
    expect(enginePlan('', 2)).toEqual({ views: 2, threads: 1 });
  });

  it('one worker with the engine default on a single core', () => {
    expect(enginePlan('', 1)).toEqual({ views: 1, threads: null });
  });

  it('threads per worker shrink with the view workers and never exceed 4', () => {
    expect(enginePlan('', 8)).toEqual({ views: 2, threads: 3 });
    expect(enginePlan('', 32)).toEqual({ views: 2, threads: 4 });
  });

  it('?views and ?threads pin the plan; nonsense is ignored', () => {
    expect(enginePlan('?views=1', 2)).toEqual({ views: 1, threads: null });
    expect(enginePlan('?views=1&threads=2', 2)).toEqual({ views: 1, threads: 2 });
    expect(enginePlan('?views=-3&threads=abc', 2)).toEqual({ views: 2, threads: 1 });
  });
});
