// What the rig preview's software-GL frames cost the image: knob-to-pixels during a scripted 5 s elevation
// drag, with the rig's minimum frame interval pinned by ?rigms=N, page loads interleaved over rounds so load
// on a shared machine hits every setting alike (src/preview/glProbe.ts minRigFrameMs quotes its numbers).
//   npx vite preview --port 4173 &  then  node scripts/bench/rigCost.mjs http://127.0.0.1:4173/ [66,200] [views=1] [rounds=3]
// A .mjs file on purpose, like traceDrag.mjs: page.evaluate callbacks stay plain JavaScript.
import { chromium } from 'playwright-core';

const [url, settingsArg = '66,200', views = '1', roundsArg = '3'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node scripts/bench/rigCost.mjs BASE_URL [rigms,rigms,...] [views] [rounds]');
  process.exit(2);
}
const pct = (a, q) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(q * a.length))];
const drag = (page, ms) =>
  page.evaluate(async (duration) => {
    const w = window;
    const lat = [];
    const runs = [];
    const stop = w.__studio.frames.subscribe((s, p) => {
      if (s.seq === p.seq) return;
      lat.push(w.__studio.session.getState().frameMs);
      runs.push(w.__studio.session.getState().runMs);
    });
    const t0 = performance.now();
    let i = 0;
    while (performance.now() - t0 < duration) {
      const el = 15 + 20 * Math.abs(Math.sin(i++ / 20));
      w.__studio.studio.getState().edit((st) => ({ ...st, camera: { ...st.camera, elevationDeg: el } }), 'bench.drag');
      await new Promise((r) => setTimeout(r, 16));
    }
    await new Promise((r) => setTimeout(r, 500));
    stop();
    return { lat, runs };
  }, ms);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
try {
  for (let round = 1; round <= Number(roundsArg); round++) {
    for (const ms of settingsArg.split(',')) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(`${url}?views=${views}&rigms=${ms}`);
      await page.waitForSelector('body[data-studio-ready="true"]', { timeout: 120000 });
      await drag(page, 2000); // warm-up (and a view twin, if the plan wakes one)
      const r = await drag(page, 5000);
      console.log(`round ${round} rigms ${ms}: frames ${r.lat.length} knob-to-pixels p50 ${pct(r.lat, 0.5).toFixed(1)} p95 ${pct(r.lat, 0.95).toFixed(1)} run p50 ${pct(r.runs, 0.5).toFixed(1)} ms`);
      await page.close();
    }
  }
} finally {
  await browser.close();
}
