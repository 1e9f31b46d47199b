// End-to-end tests of named scenarios: save, open, rename, duplicate,
// delete with undo, two tabs, and a library of 500.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { metricValue, startRelease, stopRelease, waitUntil } from './helpers.mjs';

let server;
let browser;

before(async () => {
  ({ server, browser } = await startRelease());
}, { timeout: 60_000 });

after(() => stopRelease({ server, browser }));

async function newPage(context, errors) {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${server.url}/`);
  await page.waitForSelector('[data-metric="required_leads"]');
  await page.click('#library summary');
  return page;
}

const names = (page) => page.$$eval('.saved-scenario .saved-name', (els) => els.map((e) => e.textContent.trim()));

async function saveAs(page, name) {
  await page.fill('#in-name', name);
  const before = (await names(page)).length;
  await page.click('#save-as-new');
  await waitUntil(async () => (await names(page)).length === before + 1, `“${name}” is listed`);
}

test('scenarios are saved, switched, renamed, duplicated, deleted with undo, and survive a reload', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  const errors = [];
  try {
    const page = await newPage(context, errors);
    await page.fill('#in-spend_pct', '7');
    await saveAs(page, 'Conservative');
    await saveAs(page, 'Aggressive');
    await page.fill('#in-spend_pct', '14');
    assert.match(await page.textContent('.unsaved'), /Changes not yet saved to “Aggressive”/);
    // The page never claims a named scenario with unsaved edits is saved.
    const status = await page.textContent('#save-status');
    assert.match(status, /not yet saved to “Aggressive”/);
    assert.doesNotMatch(status, /as you edit/);
    assert.match(await page.textContent('.saved-scenario.active .badge'), /unsaved changes/);
    assert.ok(await page.locator('.field-head .unsaved-badge').isVisible(), 'marked beside the name');
    const aggressiveBudget = String(12_000_000 * 0.14);
    await waitUntil(async () => (await metricValue(page, 'budget')) === aggressiveBudget, 'the edit shows');
    assert.deepEqual(await names(page), ['Aggressive', 'Conservative']);
    const summary = await page.textContent('.saved-scenario:has-text("Conservative") .saved-summary');
    assert.match(summary, /^Goal \$12M · budget \$840K · coverage [\d.]+% · ROI -?[\d.]+%$/);
    assert.match(await page.textContent('.saved-scenario:has-text("Conservative") .saved-meta'), /^Modified \d/);

    await page.click('.saved-scenario:has-text("Conservative") .saved-name');
    await waitUntil(async () => (await page.inputValue('#in-name')) === 'Conservative', 'switched');
    assert.equal(await page.inputValue('#in-spend_pct'), '7', 'Conservative is as it was saved');
    assert.match(await page.textContent('#save-status'), /up to date/);
    assert.equal(await page.locator('.field-head .unsaved-badge').count(), 0, 'nothing unsaved');

    await page.click('.saved-scenario:has-text("Conservative") .rename');
    await page.fill('.rename-input', 'FY27 board version');
    await page.press('.rename-input', 'Enter');
    await waitUntil(async () => (await names(page)).includes('FY27 board version'), 'renamed');
    assert.equal(await page.inputValue('#in-name'), 'FY27 board version', 'renaming the open scenario renames the plan');

    await page.click('.saved-scenario:has-text("Aggressive") .duplicate');
    await waitUntil(async () => (await names(page)).includes('Aggressive (copy)'), 'duplicated');
    assert.equal(await page.inputValue('#in-name'), 'Aggressive (copy)', 'the copy opens');
    assert.match(await page.textContent('.saved-scenario.active .saved-name'), /Aggressive \(copy\)/);
    await page.click('.saved-scenario:has-text("FY27 board version") .saved-name');
    await waitUntil(async () => (await page.inputValue('#in-name')) === 'FY27 board version', 'back to the board version');

    await page.click('.saved-scenario:has-text("Aggressive (copy)") .delete');
    await waitUntil(async () => !(await names(page)).includes('Aggressive (copy)'), 'deleted');
    await page.click('#undo-delete');
    await waitUntil(async () => (await names(page)).includes('Aggressive (copy)'), 'undone');

    await page.reload();
    await page.waitForSelector('[data-metric="required_leads"]');
    await page.click('#library summary');
    assert.deepEqual((await names(page)).sort(), ['Aggressive', 'Aggressive (copy)', 'FY27 board version']);
    assert.equal(await page.inputValue('#in-name'), 'FY27 board version', 'the open scenario is restored');
    await page.click('.saved-scenario:has-text("Aggressive") >> nth=0 >> .saved-name');
    await waitUntil(async () => (await metricValue(page, 'budget')) === aggressiveBudget, 'Aggressive opens with its numbers');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a scenario saved in one tab appears in the other, and neither loses one', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  const errors = [];
  try {
    const a = await newPage(context, errors);
    const b = await newPage(context, errors);
    await saveAs(a, 'Saved in tab A');
    await waitUntil(async () => (await names(b)).includes('Saved in tab A'), 'tab B sees it');
    await saveAs(b, 'Saved in tab B');
    await waitUntil(async () => (await names(a)).includes('Saved in tab B'), 'tab A sees it');
    assert.deepEqual((await names(a)).sort(), ['Saved in tab A', 'Saved in tab B']);
    assert.deepEqual((await names(b)).sort(), ['Saved in tab A', 'Saved in tab B']);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('500 saved scenarios: the list opens and switching is quick (prints the times)', { timeout: 90_000 }, async () => {
  const context = await browser.newContext();
  const errors = [];
  try {
    const seed = await context.newPage();
    await seed.goto(`${server.url}/`);
    await seed.waitForSelector('[data-metric="required_leads"]');
    await seed.evaluate(() => {
      localStorage.clear();
      for (let i = 0; i < 500; i++) {
        const scenario = { name: `Scenario ${String(i).padStart(3, '0')}`, revenue_goal: 1e6 * (i + 1), spend: 0.05 + (i % 10) / 100 };
        localStorage.setItem(`budget-planner:scenario:id-${i}`, JSON.stringify({ schema: 1, data: { id: `id-${i}`, modified_ms: 1.7e12 + i * 1000, scenario } }));
      }
    });
    await seed.close();
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    const started = Date.now();
    await page.goto(`${server.url}/`);
    await page.waitForSelector('[data-metric="required_leads"]');
    const loadMs = Date.now() - started;
    const openMs = await page.evaluate(async () => {
      const t = performance.now();
      document.querySelector('#library summary').click();
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t;
    });
    assert.equal((await names(page)).length, 500);
    const switchMs = await page.evaluate(async () => {
      const t = performance.now();
      [...document.querySelectorAll('.saved-scenario .saved-name')].find((b) => b.textContent.trim() === 'Scenario 250').click();
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t;
    });
    assert.equal(await page.inputValue('#in-name'), 'Scenario 250');
    assert.equal(await metricValue(page, 'budget'), String(251e6 * 0.05));
    console.log(`500 scenarios: page load ${loadMs} ms, open the list ${openMs.toFixed(1)} ms, switch ${switchMs.toFixed(1)} ms`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the plan downloads as CSV, safe against formula injection', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const errors = [];
  try {
    const page = await newPage(context, errors);
    await page.fill('[data-channel-row="0"] .ch-name', '=HYPERLINK("http://x")');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.match(csv, /^Inputs\r\n/);
    assert.ok(csv.includes('Win rate (%),22\r\n'), 'rates as percentages');
    assert.ok(csv.includes(`Leads,${await metricValue(page, 'required_leads')},${await metricValue(page, 'funded_leads')}`), 'the funnel, unrounded');
    assert.ok(csv.includes(`"'=HYPERLINK(""http://x"")"`), 'the formula is neutralised');
    assert.ok(!csv.split('\r\n').some((line) => /^[=+@]/.test(line)), 'no line starts a formula');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('scenarios export as JSON and import into another browser with a preview', { timeout: 60_000 }, async () => {
  const first = await browser.newContext({ acceptDownloads: true });
  const second = await browser.newContext();
  const errors = [];
  try {
    const page = await newPage(first, errors);
    await saveAs(page, 'Plan A');
    await saveAs(page, 'Plan B');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const file = await download.path();
    const json = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(json.schema, 3);
    assert.deepEqual(json.data.map((s) => s.scenario.name).sort(), ['Plan A', 'Plan B']);

    const [one] = await Promise.all([page.waitForEvent('download'), page.click('.saved-scenario:has-text("Plan A") .export-one')]);
    assert.equal(one.suggestedFilename(), 'plan-a.json');
    assert.deepEqual(JSON.parse(readFileSync(await one.path(), 'utf8')).data.map((s) => s.scenario.name), ['Plan A']);

    const other = await newPage(second, errors);
    await saveAs(other, 'Already here');
    await other.setInputFiles('#import-file', file);
    await other.waitForSelector('#import-preview');
    assert.match(await other.textContent('#import-preview'), /adds 2 scenarios: Plan B, Plan A/);
    await other.click('#import-confirm');
    await waitUntil(async () => (await names(other)).length === 3, 'imported');
    assert.deepEqual((await names(other)).sort(), ['Already here', 'Plan A', 'Plan B']);

    await other.setInputFiles('#import-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"schema": 42, "data": []}') });
    await other.waitForSelector('#import-preview');
    assert.match(await other.textContent('#import-preview'), /Nothing imported: .*newer version/);
    assert.equal((await names(other)).length, 3, 'nothing changed');
    assert.deepEqual(errors, []);
  } finally {
    await first.close();
    await second.close();
  }
});

test('two to four saved scenarios compare side by side against a chosen baseline, differences signed and judged', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  const errors = [];
  try {
    const page = await newPage(context, errors);
    await saveAs(page, 'Lean');
    await page.fill('#in-spend_pct', '12');
    await saveAs(page, 'Bold');
    assert.equal(await page.locator('#compare').count(), 0);
    await page.check('.saved-scenario:has-text("Lean") .compare-box');
    assert.equal(await page.locator('#compare').count(), 0, 'one scenario is not a comparison');
    await page.check('.saved-scenario:has-text("Bold") .compare-box');
    await page.waitForSelector('#compare');
    const header = await page.$$eval('#compare thead th', (ths) => ths.map((t) => t.textContent));
    // The scenario being edited (Bold, saved last) is the baseline until another is chosen.
    assert.deepEqual(header, ['Scenario', 'Lean', 'Bold (baseline)']);
    const row = (label) => page.$$eval('#compare tbody tr', (rows, label) => {
      const found = rows.find((r) => r.querySelector('th').textContent === label);
      return [...found.querySelectorAll('td')].map((td) => [td.textContent, td.dataset.change]);
    }, label);
    let budget = await row('Marketing budget');
    assert.deepEqual(budget[1], ['$1,440,000', ''], 'the baseline is not marked');
    assert.deepEqual(budget[0], ['$1,080,000 (\u2212$360,000)', 'changed'], 'an input: signed, neither better nor worse');
    // Lean's smaller budget buys fewer deals: its coverage is worse, in points.
    const coverage = await row('Deals funded vs needed');
    assert.equal(coverage[0][1], 'worse');
    assert.match(coverage[0][0], /\(\u2212[\d.]+ pts\)$/);
    assert.deepEqual((await row('Win rate')).map((c) => c[1]), ['', ''], 'equal values are not marked');
    assert.doesNotMatch(await page.textContent('#compare'), /\((higher|lower)\)/, 'no bare (higher)');

    // Choosing Lean as the baseline turns the signs around.
    await page.selectOption('#compare-baseline', { label: 'Lean' });
    await waitUntil(async () => (await page.textContent('#compare thead')).includes('Lean (baseline)'), 'Lean is the baseline');
    budget = await row('Marketing budget');
    assert.deepEqual(budget[1], ['$1,440,000 (+$360,000)', 'changed']);
    const gap = await row('Budget gap');
    assert.equal(gap[1][1], 'better', 'a lower budget gap is better');
    assert.match(gap[1][0], /\(\u2212\$[\d,]+\)$/);
    const color = await page.$eval('#compare td[data-change="better"] .change', (el) => getComputedStyle(el).color);
    const neutral = await page.$eval('#compare td[data-change="changed"] .change', (el) => getComputedStyle(el).color);
    assert.notEqual(color, neutral, 'a better figure reads in its own colour, not as a changed input');
    assert.equal(await page.locator('#compare figure[data-chart="timeline"] svg').count(), 2, 'a timeline each');
    const ids = await page.$$eval('[id]', (els) => els.map((e) => e.id));
    assert.equal(new Set(ids).size, ids.length, 'element ids stay unique');
    await page.click('#compare >> text=Close comparison');
    assert.equal(await page.locator('#compare').count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a damaged saved scenario is reported, kept, and the others still load', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  const errors = [];
  try {
    const seed = await context.newPage();
    await seed.goto(`${server.url}/`);
    await seed.waitForSelector('[data-metric="required_leads"]');
    await seed.evaluate(() => {
      localStorage.setItem('budget-planner:scenario:broken', '{"schema":1,"data":{"scenario":');
      localStorage.setItem('budget-planner:scenario:fine', JSON.stringify({ schema: 1, data: { id: 'fine', modified_ms: 1, scenario: { name: 'Still fine' } } }));
    });
    await seed.close();
    const page = await newPage(context, errors);
    assert.deepEqual(await names(page), ['Still fine']);
    assert.match(await page.textContent('#storage-notice'), /budget-planner:scenario:broken.*could not be read/);
    const kept = await page.evaluate(() => [localStorage.getItem('budget-planner:scenario:broken'), Object.keys(localStorage).filter((k) => k.startsWith('budget-planner:backup:')).length]);
    assert.deepEqual(kept, ['{"schema":1,"data":{"scenario":', 1], 'left as it is, with one backup');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
