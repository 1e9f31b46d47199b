// End-to-end tests of the planning-meeting features and the strict
// Content-Security-Policy: industry presets, MQL/SQL definitions, the print
// (PDF) view, the presentation view, and the app running under the policy
// the README documents.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import {
  assertMatchesOracle,
  DIST,
  openApp,
  readMetrics,
  startRelease,
  stopRelease,
  waitUntil,
} from './helpers.mjs';
import { computePlan, scenario, scenarioToQuery } from './model.mjs';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const TEST_TIMEOUT = { timeout: 90_000 };

let server;
let browser;

before(async () => {
  ({ server, browser } = await startRelease());
}, { timeout: 60_000 });

after(() => stopRelease({ server, browser }));

/** The number of pages of a PDF made by Chromium (one `/Type /Page` object each). */
function pdfPages(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

test('a preset sets its published figures, shows their sources, and can be undone', TEST_TIMEOUT, async () => {
  const app = await openApp(browser, `${server.url}/`);
  try {
    const { page } = app;
    const before = await readMetrics(page);
    await page.selectOption('#preset', 'b2b-services');
    const sources = page.locator('.preset-sources');
    await sources.locator('summary').click();
    const text = await sources.textContent();
    assert.match(text, /The CMO Survey/, 'the budget figure names its source');
    assert.match(text, /HubSpot/, 'the cost-per-lead figures name theirs');
    assert.match(text, /Paid search 40% of budget at \$370 per lead/);

    await page.click('#apply-preset');
    // B2B services: 9% budget, sales-led medians, three channels at HubSpot's costs.
    const expected = scenario({
      spend: 0.09,
      lead_to_mql: 0.26,
      mql_to_sql: 0.36,
      sql_to_opp: 0.44,
      win_rate: 0.22,
      channels: [
        { name: 'Paid search', share: 0.4, cost_per_lead: 370, lead_to_mql: null },
        { name: 'Content & SEO', share: 0.35, cost_per_lead: 198, lead_to_mql: null },
        { name: 'Events', share: 0.25, cost_per_lead: 400, lead_to_mql: null },
      ],
    });
    await waitUntil(async () => (await page.locator('[data-channel-row]').count()) === 3, 'three channels');
    await assertMatchesOracle(page, computePlan(expected), 'after the B2B services preset');
    assert.equal(await page.inputValue('#in-revenue_goal'), '12,000,000', 'the goal is kept');
    assert.match(await page.locator('.preset-status').textContent(), /Applied “B2B services”/);

    await page.click('#undo-preset');
    await waitUntil(async () => (await page.locator('[data-channel-row]').count()) === 4, 'four channels again');
    const restored = await readMetrics(page);
    assert.deepEqual(restored.metrics, before.metrics, 'undo restores every number');
    assert.equal(await page.locator('#undo-preset').count(), 0, 'undo is offered once');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('the embedded layout offers the presets too', TEST_TIMEOUT, async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/?embed=1`);
    await page.waitForSelector('[data-metric="coverage"]');
    await page.selectOption('#preset', 'enterprise');
    await page.click('#apply-preset');
    // Enterprise medians: a 18% win rate, shown in the embed's win-rate field.
    await waitUntil(async () => (await page.inputValue('#in-win_rate_pct')) === '18', 'the win rate follows');
    assert.equal(await page.inputValue('#in-spend_pct'), '7.7');
  } finally {
    await context.close();
  }
});

test('definitions are kept as typed, saved, shared, and an over-long one is flagged', TEST_TIMEOUT, async () => {
  const app = await openApp(browser, `${server.url}/`, { permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    const { page } = app;
    await page.fill('#in-mql_definition', 'Fits our customer profile\nand asked for a demo');
    await page.fill('#in-sql_definition', 'Sales accepted it: budget & timing');
    assert.match(await page.locator('#count-sql_definition').textContent(), /^34 of 280 characters$/);
    await page.click('#copy-link');
    const link = await page.inputValue('#share-link');
    const params = new URL(link).searchParams;
    assert.equal(params.get('mql_definition'), 'Fits our customer profile\nand asked for a demo');
    assert.equal(params.get('sql_definition'), 'Sales accepted it: budget & timing');

    // Saved as edited: a reload shows the same text.
    await page.reload();
    await page.waitForSelector('[data-metric="required_leads"]');
    assert.equal(await page.inputValue('#in-mql_definition'), 'Fits our customer profile\nand asked for a demo');

    // Too long: an error names the field and the limit; nothing is cut off.
    const long = 'x'.repeat(300);
    await page.fill('#in-sql_definition', long);
    const error = page.locator('#err-sql_definition');
    assert.equal(await error.textContent(), 'SQL definition must be at most 280 characters, without control characters');
    assert.equal(await page.inputValue('#in-sql_definition'), long);
    assert.equal(await page.getAttribute('#in-sql_definition', 'aria-invalid'), 'true');

    // A shared link with definitions opens with them.
    const other = await openApp(browser, link);
    try {
      assert.equal(await other.page.inputValue('#in-sql_definition'), 'Sales accepted it: budget & timing');
    } finally {
      await other.close();
    }
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('the print view is one page on A4 and Letter, with the plan and no controls', TEST_TIMEOUT, async () => {
  const query = new URLSearchParams({
    name: 'Board plan FY27',
    mql_definition: 'Fits our customer profile and asked for a demo',
    sql_definition: 'Accepted by sales after a discovery call',
  });
  const app = await openApp(browser, `${server.url}/?${query}`, { contextOptions: { colorScheme: 'dark' } });
  try {
    const { page } = app;
    for (const format of ['A4', 'Letter']) {
      const pdf = await page.pdf({ format, printBackground: true });
      assert.equal(pdfPages(pdf), 1, `${format}: one page`);
    }
    await page.emulateMedia({ media: 'print' });
    const visible = (selector) => page.locator(selector).first().isVisible();
    for (const hidden of ['#in-revenue_goal', '#copy-link', '#print-plan', '#present-toggle', '.chart-actions', '#apply-preset']) {
      assert.equal(await visible(hidden), false, `${hidden} is not printed`);
    }
    for (const shown of ['.print-summary', '[data-metric="coverage"]', '[data-metric="required_leads"]',
      'figure[data-chart="funnel"] svg', 'figure[data-chart="timeline"] svg', '[data-metric="lost_in_year_revenue"]',
      'table.channel-results', '[data-metric="in_year_attainment"]']) {
      assert.equal(await visible(shown), true, `${shown} is printed`);
    }
    const summary = await page.locator('.print-summary').textContent();
    for (const part of ['Board plan FY27', 'Fits our customer profile and asked for a demo',
      'Accepted by sales after a discovery call', 'Revenue goal', '$12,000,000', 'Paid search 35% at $310 a lead']) {
      assert.ok(summary.includes(part), `the printed summary has “${part}”`);
    }
    // The default cut (20%) is set, so it is printed, as a what-if; the
    // multi-year view at its defaults is not.
    assert.match(await page.locator('#cut-title').innerText(), /^What-if:/);
    assert.equal(await visible('#multi-year'), false, 'the multi-year view at its defaults is not printed');
    // Printed on white whatever the screen's theme.
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(255, 255, 255)');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

/** Twelve channels with long names. */
const TWELVE = Array.from({ length: 12 }, (_, i) => ({ name: `Channel number ${i + 1}`, share: 0.08, cost_per_lead: 100 + 40 * i }));

test('every plan prints on one page: twelve channels, check-ins with a five-year view, and both with no cut', TEST_TIMEOUT, async () => {
  const plans = [
    ['twelve channels', scenarioToQuery(scenario({ name: 'Twelve', channels: TWELVE }))],
    ['check-ins and a five-year view', 'name=Tracked&years=5&growth_pct=30&year_change=3~12~~', 3],
    ['all of it, no cut', `${scenarioToQuery(scenario({ name: 'Everything', channels: TWELVE, cut: 0 }))}&years=5&growth_pct=30`, 2],
    [
      'all of it with a sales team and seasonality',
      `${scenarioToQuery(scenario({ name: 'Staffed', channels: TWELVE, seasonality: [0.1, 0.2, 0.3, 0.4], ae_count: 8, ae_quota: 600_000, sdr_count: 2, sdr_mqls_per_month: 50 }))}&years=5&growth_pct=30`,
      2,
    ],
  ];
  for (const [label, query, checkIns = 0] of plans) {
    const app = await openApp(browser, `${server.url}/?${query}`);
    try {
      const { page } = app;
      for (let i = 0; i < checkIns; i++) {
        await page.click('#add-check-in');
        await page.fill(`#check-in-${i}-date`, `2026-0${i + 2}-15`);
        await page.fill(`#check-in-${i}-leads`, String(500 * (i + 1)));
      }
      for (const format of ['A4', 'Letter']) {
        const pdf = await page.pdf({ format, printBackground: true });
        assert.equal(pdfPages(pdf), 1, `${label}, ${format}: one page`);
      }
      await page.emulateMedia({ media: 'print' });
      const visible = (selector) => page.locator(selector).first().isVisible();
      assert.equal(await page.locator('table.channel-results tbody tr').count(), label === 'check-ins and a five-year view' ? 4 : 12);
      assert.equal(await visible('table.channel-results'), true, `${label}: the channel table is printed`);
      assert.equal(await visible('#multi-year table'), label !== 'twelve channels', `${label}: the multi-year table is printed when set`);
      assert.equal(await visible('section[aria-labelledby="cut-title"]'), label !== 'all of it, no cut', `${label}: the cut only when set`);
      assert.equal(await visible('#when table.quarters'), true, `${label}: the quarter table is printed`);
      assert.equal(await visible('#when .quarter-shares'), false, `${label}: not the quarter inputs`);
      assert.equal(await visible('#capacity'), label.includes('sales team'), `${label}: the team only when planned`);
      assert.deepEqual(app.errors, []);
    } finally {
      await app.close();
    }
  }
});

test('the presentation view shows large results without the inputs, and Escape leaves it', TEST_TIMEOUT, async () => {
  const app = await openApp(browser, `${server.url}/`, { contextOptions: { viewport: { width: 1920, height: 1080 } } });
  try {
    const { page } = app;
    const kpiSize = () => page.$eval('.kpi-value', (el) => parseFloat(getComputedStyle(el).fontSize));
    const normal = await kpiSize();
    await page.click('#present-toggle');
    assert.equal(await page.getAttribute('#present-toggle', 'aria-pressed'), 'true');
    assert.equal(await page.locator('.inputs').isVisible(), false, 'the inputs make way');
    const large = await kpiSize();
    assert.ok(large >= 40 && large > normal * 1.5, `headline numbers grow from ${normal}px to ${large}px`);
    assert.equal(await page.locator('.present-name').textContent(), 'FY27 growth plan');
    // The numbers are the same numbers.
    await assertMatchesOracle(page, computePlan(scenario()), 'presenting');
    await page.keyboard.press('Escape');
    await waitUntil(async () => (await page.getAttribute('#present-toggle', 'aria-pressed')) === 'false', 'Escape leaves');
    assert.equal(await page.locator('.inputs').isVisible(), true);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

/** The policy README.md documents, read from its code block. */
function documentedPolicy() {
  const readme = readFileSync(README, 'utf8');
  const match = readme.match(/^Content-Security-Policy: (.+)$/m);
  assert.ok(match, 'README.md documents a Content-Security-Policy line');
  return match[1].trim();
}

test('the built app runs under the documented Content-Security-Policy', TEST_TIMEOUT, async () => {
  const policy = documentedPolicy();
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(policy, /unsafe-inline|https?:/, 'no inline code and no third-party origin');
  const strict = await startServer(DIST, 0, { headers: { 'Content-Security-Policy': policy } });
  try {
    assert.doesNotMatch(readFileSync(join(DIST, 'index.html'), 'utf8'), /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline script');
    for (const path of ['/', '/?embed=1&accent=%23aa2200']) {
      const context = await browser.newContext({ acceptDownloads: true });
      const violations = [];
      const errors = [];
      try {
        await context.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (e) => {
            window.__violations = window.__violations ?? [];
            window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
          });
        });
        const page = await context.newPage();
        page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
        page.on('pageerror', (e) => errors.push(String(e)));
        const response = await page.goto(strict.url + path);
        assert.equal(response.headers()['content-security-policy'], policy);
        await page.waitForSelector('[data-metric="coverage"]');
        // Work the page: an input, a chart drawn again, a PNG download (canvas + blob image).
        await page.fill('#in-win_rate_pct', '30');
        await page.keyboard.press('Tab');
        const figure = page.locator('figure[data-chart="funnel"]');
        await figure.locator('svg').waitFor();
        const [png] = await Promise.all([
          page.waitForEvent('download'),
          figure.getByRole('button', { name: 'PNG' }).click(),
        ]);
        assert.match(png.suggestedFilename(), /\.png$/);
        if (path.includes('accent')) {
          const accent = await page.$eval('#planner', (el) => getComputedStyle(el).getPropertyValue('--accent').trim());
          assert.equal(accent, '#aa2200', 'the accent colour applies without an inline style');
        }
        violations.push(...(await page.evaluate(() => window.__violations ?? [])));
        assert.deepEqual(violations, [], `${path}: no policy violations`);
        assert.deepEqual(errors, [], `${path}: no errors`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await strict.close();
  }
});

test('axe finds no violations in the print and presentation views, light and dark', TEST_TIMEOUT, async () => {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  for (const colorScheme of ['light', 'dark']) {
    const app = await openApp(browser, `${server.url}/?mql_definition=Asked%20for%20a%20demo`, {
      contextOptions: { colorScheme, viewport: { width: 1600, height: 1000 } },
    });
    try {
      const { page } = app;
      const check = async (view) => {
        const result = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
          .analyze();
        const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
        assert.deepEqual(found, [], `${view}, ${colorScheme}: axe violations`);
      };
      await page.click('#present-toggle');
      await check('presentation');
      await page.click('#present-toggle');
      await page.emulateMedia({ media: 'print' });
      await check('print');
    } finally {
      await app.close();
    }
  }
});
