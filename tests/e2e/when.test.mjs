// "When the leads must arrive" end to end (docs/model.md, "Timing"): every
// figure, each quarter's among them, against the oracle for links with seasonality,
// budget phasing and segments, and the quarter inputs used by keyboard alone.
//
//   trunk build --release        (the caller builds dist/ first)
//   node --test tests/e2e/when.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { diffAgainstOracle, openApp, readMetrics, settled, startRelease, stopRelease, waitUntil } from './helpers.mjs';
import { computePlan, scenario, scenarioToQuery, viaLink } from './model.mjs';

const TEST_TIMEOUT = { timeout: 90_000 };

let server;
let browser;

before(async () => {
  ({ server, browser } = await startRelease());
}, { timeout: 60_000 });

after(() => stopRelease({ server, browser }));

/** Every figure on the page, quarters and all, against the oracle. */
function diffQuarters(read, s) {
  return diffAgainstOracle(read, computePlan(s));
}

const SMB = { name: 'SMB', share: 0.6, deal_size: 15_000, sales_cycle_months: 1 };
const ENT = { name: 'Enterprise', share: 0.4, deal_size: 120_000, sales_cycle_months: 9 };
const CASES = [
  ['the example plan, an even year', scenario()],
  ['seasonality and phasing', scenario({ seasonality: [0.4, 0.2, 0.2, 0.2], budget_phasing: [0.1, 0.3, 0.3, 0.3] })],
  ['no sales cycle, a heavy Q4', scenario({ sales_cycle_months: 0, seasonality: [0.1, 0.2, 0.3, 0.4] })],
  [
    'two segments with their own cycles, phased, with pipeline',
    scenario({
      pipeline_revenue: 400_000,
      segments: [SMB, ENT],
      channels: [
        { name: 'Paid search', share: 0.4, cost_per_lead: 150, segment: 0 },
        { name: 'Events', share: 0.4, cost_per_lead: 600, segment: 1 },
      ],
      seasonality: [0.2, 0.25, 0.25, 0.3],
      budget_phasing: [0.4, 0.3, 0.2, 0.1],
    }),
  ],
];

for (const [label, raw] of CASES) {
  test(`quarters match the oracle: ${label}`, TEST_TIMEOUT, async () => {
    const s = viaLink(raw);
    const app = await openApp(browser, `${server.url}/?${scenarioToQuery(s)}`);
    try {
      const { page } = app;
      assert.equal(await page.locator('#link-notice li').count(), 0, 'the link opens without notices');
      const read = await readMetrics(page);
      assert.deepEqual(Object.keys(read.quarters).sort(), ['1', '2', '3', '4'], 'four quarter rows');
      assert.deepEqual(diffQuarters(read, s), []);
      // The months before the year and the quarters share out every lead the goal needs.
      const total =
        Number(read.metrics.leads_needed_before_year) +
        [1, 2, 3, 4].reduce((t, q) => t + Number(read.quarters[q].quarter_leads_needed), 0);
      assert.ok(Math.abs(total - Number(read.metrics.required_leads)) <= 1e-6 * total, `${total} = required_leads`);
      const sentence = await page.locator('#when .before-year').textContent();
      if (Number(read.metrics.leads_needed_before_year) > 0) {
        assert.match(sentence, /need [\d,]+ leads before the plan year starts/);
      } else {
        assert.match(sentence, /No leads are needed before the plan year/);
      }
      assert.deepEqual(app.errors, []);
    } finally {
      await app.close();
    }
  });
}

test('the quarter shares are typed with the keyboard, an off total is named, and "Spread evenly" resets it', TEST_TIMEOUT, async () => {
  const app = await openApp(browser, `${server.url}/`);
  try {
    const { page } = app;
    const q1 = page.locator('#in-seasonality-q1');
    await q1.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('40');
    await page.keyboard.press('Tab');
    await settled(page);
    const error = page.locator('#err-seasonality');
    await waitUntil(async () => (await error.count()) > 0 && /add up to 115%/.test(await error.textContent()), 'the error names the total');
    assert.match(await error.textContent(), /Seasonality/);
    assert.equal(await q1.getAttribute('aria-invalid'), 'true');
    assert.equal(await q1.inputValue(), '40', 'what was typed is kept');
    let read = await readMetrics(page);
    assert.equal(read.quarters[1].quarter_goal, '', 'a quarter figure that needs the seasonality is undefined');
    assert.match(await page.locator('#when tr[data-quarter="1"]').textContent(), /—/);

    // Q2 down to 10%: 40 + 10 + 25 + 25 = 100.
    const q2 = page.locator('#in-seasonality-q2');
    await q2.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('10');
    await page.keyboard.press('Tab');
    await settled(page);
    await waitUntil(async () => (await error.count()) === 0, 'the error clears');
    read = await readMetrics(page);
    const s = viaLink(scenario({ seasonality: [0.4, 0.1, 0.25, 0.25] }));
    assert.deepEqual(diffQuarters(read, s), []);

    // Back to an even year with the keyboard.
    await page.locator('#even-seasonality').focus();
    await page.keyboard.press('Enter');
    await settled(page);
    await waitUntil(async () => (await q1.inputValue()) === '25', 'Q1 is back to 25%');
    assert.equal(await page.locator('#even-seasonality').isDisabled(), true, 'an even year needs no reset');
    read = await readMetrics(page);
    assert.deepEqual(diffQuarters(read, viaLink(scenario())), []);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

/** A reproducible generator (mulberry32): the same links on every run. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Four whole percentages adding up to 100, as fractions. */
function quarterShares(next) {
  const cuts = [0, 1, 2].map(() => Math.floor(next() * 101)).sort((x, y) => x - y);
  return [cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], 100 - cuts[2]].map((p) => p / 100);
}

/** A random plan with seasonality, phasing, a cycle and, mostly, a team. */
function randomPlan(next) {
  const pick = (values) => values[Math.floor(next() * values.length)];
  const team = next() < 0.8;
  return scenario({
    revenue_goal: pick([4_000_000, 12_000_000, 30_000_000]),
    spend: pick([0.05, 0.09, 0.14]),
    sales_cycle_months: pick([0, 1, 3, 6, 13]),
    seasonality: quarterShares(next),
    budget_phasing: quarterShares(next),
    ...(team ? { ae_count: pick([2, 8, 25]), ae_quota: pick([400_000, 900_000]) } : {}),
    ...(team && next() < 0.7 ? { sdr_count: pick([1, 3, 10]), sdr_mqls_per_month: pick([30, 80]) } : {}),
  });
}

test('random links with seasonality, phasing and a team: every figure against the oracle', { timeout: 240_000 }, async () => {
  const next = generator(20261204);
  for (let i = 0; i < 8; i++) {
    const s = viaLink(randomPlan(next));
    const query = scenarioToQuery(s);
    const app = await openApp(browser, `${server.url}/?${query}`);
    try {
      const { page } = app;
      assert.equal(await page.locator('#link-notice li').count(), 0, `${query}: no notices`);
      const read = await readMetrics(page);
      assert.deepEqual(diffAgainstOracle(read, computePlan(s)), [], query);
      // The month chart starts before the year exactly when there is a cycle.
      const first = await page.locator('#when figure[data-chart="lead_months"] .chart-summary').textContent();
      if (s.sales_cycle_months > 0 && Number(read.metrics.leads_needed_before_year) > 0) {
        assert.match(first, /before the plan year starts \(shaded\)/, query);
      } else {
        assert.match(first, /^Every lead the goal needs arrives within the plan year/, query);
      }
      assert.deepEqual(app.errors, [], query);
    } finally {
      await app.close();
    }
  }
});
