// Where the time goes during a knob drag: Chrome trace of a scripted 3 s elevation drag in headless Chromium,
// summed per thread and event name (e.g. CrRendererMain | GLES2::ReadPixels found the rig's software-GL stall).
//   npx vite preview --port 4173 &  then  node scripts/bench/traceDrag.mjs http://127.0.0.1:4173/
// Prints frames shown, edits made, knob-to-pixels p50/p95, engine run p50, then the top 40 events by total time.
// A .mjs file on purpose: tsx-compiled page.evaluate callbacks get esbuild helpers the page does not have.
import { chromium } from 'playwright-core';
const url = process.argv[2];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox','--disable-gpu','--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(url);
await page.waitForSelector('body[data-studio-ready="true"]', { timeout: 120000 });
const drag = (ms) => page.evaluate(async (duration) => {
  const w = window; const lat = [], runs = [];
  const stop = w.__studio.frames.subscribe((s, p) => { if (s.seq === p.seq) return; lat.push(w.__studio.session.getState().frameMs); runs.push(w.__studio.session.getState().runMs); });
  const t0 = performance.now(); let i = 0;
  while (performance.now() - t0 < duration) {
    const el = 15 + 20 * Math.abs(Math.sin(i++ / 20));
    w.__studio.studio.getState().edit((st) => ({ ...st, camera: { ...st.camera, elevationDeg: el } }), 'bench.drag');
    await new Promise((r) => setTimeout(r, 16));
  }
  await new Promise((r) => setTimeout(r, 500)); stop();
  return { lat, runs, edits: i };
}, ms);
await drag(1000);
const cdp = await page.context().newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink,cc,gpu', transferMode: 'ReportEvents' });
const r = await drag(3000);
await cdp.send('Tracing.end'); await done;
const pct = (a, q) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
console.log('frames', r.lat.length, 'edits', r.edits, 'lat p50', pct(r.lat, .5).toFixed(1), 'p95', pct(r.lat, .95).toFixed(1), 'run p50', pct(r.runs, .5).toFixed(1));
// main thread of renderer: find thread name CrRendererMain
const names = new Map();
for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
const agg = new Map();
for (const e of events) {
  if (e.ph !== 'X' || !e.dur) continue;
  const th = names.get(`${e.pid}:${e.tid}`) || '?';
  const k = `${th} | ${e.name}`;
  agg.set(k, (agg.get(k) || 0) + e.dur);
}
for (const [k, v] of [...agg.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log((v / 1000).toFixed(1).padStart(9), k);
await browser.close();
