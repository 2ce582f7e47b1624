import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatestLane, type LaneOptions } from '../../../src/engine/latestLane';
import { isSuperseded, type Superseded } from '../../../src/engine/types';
import { deferred, flush, type Deferred } from './fakes';

/** A lane whose jobs finish when the test says; records which slot each job started on. */
function gatedLane(slots: number, options?: LaneOptions) {
  const lane = new LatestLane<number>(() => slots, options);
  const started: { value: number; slot: number; gate: Deferred<number> }[] = [];
  const submit = (value: number) =>
    lane.submit((slot) => {
      const gate = deferred<number>();
      started.push({ value, slot, gate });
      return gate.promise;
    });
  return { lane, started, submit };
}

describe('LatestLane', () => {
  it('with two slots a second request starts at once on the other slot', async () => {
    const { started, submit } = gatedLane(2);
    void submit(1);
    void submit(2);
    expect(started.map((s) => [s.value, s.slot])).toEqual([
      [1, 0],
      [2, 1],
    ]);
  });

  it('when every slot is busy only the newest waiting request runs, on the first slot to free up', async () => {
    const { started, submit } = gatedLane(2);
    const outcomes = [1, 2, 3, 4, 5].map(submit);
    expect(started.map((s) => s.value)).toEqual([1, 2]);
    started[1].gate.resolve(2);
    await flush();
    expect(started.map((s) => [s.value, s.slot])).toEqual([
      [1, 0],
      [2, 1],
      [5, 1],
    ]);
    started[0].gate.resolve(1);
    started[2].gate.resolve(5);
    const settled = await Promise.all(outcomes);
    expect(settled.slice(2, 4).every(isSuperseded)).toBe(true);
    expect(settled[4]).toBe(5);
  });

  it('a result that finishes after a newer one was delivered is superseded (never shown over it)', async () => {
    const { started, submit } = gatedLane(2);
    const older = submit(1);
    const newer = submit(2);
    started[1].gate.resolve(2);
    expect(await newer).toBe(2);
    started[0].gate.resolve(1);
    expect(isSuperseded(await older)).toBe(true);
  });

  it('property: whatever the finishing order, delivered results only ever increase and the newest is delivered', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 3 }), fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), async (slots, order) => {
        const { started, submit } = gatedLane(slots);
        const delivered: number[] = [];
        const outcomes = order.map((_, i) =>
          submit(i).then((r: number | Superseded) => {
            if (!isSuperseded(r)) delivered.push(r);
            return r;
          }),
        );
        // Finish running jobs in the order the property picks until every job has settled.
        let pick = 0;
        for (let guard = 0; guard < 100; guard++) {
          const open = started.filter((s) => !(s as { done?: boolean }).done);
          if (open.length === 0) break;
          const job = open[order[pick++ % order.length] % open.length];
          (job as { done?: boolean }).done = true;
          job.gate.resolve(job.value);
          await flush();
        }
        await Promise.all(outcomes);
        expect(delivered).toEqual([...delivered].sort((a, b) => a - b));
        expect(delivered.at(-1)).toBe(order.length - 1);
      }),
      { numRuns: 60 },
    );
  });

  it('a capacity that grows is used at once, and the older waiting request is dropped', async () => {
    let slots = 1;
    const lane = new LatestLane<number>(() => slots);
    const used: number[] = [];
    const gates: Deferred<number>[] = [];
    const submit = (value: number) =>
      lane.submit((slot) => {
        used.push(slot);
        const gate = deferred<number>();
        gates.push(gate);
        return gate.promise.then(() => value);
      });
    const first = submit(1);
    const waiting = submit(2);
    expect(used).toEqual([0]);
    slots = 2;
    const third = submit(3);
    expect(used).toEqual([0, 1]);
    expect(isSuperseded(await waiting)).toBe(true);
    gates[0].resolve(0);
    gates[1].resolve(0);
    expect(await first).toBe(1);
    expect(await third).toBe(3);
    expect(used).toEqual([0, 1]);
  });

  it('waits for a busy slot that is about to finish instead of running side by side', async () => {
    let clock = 0;
    const { started: used, submit } = gatedLane(2, { now: () => clock, waitFraction: 0.25, parallelAboveMs: 16 });
    // Learn a typical run of 20 ms.
    const first = submit(1);
    clock = 20;
    used[0].gate.resolve(1);
    await first;
    await flush();
    // A run started at 20; at 36 it has ~4 ms left (<= 0.25 x 20): the new state waits for slot 0.
    void submit(2);
    clock = 36;
    const third = submit(3);
    expect(used.map((u) => [u.value, u.slot])).toEqual([
      [1, 0],
      [2, 0],
    ]);
    clock = 40;
    used[1].gate.resolve(2);
    await flush();
    expect(used.map((u) => [u.value, u.slot]).at(-1)).toEqual([3, 0]);
    // Early in a run (12 ms left) a new state takes the free slot at once.
    clock = 48;
    void submit(4);
    expect(used.map((u) => [u.value, u.slot]).at(-1)).toEqual([4, 1]);
    used[2].gate.resolve(3);
    expect(await third).toBe(3);
  });

  it('never runs side by side when runs are shorter than a pointer-event gap', async () => {
    let clock = 0;
    const { started: used, submit } = gatedLane(2, { now: () => clock, parallelAboveMs: 16 });
    void submit(1);
    clock = 10; // a 10 ms run
    used[0].gate.resolve(0);
    await flush();
    void submit(2); // starts at 10 on slot 0
    clock = 11; // just started: (b) alone would take the free slot
    void submit(3);
    expect(used.map((u) => u.slot)).toEqual([0, 0]);
    clock = 20;
    used[1].gate.resolve(0);
    await flush();
    expect(used.map((u) => u.slot)).toEqual([0, 0, 0]);
  });

  it('does not wait for an overdue run (a stalled worker): the free slot takes the new state', async () => {
    let clock = 0;
    const { started, submit } = gatedLane(2, { now: () => clock, parallelAboveMs: 16 });
    void submit(1);
    clock = 20;
    started[0].gate.resolve(1);
    await flush();
    void submit(2); // starts at 20 on slot 0, typical 20 ms
    clock = 45; // 5 ms overdue
    void submit(3);
    expect(started.map((s) => [s.value, s.slot]).at(-1)).toEqual([3, 1]);
  });
});
