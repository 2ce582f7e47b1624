/**
 * The built-in MixNMatch-style model as a user meets it in chromium: open it from File, see its class names
 * on the knobs, no 3D rig (the viewport says why), change the shape class and get a new picture; undo
 * brings the previous class back. Then back to the 3D model, whose knobs and rig return.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { frameHash, openStudio, sharedBrowser, waitForSettledFrame } from './browser';
import { canvasStats } from './canvas';

const baseUrl = inject('baseUrl');
const ID = 'scenes-mixnmatch-128';
const browser = sharedBrowser();
let page: Page;
let errors: string[];

beforeAll(async () => {
  ({ page, errors } = await openStudio(browser(), baseUrl));
});

const selectedLabel = (selector: string) =>
  page.$eval(selector, (el) => {
    const s = el as HTMLSelectElement;
    return s.options[s.selectedIndex]?.textContent ?? '';
  });

describe('built-in MixNMatch-style model', () => {
  let defaultModel: string;

  it('opens from File with its class names on the knobs and no 3D rig', async () => {
    defaultModel = (await page.textContent('[data-testid="status-model"]'))!.trim();
    const before = await frameHash(page);
    await page.click('[data-testid="menu-file"]');
    await page.click(`[data-testid="menuitem-open-catalog-${ID}"]`);
    await expect.poll(() => page.textContent('[data-testid="status-model"]'), { timeout: 60_000 }).toMatch(/MixNMatch/);
    await waitForSettledFrame(page, before, 60_000);
    expect((await canvasStats(page)).distinct).toBeGreaterThan(50);
    const shapes = await page.$$eval('[id="shape.class"] option', (os) => os.map((o) => o.textContent));
    expect(shapes).toEqual(['sphere', 'cube', 'cylinder', 'cone', 'torus', 'octahedron', 'capsule']);
    const textures = await page.$$eval('[id="texture.class"] option', (os) => os.map((o) => o.textContent));
    expect(textures).toContain('checker red');
    expect(await page.getAttribute('[data-testid="rig-preview"]', 'data-status')).toBe('no-rig');
    await expect.poll(() => page.textContent('body')).toMatch(/no 3D camera/);
  });

  it('changing the shape class draws a new picture, and undo brings the old one back', async () => {
    const start = await frameHash(page);
    const startShape = await selectedLabel('[id="shape.class"]');
    const target = startShape === 'cube' ? 'torus' : 'cube';
    await page.selectOption('[id="shape.class"]', { label: target });
    const changed = await waitForSettledFrame(page, start);
    expect(changed).not.toBe(start);
    expect(await selectedLabel('[id="shape.class"]')).toBe(target);
    await page.keyboard.press('Control+z');
    await expect.poll(() => selectedLabel('[id="shape.class"]')).toBe(startShape);
    expect(await waitForSettledFrame(page, changed)).toBe(start);
  });

  it('switching back to the 3D model restores its rig', async () => {
    const before = await frameHash(page);
    await page.click('[data-testid="menu-file"]');
    await page.click('[data-testid="menuitem-open-catalog-scenes-giraffe-hd-128"]');
    await expect.poll(() => page.textContent('[data-testid="status-model"]'), { timeout: 60_000 }).toBe(defaultModel);
    await waitForSettledFrame(page, before, 60_000);
    await expect.poll(() => page.getAttribute('[data-testid="rig-preview"]', 'data-status')).toBe('ready');
  });

  it('raised no uncaught page errors', () => {
    expect(errors).toEqual([]);
  });
});
