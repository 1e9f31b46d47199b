// End-to-end tests of the charts in the built app: all eight render (or say
// why not) for the scenarios the charts issue names, they redraw with the
// numbers, they are accessible, escape user text, and download as files.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { badNumberText, openApp, startRelease, stopRelease, waitUntil } from './helpers.mjs';
import { DEFAULT_SCENARIO, scenario, scenarioToQuery } from './model.mjs';

const CHARTS = ['funnel', 'channel_mix', 'timeline', 'budget_cut', 'levers', 'pacing', 'multi_year', 'lead_months'];
const HOSTILE = '<img src=x onerror=alert(1)>';

let server;
let browser;

before(async () => {
  ({ server, browser } = await startRelease());
}, { timeout: 60_000 });

after(() => stopRelease({ server, browser }));

const twelveChannels = Array.from({ length: 12 }, (_, i) => ({
  name: `Channel ${String(i + 1).padStart(2, '0')} with a long descriptive nam`.slice(0, 40),
  share: 1 / 12 - 1e-4,
  cost_per_lead: 150 + 25 * i,
  lead_to_mql: 0.1 + 0.02 * i,
}));

const SCENARIOS = {
  default: DEFAULT_SCENARIO,
  'one channel': scenario({ channels: [{ name: 'Paid search', share: 1, cost_per_lead: 310, lead_to_mql: 0.26 }] }),
  'twelve channels': scenario({ channels: twelveChannels }),
  'marketing sources no deals': scenario({ marketing_sourced: 0 }),
};

/** Reads each chart figure: whether it drew, its accessible name and its summary. */
async function readCharts(page) {
  return page.$$eval('figure[data-chart]', (figures) =>
    figures.map((f) => {
      const canvas = f.querySelector('.chart-canvas');
      const svg = canvas?.querySelector('svg');
      return {
        id: f.dataset.chart,
        drawn: Boolean(svg),
        role: canvas?.getAttribute('role') ?? null,
        label: canvas?.getAttribute('aria-label') ?? '',
        summary: f.querySelector('.chart-summary')?.textContent ?? '',
        texts: svg ? [...svg.querySelectorAll('text')].map((t) => t.textContent) : [],
        svgBox: svg ? svg.getBoundingClientRect().toJSON() : null,
        figureBox: f.getBoundingClientRect().toJSON(),
      };
    }),
  );
}

/** Text elements of an SVG that overlap each other or leave the drawing. */
async function layoutProblems(page, id) {
  return page.$eval(`figure[data-chart="${id}"] svg`, (svg) => {
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')]
      .filter((t) => t.textContent.trim())
      .map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }));
    const problems = [];
    const slack = 1;
    for (const { text, r } of texts) {
      if (r.left < box.left - slack || r.right > box.right + slack || r.top < box.top - slack || r.bottom > box.bottom + slack) {
        problems.push(`"${text}" is clipped by the chart's edge`);
      }
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].r;
        const b = texts[j].r;
        const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (overlapX > 2 && overlapY > 2) problems.push(`"${texts[i].text}" overlaps "${texts[j].text}"`);
      }
    }
    return problems;
  });
}

for (const width of [1280, 360]) {
  for (const [name, s] of Object.entries(SCENARIOS)) {
    test(`charts at ${width}px, ${name}: all seven present, drawn or explained, labels neither clipped nor overlapping`, { timeout: 60_000 }, async () => {
      const app = await openApp(browser, `${server.url}/?${scenarioToQuery(s)}`, {
        contextOptions: { viewport: { width, height: 900 } },
      });
      try {
        const charts = await readCharts(app.page);
        assert.deepEqual(charts.map((c) => c.id).sort(), [...CHARTS].sort(), 'the eight charts');
        const problems = [];
        for (const c of charts) {
          if (!c.summary.trim()) problems.push(`${c.id}: no summary sentence`);
          if (c.drawn) {
            if (c.role !== 'img') problems.push(`${c.id}: drawing has role ${c.role}`);
            if (!c.label.includes(c.summary.trim())) problems.push(`${c.id}: accessible name lacks the summary`);
            if (c.svgBox.width > width) problems.push(`${c.id}: ${c.svgBox.width}px wide on a ${width}px screen`);
            if (c.svgBox.right > width + 1) problems.push(`${c.id}: extends past the screen's edge`);
            problems.push(...(await layoutProblems(app.page, c.id)).map((p) => `${c.id}: ${p}`));
          }
        }
        // What must draw: everything but the levers draws for these scenarios
        // (levers draw only when the plan falls short).
        for (const id of ['funnel', 'channel_mix', 'timeline', 'budget_cut', 'pacing', 'multi_year', 'lead_months']) {
          const c = charts.find((x) => x.id === id);
          if (id === 'funnel' && name === 'marketing sources no deals') continue;
          if (!c?.drawn) problems.push(`${id}: not drawn (${c?.summary})`);
        }
        // The levers chart shows only while the list of levers does: with no
        // lever needed, the card's sentence says so and no empty chart repeats it.
        const leversList = await app.page.locator('ul.levers').isVisible();
        const leversChart = await app.page.locator('figure[data-chart="levers"]').isVisible();
        if (leversChart !== leversList) problems.push(`levers: chart shown ${leversChart}, list shown ${leversList}`);
        if (name === 'marketing sources no deals' && leversChart) problems.push('levers: an empty chart is shown');
        assert.deepEqual(problems, [], problems.join('\n'));
        assert.deepEqual(await badNumberText(app.page), []);
        const scrollWidth = await app.page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(scrollWidth <= width, `no horizontal scrolling (${scrollWidth}px > ${width}px)`);
        assert.deepEqual(app.errors, []);
      } finally {
        await app.close();
      }
    });
  }
}

test('an input change redraws the numbers and the charts together', { timeout: 60_000 }, async () => {
  // A tall window, so both charts are near the screen (a far one waits until scrolled near).
  const app = await openApp(browser, `${server.url}/`, { contextOptions: { viewport: { width: 1280, height: 1800 } } });
  try {
    const before = await app.page.$eval('figure[data-chart="funnel"] .chart-summary', (e) => e.textContent);
    const beforeSvg = await app.page.$eval('figure[data-chart="timeline"] svg', (e) => e.outerHTML);
    await app.page.fill('#in-spend_pct', '12');
    await waitUntil(
      async () => (await app.page.$eval('figure[data-chart="funnel"] .chart-summary', (e) => e.textContent)) !== before,
      'funnel summary changes',
    );
    const afterSvg = await app.page.$eval('figure[data-chart="timeline"] svg', (e) => e.outerHTML);
    assert.notEqual(afterSvg, beforeSvg, 'the timeline was redrawn');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

/** The drawing of chart `id` (its SVG markup). */
const svgOf = (page, id) =>
  page.$eval(`figure[data-chart="${id}"] .chart-canvas`, (e) => e.querySelector('svg')?.outerHTML ?? e.textContent);
const summaryOf = (page, id) => page.$eval(`figure[data-chart="${id}"] .chart-summary`, (e) => e.textContent);

/** Scrolls chart `id` into view, as a reader does. */
async function scrollToChart(page, id) {
  await page.locator(`figure[data-chart="${id}"]`).scrollIntoViewIfNeeded();
}

test('a chart far off screen is redrawn as it scrolls near, exactly as a fresh page draws it', { timeout: 60_000 }, async () => {
  const app = await openApp(browser, `${server.url}/`);
  const fresh = await openApp(browser, `${server.url}/?${scenarioToQuery(scenario({ spend: 0.12 }))}`);
  try {
    const { page } = app;
    const [beforeSvg, beforeSummary] = [await svgOf(page, 'multi_year'), await summaryOf(page, 'multi_year')];
    await page.fill('#in-spend_pct', '12');
    await waitUntil(async () => (await summaryOf(page, 'multi_year')) !== beforeSummary, 'the far chart\'s summary is current');
    // Two frames on: the charts near the screen have been redrawn by now.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
    assert.equal(await svgOf(page, 'multi_year'), beforeSvg, 'a chart far below the screen keeps its drawing while nobody sees it');
    await scrollToChart(page, 'multi_year');
    await scrollToChart(fresh.page, 'multi_year');
    const expected = await svgOf(fresh.page, 'multi_year');
    assert.notEqual(expected, beforeSvg, 'the new budget changes the multi-year chart');
    await waitUntil(async () => (await svgOf(page, 'multi_year')) === expected, 'scrolled near, it shows the current drawing');
    assert.deepEqual([...app.errors, ...fresh.errors], []);
  } finally {
    await app.close();
    await fresh.close();
  }
});

test('printing draws every chart current, on screen or not', { timeout: 60_000 }, async () => {
  const app = await openApp(browser, `${server.url}/`);
  const fresh = await openApp(browser, `${server.url}/?${scenarioToQuery(scenario({ spend: 0.12 }))}`);
  try {
    const { page } = app;
    const before = await summaryOf(page, 'multi_year');
    await page.fill('#in-spend_pct', '12');
    await waitUntil(async () => (await summaryOf(page, 'multi_year')) !== before, 'the numbers changed');
    await page.emulateMedia({ media: 'print' });
    await fresh.page.emulateMedia({ media: 'print' });
    for (const id of CHARTS) {
      const expected = await svgOf(fresh.page, id);
      await waitUntil(async () => (await svgOf(page, id)) === expected, `printed, ${id} is current`);
    }
    assert.deepEqual([...app.errors, ...fresh.errors], []);
  } finally {
    await app.close();
    await fresh.close();
  }
});

test('a hostile channel name is text in every chart and table', { timeout: 60_000 }, async () => {
  const s = scenario({
    channels: [
      { name: HOSTILE, share: 0.5, cost_per_lead: 200, lead_to_mql: 0.3 },
      { name: 'Events & "shows"', share: 0.5, cost_per_lead: 400 },
    ],
  });
  const app = await openApp(browser, `${server.url}/?${scenarioToQuery(s)}`);
  try {
    for (const button of await app.page.$$('figure[data-chart] button[aria-controls]')) await button.click();
    assert.equal(await app.page.$$eval('img', (els) => els.length), 0, 'no element created from a name');
    const chartText = await app.page.$eval('figure[data-chart="channel_mix"]', (f) => f.textContent);
    assert.ok(chartText.includes('<img'), 'the chart shows the name as literal text');
    assert.ok(
      (await app.page.$$eval('figure[data-chart="channel_mix"] .chart-table th', (ths) => ths.map((t) => t.textContent))).includes(HOSTILE),
      'the table shows the full name as text',
    );
    assert.deepEqual(app.dialogs, []);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('show as table toggles a table with the same data', { timeout: 60_000 }, async () => {
  const app = await openApp(browser, `${server.url}/`);
  try {
    const button = app.page.locator('figure[data-chart="timeline"] button[aria-controls]');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await app.page.locator('figure[data-chart="timeline"] .chart-table').count(), 0);
    await button.click();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    const rows = await app.page.locator('figure[data-chart="timeline"] .chart-table tbody tr').count();
    assert.equal(rows, 12 + DEFAULT_SCENARIO.sales_cycle_months, 'one row per month, next year included');
    await button.click();
    assert.equal(await app.page.locator('figure[data-chart="timeline"] .chart-table').count(), 0);
  } finally {
    await app.close();
  }
});

test('charts download as SVG and PNG files', { timeout: 60_000 }, async () => {
  const app = await openApp(browser, `${server.url}/`, { contextOptions: { acceptDownloads: true } });
  try {
    const figure = app.page.locator('figure[data-chart="funnel"]');
    const [svgDownload] = await Promise.all([
      app.page.waitForEvent('download'),
      figure.getByRole('button', { name: 'Download SVG' }).click(),
    ]);
    assert.match(svgDownload.suggestedFilename(), /^funnel.*\.svg$/);
    const svgPath = await svgDownload.path();
    const { readFileSync } = await import('node:fs');
    const svg = readFileSync(svgPath, 'utf8');
    assert.match(svg, /^<svg/);
    assert.ok(!svg.includes('var(--'), 'colours are resolved in the file');
    assert.match(svg, / width="\d+" height="\d+"/);
    const [pngDownload] = await Promise.all([
      app.page.waitForEvent('download'),
      figure.getByRole('button', { name: 'PNG' }).click(),
    ]);
    assert.match(pngDownload.suggestedFilename(), /^funnel.*\.png$/);
    const png = readFileSync(await pngDownload.path());
    assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG file');
    assert.ok(png.length > 2000, `a real picture (${png.length} bytes)`);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
