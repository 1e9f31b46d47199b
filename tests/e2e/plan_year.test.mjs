// The goal is a plan-year goal (docs/model.md, "Timeline"): a CEO's plan
// that buys the deals but books part of their revenue next year must not be
// told "yes", and pipeline already in place closes the difference.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertMatchesOracle,
  metricText,
  openApp,
  startRelease,
  stopRelease,
  waitUntil,
} from './helpers.mjs';
import { computePlan, scenario, scenarioToQuery, viaLink } from './model.mjs';

const TEST_TIMEOUT = { timeout: 60_000 };

let server;
let browser;

before(async () => {
  ({ server, browser } = await startRelease());
}, { timeout: 60_000 });

after(() => stopRelease({ server, browser }));

/** $40M goal, $28M from existing customers, a 7% budget, four channels, a 26% win rate. */
const WALKTHROUGH = scenario({
  name: 'CEO walkthrough',
  revenue_goal: 40_000_000,
  recurring_revenue: 28_000_000,
  spend: 0.07,
  win_rate: 0.26,
});

const money = (v) => `$${Math.round(v).toLocaleString('en-US')}`;

test('a plan that buys the deals but books part of their revenue next year is not a "yes"', TEST_TIMEOUT, async () => {
  const plan = computePlan(viaLink(WALKTHROUGH));
  // The premise, from the oracle: the budget buys the deals, the plan year misses.
  assert.ok(plan.coverage >= 1 && plan.in_year_attainment < 1, JSON.stringify(plan));
  const app = await openApp(browser, `${server.url}/?${scenarioToQuery(WALKTHROUGH)}`);
  try {
    const { page } = app;
    await assertMatchesOracle(page, plan, 'walkthrough');
    const headline = page.locator('.headline');
    assert.equal(await headline.getAttribute('data-verdict'), 'late');
    const verdict = await page.locator('.headline .verdict').innerText();
    assert.match(verdict, /^Not in the plan year/);
    assert.doesNotMatch(verdict, /^Yes/);
    // The detail: what is booked, what lands next year, what would close it.
    const detail = page.locator('.headline .plan-year');
    assert.ok(await detail.isVisible(), 'the plan-year sentence is shown');
    const text = await detail.innerText();
    for (const figure of [
      money(plan.in_year_revenue),
      money(plan.next_year_marketing_revenue),
      money(plan.in_year_shortfall),
    ]) {
      assert.ok(text.includes(figure), `"${text}" names ${figure}`);
    }
    assert.match(text, /pipeline already in place/);
    assert.match(text, new RegExp(`leads arriving ${plan.earlier_lead_months} months earlier`));
    // The levers section agrees: it never says no lever is needed.
    // textContent: a card far below is not rendered (content-visibility), so it has no innerText.
    const levers = await page.locator('section[aria-labelledby="levers-title"] .explain').textContent();
    assert.doesNotMatch(levers, /No lever is needed/);
    assert.match(levers, /lands after the plan year/);
    // The KPI reads the plan-year figure, and attainment counting next year is labelled so.
    assert.equal(await metricText(page, 'in_year_attainment'), `${(plan.in_year_attainment * 100).toFixed(1)}%`);
    assert.match(await page.locator('.headline').innerText(), /whenever they land/);

    // Typing the shortfall as pipeline already in place closes the plan year.
    const pipeline = Math.ceil(plan.in_year_shortfall);
    await page.fill('#in-pipeline_revenue', String(pipeline));
    await waitUntil(async () => (await headline.getAttribute('data-verdict')) === 'yes', 'the verdict turns to yes');
    assert.match(await page.locator('.headline .verdict').innerText(), /^Yes/);
    assert.ok(!(await detail.isVisible()), 'the plan-year sentence is hidden once the year is closed');
    await assertMatchesOracle(page, computePlan({ ...viaLink(WALKTHROUGH), pipeline_revenue: pipeline }), 'with pipeline');
    const levers2 = await page.locator('section[aria-labelledby="levers-title"] .explain').textContent();
    assert.match(levers2, /No lever is needed/);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('pipeline_revenue travels in share links and its band is drawn on the timeline', TEST_TIMEOUT, async () => {
  const s = { ...WALKTHROUGH, pipeline_revenue: 1_500_000 };
  const app = await openApp(browser, `${server.url}/?${scenarioToQuery(s)}`);
  try {
    const { page } = app;
    assert.equal(await page.inputValue('#in-pipeline_revenue'), '1,500,000');
    await assertMatchesOracle(page, computePlan(viaLink(s)), 'pipeline link');
    const figure = page.locator('figure[data-chart="timeline"]');
    await figure.scrollIntoViewIfNeeded();
    await waitUntil(
      async () => (await figure.locator('svg').innerHTML()).includes('var(--chart-pipeline)'),
      'the timeline draws a pipeline band',
      10_000,
    );
    assert.match(await figure.locator('svg').innerHTML(), /Pipeline from before the year/);
    assert.match(await figure.textContent(), /\$1,500,000 of it from pipeline/);
    // An invalid pipeline is kept as typed, named, and blanks only the plan year.
    await page.fill('#in-pipeline_revenue', '-5');
    await waitUntil(
      async () => (await page.locator('#err-pipeline_revenue').innerText()).includes('between 0 and 10 trillion'),
      'the pipeline field explains its range',
    );
    assert.equal(await page.inputValue('#in-pipeline_revenue'), '-5');
    assert.equal(await metricText(page, 'in_year_attainment'), '—');
    assert.notEqual(await metricText(page, 'coverage'), '—');
    assert.equal(await page.locator('.headline').getAttribute('data-verdict'), 'unknown');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
