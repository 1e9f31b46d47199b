// Numbers typed as people type them, and the rough edges a CEO meets in the
// first minutes: a decimal comma, "0.07" in a percent field, a month by
// name, round slider stops, the example-figures note, a table that fits.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { metricValue, openApp, startRelease, stopRelease, waitUntil } from './helpers.mjs';

const TEST_TIMEOUT = { timeout: 60_000 };

let server;
let browser;

before(async () => {
  ({ server, browser } = await startRelease());
}, { timeout: 60_000 });

after(() => stopRelease({ server, browser }));

const open = (path = '/', options) => openApp(browser, `${server.url}${path}`, options);

test('"0.07" in the budget field asks "Did you mean 7%?" and changes no number until answered', TEST_TIMEOUT, async () => {
  const app = await open('/');
  try {
    const { page } = app;
    const before = await metricValue(page, 'budget');
    const coverage = await metricValue(page, 'coverage');
    await page.fill('#in-spend_pct', '0.07');
    const question = page.locator('#in-spend_pct-ask');
    await question.waitFor();
    assert.match(await question.innerText(), /Did you mean 7%\?/);
    await page.waitForTimeout(200);
    assert.equal(await metricValue(page, 'budget'), before, 'the budget is unchanged while asking');
    assert.equal(await metricValue(page, 'coverage'), coverage, 'so is everything else');
    assert.equal(await page.inputValue('#in-spend_pct'), '0.07', 'what was typed stays');
    assert.match(await page.getAttribute('#in-spend_pct', 'aria-describedby'), /in-spend_pct-ask/);
    // Leaving the field keeps the question and the text.
    await page.locator('#in-win_rate_pct').focus();
    assert.equal(await page.inputValue('#in-spend_pct'), '0.07');

    await question.getByRole('button', { name: 'Use 7%' }).click();
    await waitUntil(async () => (await metricValue(page, 'budget')) === String(12_000_000 * 0.07), 'the budget is 7%');
    assert.equal(await page.inputValue('#in-spend_pct'), '7');
    assert.equal(await question.count(), 0, 'the question is gone');

    // The other answer keeps the tiny budget the text says.
    await page.fill('#in-spend_pct', '0.5');
    await page.locator('#in-spend_pct-ask').getByRole('button', { name: 'Keep 0.5%' }).click();
    await waitUntil(async () => (await metricValue(page, 'budget')) === String(12_000_000 * 0.005), 'the budget is 0.5%');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('a decimal comma, a spaced percent sign and shares typed as fractions', TEST_TIMEOUT, async () => {
  const app = await open('/');
  try {
    const { page } = app;
    await page.fill('#in-spend_pct', '7,5');
    await waitUntil(async () => (await metricValue(page, 'budget')) === String(12_000_000 * 0.075), '"7,5" is 7.5%');
    await page.fill('#in-win_rate_pct', '25 %');
    await waitUntil(async () => (await page.inputValue('#in-win_rate_pct-slider')) === '25', '"25 %" is 25%');
    await page.fill('#in-deal_size', '1.234,5');
    await waitUntil(async () => (await page.inputValue('#in-deal_size')) === '1.234,5', 'kept as typed');
    await page.locator('#in-win_rate_pct').focus();
    assert.equal(await page.inputValue('#in-deal_size'), '1,234.5', 'tidied on leaving: 1234.5');
    // A channel share typed as a fraction asks too.
    const before = await metricValue(page, 'spend');
    await page.fill('#ch-0-share', '0.35');
    const ask = page.locator('#ch-0-share-ask');
    await ask.waitFor();
    assert.match(await ask.innerText(), /Did you mean 35%\?/);
    assert.equal(await metricValue(page, 'spend'), before, 'the mix is unchanged while asking');
    await ask.getByRole('button', { name: 'Use 35%' }).click();
    await waitUntil(async () => (await page.inputValue('#ch-0-share')) === '35', 'the share is 35%');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('the month the cut starts takes "Jul" or "July" and names the month from the plan start', TEST_TIMEOUT, async () => {
  const app = await open('/');
  try {
    const { page } = app;
    const hint = page.locator('.field:has(#in-cut_from_month) .month-name');
    assert.equal(await hint.textContent(), 'July 2026', 'the default month 7');
    await page.fill('#in-cut_from_month', 'Sep');
    await waitUntil(async () => (await hint.textContent()) === 'September 2026', 'Sep is month 9');
    assert.equal(await page.inputValue('#in-cut_from_month-slider'), '9');
    assert.match(await page.locator('.cut-sentence').textContent(), /for September–December 2026 saves/);
    // A plan year from April: July is its 4th month.
    await page.fill('#in-plan-start', '2026-04');
    await page.fill('#in-cut_from_month', 'July');
    await waitUntil(async () => (await page.inputValue('#in-cut_from_month-slider')) === '4', 'July is month 4');
    assert.equal(await hint.textContent(), 'July 2026');
    assert.match(await page.locator('.cut-sentence').textContent(), /for July 2026–March 2027 saves/);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('the revenue-goal slider stops at round figures such as $40M', TEST_TIMEOUT, async () => {
  const app = await open('/');
  try {
    const { page } = app;
    await page.fill('#in-revenue_goal', '38000000');
    const slider = page.locator('#in-revenue_goal-slider');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await waitUntil(async () => (await metricValue(page, 'budget')) === String(40_000_000 * 0.09), 'two steps up is $40M');
    assert.equal(await page.inputValue('#in-revenue_goal'), '40,000,000');
    assert.equal(await slider.getAttribute('aria-valuetext'), '$40,000,000');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('the example-figures note shows only while the plan holds the example figures', TEST_TIMEOUT, async () => {
  const fresh = await open('/');
  const shared = await open('/?win_rate_pct=30');
  try {
    assert.ok(await fresh.page.locator('.example-note').isVisible(), 'the example plan says it is one');
    await fresh.page.fill('#in-win_rate_pct', '30');
    await waitUntil(async () => !(await fresh.page.locator('.example-note').isVisible()), 'an edited plan is not an example');
    assert.equal(await shared.page.locator('.example-note').isVisible(), false, 'a shared plan is not an example');
  } finally {
    await fresh.close();
    await shared.close();
  }
});

test('the multi-year table fits a 1280 px window, Coverage and all', TEST_TIMEOUT, async () => {
  const app = await open('/', { contextOptions: { viewport: { width: 1280, height: 900 } } });
  try {
    const { page } = app;
    await page.locator('#multi-year').scrollIntoViewIfNeeded();
    const fit = await page.evaluate(() => {
      const wrap = document.querySelector('#multi-year .table-wrap');
      const box = wrap.getBoundingClientRect();
      const last = [...wrap.querySelectorAll('thead th')].pop().getBoundingClientRect();
      const coverage = [...wrap.querySelectorAll('thead th')].find((th) => th.textContent === 'Coverage').getBoundingClientRect();
      return { scrolls: wrap.scrollWidth > wrap.clientWidth, coverage: coverage.right <= box.right, last: last.right <= box.right + 0.5 };
    });
    assert.deepEqual(fit, { scrolls: false, coverage: true, last: true });
  } finally {
    await app.close();
  }
});
