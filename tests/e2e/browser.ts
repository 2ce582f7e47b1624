/**
 * Launches Debian's chromium through playwright-core with the flags this sandbox needs, and opens the studio
 * until it signals ready (document.body[data-studio-ready="true"], set by the app after the first frame).
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const BASE_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(options: { webgpu?: boolean } = {}): Promise<Browser> {
  const args = options.webgpu ? [...BASE_FLAGS, '--enable-unsafe-webgpu', '--enable-features=Vulkan'] : BASE_FLAGS;
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args });
}

/**
 * One browser per test file: launched before its tests, closed after them. Returns a getter (the browser
 * exists only once the beforeAll hook has run), so each file's set-up is one line.
 */
export function sharedBrowser(options: { webgpu?: boolean } = {}): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser(options);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('sharedBrowser: the browser is launched in beforeAll; call this inside a hook or test');
    return browser;
  };
}

/** Opens `url` and waits for the studio's ready signal (first image rendered). Collects page errors. */
export async function openStudio(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('body[data-studio-ready="true"]', { timeout: 60_000 });
  return { page, errors };
}

/** The viewport canvas's content hash, which changes whenever a new frame is drawn. */
export async function frameHash(page: Page): Promise<string | null> {
  return page.getAttribute('[data-testid="viewport-canvas"]', 'data-frame-hash');
}

/** Waits until the frame hash differs from `previous`. */
export async function waitForNewFrame(page: Page, previous: string | null, timeout = 20_000): Promise<string> {
  await page.waitForFunction(
    (prev) => {
      const h = document.querySelector('[data-testid="viewport-canvas"]')?.getAttribute('data-frame-hash');
      return !!h && h !== prev;
    },
    previous,
    { timeout },
  );
  return (await frameHash(page))!;
}

/**
 * After a drag, the frame of the final state: waits for a new frame, then until the frame counter stops
 * moving (no frame for `quietMs`), so an intermediate frame of the drag is never taken for the result.
 */
export async function waitForSettledFrame(page: Page, previous: string | null, timeout = 20_000, quietMs = 600): Promise<string> {
  await waitForNewFrame(page, previous, timeout);
  const seq = () => page.getAttribute('[data-testid="viewport-canvas"]', 'data-frame-seq');
  const deadline = Date.now() + timeout;
  let last = await seq();
  for (;;) {
    await page.waitForTimeout(quietMs);
    const now = await seq();
    if (now === last || Date.now() > deadline) break;
    last = now;
  }
  return (await frameHash(page))!;
}
