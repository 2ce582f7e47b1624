/**
 * The WebGPU path, once, on headless Chromium's SwiftShader adapter (a software "fallback" adapter: correct
 * but 100-200x slower than WASM, so 'auto' must never pick it; forcing WebGPU in Settings must use it).
 */
import { expect, inject, it } from 'vitest';
import { frameHash, openStudio, sharedBrowser, waitForNewFrame } from './browser';
import { canvasStats } from './canvas';

const baseUrl = inject('baseUrl');
const browser = sharedBrowser({ webgpu: true });

it('auto avoids the fallback adapter; forcing WebGPU renders the same picture on it', async () => {
  const { page, errors } = await openStudio(browser(), baseUrl);
  const hasAdapter = await page.evaluate(async () => !!(await (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter()));
  expect(hasAdapter, 'headless chromium with --enable-unsafe-webgpu exposes a SwiftShader adapter').toBe(true);
  expect(await page.getAttribute('[data-testid="status-provider"]', 'data-provider')).toBe('wasm');
  expect((await canvasStats(page)).distinct).toBeGreaterThan(50);
  const wasmPixels = await page.evaluate(() => {
    const c = document.querySelector('[data-testid="viewport-canvas"]') as HTMLCanvasElement;
    return Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data);
  });

  const seq = Number(await page.getAttribute('[data-testid="viewport-canvas"]', 'data-frame-seq'));
  await page.click('[data-testid="menu-settings"]');
  await page.click('[data-testid="menuitem-provider-webgpu"]');
  await expect.poll(() => page.getAttribute('[data-testid="status-provider"]', 'data-provider'), { timeout: 120_000 }).toBe('webgpu');
  await page.waitForFunction(
    (prev) => Number(document.querySelector('[data-testid="viewport-canvas"]')?.getAttribute('data-frame-seq')) > prev,
    seq,
    { timeout: 120_000 },
  );
  // The same state re-rendered on WebGPU: the frame may differ by float rounding only.
  const webgpuPixels = await page.evaluate(() => {
    const c = document.querySelector('[data-testid="viewport-canvas"]') as HTMLCanvasElement;
    return Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data);
  });
  const maxDiff = webgpuPixels.reduce((m, v, i) => Math.max(m, Math.abs(v - wasmPixels[i])), 0);
  expect(maxDiff).toBeLessThanOrEqual(2);
  expect((await canvasStats(page)).distinct).toBeGreaterThan(50);
  await page.locator('[data-testid="notice"]', { hasText: /software|fallback/i }).first().waitFor();
  // A knob change renders on WebGPU too.
  const hash = await frameHash(page);
  await page.locator('[id="camera.elevation"]').fill('30');
  await page.locator('[id="camera.elevation"]').press('Enter');
  await waitForNewFrame(page, hash, 120_000);
  expect(await page.getAttribute('[data-testid="status-provider"]', 'data-provider')).toBe('webgpu');
  expect(errors).toEqual([]);
});
