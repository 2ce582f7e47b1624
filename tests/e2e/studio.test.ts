/**
 * The studio as a user meets it, in Debian chromium: first image, knobs, rig, undo, links, saved PNGs and
 * bad bundles. Runs against the production build served cross-origin isolated.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { frameHash, openStudio, sharedBrowser, waitForNewFrame } from './browser';
import { canvasStats, rigCamera } from './canvas';

const baseUrl = inject('baseUrl');
const browser = sharedBrowser();

const TINY = 'models/fixture-giraffe-tiny';

/** Opens a bundle through File > Open model files…, as a user picking manifest.json and the ONNX file. */
async function openBundleFiles(page: Page, manifest: Buffer | object, onnx: Buffer): Promise<void> {
  const manifestBytes = Buffer.isBuffer(manifest) ? manifest : Buffer.from(JSON.stringify(manifest));
  await page.setInputFiles('[data-testid="open-model-files-input"]', [
    { name: 'manifest.json', mimeType: 'application/json', buffer: manifestBytes },
    { name: 'generator.onnx', mimeType: 'application/octet-stream', buffer: onnx },
  ]);
}

const tinyManifest = () => JSON.parse(readFileSync(`${TINY}/manifest.json`, 'utf8'));
const tinyOnnx = () => readFileSync(`${TINY}/generator.onnx`);

async function setKnob(page: Page, id: string, value: number): Promise<void> {
  const input = page.locator(`[id="${id}"]`);
  await input.fill(String(value));
  await input.press('Enter');
}

describe('studio', () => {
  let page: Page;
  let errors: string[];
  /** The default model's name, as the status bar shows it. */
  let defaultModel: string;

  beforeAll(async () => {
    ({ page, errors } = await openStudio(browser(), baseUrl));
    defaultModel = (await page.textContent('[data-testid="status-model"]'))!.trim();
  });

  it('shows a generated image with varied pixels on open', async () => {
    const stats = await canvasStats(page);
    expect(stats.width).toBeGreaterThan(0);
    expect(stats.distinct).toBeGreaterThan(50);
    expect(stats.std).toBeGreaterThan(3);
    await expect.poll(() => page.textContent('[data-testid="status-provider"]')).toMatch(/wasm/i);
    expect(await page.textContent('[data-testid="status-timing"]')).toMatch(/\d/);
  });

  it('moving the elevation knob changes the image and the rig camera', async () => {
    const before = await frameHash(page);
    const cameraBefore = await rigCamera(page);
    await setKnob(page, 'camera.elevation', 38);
    await waitForNewFrame(page, before);
    await expect.poll(async () => (await rigCamera(page))?.[2]).toBeGreaterThan(cameraBefore![2] + 0.2);
    // Camera on its orbit: elevation 38 deg puts it at height r sin(38) for the orbit radius r.
    const [x, y, z] = (await rigCamera(page))!;
    expect(z / Math.hypot(x, y, z)).toBeCloseTo(Math.sin((38 * Math.PI) / 180), 2);
  });

  it('undo restores the previous image exactly, redo comes back', async () => {
    const atStart = await frameHash(page);
    await setKnob(page, 'camera.azimuth', 200);
    const moved = await waitForNewFrame(page, atStart);
    await page.locator('body').click({ position: { x: 5, y: 500 } });
    await page.keyboard.press('Control+z');
    expect(await waitForNewFrame(page, moved)).toBe(atStart);
    await page.keyboard.press('Control+Shift+z');
    expect(await waitForNewFrame(page, atStart)).toBe(moved);
  });

  it('marks values outside the trained range as extrapolation', async () => {
    await setKnob(page, 'camera.elevation', 45);
    await expect.poll(() => page.isVisible('[data-testid="status-extrapolation"]')).toBe(true);
    await setKnob(page, 'camera.elevation', 25);
    await expect.poll(() => page.isVisible('[data-testid="status-extrapolation"]')).toBe(false);
  });

  it('a link reproduces the image exactly', async () => {
    await setKnob(page, 'shape.seed', 7);
    await page.waitForTimeout(600); // the URL is written 250 ms after the last change
    const hash = await frameHash(page);
    const url = page.url();
    expect(url).toContain('#state=');
    const other = await openStudio(browser(), url);
    await expect.poll(() => frameHash(other.page)).toBe(hash);
    await other.page.close();
  });

  it('a saved PNG restores its state when dropped back', async () => {
    const savedHash = await frameHash(page);
    const download = page.waitForEvent('download');
    await page.keyboard.press('Control+s');
    const path = await (await download).path();
    const png = readFileSync(path!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    await setKnob(page, 'texture.seed', 11);
    await waitForNewFrame(page, savedHash);
    await page.setInputFiles('[data-testid="open-state-input"]', { name: 'saved.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => frameHash(page)).toBe(savedHash);
  });

  it('a corrupt bundle shows a clear error and the previous model keeps rendering', async () => {
    await openBundleFiles(page, tinyManifest(), tinyOnnx().subarray(0, 5000));
    const notice = page.locator('[data-testid="notice"][data-code="model-corrupt"]');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toMatch(/generator/i);
    expect((await page.textContent('[data-testid="status-model"]'))!.trim()).toBe(defaultModel);
    const before = await frameHash(page);
    await setKnob(page, 'camera.elevation', 15);
    await waitForNewFrame(page, before);
  });

  it('a manifest that fails the schema names the field', async () => {
    const manifest = tinyManifest();
    manifest.generator.inputs[3].role = 'camera.sideways';
    await openBundleFiles(page, manifest, tinyOnnx());
    const notice = page.locator('[data-testid="notice"][data-code="manifest-invalid"]');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain('generator.inputs[3].role');
  });

  it('a manifest that disagrees with its ONNX names the input', async () => {
    const manifest = tinyManifest();
    manifest.generator.inputs.find((i: { name: string }) => i.name === 'z_shape').name = 'z_shape_renamed';
    await openBundleFiles(page, manifest, tinyOnnx());
    const notice = page.locator('[data-testid="notice"][data-code="manifest-mismatch"]');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain('z_shape');
  });

  it('a model URL that 404s or is not a bundle says so, and the model stays', async () => {
    for (const [url, code] of [
      [`${baseUrl}models/no-such-model/`, 'fetch-failed'],
      [`${baseUrl}`, 'not-a-bundle'],
    ] as const) {
      await page.click('[data-testid="menu-file"]');
      await page.click('[data-testid="menuitem-open-model-url"]');
      await page.fill('#open-model-url', url);
      await page.press('#open-model-url', 'Enter');
      await page.locator(`[data-testid="notice"][data-code="${code}"]`).waitFor({ timeout: 30_000 });
    }
    expect((await page.textContent('[data-testid="status-model"]'))!.trim()).toBe(defaultModel);
  });

  it('a garbage state link shows an error and still opens the default model', async () => {
    const other = await openStudio(browser(), `${baseUrl}#state=not-a-real-state`);
    const notice = other.page.locator('[data-testid="notice"][data-code="state-invalid"]');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/\. Starting from the default model and state instead/);
    expect((await canvasStats(other.page)).distinct).toBeGreaterThan(50);
    // The broken link stays in the address bar (to copy or report) until the user changes something.
    await other.page.waitForTimeout(600);
    expect(new URL(other.page.url()).hash).toBe('#state=not-a-real-state');
    await other.page.close();
  });

  it('opens another built-in model from a user bundle folder', async () => {
    const before = await frameHash(page);
    await openBundleFiles(page, tinyManifest(), tinyOnnx());
    await expect.poll(() => page.textContent('[data-testid="status-model"]')).toMatch(/1 object|tiny/i);
    await waitForNewFrame(page, before);
  });

  it('raised no uncaught page errors', () => {
    expect(errors).toEqual([]);
  });
});
