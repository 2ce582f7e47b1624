/**
 * The camera rig viewport with a real mouse, in Debian chromium: dragging the camera body along its orbit,
 * clicking a box to select it, moving it with the gizmo, and undoing a whole drag with one Ctrl+Z. Where
 * to point comes from the preview's own hooks (data-camera-screen / data-objects-screen / data-gizmo-screen:
 * CSS px on the rig canvas, written after each drawn frame), so the test follows the rig wherever the
 * layout puts it and only presses on what a frame has really shown.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { frameHash, openStudio, sharedBrowser, waitForNewFrame, waitForSettledFrame } from './browser';
import { rigCamera } from './canvas';

const baseUrl = inject('baseUrl');
const RIG = '[data-testid="rig-preview"]';
/** Knob values settle and frames arrive within this on a busy machine. */
const SETTLE = { timeout: 30_000, interval: 100 };

type Point = [number, number];

const browser = sharedBrowser();

/** Where the last rig frame drew the camera body, the box centres and the gizmo, in page coordinates. */
async function rigScreen(page: Page): Promise<{ camera: Point; objects: Point[]; gizmo: Point | null }> {
  const canvas = await page.locator(`${RIG} canvas`).boundingBox();
  const read = async <T>(name: string): Promise<T> => JSON.parse((await page.getAttribute(RIG, name)) ?? 'null') as T;
  const camera = await read<Point | null>('data-camera-screen');
  const objects = (await read<Point[] | null>('data-objects-screen')) ?? [];
  const gizmo = await read<Point | null>('data-gizmo-screen');
  if (!canvas || !camera) throw new Error('the rig has not drawn a frame yet');
  const toPage = ([x, y]: Point): Point => [canvas.x + x, canvas.y + y];
  return { camera: toPage(camera), objects: objects.map(toPage), gizmo: gizmo && toPage(gizmo) };
}

const distance = (a: Point, b: Point): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** The value shown in knob inputs, by leva id. */
async function knobs(page: Page, ids: readonly string[]): Promise<string[]> {
  return Promise.all(ids.map((id) => page.inputValue(`[id="${id}"]`)));
}

/** A press, a move in several steps (one pointermove each) and a release: one drag, as a hand does it. */
async function drag(page: Page, from: Point, to: Point, steps = 8): Promise<void> {
  await page.mouse.move(from[0], from[1]); // hover first: the gizmo picks its handle on pointermove
  await page.mouse.down();
  await page.mouse.move(to[0], to[1], { steps });
  await page.mouse.up();
}

const CAMERA_KNOBS = ['camera.elevation', 'camera.azimuth'] as const;
const TRANSLATION_KNOBS = ['object.translationX', 'object.translationY', 'object.translationZ'] as const;

describe('rig viewport', () => {
  let page: Page;
  let errors: string[];
  /** Knobs and image before and after the camera drag of the first test, for the undo test. */
  let beforeCameraDrag: { knobs: string[]; hash: string | null };
  let afterCameraDrag: { knobs: string[]; hash: string };

  beforeAll(async () => {
    ({ page, errors } = await openStudio(browser(), baseUrl));
    await page.waitForSelector(`${RIG}[data-status="ready"][data-camera-screen]`, { timeout: 30_000 });
  });

  it('dragging the camera body along its orbit moves the elevation and azimuth knobs and the image', async () => {
    const knobsBefore = await knobs(page, CAMERA_KNOBS);
    const hashBefore = await frameHash(page);
    const cameraBefore = await rigCamera(page);
    const { camera } = await rigScreen(page);
    // Up and to the side, towards the middle of the sphere's outline: both angles change.
    await drag(page, camera, [camera[0] - 30, camera[1] - 25]);

    await expect
      .poll(async () => (await knobs(page, CAMERA_KNOBS)).map((v, i) => v !== knobsBefore[i]), SETTLE)
      .toEqual([true, true]);
    const hash = await waitForSettledFrame(page, hashBefore, SETTLE.timeout);
    const knobsAfter = await knobs(page, CAMERA_KNOBS);
    // The rig follows the knobs: the camera is still on its orbit, at the new elevation.
    const cameraAfter = (await rigCamera(page))!;
    expect(cameraAfter).not.toEqual(cameraBefore);
    const radius = Math.hypot(...cameraAfter);
    expect(radius).toBeCloseTo(Math.hypot(...cameraBefore!), 2);
    expect(cameraAfter[2]).toBeCloseTo(radius * Math.sin((Number(knobsAfter[0]) * Math.PI) / 180), 1);

    beforeCameraDrag = { knobs: knobsBefore, hash: hashBefore };
    afterCameraDrag = { knobs: knobsAfter, hash };
  });

  it('one Ctrl+Z undoes that whole drag, one Ctrl+Shift+Z redoes it', async () => {
    expect(afterCameraDrag).toBeDefined();
    // Focus is on the rig (a pointerdown focuses it), so the keys reach the studio, not a text field.
    await page.keyboard.press('Control+z');
    await expect.poll(() => knobs(page, CAMERA_KNOBS), SETTLE).toEqual(beforeCameraDrag.knobs);
    await expect.poll(() => frameHash(page), SETTLE).toBe(beforeCameraDrag.hash);

    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => knobs(page, CAMERA_KNOBS), SETTLE).toEqual(afterCameraDrag.knobs);
    await expect.poll(() => frameHash(page), SETTLE).toBe(afterCameraDrag.hash);
  });

  it('clicking a box selects it, dragging it with the move gizmo moves its translation knobs and the image', async () => {
    // The gizmo keeps its size on screen and sits on the selected box, over its neighbour when the rig is
    // small: zoom in (wheel over the rig) until the other box's centre is well clear of the gizmo.
    const separation = async (): Promise<number> => {
      const [a, b] = (await rigScreen(page)).objects;
      return distance(a, b);
    };
    expect((await rigScreen(page)).objects).toHaveLength(2);
    const start = await separation();
    const canvas = (await page.locator(`${RIG} canvas`).boundingBox())!;
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    await page.mouse.wheel(0, -1600);
    await expect.poll(separation, SETTLE).toBeGreaterThan(start * 2);

    expect(await page.inputValue('[id="object.object"]')).toBe('0');
    const box2 = (await rigScreen(page)).objects[1];
    await page.mouse.move(box2[0], box2[1]);
    await page.mouse.down();
    await page.mouse.up();
    await expect.poll(() => page.inputValue('[id="object.object"]'), SETTLE).toBe('1');
    // The knobs show box 2 (its centre is its translation) and a frame has drawn the gizmo on it.
    const centre2 = (JSON.parse((await page.getAttribute(RIG, 'data-objects'))!) as number[][])[1];
    await expect
      .poll(async () => (await knobs(page, TRANSLATION_KNOBS)).map((v, i) => Math.abs(Number(v) - centre2[i]) < 0.006), SETTLE)
      .toEqual([true, true, true]);
    await expect.poll(async () => {
      const { objects, gizmo } = await rigScreen(page);
      return gizmo !== null && distance(gizmo, objects[1]) < 1;
    }, SETTLE).toBe(true);

    // Object 2 of the default model starts absent, and moving an absent object changes no pixel: show it.
    const present = page.locator('[id="object.present"]');
    expect(await present.isChecked()).toBe(false);
    const hashAbsent = await frameHash(page);
    await page.click('label[for="object.present"]'); // leva's checkbox is styled through its label
    await expect.poll(() => present.isChecked(), SETTLE).toBe(true);
    await waitForNewFrame(page, hashAbsent, SETTLE.timeout);

    // Pressing the gizmo's centre grabs the handle that moves the box in the view plane.
    const translationBefore = await knobs(page, TRANSLATION_KNOBS);
    const objectsBefore = await page.getAttribute(RIG, 'data-objects');
    const hashBefore = await frameHash(page);
    const gizmo = (await rigScreen(page)).gizmo!;
    await drag(page, gizmo, [gizmo[0] - 35, gizmo[1] + 20]);

    await expect
      .poll(async () => (await knobs(page, TRANSLATION_KNOBS)).some((v, i) => v !== translationBefore[i]), SETTLE)
      .toBe(true);
    await waitForNewFrame(page, hashBefore, SETTLE.timeout);
    await expect.poll(() => page.getAttribute(RIG, 'data-objects'), SETTLE).not.toBe(objectsBefore);
    expect(await page.inputValue('[id="object.object"]')).toBe('1');

    // And one Ctrl+Z takes the whole box drag back.
    await page.keyboard.press('Control+z');
    await expect.poll(() => knobs(page, TRANSLATION_KNOBS), SETTLE).toEqual(translationBefore);
    await expect.poll(() => frameHash(page), SETTLE).toBe(hashBefore);
    await expect.poll(() => page.getAttribute(RIG, 'data-objects'), SETTLE).toBe(objectsBefore);
  });

  it('raised no uncaught page errors', () => {
    expect(errors).toEqual([]);
  });
});
