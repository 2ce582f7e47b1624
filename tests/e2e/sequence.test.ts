/**
 * Sequence export as a user does it in Debian chromium: a preset on the timeline, Export, the zip that the
 * browser downloads (entries, PNG metadata), the same spec rendered by the command-line code in Node (frames
 * within 1/255), a cancel that leaves a valid zip of the frames done, and frames into a folder (the File
 * System Access API, stubbed with an in-page folder because headless Chromium rejects the real picker).
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { decodePng, readPngText } from '../../src/lib/png';
import { parseSequenceSpec } from '../../src/sequence/parseSpec';
import { stateFromPngText } from '../../src/state/stateCodec';
import { renderToDisk } from '../../scripts/render/renderToDisk';
import { sharedBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = sharedBrowser();
const dir = mkdtempSync(join(tmpdir(), 'studio-e2e-seq-'));

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
});

/** Opens the studio with no save-file picker (so a zip export is a download) and an in-page fake folder picker. */
async function openStudio(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser().newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true });
    const files: Record<string, number> = {};
    (window as unknown as { __folder: Record<string, number> }).__folder = files;
    Object.defineProperty(window, 'showDirectoryPicker', {
      configurable: true,
      value: async () => ({
        name: 'frames',
        getFileHandle: async (name: string) => ({
          createWritable: async () => {
            let size = 0;
            return { write: async (b: Uint8Array) => void (size = b.length), close: async () => void (files[name] = size), abort: async () => {} };
          },
        }),
        removeEntry: async (name: string) => void delete files[name],
      }),
    });
  });
  await page.goto(baseUrl);
  await page.waitForSelector('body[data-studio-ready="true"]', { timeout: 60_000 });
  return { page, errors };
}

async function turntable(page: Page, frames: number): Promise<void> {
  await page.selectOption('[data-testid="timeline-preset"]', 'turntable');
  await page.fill('[data-testid="timeline-frames"]', String(frames));
  await expect.poll(() => page.textContent('[data-testid="timeline-position"]')).toContain(`/ ${frames}`);
}

async function exportZip(page: Page, during?: (page: Page) => Promise<void>): Promise<Record<string, Uint8Array>> {
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.click('[data-testid="export-start"]');
  if (during) await during(page);
  const path = await (await download).path();
  return unzipSync(readFileSync(path!));
}

describe('sequence export in chromium', () => {
  let page: Page;
  let errors: string[];
  let zip: Record<string, Uint8Array>;

  beforeAll(async () => {
    ({ page, errors } = await openStudio());
  });

  it('exports a short turntable as a zip of PNGs, each carrying its state, plus sequence.json', async () => {
    await turntable(page, 3);
    zip = await exportZip(page);
    expect(Object.keys(zip)).toEqual(['frame_00000.png', 'frame_00001.png', 'frame_00002.png', 'sequence.json']);
    const record = JSON.parse(strFromU8(zip['sequence.json']));
    const manifest = await page.evaluate(() => {
      const m = (window as unknown as { __studio: { session: { getState(): { manifest: { id: string; resolution: [number, number] } } } } })
        .__studio.session.getState().manifest;
      return { id: m.id, width: m.resolution[1] };
    });
    expect(record).toMatchObject({ modelId: manifest.id, frames: { total: 3, written: 3, complete: true }, spec: { kind: 'sweep', frames: 3 } });
    const azimuths = ['frame_00000.png', 'frame_00001.png', 'frame_00002.png'].map((name) => {
      const meta = stateFromPngText(readPngText(zip[name]))!;
      expect(meta.modelHash).toBe(record.modelHash);
      expect(decodePng(zip[name]).width).toBe(manifest.width);
      return meta.state.camera.azimuthDeg;
    });
    expect(azimuths[1] - azimuths[0]).toBeCloseTo(120, 9);
    expect(azimuths[2] - azimuths[1]).toBeCloseTo(120, 9);
    await expect.poll(() => page.locator('[data-testid="notice"]').allTextContents()).toContainEqual(expect.stringContaining('Exported 3 frames'));
  });

  it('the command-line renderer gives the same frames from the same spec (max 1/255 per channel)', async () => {
    const spec = parseSequenceSpec(JSON.parse(strFromU8(zip['sequence.json'])).spec);
    const out = join(dir, 'cli');
    const result = await renderToDisk(spec, { outDir: out });
    expect(result.status).toBe('complete');
    for (const name of ['frame_00000.png', 'frame_00001.png', 'frame_00002.png']) {
      const browserPng = decodePng(zip[name]);
      const nodePng = decodePng(readFileSync(join(out, name)));
      let max = 0;
      for (let i = 0; i < browserPng.data.length; i++) max = Math.max(max, Math.abs(browserPng.data[i] - nodePng.data[i]));
      expect(max, name).toBeLessThanOrEqual(1);
      expect(nodePng.text).toEqual(browserPng.text);
    }
  });

  it('cancel keeps a valid zip of the frames done while the studio stays usable', async () => {
    await turntable(page, 60);
    const partial = await exportZip(page, async (p) => {
      await p.waitForFunction(() => Number(document.querySelector('[data-testid="export-progress"]')?.getAttribute('data-done') ?? 0) >= 2, null, { timeout: 60_000 });
      await p.fill('[id="camera.elevation"]', '30'); // a knob still works mid-export
      await p.press('[id="camera.elevation"]', 'Enter');
      // The status bar shows the running export wherever the timeline is scrolled, and stops it.
      expect(await p.textContent('[data-testid="status-export"]')).toMatch(/exporting .*\d+ \/ 60/);
      await p.click('[data-testid="status-export-cancel"]');
    });
    const frames = Object.keys(partial).filter((n) => n.endsWith('.png'));
    expect(frames.length).toBeGreaterThanOrEqual(2);
    expect(frames.length).toBeLessThan(60);
    const record = JSON.parse(strFromU8(partial['sequence.json']));
    expect(record.frames).toEqual({ total: 60, written: frames.length, complete: false });
    expect(frames.at(-1)).toBe(`frame_${String(frames.length - 1).padStart(5, '0')}.png`);
    expect(await page.isVisible('[data-testid="export-progress"]')).toBe(false);
    expect(await page.isVisible('[data-testid="status-export"]')).toBe(false);
  });

  it('exports into a folder through the File System Access API', async () => {
    await turntable(page, 2);
    await page.selectOption('[data-testid="export-target"]', 'folder');
    await page.click('[data-testid="export-start"]');
    await expect
      .poll(() => page.evaluate(() => Object.keys((window as unknown as { __folder: Record<string, number> }).__folder).sort()), { timeout: 60_000 })
      .toEqual(['frame_00000.png', 'frame_00001.png', 'sequence.json']);
  });

  it('raised no uncaught page errors', () => {
    expect(errors).toEqual([]);
  });
});
