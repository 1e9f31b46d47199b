// Benchmarks of the release build in headless Chromium (prints numbers; not
// a test). Run by `.ci/bench`, or after `trunk build --release`:
//
//   node tests/bench/web.mjs [group…]     groups: size load input memory lighthouse
//
// With no group, every group runs. Each figure is printed beside its target
// from the performance targets; "ok" or "MISS" says which side of it the figure is.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DEFAULT_DIST, startServer } from '../e2e/server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchBrowser, openApp } from '../e2e/helpers.mjs';

const DIST = process.env.E2E_DIST ? resolve(process.env.E2E_DIST) : DEFAULT_DIST;
const ALL = ['size', 'load', 'input', 'memory', 'lighthouse'];
const groups = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
for (const g of groups) if (!ALL.includes(g)) throw new Error(`unknown group ${g}; one of ${ALL.join(' ')}`);

const LOADS = Number(process.env.BENCH_LOADS ?? 9);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 200);
const MEMORY_CHANGES = Number(process.env.BENCH_MEMORY_CHANGES ?? 10_000);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (v) => `${v.toFixed(1)} ms`;
const verdict = (ok) => (ok ? 'ok  ' : 'MISS');
const line = (ok, text, target) => console.log(`  ${verdict(ok)} ${text.padEnd(58)} target ${target}`);

function quantile(values, q) {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(q * v.length))];
}
const median = (values) => quantile(values, 0.5);

function heading(n, text) {
  console.log(`\n${n}. ${text}`);
}

// 1. Transfer size -----------------------------------------------------------
function sizeGroup() {
  heading(1, 'Transfer size (release build, dist/)');
  const files = readdirSync(DIST).filter((f) => /\.(wasm|js|css|html)$/.test(f));
  let total = 0;
  for (const kind of ['wasm', 'js', 'css', 'html']) {
    for (const f of files.filter((name) => name.endsWith(`.${kind}`))) {
      const raw = readFileSync(join(DIST, f));
      const gz = gzipSync(raw, { level: 9 }).length;
      total += gz;
      console.log(`       ${kind.padEnd(5)} ${String(raw.length).padStart(8)} B raw ${String(gz).padStart(8)} B gzipped  (${f})`);
    }
  }
  line(total < 150 * 1024, `first paint needs ${kb(total)} gzipped (html+js+wasm+css)`, '< 150 KB');
}

// Helpers for the browser groups ---------------------------------------------
let server;
let browser;
async function ensureBrowser() {
  server ??= await startServer(DIST);
  browser ??= await launchBrowser();
}

// 2. Cold load ---------------------------------------------------------------
async function loadGroup() {
  heading(2, `Cold load (median of ${LOADS} loads, empty cache, localhost)`);
  await ensureBrowser();
  const fcp = [];
  const numbers = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Each frame until the first result number exists: that frame paints it.
    await page.addInitScript(() => {
      const check = () => {
        const el = document.querySelector('[data-metric="required_leads"]');
        if (el && el.textContent.trim()) window.__numbersAt = performance.now();
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__numbersAt !== undefined, null, { timeout: 20_000 });
    const t = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      numbers: window.__numbersAt,
    }));
    fcp.push(t.fcp);
    numbers.push(t.numbers);
    await context.close();
  }
  line(median(fcp) < 300, `first contentful paint ${ms(median(fcp))} (min ${ms(Math.min(...fcp))}, max ${ms(Math.max(...fcp))})`, '< 300 ms');
  line(median(numbers) < 300, `first result numbers on screen ${ms(median(numbers))} (min ${ms(Math.min(...numbers))}, max ${ms(Math.max(...numbers))})`, '< 300 ms');
}

/**
 * Event Timing entries for keyboard changes of a range input: the time from
 * the key press to the next paint (`duration`, rounded by the browser to
 * 8 ms) and the handler time (`processingEnd - processingStart` of the
 * keydown: the slider's value changes and its `input` event is dispatched
 * inside the keydown's default action, and the reactive updates run as
 * microtasks before the dispatch returns). Entries shorter than 16 ms are
 * not reported: those interactions count as "under 16 ms".
 */
async function keyboardTimings(page, selector, changes) {
  await page.evaluate((sel) => {
    window.__events = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name !== 'keydown') continue;
        window.__events.push({ duration: e.duration, processing: e.processingEnd - e.processingStart });
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: false });
    document.querySelector(sel).focus();
  }, selector);
  for (let i = 0; i < changes; i++) {
    await press(page, i);
    // The next change comes once the frame after this one has been painted
    // and the work queued after it (the charts) has run.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  }
  await page.waitForTimeout(300); // let the observer deliver the last entries
  return page.evaluate(() => window.__events);
}

async function press(page, i) {
  await page.keyboard.press(i % 40 < 20 ? 'ArrowRight' : 'ArrowLeft');
}

/** p50/p95/max of `values` padded with zeros (= under 16 ms, not reported) to `n`. */
function spread(values, n) {
  const all = [...values];
  while (all.length < n) all.push(0);
  return { p50: quantile(all, 0.5), p95: quantile(all, 0.95), max: Math.max(...all) };
}

// The same measurement on a page that does nothing but show the slider's
// value: what the browser itself costs on this machine (vsync, raster).
const FLOOR_PAGE = `<!doctype html><html lang="en"><title>floor</title>
<label>Win rate <input id="s" type="range" min="0" max="100" value="30"></label> <output id="o">30</output>
<script>s.addEventListener('input', () => { o.textContent = s.value; });</script></html>`;

// 3. Input to next paint -------------------------------------------------------
async function inputGroup() {
  heading(3, `Input to next paint: ${CHANGES} keyboard changes of the win-rate slider`);
  await ensureBrowser();
  const blank = await browser.newPage();
  await blank.setContent(FLOOR_PAGE);
  const floorEvents = (await keyboardTimings(blank, '#s', CHANGES)).map((e) => e.duration);
  const floor = spread(floorEvents, CHANGES);
  await blank.close();

  const app = await openApp(browser, `${server.url}/`);
  const { page } = app;
  const events = await keyboardTimings(page, '#in-win_rate_pct-slider', CHANGES);
  const { charts, visible, near } = await page.evaluate(() => {
    const figures = [...document.querySelectorAll('figure[data-chart]')];
    // Within a screen's height of the screen: redrawn with each change (the
    // others take their new drawing as they scroll near).
    const isNear = (f) => {
      const box = f.getBoundingClientRect();
      return box.bottom > -innerHeight && box.top < 2 * innerHeight;
    };
    return {
      charts: figures.length,
      visible: figures.filter((f) => f.querySelector('svg')).length,
      near: figures.filter(isNear).length,
    };
  });
  await app.close();
  const fmt = (v) => (v === 0 ? '< 16 ms' : `${v.toFixed(0)} ms`);
  const d = spread(events.map((e) => e.duration), CHANGES);
  const p = spread(events.map((e) => e.processing), CHANGES);
  // Event Timing rounds durations to 8 ms: how many presses took each step.
  const steps = (durations) => {
    const count = (lo, hi) => durations.filter((d) => d >= lo && d < hi).length;
    return `under 16 ms ${CHANGES - durations.length}, 16 ms ${count(16, 24)}, 24 ms ${count(24, 32)}, 32 ms or more ${count(32, Infinity)}`;
  };
  console.log(`       ${charts} charts on the page, ${visible} of them drawn, ${near} near the screen (redrawn with each change)`);
  console.log(`       browser floor (a page that only shows the value): p50 ${fmt(floor.p50)}, p95 ${fmt(floor.p95)}, max ${fmt(floor.max)}`);
  console.log(`       key presses by duration, floor page: ${steps(floorEvents)}`);
  console.log(`       key presses by duration, planner:    ${steps(events.map((e) => e.duration))}`);
  line(d.p95 <= 16, `Event Timing input-to-next-paint p50 ${fmt(d.p50)}, p95 ${fmt(d.p95)}, max ${fmt(d.max)}`, 'p95 <= 16 ms');
  const pfmt = (v) => (v === 0 ? '< 16 ms (unreported)' : ms(v));
  line(p.p95 < 4, `handler processing (with reactive updates) p50 ${pfmt(p.p50)}, p95 ${pfmt(p.p95)}, max ${pfmt(p.max)}`, 'p95 < 4 ms');
}

// 5. Memory ------------------------------------------------------------------
async function memoryGroup() {
  heading(5, `Memory after 100 and after ${MEMORY_CHANGES} keyboard input changes`);
  await ensureBrowser();
  const context = await browser.newContext();
  await context.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (event) => {
      window.__wasmMemory = event.detail.wasm.memory;
    });
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/`, { waitUntil: 'load' });
  await page.waitForSelector('[data-metric="required_leads"]', { state: 'attached' });
  const cdp = await context.newCDPSession(page);
  const sliderId = 'in-win_rate_pct-slider';
  await page.focus(`#${sliderId}`);
  const measure = async () => {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? NaN);
    return { heap: heap.usedSize, wasm };
  };
  let done = 0;
  const run = async (upTo) => {
    // Key presses are pipelined a few at a time: the renderer still handles
    // each as its own keyboard event and input.
    while (done < upTo) {
      const batch = [];
      for (let k = 0; k < 10 && done < upTo; k++, done++) batch.push(press(page, done));
      await Promise.all(batch);
    }
  };
  const started = Date.now();
  await run(100);
  const at100 = await measure();
  await run(MEMORY_CHANGES / 2);
  const atHalf = await measure();
  await run(MEMORY_CHANGES);
  const atEnd = await measure();
  const value = await page.inputValue(`#${sliderId}`);
  await context.close();
  const mb = (b) => `${(b / 1048576).toFixed(2)} MB`;
  const heapGrowth = atEnd.heap - at100.heap;
  const wasmGrowth = atEnd.wasm - at100.wasm;
  console.log(`       (${done} changes in ${((Date.now() - started) / 1000).toFixed(0)} s; slider ends at ${value})`);
  line(heapGrowth < 512 * 1024, `JS heap ${mb(at100.heap)} → ${mb(atEnd.heap)} (${heapGrowth >= 0 ? '+' : ''}${(heapGrowth / 1024).toFixed(0)} KB)`, 'no growth beyond noise (< 512 KB)');
  // wasm memory grows in 64 KiB pages and never shrinks: a leak grows with
  // the inputs, while the allocator's high-water mark may take a page or two
  // once. So the second half of the run must not grow at all.
  const lateGrowth = atEnd.wasm - atHalf.wasm;
  line(
    lateGrowth === 0 && wasmGrowth <= 256 * 1024,
    `wasm memory ${mb(at100.wasm)} → ${mb(atEnd.wasm)} (${wasmGrowth >= 0 ? '+' : ''}${(wasmGrowth / 1024).toFixed(0)} KB; last ${MEMORY_CHANGES / 2}: +${(lateGrowth / 1024).toFixed(0)} KB)`,
    'no growth (none in the last half)',
  );
}

// 6. Lighthouse --------------------------------------------------------------
async function lighthouseGroup() {
  heading(6, 'Lighthouse 12 (desktop preset, headless Chromium, release build)');
  await ensureBrowser();
  const bin = resolve('node_modules/.bin/lighthouse');
  // Asynchronous: the static server runs in this process and must keep serving.
  const result = await promisify(execFile)(
    bin,
    [
      `${server.url}/`,
      '--preset=desktop',
      '--only-categories=performance,accessibility,best-practices',
      '--output=json',
      '--quiet',
      `--chrome-flags=${CHROMIUM_ARGS.join(' ')}`,
    ],
    { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  ).catch((err) => err);
  if (!result.stdout) {
    console.log(`  MISS lighthouse failed: ${String(result.stderr ?? result).trim().split('\n').slice(-5).join(' ')}`);
    return;
  }
  const report = JSON.parse(result.stdout);
  for (const [id, cat] of Object.entries(report.categories)) {
    const score = Math.round(cat.score * 100);
    line(score >= 99, `${cat.title} ${score}`, '>= 99');
    const failing = cat.auditRefs
      .filter((ref) => ref.weight > 0)
      .map((ref) => report.audits[ref.id])
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual');
    for (const a of failing.slice(0, 6)) console.log(`         ${id}: ${a.id} (${a.score}) ${a.displayValue ?? ''}`);
  }
  const m = report.audits;
  console.log(`       FCP ${m['first-contentful-paint'].displayValue}, LCP ${m['largest-contentful-paint'].displayValue}, TBT ${m['total-blocking-time'].displayValue}, CLS ${m['cumulative-layout-shift'].displayValue}`);
}

try {
  for (const g of groups) {
    if (g === 'size') sizeGroup();
    if (g === 'load') await loadGroup();
    if (g === 'input') await inputGroup();
    if (g === 'memory') await memoryGroup();
    if (g === 'lighthouse') await lighthouseGroup();
  }
} finally {
  await browser?.close();
  await server?.close();
}
