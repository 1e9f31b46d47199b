// Benchmark (prints numbers; not a test): time from a keyboard slider change
// to the next frame in the release build, with all charts on the page.
//
//   node tests/e2e/bench-input.mjs [changes=200]
//
// For each ArrowRight/ArrowLeft on the win-rate slider it records, in the
// page: the event's timestamp, when the app's handlers and reactive updates
// were done (a task queued from the input event runs after them), the next
// animation frame, and a task after that frame's paint.
import { startServer, DEFAULT_DIST } from './server.mjs';
import { launchBrowser, openApp } from './helpers.mjs';

const changes = Number(process.argv[2] ?? 200);
const server = await startServer(process.env.E2E_DIST ?? DEFAULT_DIST);
const browser = await launchBrowser();
const app = await openApp(browser, `${server.url}/`);
const { page } = app;

await page.evaluate(() => {
  window.__samples = [];
  const slider = document.querySelector('#in-win_rate_pct-slider');
  slider.addEventListener('input', (event) => {
    const start = event.timeStamp;
    // Runs after every listener of this event and the microtasks they queued.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const handled = performance.now();
      requestAnimationFrame(() => {
        const frame = performance.now();
        const after = new MessageChannel();
        after.port1.onmessage = () => window.__samples.push({ handled: handled - start, frame: frame - start, painted: performance.now() - start });
        after.port2.postMessage(0);
      });
    };
    channel.port2.postMessage(0);
  }, { capture: true });
  slider.focus();
});

for (let i = 0; i < changes; i++) {
  await page.keyboard.press(i % 40 < 20 ? 'ArrowRight' : 'ArrowLeft');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
}
const samples = await page.evaluate(() => window.__samples);
const charts = await page.$$eval('figure[data-chart] svg', (s) => s.length);

function stats(key) {
  const v = samples.map((s) => s[key]).sort((a, b) => a - b);
  const at = (q) => v[Math.min(v.length - 1, Math.floor(q * v.length))];
  return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${v[v.length - 1].toFixed(1)} ms`;
}
console.log(`input-to-paint over ${samples.length} keyboard slider changes (${charts} charts drawn):`);
console.log(`  handlers + reactive update: ${stats('handled')}`);
console.log(`  to next frame:              ${stats('frame')}`);
console.log(`  to after that frame paints: ${stats('painted')}`);
await app.close();
await browser.close();
await server.close();
