// Benchmarks of the release build in headless Chromium (prints numbers; not
// a test). Run by `.ci/bench`, or after `trunk build --release`:
//
//   node tests/bench/web.mjs [group…]     groups: size load input memory lighthouse mobile
//
// With no group, every group runs. Each figure is printed beside its target
// from the performance targets; "ok" or "MISS" says which side of it the figure is.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { promisify } from 'node:util';
import { DEFAULT_DIST, startServer } from '../e2e/server.mjs';
import { startNginx } from '../e2e/nginx.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchBrowser, openApp } from '../e2e/helpers.mjs';

const DIST = process.env.E2E_DIST ? resolve(process.env.E2E_DIST) : DEFAULT_DIST;
const ALL = ['size', 'load', 'input', 'memory', 'lighthouse', 'mobile'];
const groups = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
for (const g of groups) if (!ALL.includes(g)) throw new Error(`unknown group ${g}; one of ${ALL.join(' ')}`);

const LOADS = Number(process.env.BENCH_LOADS ?? 9);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 200);
const MEMORY_CHANGES = Number(process.env.BENCH_MEMORY_CHANGES ?? 10_000);
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 5);

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

/** GET `path` from `base` with `Accept-Encoding: encoding`: the body as sent (not decoded) and its encoding. */
function wire(base, path, encoding) {
  return new Promise((done, fail) => {
    const req = request(new URL(path, `${base}/`), { headers: { 'Accept-Encoding': encoding } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) fail(new Error(`${path}: HTTP ${res.statusCode}`));
        else done({ bytes: Buffer.concat(chunks).length, encoding: res.headers['content-encoding'] ?? 'none' });
      });
    }).on('error', fail);
    req.end();
  });
}

// 1b. Transfer as served: nginx with deploy/nginx/planner.conf, as deployed.
async function servedSizeGroup() {
  heading('1b', 'Transfer as served (nginx with deploy/nginx/planner.conf, response bodies on the wire)');
  const base = (await ensureNginx()).url;
  // What the first screen needs: index.html and everything its <head> loads
  // (start-up script, wasm-bindgen glue, wasm, stylesheet, icon, Intl warm-up).
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*?\s(?:src|href)="\.?\/?([^"]+)"/g)].map((m) => m[1]);
  const paths = ['/', ...new Set(refs.map((r) => `/${r}`))];
  const totals = { br: 0, gzip: 0 };
  console.log(`       ${'file'.padEnd(46)} ${'brotli'.padStart(10)} ${'gzip'.padStart(10)}`);
  for (const path of paths) {
    const [br, gz] = [await wire(base, path, 'br'), await wire(base, path, 'gzip')];
    if (br.encoding !== 'br' || gz.encoding !== 'gzip') {
      console.log(`  MISS ${path} came back as ${br.encoding} / ${gz.encoding}, not br / gzip`);
    }
    totals.br += br.bytes;
    totals.gzip += gz.bytes;
    const name = path === '/' ? '/ (index.html)' : path;
    console.log(`       ${name.padEnd(46)} ${kb(br.bytes).padStart(10)} ${kb(gz.bytes).padStart(10)}`);
  }
  line(totals.br <= 220 * 1024, `first screen as served: ${kb(totals.br)} brotli (${kb(totals.gzip)} gzip)`, '<= 220 KB brotli');
}

// Helpers for the browser groups ---------------------------------------------
let server;
let browser;
let nginx;
async function ensureBrowser() {
  server ??= await startServer(DIST);
  browser ??= await launchBrowser();
}
async function ensureNginx() {
  nginx ??= await startNginx(DIST);
  return nginx;
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
  // What the slider shows (its aria-valuetext, else its value) before the
  // first press and after each: proof that the presses change it.
  const shown = (sel) => page.evaluate((s) => {
    const el = document.querySelector(s);
    return el.getAttribute('aria-valuetext') ?? el.value;
  }, sel);
  const values = [await shown(selector)];
  for (let i = 0; i < changes; i++) {
    await press(page, i);
    // The next change comes once the frame after this one has been painted
    // and the work queued after it (the charts) has run.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    values.push(await shown(selector));
  }
  await page.waitForTimeout(300); // let the observer deliver the last entries
  const events = await page.evaluate(() => window.__events);
  events.values = values;
  return events;
}

/** "22% → 42% at most → 22% at the end; 200 of 200 presses changed it" */
function valueTrail(values) {
  const changed = values.slice(1).filter((v, i) => v !== values[i]).length;
  return `value ${values[0]} → ${values[20] ?? values.at(-1)} after 20 presses → ${values.at(-1)} at the end; ${changed} of ${values.length - 1} presses changed it`;
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

// The sliders measured: a plain one (the win rate, 1–100 %) and the revenue
// goal, a log-scale money slider whose value is a stop index turned into a
// round figure (src/scale.rs); it drives every number on the page.
// The third case is the heaviest plan the page takes: 6 segments (docs/model.md,
// "Segments"), each with its own deal size and cycle, and 12 channels, two
// feeding each segment, opened from a share link.
const SIX_SEGMENTS = (() => {
  const shares = [20, 20, 15, 15, 15, 15];
  const segments = shares.map((share, g) => `segment=${encodeURIComponent(`Segment ${g + 1}`)}~${share}~${15000 * (g + 1)}~~~~~${g + 1}~`);
  const channels = Array.from({ length: 12 }, (_, i) => `channel=${encodeURIComponent(`Channel ${i + 1}`)}~${i < 10 ? 8 : 10}~${150 + 25 * i}~~${(i % 6) + 1}`);
  return `?${[...segments, ...channels].join('&')}`;
})();
const SLIDERS = [
  { name: 'win-rate slider', selector: '#in-win_rate_pct-slider', query: '' },
  { name: 'revenue-goal slider', selector: '#in-revenue_goal-slider', query: '' },
  { name: 'win-rate slider, 6 segments × 12 channels', selector: '#in-win_rate_pct-slider', query: SIX_SEGMENTS },
];

// 3. Input to next paint -------------------------------------------------------
async function inputGroup() {
  heading(3, `Input to next paint: ${CHANGES} keyboard changes of each of ${SLIDERS.map((s) => s.name).join(' and ')}`);
  await ensureBrowser();
  const blank = await browser.newPage();
  await blank.setContent(FLOOR_PAGE);
  const floorEvents = (await keyboardTimings(blank, '#s', CHANGES)).map((e) => e.duration);
  const floor = spread(floorEvents, CHANGES);
  await blank.close();
  const fmt = (v) => (v === 0 ? '< 16 ms' : `${v.toFixed(0)} ms`);
  const pfmt = (v) => (v === 0 ? '< 16 ms (unreported)' : ms(v));
  // Event Timing rounds durations to 8 ms: how many presses took each step.
  const steps = (durations) => {
    const count = (lo, hi) => durations.filter((d) => d >= lo && d < hi).length;
    return `under 16 ms ${CHANGES - durations.length}, 16 ms ${count(16, 24)}, 24 ms ${count(24, 32)}, 32 ms or more ${count(32, Infinity)}`;
  };
  console.log(`       browser floor (a page that only shows the value): p50 ${fmt(floor.p50)}, p95 ${fmt(floor.p95)}, max ${fmt(floor.max)}`);
  console.log(`       key presses by duration, floor page: ${steps(floorEvents)}`);

  for (const slider of SLIDERS) {
    const app = await openApp(browser, `${server.url}/${slider.query}`);
    const { page } = app;
    if (slider.query) {
      // The link must open as the plan it describes, or the case measures nothing.
      const cards = await page.evaluate(() => document.querySelectorAll('#segments .segment-row').length);
      const notices = await page.evaluate(() => document.querySelectorAll('#link-notice li').length);
      if (cards !== 6 || notices !== 0) throw new Error(`the 6-segment link opened with ${cards} segments and ${notices} notices`);
    }
    const events = await keyboardTimings(page, slider.selector, CHANGES);
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
    const d = spread(events.map((e) => e.duration), CHANGES);
    const p = spread(events.map((e) => e.processing), CHANGES);
    console.log(`     ${slider.name} (${slider.selector}):`);
    console.log(`       ${valueTrail(events.values)}`);
    console.log(`       ${charts} charts on the page, ${visible} of them drawn, ${near} near the screen (redrawn with each change)`);
    console.log(`       key presses by duration, planner:    ${steps(events.map((e) => e.duration))}`);
    line(d.p95 <= 16, `${slider.name}: input-to-next-paint p50 ${fmt(d.p50)}, p95 ${fmt(d.p95)}, max ${fmt(d.max)}`, 'p95 <= 16 ms');
    line(p.p95 <= 3, `${slider.name}: handler p50 ${pfmt(p.p50)}, p95 ${pfmt(p.p95)}, max ${pfmt(p.max)}`, 'p95 <= 3 ms');
  }
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

/** One Lighthouse run against `url` with `flags`; the parsed report, or an Error. */
async function lighthouse(url, flags) {
  const bin = resolve('node_modules/.bin/lighthouse');
  // Asynchronous: the servers run in this process (nginx as its child) and must keep serving.
  const result = await promisify(execFile)(
    bin,
    [url, ...flags, '--output=json', '--quiet', `--chrome-flags=${CHROMIUM_ARGS.join(' ')}`],
    { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  ).catch((err) => err);
  if (!result.stdout) return new Error(String(result.stderr ?? result).trim().split('\n').slice(-5).join(' '));
  return JSON.parse(result.stdout);
}

/** The audits of `category` that lose points, as "id (score) value" lines. */
function failingAudits(report, category) {
  return report.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => report.audits[ref.id])
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
    .map((a) => `${a.id} (${a.score}) ${a.displayValue ?? ''}`.trim());
}

// 6. Lighthouse, desktop ---------------------------------------------------
async function lighthouseGroup() {
  heading(6, 'Lighthouse 12 (desktop preset, headless Chromium, release build served by nginx)');
  const { url } = await ensureNginx();
  const report = await lighthouse(`${url}/`, ['--preset=desktop', '--only-categories=performance,accessibility,best-practices']);
  if (report instanceof Error) {
    console.log(`  MISS lighthouse failed: ${report.message}`);
    return;
  }
  for (const [id, cat] of Object.entries(report.categories)) {
    const score = Math.round(cat.score * 100);
    line(score >= 99, `${cat.title} ${score}`, '>= 99');
    for (const a of failingAudits(report, id).slice(0, 6)) console.log(`         ${id}: ${a}`);
  }
  const m = report.audits;
  console.log(`       FCP ${m['first-contentful-paint'].displayValue}, LCP ${m['largest-contentful-paint'].displayValue}, TBT ${m['total-blocking-time'].displayValue}, CLS ${m['cumulative-layout-shift'].displayValue}`);
}

// 7. Lighthouse, mobile ----------------------------------------------------
// Lighthouse's default settings, no preset: a phone screen, simulated slow 4G
// (150 ms round trip, 1.6 Mbit/s down) and a 4x slower CPU. Simulated, so
// each run loads the page at full speed and models the timings.
async function mobileGroup() {
  heading(7, `Lighthouse 12 mobile (default: slow 4G, 4x CPU slowdown, simulated; median of ${LIGHTHOUSE_RUNS} runs, served by nginx)`);
  const { url } = await ensureNginx();
  const pages = [
    { name: 'planner', path: '/', target: 95 },
    { name: 'embed', path: '/?embed=1', target: 98 },
  ];
  for (const { name, path, target } of pages) {
    const runs = [];
    for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
      const report = await lighthouse(`${url}${path}`, ['--only-categories=performance']);
      if (report instanceof Error) {
        console.log(`  MISS ${name}: lighthouse failed: ${report.message}`);
        continue;
      }
      const a = report.audits;
      runs.push({
        report,
        score: Math.round(report.categories.performance.score * 100),
        fcp: a['first-contentful-paint'].numericValue,
        lcp: a['largest-contentful-paint'].numericValue,
        tbt: a['total-blocking-time'].numericValue,
        si: a['speed-index'].numericValue,
        cls: a['cumulative-layout-shift'].numericValue,
      });
    }
    if (!runs.length) continue;
    const s = (v) => `${(v / 1000).toFixed(2)} s`;
    console.log(`     ${name} (${path}), each run: performance / FCP / LCP / TBT / Speed Index / CLS`);
    runs.forEach((r, i) => console.log(`       run ${i + 1}: ${r.score} / ${s(r.fcp)} / ${s(r.lcp)} / ${r.tbt.toFixed(0)} ms / ${s(r.si)} / ${r.cls.toFixed(3)}`));
    const score = median(runs.map((r) => r.score));
    const tbt = median(runs.map((r) => r.tbt));
    const lcp = median(runs.map((r) => r.lcp));
    line(score >= target, `${name}: performance ${score} (median; runs ${runs.map((r) => r.score).join(', ')})`, `>= ${target}`);
    line(tbt <= 100, `${name}: total blocking time ${tbt.toFixed(0)} ms (median)`, '<= 100 ms');
    line(lcp <= 2000, `${name}: largest contentful paint ${s(lcp)} (median)`, '<= 2.0 s');
    // What costs points, in the run with the median score.
    const mid = [...runs].sort((x, y) => x.score - y.score)[Math.floor(runs.length / 2)];
    for (const a of failingAudits(mid.report, 'performance').slice(0, 6)) console.log(`         ${a}`);
  }
}

try {
  for (const g of groups) {
    if (g === 'size') {
      sizeGroup();
      await servedSizeGroup();
    }
    if (g === 'load') await loadGroup();
    if (g === 'input') await inputGroup();
    if (g === 'memory') await memoryGroup();
    if (g === 'lighthouse') await lighthouseGroup();
    if (g === 'mobile') await mobileGroup();
  }
} finally {
  await browser?.close();
  await server?.close();
  await nginx?.close();
}
