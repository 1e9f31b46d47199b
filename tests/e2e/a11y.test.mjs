// Accessibility gates: axe-core (every rule of WCAG 2.0–2.2 A/AA, every
// impact) on every view in light and dark, keyboard use, live regions, and
// reflow at 360 px and at 200% zoom.
//
// VIEWS is the list of views: append one ({ name, url, prepare }) and it is
// checked in both themes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { ACTION_TIMEOUT_MS, openApp, startRelease, stopRelease, waitUntil } from './helpers.mjs';

let server;
let browser;

before(async () => {
  ({ server, browser } = await startRelease());
}, { timeout: 60_000 });

after(() => stopRelease({ server, browser }));

async function saveAs(page, name) {
  const count = () => page.locator('.saved-scenario').count();
  const before = await count();
  await page.fill('#in-name', name);
  await page.click('#save-as-new');
  await waitUntil(async () => (await count()) === before + 1, `“${name}” is saved`);
}

/**
 * Every view of the planner. `url` is relative to the server; `prepare(page)`
 * brings the page into the view after it loaded.
 */
export const VIEWS = [
  { name: 'full planner', url: '/' },
  {
    name: 'full planner with a field error',
    url: '/',
    prepare: async (page) => {
      await page.locator('#in-win_rate_pct').fill('150');
      await page.locator('#err-win_rate_pct').waitFor({ state: 'visible' });
    },
  },
  {
    name: 'full planner with every chart as a table and the library open',
    url: '/',
    prepare: async (page) => {
      await page.click('#library summary');
      const closed = page.locator('figure[data-chart] button[aria-expanded="false"]');
      assert.ok((await closed.count()) >= 5, 'every chart has a table toggle');
      while ((await closed.count()) > 0) await closed.first().click();
      await page.waitForSelector('figure[data-chart] table');
    },
  },
  { name: 'embed', url: '/?embed=1&title=Plan%20your%20budget' },
  {
    name: 'compare',
    url: '/',
    prepare: async (page) => {
      await page.click('#library summary');
      await saveAs(page, 'Lean');
      await page.fill('#in-win_rate_pct', '30');
      await saveAs(page, 'Bold');
      await page.check('.saved-scenario:has-text("Lean") .compare-box');
      await page.check('.saved-scenario:has-text("Bold") .compare-box');
      await page.waitForSelector('#compare figure[data-chart] svg');
    },
  },
];

const THEMES = ['light', 'dark'];

/** Like openApp, for any view: ready when the coverage metric is there (the embed has no funnel counts). */
async function openView(url, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(`console.error: ${msg.text()}`));
  await page.goto(`${server.url}${url}`, { waitUntil: 'load' });
  await page.waitForSelector('[data-metric="coverage"]', { state: 'attached', timeout: 20_000 });
  // The charts below the first screenful are drawn just after it: check them drawn.
  await page.waitForFunction(() => !document.querySelector('figure[aria-busy="true"]'));
  return { page, errors, close: () => context.close() };
}

async function axeViolations(page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, ' ').slice(0, 160)}]` : ''}`)
        .join(' | ')}`,
  );
}

for (const view of VIEWS) {
  for (const theme of THEMES) {
    test(`axe: no violations on the ${view.name} (${theme})`, { timeout: 90_000 }, async () => {
      const app = await openView(view.url, { colorScheme: theme, ...(view.contextOptions ?? {}) });
      try {
        await view.prepare?.(app.page);
        const v = await axeViolations(app.page);
        assert.deepEqual(v, [], `axe violations:\n  ${v.join('\n  ')}`);
        assert.deepEqual(app.errors, []);
      } finally {
        await app.close();
      }
    });
  }
}

/** A short description of the focused element, and whether its focus shows. */
function focusedElement() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== 'none';
  const label =
    el.id ||
    el.getAttribute('aria-label') ||
    (el.tagName === 'SUMMARY' ? `summary:${el.closest('details')?.id}` : '') ||
    `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim().slice(0, 30)}`;
  const rect = el.getBoundingClientRect();
  return {
    label,
    top: rect.top + scrollY,
    visibleFocus: outline || shadow,
    inChart: !!el.closest('figure[data-chart]'),
    inResults: !!el.closest('.results'),
    inChannels: !!el.closest('[data-channel], .channel-mix, #channels'),
  };
}

test('keyboard: tabbing goes through the page in reading order, focus always visible', { timeout: 120_000 }, async () => {
  const app = await openApp(browser, `${server.url}/`);
  const { page } = app;
  try {
    const seen = [];
    for (let i = 0; i < 250; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(focusedElement);
      if (!f || (seen.length && f.label === seen[0].label)) break; // back at the start
      seen.push(f);
    }
    const labels = seen.map((f) => f.label);
    const at = (label) => {
      const i = labels.indexOf(label);
      assert.ok(i >= 0, `${label} is reachable with Tab; order was:\n  ${labels.join('\n  ')}`);
      return i;
    };
    const expected = [
      'in-name',
      'in-currency',
      'in-revenue_goal-slider',
      'in-revenue_goal',
      'in-deal_size-slider',
      'in-spend_pct-slider',
      'in-win_rate_pct-slider',
      'in-win_rate_pct',
      'in-lifetime_value-slider',
    ];
    const order = expected.map(at);
    assert.deepEqual(order, [...order].sort((a, b) => a - b), `inputs in visual order; tab order was:\n  ${labels.join('\n  ')}`);
    const firstResult = seen.findIndex((f) => f.inResults);
    const lastInput = at('in-lifetime_value');
    assert.ok(firstResult > lastInput, 'the results controls come after every input');
    const channel = seen.findIndex((f) => f.inChannels);
    assert.ok(channel > at('in-spend_pct') && channel < at('in-lead_to_mql_pct-slider'), 'channels come with the budget, before the funnel');
    assert.ok(seen.some((f) => f.inChart), 'chart controls are reachable');
    const invisible = seen.filter((f) => !f.visibleFocus).map((f) => f.label);
    assert.deepEqual(invisible, [], 'every focused element shows a focus indicator');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('keyboard: a slider moves with the arrow keys and says its value with units', { timeout: 60_000 }, async () => {
  const app = await openApp(browser, `${server.url}/`);
  const { page } = app;
  try {
    const slider = page.locator('#in-win_rate_pct-slider');
    await slider.focus();
    const before = { value: await slider.inputValue(), text: await slider.getAttribute('aria-valuetext') };
    assert.match(before.text, /^\d+(\.\d+)?%$/, 'a rate says "%"');
    await page.keyboard.press('ArrowRight');
    await waitUntil(async () => (await slider.getAttribute('aria-valuetext')) !== before.text, 'the value text follows');
    const afterRight = await slider.inputValue();
    assert.equal(Number(afterRight), Number(before.value) + 1);
    assert.equal(await slider.getAttribute('aria-valuetext'), `${afterRight}%`);
    assert.equal(await page.inputValue('#in-win_rate_pct'), afterRight, 'the number field follows');
    const money = await page.locator('#in-revenue_goal-slider').getAttribute('aria-valuetext');
    assert.match(money, /^\$[\d,.]+$/, 'money says its currency');
    const months = await page.locator('#in-sales_cycle_months-slider').getAttribute('aria-valuetext');
    assert.match(months, /^\d+ months?$/, 'the sales cycle says "months"');
  } finally {
    await app.close();
  }
});

test('live regions: the headline verdict is announced politely, the numbers are not', { timeout: 60_000 }, async () => {
  const app = await openApp(browser, `${server.url}/`);
  const { page } = app;
  try {
    const live = await page.evaluate(() =>
      [...document.querySelectorAll('[aria-live], [role="status"], [role="alert"], [role="log"], [role="marquee"], [role="timer"], output')].map((el) => ({
        polite: el.getAttribute('aria-live') === 'polite',
        headline: !!el.closest('.headline'),
        className: el.className,
        metrics: el.querySelectorAll('[data-metric]').length,
      })),
    );
    const verdict = live.filter((l) => l.headline);
    assert.equal(verdict.length, 1, 'one live region in the headline');
    assert.ok(verdict[0].polite, 'the headline is polite');
    assert.equal(verdict[0].className, 'verdict');
    const noisy = live.filter((l) => l.metrics > 0);
    assert.deepEqual(noisy, [], 'no live region holds result numbers');
    const before = await page.textContent('.headline .verdict');
    await page.fill('#in-spend_pct', '30');
    await waitUntil(async () => (await page.textContent('.headline .verdict')) !== before, 'the verdict changes with the plan');
  } finally {
    await app.close();
  }
});

const REFLOW = [
  { name: '360 px wide', contextOptions: { viewport: { width: 360, height: 740 } } },
  { name: '200% zoom of a 1280 px window', contextOptions: { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 } },
];

for (const { name, contextOptions } of REFLOW) {
  for (const url of ['/', '/?embed=1']) {
    test(`reflow: no horizontal scrolling at ${name} (${url})`, { timeout: 60_000 }, async () => {
      const app = await openView(url, contextOptions);
      try {
        await app.page.waitForSelector('figure[data-chart] svg');
        const { scrollWidth, innerWidth, wide } = await app.page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth,
          wide: [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5)
            .filter((el) => !el.closest('.table-wrap, [hidden]'))
            .slice(0, 5)
            .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className}`),
        }));
        assert.ok(scrollWidth <= innerWidth, `page is ${scrollWidth} px wide in a ${innerWidth} px window; too wide: ${wide.join(', ')}`);
      } finally {
        await app.close();
      }
    });
  }
}
