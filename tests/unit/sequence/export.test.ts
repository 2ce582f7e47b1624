/**
 * exportSequence with a fake engine: a complete zip, cancel (keep -> a valid zip of the frames done,
 * discard -> nothing), and write failures mid-export (a folder keeps its frames, a zip is never left corrupt).
 */
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readPngText } from '../../../src/lib/png';
import { exportSequence } from '../../../src/sequence/exportSequence';
import { folderSink, type DirectoryLike } from '../../../src/sequence/folderSink';
import { presetsFor } from '../../../src/sequence/presets';
import { memoryByteSink, type ByteSink } from '../../../src/sequence/sinks';
import { zipSink } from '../../../src/sequence/zipSink';
import { stateFromPngText } from '../../../src/state/stateCodec';
import { baseState, fakeModel, manifest } from './helpers';

const turntable = (frames: number) => presetsFor(manifest, baseState())[0].build(baseState(), frames);
const joined = (chunks: Uint8Array[]) => {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((o, c) => (out.set(c, o), o + c.length), 0);
  return out;
};

function fakeDir(options: { failOnWrite?: number } = {}) {
  const files = new Map<string, Uint8Array>();
  let writes = 0;
  const dir: DirectoryLike = {
    name: 'frames',
    async getFileHandle(name) {
      return {
        async createWritable() {
          let data: Uint8Array | null = null;
          return {
            async write(bytes: Uint8Array) {
              if (options.failOnWrite !== undefined && writes++ >= options.failOnWrite) throw new DOMException('The request is not allowed', 'NotAllowedError');
              data = bytes;
            },
            async close() {
              files.set(name, data!);
            },
            async abort() {},
          };
        },
      };
    },
    async removeEntry(name) {
      files.delete(name);
    },
  };
  return { dir, files };
}

describe('exportSequence', () => {
  it('streams a zip of frame_00000.png... and sequence.json, each PNG carrying its state', async () => {
    const bytes = memoryByteSink();
    const progress: number[] = [];
    const result = await exportSequence(turntable(4), fakeModel(), zipSink(bytes), { onProgress: (p) => progress.push(p.done) });
    expect(result).toMatchObject({ status: 'complete', written: 4, kept: true });
    expect(progress).toEqual([1, 2, 3, 4]);
    const files = unzipSync(joined(bytes.chunks));
    expect(Object.keys(files)).toEqual(['frame_00000.png', 'frame_00001.png', 'frame_00002.png', 'frame_00003.png', 'sequence.json']);
    const record = stateFromPngText(readPngText(files['frame_00002.png']))!;
    expect(record.state.camera.azimuthDeg).toBeCloseTo(baseState().camera.azimuthDeg + 180, 9);
    expect(record.modelHash).toBe('0123456789abcdef');
    const json = JSON.parse(strFromU8(files['sequence.json']));
    expect(json).toMatchObject({ modelId: manifest.id, modelHash: '0123456789abcdef', frames: { total: 4, written: 4, complete: true }, size: [64, 64] });
  });

  it('is byte-identical run to run', async () => {
    const a = memoryByteSink();
    const b = memoryByteSink();
    await exportSequence(turntable(3), fakeModel(), zipSink(a));
    await exportSequence(turntable(3), fakeModel(), zipSink(b));
    expect(joined(a.chunks)).toEqual(joined(b.chunks));
  });

  it('cancel keeps a valid zip of the frames done, or nothing when asked', async () => {
    for (const mode of ['keep', 'discard'] as const) {
      const bytes = memoryByteSink();
      const controller = new AbortController();
      const result = await exportSequence(turntable(10), fakeModel(), zipSink(bytes), {
        signal: controller.signal,
        onProgress: (p) => p.done === 3 && controller.abort(mode),
      });
      expect(result).toMatchObject({ status: 'cancelled', written: 3, kept: mode === 'keep' });
      if (mode === 'discard') {
        expect(bytes.chunks).toEqual([]);
        continue;
      }
      const files = unzipSync(joined(bytes.chunks));
      expect(Object.keys(files)).toEqual(['frame_00000.png', 'frame_00001.png', 'frame_00002.png', 'sequence.json']);
      expect(JSON.parse(strFromU8(files['sequence.json'])).frames).toEqual({ total: 10, written: 3, complete: false });
    }
  });

  it('a revoked folder permission stops the export, keeps the frames written and says so', async () => {
    const { dir, files } = fakeDir({ failOnWrite: 2 });
    const result = await exportSequence(turntable(6), fakeModel(), folderSink(dir));
    expect(result).toMatchObject({ status: 'failed', written: 2, kept: true });
    expect(result.error!.code).toBe('export-failed');
    expect(result.error!.message).toMatch(/after 2 of 6 frames .*not allowed.*the folder "frames" keeps the 2 frames done/);
    expect([...files.keys()]).toEqual(['frame_00000.png', 'frame_00001.png']);
  });

  it('discarding a folder export removes what it wrote', async () => {
    const { dir, files } = fakeDir();
    const controller = new AbortController();
    await exportSequence(turntable(6), fakeModel(), folderSink(dir), { signal: controller.signal, onProgress: (p) => p.done === 2 && controller.abort('discard') });
    expect(files.size).toBe(0);
  });

  it('a full disk under a zip removes the unfinishable zip instead of leaving it corrupt', async () => {
    let size = 0;
    let aborted = false;
    const disk: ByteSink = {
      async write(chunk) {
        if (size + chunk.length > 20_000) throw new DOMException('quota exceeded', 'QuotaExceededError');
        size += chunk.length;
      },
      async close() {},
      async abort() {
        aborted = true;
      },
    };
    const result = await exportSequence(turntable(20), fakeModel(), zipSink(disk));
    expect(result.status).toBe('failed');
    expect(result.kept).toBe(false);
    expect(aborted).toBe(true);
    expect(result.error!.message).toMatch(/quota exceeded.*could not be completed and was removed/);
  });

  it('an engine failure mid-export keeps a valid zip of the frames before it', async () => {
    const bytes = memoryByteSink();
    const result = await exportSequence(turntable(5), fakeModel({ failAt: 3 }), zipSink(bytes));
    expect(result).toMatchObject({ status: 'failed', written: 3, kept: true });
    expect(result.error!.message).toMatch(/Rendering the sequence failed after 3 of 5 frames \(engine exploded\)/);
    expect(Object.keys(unzipSync(joined(bytes.chunks)))).toHaveLength(4);
  });
});
