import { describe, expect, it } from 'vitest';
import { EngineClient } from '../../../src/engine/engineClient';
import type { LaneOptions } from '../../../src/engine/latestLane';
import type { EngineEvent } from '../../../src/engine/engineEvents';
import { isSuperseded, type RunResult, type Superseded } from '../../../src/engine/types';
import { StudioError } from '../../../src/lib/errors';
import { FakeWorker, flush, tensor } from './fakes';

function setup(options: { maxRestarts?: number; viewWorkers?: number; lane?: LaneOptions } = {}) {
  const workers: FakeWorker[] = [];
  const events: EngineEvent[] = [];
  const client = new EngineClient({
    createWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { client, workers, events, current: () => workers[workers.length - 1] };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await flush();
  expect(condition()).toBe(true);
}

describe('EngineClient', () => {
  it('loads and runs through the worker', async () => {
    const { client, current } = setup();
    const loaded = await client.load('m', { generator: new ArrayBuffer(4) }, 'auto');
    expect(loaded).toMatchObject({ key: 'm', provider: 'wasm', ms: 2 });
    expect(loaded).not.toHaveProperty('type');
    const result = await client.run('m', 'generator', { x: tensor([9]) });
    expect(Array.from(result.outputs.image.data)).toEqual([9, 1, 2]);
    expect(current().posted.map((r) => r.type)).toEqual(['load', 'run']);
  });

  it('latest wins: of 10 runs fired while one is in flight only the first and the last execute', async () => {
    const { client, current } = setup();
    await client.load('m', { generator: new ArrayBuffer(4) }, 'auto');
    const engine = current().engine;
    engine.gated = true;
    const outcomes: Promise<RunResult | Superseded>[] = [];
    outcomes.push(client.runLatest('m', 'generator', { x: tensor([0]) }));
    await until(() => engine.gates.length === 1);
    for (let i = 1; i < 10; i++) outcomes.push(client.runLatest('m', 'generator', { x: tensor([i]) }));
    engine.gates[0].resolve();
    await until(() => engine.gates.length === 2);
    engine.gates[1].resolve();
    const settled = await Promise.all(outcomes);
    expect(engine.runs.map((r) => r.feeds.x.data[0])).toEqual([0, 9]);
    expect(settled.filter(isSuperseded)).toHaveLength(8);
    expect(settled.slice(1, 9).every(isSuperseded)).toBe(true);
    const [first, last] = [settled[0], settled[9]];
    expect(isSuperseded(first) ? null : first.outputs.image.data[0]).toBe(0);
    expect(isSuperseded(last) ? null : last.outputs.image.data[0]).toBe(9);
  });

  it('keeps lanes apart and never supersedes plain run()', async () => {
    const { client, current } = setup();
    await client.load('m', {}, 'wasm');
    const plain = await Promise.all([1, 2, 3].map((i) => client.run('m', 'generator', { x: tensor([i]) })));
    expect(plain.map((r) => r.outputs.image.data[0])).toEqual([1, 2, 3]);
    const [a, b] = await Promise.all([
      client.runLatest('m', 'generator', { x: tensor([4]) }, 'view'),
      client.runLatest('m', 'generator', { x: tensor([5]) }, 'mixer'),
    ]);
    expect(isSuperseded(a) || isSuperseded(b)).toBe(false);
    expect(current().engine.runs).toHaveLength(5);
  });

  it('rebuilds worker errors as StudioError with their code', async () => {
    const { client, current } = setup();
    current().engine.loadImpl = () => {
      throw new StudioError('model-corrupt', 'The generator ONNX file is damaged');
    };
    const error = await client.load('m', {}, 'auto').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect(error).toMatchObject({ code: 'model-corrupt', message: 'The generator ONNX file is damaged' });
  });

  it('a latest-wins run that fails rejects, and the lane goes on', async () => {
    const { client, current } = setup();
    const engine = current().engine;
    engine.runImpl = () => {
      throw new StudioError('model-too-large', 'oom');
    };
    await expect(client.runLatest('m', 'generator', {})).rejects.toMatchObject({ code: 'model-too-large' });
    engine.runImpl = () => ({ outputs: {}, ms: 1, provider: 'wasm' });
    await expect(client.runLatest('m', 'generator', {})).resolves.toMatchObject({ provider: 'wasm' });
  });

  it('after a crash rejects in-flight requests, restarts, reloads the models and runs again', async () => {
    const { client, workers, events, current } = setup();
    const bytes = new ArrayBuffer(16);
    await client.load('m', { generator: bytes }, 'auto');
    current().engine.gated = true;
    const inFlight = client.run('m', 'generator', { x: tensor([1]) });
    await until(() => workers[0].engine.gates.length === 1);
    workers[0].crash('out of memory');
    await expect(inFlight).rejects.toMatchObject({ code: 'worker-crashed' });
    await expect(inFlight).rejects.toBeInstanceOf(StudioError);
    expect(workers[0].terminated).toBe(true);
    const next = await client.run('m', 'generator', { x: tensor([2]) });
    expect(next.outputs.image.data[0]).toBe(2);
    expect(workers).toHaveLength(2);
    expect(workers[1].engine.loads).toHaveLength(1);
    expect(workers[1].engine.loads[0]).toMatchObject({ key: 'm' });
    expect(workers[1].engine.loads[0].models.generator).toBe(bytes);
    expect(workers[1].posted.map((r) => r.type)).toEqual(['load', 'run']);
    expect(events.map((e) => e.type)).toEqual(['crashed', 'restarted']);
    expect(events[1]).toEqual({ type: 'restarted', keys: ['m'] });
  });

  it('treats messageerror as a crash too, and a waiting latest-wins run runs on the new worker', async () => {
    const { client, workers, events } = setup();
    await client.load('m', {}, 'auto');
    workers[0].engine.gated = true;
    const first = client.runLatest('m', 'generator', { x: tensor([1]) });
    await until(() => workers[0].engine.gates.length === 1);
    const waiting = client.runLatest('m', 'generator', { x: tensor([2]) });
    workers[0].emit('messageerror', {});
    await expect(first).rejects.toMatchObject({ code: 'worker-crashed' });
    const outcome = await waiting;
    expect(isSuperseded(outcome) ? null : outcome.outputs.image.data[0]).toBe(2);
    expect(events.map((e) => e.type)).toEqual(['crashed', 'restarted']);
  });

  it('does not reload a model that was unloaded before the crash', async () => {
    const { client, workers, events } = setup();
    await client.load('a', {}, 'auto');
    await client.load('b', {}, 'auto');
    await client.unload('a');
    workers[0].crash();
    await until(() => events.length === 2);
    expect(workers[1].engine.loads.map((l) => l.key)).toEqual(['b']);
  });

  it('does not reload a model whose last load failed', async () => {
    const { client, workers, events } = setup();
    await client.load('m', {}, 'auto');
    workers[0].engine.loadImpl = () => {
      throw new StudioError('model-corrupt', 'damaged');
    };
    await expect(client.load('m', {}, 'auto')).rejects.toMatchObject({ code: 'model-corrupt' });
    workers[0].crash();
    await until(() => events.length === 2);
    expect(events[1]).toEqual({ type: 'restarted', keys: [] });
    expect(workers[1].engine.loads).toHaveLength(0);
  });

  it('gives up after too many crashes in a row and says so', async () => {
    const { client, workers, events } = setup({ maxRestarts: 2 });
    for (let i = 0; i < 3; i++) {
      workers[i].crash();
      await flush();
    }
    expect(events.map((e) => e.type)).toEqual(['crashed', 'restarted', 'crashed', 'restarted', 'crashed', 'restart-failed']);
    expect(workers).toHaveLength(3);
    await expect(client.run('m', 'generator', {})).rejects.toMatchObject({ code: 'worker-crashed' });
  });

  it('reports a WebGPU->WASM fallback as an event and reloads on WASM after a crash', async () => {
    const { client, workers, events } = setup();
    await client.load('m', {}, 'auto');
    workers[0].engine.runImpl = () => ({ outputs: {}, ms: 1, provider: 'wasm', warning: 'the GPU device was lost; switched to WASM.' });
    const result = await client.run('m', 'generator', {});
    expect(result.warning).toMatch(/device was lost/);
    expect(events).toEqual([{ type: 'fallback', key: 'm', provider: 'wasm', message: 'the GPU device was lost; switched to WASM.' }]);
    workers[0].crash();
    await until(() => workers.length === 2 && workers[1].posted.length === 1);
    expect(workers[1].posted[0]).toMatchObject({ type: 'load', provider: 'wasm' });
  });

  it('dispose terminates the worker and rejects what is pending', async () => {
    const { client, workers } = setup();
    workers[0].engine.gated = true;
    const pending = client.run('m', 'generator', {});
    await until(() => workers[0].engine.gates.length === 1);
    client.dispose();
    await expect(pending).rejects.toMatchObject({ code: 'internal' });
    expect(workers[0].terminated).toBe(true);
    await expect(client.run('m', 'generator', {})).rejects.toBeInstanceOf(StudioError);
  });

  describe('with a view twin (viewWorkers: 2)', () => {
    /** A client whose lane wants a second worker for any run time (and never waits for a busy one). */
    async function twinSetup() {
      const t = setup({ viewWorkers: 2, lane: { parallelAboveMs: 0, waitFraction: 0 } });
      const bytes = new ArrayBuffer(8);
      await t.client.load('m', { generator: bytes, encoder: new ArrayBuffer(4) }, 'auto');
      expect(t.workers).toHaveLength(1); // offered, not loaded: nothing competes with the first image
      for (let i = 0; i < 11; i++) {
        await t.client.runLatest('m', 'generator', { x: tensor([0]) });
        await flush(); // the lane learns run times; after 10 it may want a second worker
      }
      await until(() => t.workers.length === 2 && t.workers[1].engine.loads.length === 1);
      await flush();
      t.workers[0].engine.runs.length = 0;
      return { ...t, bytes, main: t.workers[0], twin: t.workers[1] };
    }

    it('a model whose runs are fast never wakes the twin', async () => {
      const t = setup({ viewWorkers: 2 });
      await t.client.load('m', { generator: new ArrayBuffer(8) }, 'auto');
      for (let i = 0; i < 12; i++) {
        await t.client.runLatest('m', 'generator', { x: tensor([i]) });
        await flush();
      }
      expect(t.workers).toHaveLength(1);
    });

    it('switching model makes the lane learn run times afresh before it wakes a twin for the new one', async () => {
      const { client, workers } = await twinSetup();
      await client.load('fast', { generator: new ArrayBuffer(8) }, 'auto');
      await client.runLatest('fast', 'generator', { x: tensor([1]) });
      await flush();
      expect(workers[1].engine.loads.map((l) => l.key)).toEqual(['m']); // not yet 'fast': 1 run is not 10
    });

    it('the twin loads only the generator, once runs are slow enough to want it', async () => {
      const { main, twin, bytes } = await twinSetup();
      expect(main.engine.loads).toHaveLength(1);
      expect(twin.engine.loads[0]).toMatchObject({ key: 'm' });
      expect(twin.engine.loads[0].models).toEqual({ generator: bytes });
      expect(twin.posted[0]).toMatchObject({ type: 'load', provider: 'wasm' });
    });

    it('a knob change made while a frame renders starts at once on the twin', async () => {
      const { client, main, twin } = await twinSetup();
      main.engine.gated = true;
      twin.engine.gated = true;
      const first = client.runLatest('m', 'generator', { x: tensor([1]) });
      await until(() => main.engine.gates.length === 1);
      const second = client.runLatest('m', 'generator', { x: tensor([2]) });
      await until(() => twin.engine.gates.length === 1);
      twin.engine.gates[0].resolve();
      const shown = await second;
      expect(isSuperseded(shown) ? null : shown.outputs.image.data[0]).toBe(2);
      main.engine.gates[0].resolve();
      expect(isSuperseded(await first)).toBe(true); // finished after a newer frame: never shown over it
    });

    it('plain runs (exports, encoders) stay on the main worker', async () => {
      const { client, main, twin } = await twinSetup();
      await Promise.all([1, 2, 3].map((i) => client.run('m', 'generator', { x: tensor([i]) })));
      await client.runLatest('m', 'encoder', { x: tensor([4]) }, 'mixer');
      expect(main.engine.runs).toHaveLength(4);
      expect(twin.engine.runs).toHaveLength(0);
    });

    it('a twin whose run fails steps aside: the main worker renders that state and the next ones', async () => {
      const { client, main, twin } = await twinSetup();
      twin.engine.runImpl = () => {
        throw new StudioError('model-too-large', 'out of memory');
      };
      main.engine.gated = true;
      const first = client.runLatest('m', 'generator', { x: tensor([1]) });
      await until(() => main.engine.gates.length === 1);
      const second = client.runLatest('m', 'generator', { x: tensor([2]) });
      await until(() => twin.engine.runs.length === 1);
      main.engine.gated = false;
      main.engine.gates[0].resolve();
      const shown = await second;
      expect(isSuperseded(shown) ? null : shown.outputs.image.data[0]).toBe(2);
      await first;
      await client.runLatest('m', 'generator', { x: tensor([3]) });
      expect(twin.engine.runs).toHaveLength(1);
      expect(main.engine.runs.map((r) => r.feeds.x.data[0])).toEqual([1, 2, 3]);
    });

    it('no twin for WebGPU, and unload and dispose reach the twin', async () => {
      const t = setup({ viewWorkers: 2, lane: { parallelAboveMs: 0 } });
      t.workers[0].engine.loadImpl = (key) => ({ key, provider: 'webgpu', sessions: {}, ms: 1 });
      await t.client.load('gpu', { generator: new ArrayBuffer(4) }, 'webgpu');
      for (let i = 0; i < 12; i++) {
        await t.client.runLatest('gpu', 'generator', { x: tensor([i]) });
        await flush();
      }
      expect(t.workers).toHaveLength(1);
      const { client, twin } = await twinSetup();
      await client.unload('m');
      await until(() => twin.posted.some((r) => r.type === 'unload'));
      client.dispose();
      expect(twin.terminated).toBe(true);
    });
  });
});
