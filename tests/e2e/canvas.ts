/** Reads what the user sees in the viewport canvas. */
import type { Page } from 'playwright-core';

/** Distinct RGB colours and per-channel standard deviation of the viewport canvas. */
export async function canvasStats(page: Page): Promise<{ width: number; height: number; distinct: number; std: number }> {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="viewport-canvas"]') as HTMLCanvasElement;
    const ctx = canvas.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const colours = new Set<number>();
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < data.length; i += 4) {
      colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      for (let c = 0; c < 3; c++) {
        sum += data[i + c];
        sumSq += data[i + c] ** 2;
      }
    }
    const n = (data.length / 4) * 3;
    return { width: canvas.width, height: canvas.height, distinct: colours.size, std: Math.sqrt(sumSq / n - (sum / n) ** 2) };
  });
}

/** The rig camera's world position (model z-up coordinates) as the three.js viewport reports it. */
export async function rigCamera(page: Page): Promise<[number, number, number] | null> {
  const raw = await page.getAttribute('[data-testid="rig-preview"]', 'data-camera');
  return raw ? (JSON.parse(raw) as [number, number, number] | null) : null;
}
