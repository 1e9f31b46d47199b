// End-to-end test of embedding: the example host page (tests/e2e/host/) is
// served from a different localhost origin and frames the planner, which
// sizes the iframe through postMessage.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DIST, startServer } from './server.mjs';
import { launchBrowser, waitUntil } from './helpers.mjs';

const DIST = process.env.E2E_DIST ? resolve(process.env.E2E_DIST) : DEFAULT_DIST;
const HOST_DIR = join(dirname(fileURLToPath(import.meta.url)), 'host');
let app;
let host;
let browser;

before(async () => {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run the release build first');
  app = await startServer(DIST);
  host = await startServer(HOST_DIR);
  browser = await launchBrowser();
}, { timeout: 60_000 });

after(async () => {
  await browser?.close();
  await app?.close();
  await host?.close();
});

test('the host page on another origin embeds the planner and resizes with it', { timeout: 60_000 }, async () => {
  assert.notEqual(new URL(app.url).origin, new URL(host.url).origin, 'two origins');
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const errors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    // The example host has no favicon; only the planner's errors count.
    page.on('console', (m) => {
      if (m.type() === 'error' && !(m.location()?.url ?? '').startsWith(host.url)) errors.push(m.text());
    });
    const src = `${app.url}/?embed=1&title=${encodeURIComponent('Acme: <b>plan</b>')}&accent=%23aa2200&win_rate_pct=25`;
    await page.goto(`${host.url}/index.html?app=${encodeURIComponent(src)}`);
    const frame = page.frameLocator('#budget-planner');
    await frame.locator('[data-metric="coverage"]').first().waitFor();
    const fits = async () => {
      const [frameHeight, docHeight] = await Promise.all([
        page.$eval('#budget-planner', (f) => f.getBoundingClientRect().height),
        frame.locator('html').evaluate((html) => html.offsetHeight),
      ]);
      return Math.abs(frameHeight - docHeight) <= 2 ? frameHeight : null;
    };
    await waitUntil(fits, 'the iframe takes the planner\'s height');
    const first = await fits();
    assert.ok(first > 300, `a real height (${first}px)`);
    const scrolls = await frame.locator('html').evaluate((html) => html.scrollHeight > html.clientHeight + 1);
    assert.equal(scrolls, false, 'no scrollbar inside the frame');

    assert.equal(await frame.locator('.embed-title').textContent(), 'Acme: <b>plan</b>', 'the title is text');
    const accent = await frame.locator('#planner').evaluate((el) => getComputedStyle(el).getPropertyValue('--accent').trim());
    assert.equal(accent, '#aa2200');
    const href = await frame.locator('#open-full').getAttribute('href');
    assert.ok(href.startsWith(app.url) && href.includes('win_rate_pct=25') && !href.includes('embed'), href);

    await frame.locator('#in-win_rate_pct').fill('150');
    await frame.locator('#err-win_rate_pct').waitFor();
    await waitUntil(async () => { const h = await fits(); return h && h !== first; }, 'the iframe follows the new height');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a bad branding value falls back silently', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${app.url}/?embed=1&accent=red;background:url(x)&background=url(x)&title=&win_rate_pct=900`);
    await page.waitForSelector('[data-metric="coverage"]');
    assert.equal(await page.locator('#link-notice').count(), 0, 'no error shown to the visitor');
    const style = await page.locator('#planner').getAttribute('style');
    assert.equal(style, null, 'no style from an invalid colour');
    assert.equal(await page.locator('html').getAttribute('style'), null, 'no page background from an invalid colour');
    assert.equal(await page.inputValue('#in-win_rate_pct'), '22', 'the default win rate');
    assert.equal(await page.locator('.embed-title').textContent(), 'What will your revenue goal take?');
  } finally {
    await context.close();
  }
});

test('in a sandboxed iframe with no storage the planner still plans and says it cannot save', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  const errors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !(m.location()?.url ?? '').startsWith(host.url)) errors.push(m.text());
    });
    await page.goto(`${host.url}/index.html?app=${encodeURIComponent('about:blank')}`);
    // No allow-same-origin: the frame gets an opaque origin, so localStorage throws.
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.id = 'sandboxed';
      frame.setAttribute('sandbox', 'allow-scripts');
      frame.style.height = '900px';
      frame.src = src;
      document.body.append(frame);
    }, `${app.url}/`);
    const frame = page.frameLocator('#sandboxed');
    await frame.locator('[data-metric="required_leads"]').first().waitFor();
    assert.match(await frame.locator('#save-status').textContent(), /Not saving/);
    const before = await frame.locator('[data-metric="required_leads"]').first().getAttribute('data-value');
    await frame.locator('#in-win_rate_pct').fill('30');
    await waitUntil(
      async () => (await frame.locator('[data-metric="required_leads"]').first().getAttribute('data-value')) !== before,
      'it still plans',
    );
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('background=transparent sits on the host page; at 375 px nothing is cut off; hidden assumptions are listed', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const errors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !(m.location()?.url ?? '').startsWith(host.url)) errors.push(m.text());
    });
    const src = `${app.url}/?embed=1&background=transparent&recurring_revenue=7000000&pipeline_revenue=250000`;
    await page.goto(`${host.url}/index.html?app=${encodeURIComponent(src)}`);
    await page.evaluate(() => { document.body.style.background = 'rgb(253, 230, 138)'; });
    const frame = page.frameLocator('#budget-planner');
    await frame.locator('[data-metric="coverage"]').first().waitFor();
    const background = await frame.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(background, 'rgba(0, 0, 0, 0)', 'the embed paints no page background of its own');
    // Revenue from existing customers is an input of the embed, and the rest is stated.
    assert.equal(await frame.locator('#in-recurring_revenue').inputValue(), '7,000,000');
    const assumed = await frame.locator('.embed-assumptions').textContent();
    for (const part of ['50% of new deals sourced by marketing', 'a 4-month sales cycle', '4 channels', '$250,000 of pipeline']) {
      assert.ok(assumed.includes(part), `"${assumed}" names ${part}`);
    }
    const href = await frame.locator('#open-full').getAttribute('href');
    assert.ok(href.includes('recurring_revenue=7000000') && href.includes('pipeline_revenue=250000'), href);
    // Nothing sticks out sideways at phone width.
    const overflow = await frame.locator('html').evaluate((html) => {
      const wide = [...document.querySelectorAll('body *')].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > html.clientWidth + 1 || r.left < -1);
      });
      return { scroll: html.scrollWidth - html.clientWidth, wide: wide.slice(0, 5).map((el) => el.outerHTML.slice(0, 80)) };
    });
    assert.deepEqual(overflow, { scroll: 0, wide: [] }, 'no element is cut off at 375 px');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
