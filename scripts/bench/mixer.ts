/**
 * Mixer bench in Node (onnxruntime-web WASM, 1 thread): one slot change = read the reference image into
 * codes + apply the mix + render it. Two rows per bundle: a studio PNG (metadata, every model) and, for
 * bundles with an encoder, an ordinary image through the encoder (target <= 150 ms per slot change).
 * The browser's decode/crop (createImageBitmap, canvas) is replaced here by decodePng and an area-average
 * resize of a bundle sample to the encoder's input size; both are small next to the two ONNX runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tensorToRgba } from '../../src/engine/frame.ts';
import { decodePng, encodePng } from '../../src/lib/png/index.ts';
import { encodeImage } from '../../src/mixer/encodeImage.ts';
import { encoderInput, encoderLayout } from '../../src/mixer/encoderTensor.ts';
import { recoverFromMetadata } from '../../src/mixer/metadataIntake.ts';
import { emptySlots, fillSlot, transition, type SlotContent } from '../../src/mixer/slots.ts';
import type { SlotId } from '../../src/mixer/slotIds.ts';
import { stateToPngText } from '../../src/state/stateCodec.ts';
import type { StudioState } from '../../src/state/studioState.ts';
import { loadDiskModel, type DiskModel } from '../render/diskModel.ts';
import { percentiles, type BenchModule, type BenchRow } from './types.ts';

const RUNTIME = 'node wasm (1 thread)';
const TARGET_MS = 150;

/** Area-average resize with a centred square crop: a stand-in for the browser's canvas drawImage. */
function coverResize(src: Uint8Array, sw: number, sh: number, w: number, h: number): Uint8Array {
  const scale = Math.max(w / sw, h / sh);
  const cw = w / scale;
  const ch = h / scale;
  const x0 = (sw - cw) / 2;
  const y0 = (sh - ch) / 2;
  const out = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [ax, bx] = [Math.floor(x0 + x / scale), Math.max(Math.floor(x0 + x / scale) + 1, Math.floor(x0 + (x + 1) / scale))];
      const [ay, by] = [Math.floor(y0 + y / scale), Math.max(Math.floor(y0 + y / scale) + 1, Math.floor(y0 + (y + 1) / scale))];
      const sum = [0, 0, 0];
      let n = 0;
      for (let yy = ay; yy < by; yy++) for (let xx = ax; xx < bx; xx++, n++) for (let c = 0; c < 3; c++) sum[c] += src[(yy * sw + xx) * 4 + c];
      for (let c = 0; c < 3; c++) out[(y * w + x) * 4 + c] = Math.round(sum[c] / n);
      out[(y * w + x) * 4 + 3] = 255;
    }
  }
  return out;
}

async function render(model: DiskModel, state: StudioState): Promise<void> {
  const result = await model.engine.run(model.key, 'generator', model.adapter.toFeeds(state, model.manifest));
  const spec = model.manifest.generator.outputs.find((o) => o.role === 'image')!;
  tensorToRgba(result.outputs[spec.name], spec.range);
}

/** Times `change` (one slot change end to end) after two warm-up calls. */
async function time(samples: number, change: (i: number) => Promise<void>): Promise<number[]> {
  for (let i = 0; i < 2; i++) await change(i);
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await change(i);
    out.push(performance.now() - started);
  }
  return out;
}

/** Applies `content` in `slot` to `base` as the mixer does, then renders the mix. */
async function mixAndRender(model: DiskModel, base: StudioState, slot: SlotId, content: SlotContent): Promise<void> {
  const { state } = transition(emptySlots(), fillSlot(emptySlots(), slot, content), base, model.manifest);
  await render(model, state);
}

function row(metric: string, model: DiskModel, ms: number[], target: boolean): BenchRow {
  const { p50, p95 } = percentiles(ms);
  return {
    metric, model: model.manifest.id, runtime: RUNTIME, value: p50, p95, unit: 'ms', samples: ms.length,
    ...(target ? { target: `p50 <= ${TARGET_MS}`, pass: p50 <= TARGET_MS } : {}),
  };
}

async function benchModel(id: string, samples: number): Promise<BenchRow[]> {
  const model = await loadDiskModel(id);
  try {
    const base = model.adapter.defaultState(model.manifest);
    const other: StudioState = { ...base, camera: { ...base.camera, azimuthDeg: base.camera.azimuthDeg + 40 } };
    const png = encodePng(new Uint8Array(4 * 4 * 4), 4, 4, stateToPngText(other, { modelHash: model.hash }));
    const rows = [
      // The generator run alone, on the same machine and moment: what the two mixer rows add is the difference.
      row('mixer: render alone (reference)', model, await time(samples, () => render(model, other)), false),
      row('mixer: studio PNG slot + render the mix', model, await time(samples, async () => {
        const recovered = recoverFromMetadata('ref.png', png, model.manifest, model.hash)!;
        await mixAndRender(model, base, 'pose', { sourceName: 'ref.png', thumbnail: '', recovered: recovered.state, origin: 'metadata' });
      }), false),
    ];
    const spec = model.manifest.encoder;
    const sample = model.manifest.samples[0];
    if (spec && sample) {
      const image = decodePng(new Uint8Array(readFileSync(join('models', id, sample))));
      const { width, height } = encoderLayout(spec);
      rows.push(row('mixer: encode a slot + render the mix', model, await time(samples, async () => {
        const pixels = coverResize(image.data, image.width, image.height, width, height);
        const recovered = await encodeImage(model, encoderInput(spec, pixels, width, height));
        await mixAndRender(model, base, 'shape', { sourceName: sample, thumbnail: '', recovered, origin: 'encoder' });
      }), true));
    } else {
      rows.push({ metric: 'mixer: encode a slot + render the mix', model: id, runtime: RUNTIME, value: 0, unit: 'ms', note: 'no encoder in this bundle (or no sample image): studio PNGs only' });
    }
    return rows;
  } finally {
    model.dispose();
  }
}

export const mixerBench: BenchModule = async (ctx) => {
  const rows: BenchRow[] = [];
  for (const id of ctx.models) rows.push(...(await benchModel(id, ctx.quick ? 5 : 20)));
  return rows;
};
