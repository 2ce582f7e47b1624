/**
 * The mixer as a user meets it, in Debian chromium: four studio PNGs saved with different seeds and
 * geometry go into the four slots (picker and drag-and-drop), and the image equals exactly the one rendered
 * from the expected combined state; releasing a slot gives the knob back; the saved mix names its sources;
 * bad files leave the slots as they were. The default model has no encoder, which the mixer must say.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { zlibSync } from 'fflate';
import { encodePng, readPngText } from '../../src/lib/png';
import { writeChunks } from '../../src/lib/png/chunks';
import type { StudioState } from '../../src/state/studioState';
import { frameHash, openStudio, sharedBrowser, waitForNewFrame } from './browser';
import { expectedCodes, tinyEncoderOnnx, tinyEncoderSpec } from '../unit/mixer/tinyEncoder';

const baseUrl = inject('baseUrl');
const browser = sharedBrowser();

const SLOTS = ['background', 'shape', 'texture', 'pose'] as const;

const studioState = (page: Page) => page.evaluate(() => (window as any).__studio.studio.getState().state as StudioState);

/** Replaces the studio state through the store (as a PNG drop would) and waits for its frame. */
async function showState(page: Page, state: StudioState): Promise<string> {
  const before = await frameHash(page);
  await page.evaluate((s) => (window as any).__studio.studio.getState().replace(s), state);
  return waitForNewFrame(page, before);
}

/** Variant k of a state: every code seed and the geometry moved, so each part tells its source apart. */
function variant(base: StudioState, k: number): StudioState {
  // Seeded codes (a fresh state starts on named anchors, the same vector in every variant): new seeds, no vector.
  const bump = (codes: StudioState['codes']) =>
    Object.fromEntries(
      Object.entries(codes).map(([id, c]) => {
        if (c.kind !== 'latent') return [id, c];
        const { vector: _anchor, ...seeded } = c;
        return [id, { ...seeded, seed: c.seed + 10 * k }];
      }),
    );
  return {
    ...base,
    codes: bump(base.codes),
    objects: base.objects.map((o, i) => ({
      ...o,
      codes: bump(o.codes),
      translation: [o.translation[0] + 0.05 * k * (i ? -1 : 1), o.translation[1] - 0.04 * k, o.translation[2]],
      rotationDeg: o.rotationDeg + 25 * k,
      scale: o.scale + 0.01 * k,
      present: i === 0 || k % 2 === 0,
    })),
    camera: { ...base.camera, azimuthDeg: base.camera.azimuthDeg + 30 * k, elevationDeg: base.camera.elevationDeg + 2 * k },
    backgroundRotationDeg: base.backgroundRotationDeg + 7 * k,
  };
}

/** The rule the mixer must follow, written out independently of src/mixer. */
function expectedMix(base: StudioState, [bg, shape, texture, pose]: StudioState[]): StudioState {
  return {
    ...base,
    codes: { ...base.codes, background: bg.codes.background },
    backgroundRotationDeg: bg.backgroundRotationDeg,
    camera: pose.camera,
    objects: base.objects.map((o, i) => ({
      ...o,
      codes: { ...o.codes, shape: shape.objects[i].codes.shape, texture: texture.objects[i].codes.texture },
      translation: pose.objects[i].translation,
      scale: pose.objects[i].scale,
      rotationDeg: pose.objects[i].rotationDeg,
      present: pose.objects[i].present,
    })),
  };
}

async function savePng(page: Page): Promise<Buffer> {
  const download = page.waitForEvent('download');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Control+s');
  return readFileSync((await (await download).path())!);
}

async function pick(page: Page, slot: string, name: string, buffer: Buffer | Uint8Array, mimeType = 'image/png') {
  await page.setInputFiles(`[data-testid="mixer-input-${slot}"]`, { name, mimeType, buffer: Buffer.from(buffer) });
}

/** Drops a file onto a slot with a real DataTransfer, as dragging from the desktop does. */
async function drop(page: Page, slot: string, name: string, buffer: Buffer) {
  const transfer = await page.evaluateHandle(
    ([fileName, bytes]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], fileName, { type: 'image/png' }));
      return dt;
    },
    [name, [...buffer]] as const,
  );
  await page.dispatchEvent(`[data-testid="mixer-slot-${slot}"]`, 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent(`[data-testid="mixer-slot-${slot}"]`, 'drop', { dataTransfer: transfer });
}

const slotSource = (page: Page, slot: string) => page.getAttribute(`[data-testid="mixer-slot-${slot}"]`, 'data-source');

describe('mixer', () => {
  let page: Page;
  let errors: string[];
  let base: StudioState;
  let sources: StudioState[];
  let pngs: Buffer[];
  let mixedHash: string;

  beforeAll(async () => {
    ({ page, errors } = await openStudio(browser(), baseUrl));
    base = await studioState(page);
    sources = [1, 2, 3, 4].map((k) => variant(base, k));
    pngs = [];
    for (const state of sources) {
      await showState(page, state);
      pngs.push(await savePng(page));
    }
    await showState(page, base);
  });

  it('shows four slots in the mixer panel', async () => {
    for (const slot of SLOTS) expect(await page.isVisible(`[data-testid="mixer-slot-${slot}"]`)).toBe(true);
  });

  it('mixing four studio PNGs gives exactly the image of the combined state', async () => {
    for (const [i, slot] of SLOTS.slice(0, 3).entries()) {
      await pick(page, slot, `${slot}.png`, pngs[i]);
      await expect.poll(() => slotSource(page, slot)).toBe(`${slot}.png`);
    }
    await drop(page, 'pose', 'pose.png', pngs[3]);
    await expect.poll(() => slotSource(page, 'pose')).toBe('pose.png');
    for (const slot of SLOTS) expect(await page.getAttribute(`[data-testid="mixer-slot-${slot}"]`, 'data-origin')).toBe('metadata');
    expect(await page.textContent('[data-testid="mixer-knobs-shape"]')).toMatch(/shape seed \d+/);

    const expected = expectedMix(base, sources);
    await expect.poll(() => studioState(page)).toEqual(expected);
    await page.waitForTimeout(300);
    mixedHash = (await frameHash(page))!;
    expect(mixedHash).not.toBe(await showState(page, base));
    // Render the expected state on its own (the base is showing, so a new frame is drawn) and compare.
    await page.evaluate((s) => (window as any).__studio.studio.getState().replace(s), expected);
    await expect.poll(() => frameHash(page)).toBe(mixedHash);
    await page.keyboard.press('Control+z'); // back to the base, then redo to the mix
    await page.keyboard.press('Control+z');
  });

  it('the saved mix records each factor source in its metadata', async () => {
    await page.evaluate((s) => (window as any).__studio.studio.getState().replace(s), expectedMix(base, sources));
    await expect.poll(() => frameHash(page)).toBe(mixedHash);
    const text = readPngText(await savePng(page));
    const mix = JSON.parse(text['disentangle-studio:mix']);
    expect(mix.sources.map((s: { slot: string; source: string; origin: string }) => [s.slot, s.source, s.origin])).toEqual(
      SLOTS.map((slot) => [slot, `${slot}.png`, 'metadata']),
    );
  });

  it('releasing a slot gives the factor back to its knob value; locking takes it again', async () => {
    const mixed = await studioState(page);
    await page.click('[data-testid="mixer-lock-shape"]');
    await expect.poll(async () => (await studioState(page)).objects.map((o) => o.codes.shape)).toEqual(base.objects.map((o) => o.codes.shape));
    expect((await studioState(page)).codes.background).toEqual(sources[0].codes.background);
    await page.click('[data-testid="mixer-lock-shape"]');
    await expect.poll(() => studioState(page)).toEqual(mixed);
  });

  it('swapping two slots exchanges the factors they drive', async () => {
    await page.click('[data-testid="mixer-slot-texture"]', { position: { x: 5, y: 5 } });
    const transfer = await page.evaluateHandle(() => new DataTransfer());
    await page.dispatchEvent('[data-testid="mixer-slot-shape"]', 'dragstart', { dataTransfer: transfer });
    await page.dispatchEvent('[data-testid="mixer-slot-texture"]', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('[data-testid="mixer-slot-texture"]', 'drop', { dataTransfer: transfer });
    await expect.poll(() => slotSource(page, 'shape')).toBe('texture.png');
    const state = await studioState(page);
    expect(state.objects[0].codes.shape).toEqual(sources[2].objects[0].codes.shape);
    expect(state.objects[0].codes.texture).toEqual(sources[1].objects[0].codes.texture);
  });

  it('a non-image and a truncated PNG give messages and keep the slot', async () => {
    const before = await studioState(page);
    await pick(page, 'background', 'notes.txt', Buffer.from('not an image at all, just words'), 'text/plain');
    await page.locator('[data-testid="notice"]', { hasText: '"notes.txt" is not an image' }).waitFor();
    await pick(page, 'background', 'cut.png', pngs[1].subarray(0, pngs[1].length - 100));
    await page.locator('[data-testid="notice"]', { hasText: /"cut.png".*truncated/ }).waitFor();
    expect(await slotSource(page, 'background')).toBe('background.png');
    expect(await studioState(page)).toEqual(before);
  });

  it('a studio PNG with edited metadata is refused', async () => {
    const text = pngs[0].toString('latin1');
    const at = text.indexOf('"azimuthDeg":');
    const tampered = Buffer.from(pngs[0]);
    tampered[at + 14] ^= 0x01; // a digit changes; the chunk CRC no longer matches
    await pick(page, 'background', 'tampered.png', tampered);
    await page.locator('[data-testid="notice"]', { hasText: /"tampered.png"/ }).waitFor();
    expect(await slotSource(page, 'background')).toBe('background.png');
  });

  it("an ordinary image goes through the built-in model's encoder (when it has one)", async () => {
    const manifest = await page.evaluate(() => (window as any).__studio.session.getState().manifest);
    if (!manifest.encoder) return; // covered by the fixture-encoder tests below
    const sample = readFileSync(`models/${manifest.id}/sample_1.png`);
    await pick(page, 'pose', 'sample_1.png', sample);
    await expect.poll(() => slotSource(page, 'pose'), { timeout: 20_000 }).toBe('sample_1.png');
    expect(await page.getAttribute('[data-testid="mixer-slot-pose"]', 'data-origin')).toBe('encoder');
    await page.locator('[data-testid="mixer-reconstruction-pose"]').waitFor();
    const state = await studioState(page);
    expect(state.camera).not.toEqual(sources[3].camera);
    expect(state.codes.background).toEqual(sources[0].codes.background);
  });

  it('raised no uncaught page errors', () => {
    expect(errors).toEqual([]);
  });
});

describe('mixer, model without an encoder', () => {
  it('mixes studio PNGs and names what is missing for other images', async () => {
    const { page, errors } = await openStudio(browser(), baseUrl);
    const dir = 'models/fixture-giraffe-tiny';
    const before = await frameHash(page);
    await page.setInputFiles('[data-testid="open-model-files-input"]', [
      { name: 'manifest.json', mimeType: 'application/json', buffer: readFileSync(`${dir}/manifest.json`) },
      { name: 'generator.onnx', mimeType: 'application/octet-stream', buffer: readFileSync(`${dir}/generator.onnx`) },
    ]);
    await waitForNewFrame(page, before, 60_000);
    await page.waitForFunction(() => (window as any).__studio.studio.getState().state?.modelId === 'fixture-giraffe-tiny');
    const base = await studioState(page);
    const other = variant(base, 3);
    await showState(page, other);
    const png = await savePng(page);
    await showState(page, base);
    await pick(page, 'shape', 'shape.png', png);
    await expect.poll(() => studioState(page).then((s) => s.objects[0].codes.shape)).toEqual(other.objects[0].codes.shape);
    await pick(page, 'texture', 'photo.png', encodePng(new Uint8Array(8 * 8 * 4).fill(128), 8, 8, {}));
    await page.locator('[data-testid="notice"]', { hasText: /no encoder, so only PNGs saved by the studio can be mixed/ }).waitFor();
    expect(await slotSource(page, 'texture')).toBe('');
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** A flat-colour RGBA PNG without studio metadata: an "ordinary image" for the encoder. */
const flatPng = (w: number, h: number, rgba: [number, number, number, number]) => {
  const px = new Uint8Array(w * h * 4);
  for (let p = 0; p < w * h; p++) px.set(rgba, p * 4);
  return encodePng(px, w, h, {});
};

/** A flat-colour 16-bit RGB PNG (the studio's own decoder reads 8-bit only; the browser must read this). */
function png16(w: number, h: number, rgb: [number, number, number]): Uint8Array {
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, w);
  new DataView(ihdr.buffer).setUint32(4, h);
  ihdr.set([16, 2, 0, 0, 0], 8);
  const stride = 1 + w * 6;
  const raw = new Uint8Array(h * stride);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rgb.forEach((v, c) => raw.set([v >> 8, v & 0xff], y * stride + 1 + x * 6 + c * 2));
  return writeChunks([{ type: 'IHDR', data: ihdr }, { type: 'IDAT', data: zlibSync(raw) }, { type: 'IEND', data: new Uint8Array() }]);
}

/** A 1x1 two-frame looping GIF: frame 1 is (255, 0, 51), frame 2 black. */
function animatedGif(): Uint8Array {
  const ascii = (t: string) => [...t].map((c) => c.charCodeAt(0));
  const frame = (lzw: number[]) => [0x21, 0xf9, 4, 0, 10, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, ...lzw, 0];
  return Uint8Array.from([
    ...ascii('GIF89a'), 1, 0, 1, 0, 0x80, 0, 0, 255, 0, 51, 0, 0, 0,
    0x21, 0xff, 11, ...ascii('NETSCAPE2.0'), 3, 1, 0, 0, 0,
    ...frame([0x44, 0x01]), // clear, index 0, end
    ...frame([0x4c, 0x01]), // clear, index 1, end
    0x3b,
  ]);
}

describe('mixer, encoder path (fixture bundle with a tiny linear encoder)', () => {
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ page, errors } = await openStudio(browser(), baseUrl));
    const dir = 'models/fixture-giraffe-duo';
    const manifest = { ...JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')), encoder: tinyEncoderSpec() };
    const before = await frameHash(page);
    await page.setInputFiles('[data-testid="open-model-files-input"]', [
      { name: 'manifest.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(manifest)) },
      { name: 'generator.onnx', mimeType: 'application/octet-stream', buffer: readFileSync(`${dir}/generator.onnx`) },
      { name: 'encoder.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(tinyEncoderOnnx()) },
    ]);
    await waitForNewFrame(page, before, 60_000);
    await page.waitForFunction(() => (window as any).__studio.studio.getState().state?.modelId === 'fixture-giraffe-duo');
  });

  const vectors = (page: Page) =>
    studioState(page).then((s) => ({
      background: (s.codes.background as { vector?: number[] }).vector,
      shape: s.objects.map((o) => (o.codes.shape as { vector?: number[] }).vector),
    }));

  it('an ordinary image is encoded: codes, origin, reconstruction and the mix', async () => {
    const before = await frameHash(page);
    await pick(page, 'shape', 'red.png', flatPng(40, 24, [255, 0, 51, 255]));
    await expect.poll(() => slotSource(page, 'shape')).toBe('red.png');
    expect(await page.getAttribute('[data-testid="mixer-slot-shape"]', 'data-origin')).toBe('encoder');
    await page.locator('[data-testid="mixer-reconstruction-shape"]').waitFor();
    expect(await page.textContent('[data-testid="mixer-knobs-shape"]')).toMatch(/shape: from the image/);
    await waitForNewFrame(page, before);
    const want = expectedCodes([255, 0, 51]).shape;
    const got = await vectors(page);
    for (const v of got.shape) expect(v!.map((x, i) => Math.abs(x - want[i])).every((d) => d < 0.02)).toBe(true);
    expect(got.background).toBeUndefined(); // the background knob is untouched
  });

  it('a transparent image is composited on white before encoding', async () => {
    await pick(page, 'background', 'clear.png', flatPng(20, 20, [0, 0, 0, 0]));
    await expect.poll(() => slotSource(page, 'background')).toBe('clear.png');
    const got = await vectors(page);
    expect(got.background!.every((x) => Math.abs(x - 1) < 0.02)).toBe(true);
  });

  it('a 16-bit PNG and the first frame of an animated GIF encode like their 8-bit colour', async () => {
    const want = expectedCodes([255, 0, 51]).background;
    const close = (v: number[] | undefined) => !!v && v.every((x, i) => Math.abs(x - want[i]) < 0.02);
    await pick(page, 'background', 'deep.png', png16(12, 10, [65535, 0, 13107]));
    await expect.poll(() => slotSource(page, 'background')).toBe('deep.png');
    expect(close((await vectors(page)).background)).toBe(true);
    await pick(page, 'background', 'anim.gif', animatedGif(), 'image/gif');
    await expect.poll(() => slotSource(page, 'background')).toBe('anim.gif');
    expect(close((await vectors(page)).background)).toBe(true);
    await page.locator('[data-testid="notice"]', { hasText: /animated GIF: using its first frame/ }).waitFor();
  });

  it('an EXIF-rotated photo is turned upright before encoding, and a CMYK JPEG reads as its colour', async () => {
    // Stored landscape, red over blue, EXIF orientation 6: upright it is portrait with blue left, red right.
    await pick(page, 'texture', 'rotated.jpg', readFileSync('tests/fixtures/images/exif-rotate-6.jpg'), 'image/jpeg');
    await expect.poll(() => slotSource(page, 'texture')).toBe('rotated.jpg');
    const [left, right] = await page.$eval('[data-testid="mixer-slot-texture"] .mixer-slot-images img', async (node) => {
      const img = node as HTMLImageElement;
      await img.decode();
      const c = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const at = (x: number) => Array.from(ctx.getImageData(x, img.naturalHeight >> 1, 1, 1).data.slice(0, 3));
      return [at(8), at(img.naturalWidth - 8)];
    });
    expect(left[2]).toBeGreaterThan(left[0] + 100); // blue
    expect(right[0]).toBeGreaterThan(right[2] + 100); // red
    const want = expectedCodes([255, 0, 0]).background;
    await pick(page, 'background', 'cmyk.jpg', readFileSync('tests/fixtures/images/cmyk-red.jpg'), 'image/jpeg');
    await expect.poll(() => slotSource(page, 'background')).toBe('cmyk.jpg');
    const got = (await vectors(page)).background!;
    expect(Math.max(...got.map((x, i) => Math.abs(x - want[i])))).toBeLessThan(0.2);
  });

  it('a studio PNG of another model is refused by name', async () => {
    // A PNG whose metadata names the built-in model, made from this page's own state with another id.
    const state = { ...(await studioState(page)), modelId: 'scenes-giraffe-hd-128' };
    const { stateToPngText } = await import('../../src/state/stateCodec');
    await pick(page, 'pose', 'other.png', encodePng(new Uint8Array(16).fill(9), 2, 2, stateToPngText(state)));
    await page.locator('[data-testid="notice"]', { hasText: /"other.png" was made with model "scenes-giraffe-hd-128"/ }).waitFor();
    expect(await slotSource(page, 'pose')).toBe('');
  });

  it('raised no uncaught page errors', () => {
    expect(errors).toEqual([]);
  });
});
