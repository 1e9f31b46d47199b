// End-to-end tests of tracking the plan: three check-ins with
// pacing, the slipping stage and the forecast, checked against numbers
// computed here independently; reload, export and import; and the
// multi-year table updating live with the scenario.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_SCENARIO, compareValue, computePlan, scenario, scenarioToQuery, viaLink } from './model.mjs';
import AxeBuilder from '@axe-core/playwright';
import { openApp, readMetrics, startRelease, stopRelease, waitUntil } from './helpers.mjs';

const STAGES = ['spend', 'leads', 'mqls', 'sqls', 'opportunities', 'wins', 'revenue'];

/** Three check-ins of the default plan (plan year from January 2026). */
const CHECK_INS = [
  { date: '2026-02-14', actuals: [70000, 450, 110, 40, 18, null, null] },
  { date: '2026-04-30', actuals: [190000, 1300, 330, 85, 40, 2, 120000] },
  { date: '2026-06-30', actuals: [290000, 2000, 520, 130, 60, 6, 360000] },
];

let server;
let browser;

before(async () => {
  ({ server, browser } = await startRelease());
}, { timeout: 60_000 });

after(() => stopRelease({ server, browser }));

// ---------------------------------------------------------------- oracle

/** Days in a month, from the JavaScript calendar (month 1–12). */
const daysInMonth = (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Months of the plan year elapsed by the end of `date`. */
function elapsedMonths(planStart, date) {
  const [ys, ms] = planStart.split('-').map(Number);
  const [y, m, d] = date.split('-').map(Number);
  return (y - ys) * 12 + (m - ms) + d / daysInMonth(y, m);
}

const percentText = (f) => `${Number((f * 100).toFixed(1))}%`;
const countText = (v) => v.toLocaleString('en-US', { maximumFractionDigits: v >= 100 ? 0 : 1 });

/**
 * 12 × the share of the budget spent in the first `t` months, a part month
 * pro rata (docs/model.md, "Check-ins against the phased plan"): `t` in an
 * even year.
 */
function weightTo(phasing, t) {
  if (phasing === undefined) return t;
  const c = Math.min(12, Math.max(0, t));
  const whole = Math.floor(c);
  const w = (m) => (m >= 1 && m <= 12 ? 4 * phasing[Math.floor((m - 1) / 3)] : 0);
  let sum = 0;
  for (let m = 1; m <= whole; m++) sum += w(m);
  return sum + (c - whole) * w(whole + 1);
}

/** Plan to date, pace, forecast, achieved rates and the slipping sentence. */
function expectCheckIn(plan, s, { date, actuals }) {
  const e = elapsedMonths('2026-01', date);
  const L = s.sales_cycle_months;
  const W = (t) => weightTo(s.budget_phasing, t);
  const a = Object.fromEntries(STAGES.map((k, i) => [k, actuals[i]]));
  const year = {
    spend: plan.spend,
    leads: plan.funded_leads,
    mqls: plan.funded_mqls,
    sqls: plan.funded_sqls,
    opportunities: plan.funded_opportunities,
    wins: plan.projected_wins,
    revenue: plan.projected_marketing_revenue,
  };
  const delayed = (k) => k === 'wins' || k === 'revenue';
  const out = { check_in_elapsed_months: e };
  for (const k of STAGES) {
    const toDate = delayed(k) ? (year[k] * W(Math.max(0, e - L))) / 12 : (year[k] * W(e)) / 12;
    const inYear = delayed(k) ? (year[k] * W(Math.max(0, 12 - L))) / 12 : year[k];
    out[`plan_to_date_${k}`] = toDate;
    out[`actual_${k}`] = a[k];
    out[`pace_${k}`] = a[k] === null || toDate === 0 ? null : a[k] / toDate;
    out[`plan_year_${k}`] = inYear;
    out[`forecast_${k}`] = out[`pace_${k}`] === null ? null : out[`pace_${k}`] * inYear;
  }
  const ratio = (x, y) => (x === null || y === null || y === 0 ? null : x / y);
  const closable = a.opportunities === null ? null : (a.opportunities * W(Math.max(0, e - L))) / W(e);
  const rates = [
    ['Lead→MQL', 'lead_to_mql', ratio(a.mqls, a.leads), plan.blended_lead_to_mql],
    ['MQL→SQL', 'mql_to_sql', ratio(a.sqls, a.mqls), s.mql_to_sql],
    ['SQL→opportunity', 'sql_to_opp', ratio(a.opportunities, a.sqls), s.sql_to_opp],
    ['Win rate', 'win_rate', e <= L ? null : ratio(a.wins, closable), s.win_rate],
  ];
  for (const [, id, achieved, planned] of rates) {
    out[`achieved_${id}`] = achieved;
    out[`planned_${id}`] = planned;
  }
  out.achieved_cpl = ratio(a.spend, a.leads);
  out.planned_cpl = plan.blended_cpl;
  // The stage costing the most deals while behind plan (< 90%).
  const candidates = [];
  if (out.pace_leads !== null) {
    candidates.push({
      ratio: out.pace_leads,
      text: `Lead volume is running at ${percentText(out.pace_leads)} of plan (${countText(a.leads)} leads against ${countText(out.plan_to_date_leads)} planned to date)`,
    });
  }
  for (const [label, , achieved, planned] of rates) {
    if (achieved !== null) {
      candidates.push({
        ratio: achieved / planned,
        text: `${label} is running at ${percentText(achieved)} against ${percentText(planned)} planned`,
      });
    }
  }
  const behind = candidates.filter((c) => c.ratio < 0.9).sort((x, y) => x.ratio - y.ratio);
  if (behind.length) {
    const worst = behind[0];
    const atRisk = plan.projected_wins * (1 - worst.ratio);
    out.deals_at_risk = atRisk;
    out.sentence = `${worst.text}: this alone puts ${Math.round(atRisk)} deals at risk.`;
  } else {
    out.deals_at_risk = null;
  }
  return out;
}

/** Mismatches between a check-in's data-values on the page and `expected`. */
function diffCheckIn(read, expected) {
  const problems = [];
  for (const [id, value] of Object.entries(expected)) {
    if (id === 'sentence') continue;
    const why = compareValue(read[id], value);
    if (why) problems.push(`${id}: ${why}`);
  }
  return problems;
}

// ---------------------------------------------------------------- driving

async function recordCheckIns(page) {
  for (const [i, { date, actuals }] of CHECK_INS.entries()) {
    await page.click('#add-check-in');
    await page.fill(`#check-in-${i}-date`, date);
    for (const [k, v] of actuals.entries()) {
      if (v !== null) await page.fill(`#check-in-${i}-${STAGES[k]}`, String(v));
    }
  }
}

const KEY = 'budget-planner:working';

test('three check-ins show pacing, the slipping stage and the forecast, survive a reload, export and import', { timeout: 120_000 }, async () => {
  const { page, errors, close } = await openApp(browser, `${server.url}/`, { contextOptions: { acceptDownloads: true } });
  let second;
  try {
    await recordCheckIns(page);
    const s = scenario();
    const plan = computePlan(s);
    const expected = CHECK_INS.map((c) => expectCheckIn(plan, s, c));
    // The middle of the test: the first check-in slips on lead volume, the
    // third on MQL→SQL (25% against 36%).
    assert.match(expected[0].sentence, /^Lead volume is running at 84.3% of plan/);
    assert.match(expected[2].sentence, /^MQL→SQL is running at 25% against 36% planned/);
    await waitUntil(async () => {
      const read = await readMetrics(page);
      return expected.every((e, i) => read.checkIns[i] && diffCheckIn(read.checkIns[i], e).length === 0);
    }, 'every check-in matches the oracle', 10_000).catch(async (err) => {
      const read = await readMetrics(page);
      const problems = expected.flatMap((e, i) => diffCheckIn(read.checkIns[i] ?? {}, e).map((p) => `check-in ${i} ${p}`));
      assert.deepEqual(problems, [], err.message);
    });
    for (const [i, e] of expected.entries()) {
      assert.equal((await page.textContent(`[data-check-in="${i}"] .slipping`)).trim(), e.sentence, `check-in ${i} sentence`);
    }
    // The forecast at the third check-in: 6 deals in the 2 months since
    // deals began, over the 8 in-year months → 24 deals; revenue likewise.
    const third = (await readMetrics(page)).checkIns['2'];
    assert.equal(Number(third.forecast_wins), 24);
    assert.equal(Number(third.forecast_revenue), 1_440_000);
    // Pacing chart: drawn, its table lists the three check-ins in date order.
    assert.ok(await page.$('#chart-pacing .chart-canvas svg'), 'pacing chart drawn');
    assert.match(await page.textContent('#chart-pacing .chart-summary'), /^At the latest check-in \(2026-06-30\): leads 93.7% of plan/);
    await page.click('#chart-pacing button[aria-controls="chart-pacing-table"]');
    const rows = await page.$$eval('#chart-pacing-table tbody tr th', (ths) => ths.map((t) => t.textContent));
    assert.deepEqual(rows, ['1 (2026-02-14)', '2 (2026-04-30)', '3 (2026-06-30)']);

    // Validation: a negative actual is an error naming the field; nothing typed is lost.
    await page.fill('#check-in-1-leads', '-5');
    assert.match(await page.textContent('#err-check-in-1-leads'), /Leads must be a number from 0/);
    assert.equal(await page.inputValue('#check-in-1-leads'), '-5');
    assert.equal((await readMetrics(page)).checkIns['1'].actual_leads, '');
    await page.fill('#check-in-1-leads', '300');
    assert.match(await page.textContent('[data-check-in="1"] .flag'), /More MQLs than leads/);
    await page.fill('#check-in-1-leads', '1300');
    await page.fill('#check-in-1-date', '2027-01-05');
    assert.match(await page.textContent('#check-in-1-date-error'), /within the plan year, 2026-01-01 to 2026-12-31/);
    await page.fill('#check-in-1-date', '2026-04-30');

    // Reload: every check-in is back, with the same numbers.
    const before = (await readMetrics(page)).checkIns;
    await waitUntil(async () => (await page.evaluate((k) => localStorage.getItem(k), KEY))?.includes('"2026-04-30"'), 'autosaved');
    await page.reload();
    await page.waitForSelector('[data-check-in="2"]', { state: 'attached' });
    assert.deepEqual((await readMetrics(page)).checkIns, before);
    assert.equal(await page.inputValue('#check-in-2-date'), '2026-06-30');

    // Export: the check-ins travel in the scenario's JSON.
    await page.click('#library summary');
    await page.fill('#in-name', 'Tracked plan');
    await page.click('#save-as-new');
    await page.waitForSelector('.saved-scenario:has-text("Tracked plan")');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const file = await download.path();
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const tracking = json.data[0].scenario.tracking;
    assert.deepEqual(tracking.check_ins.map((c) => c.date), CHECK_INS.map((c) => c.date));
    assert.equal(tracking.check_ins[2].leads, 2000);
    assert.equal(tracking.check_ins[0].wins, null, 'a blank actual stays blank');

    // Import into another browser and open it: the same check-ins.
    second = await openApp(browser, `${server.url}/`);
    await second.page.click('#library summary');
    await second.page.setInputFiles('#import-file', file);
    await second.page.click('#import-confirm');
    await second.page.click('.saved-scenario:has-text("Tracked plan") .saved-name');
    await second.page.waitForSelector('[data-check-in="2"]', { state: 'attached' });
    assert.deepEqual((await readMetrics(second.page)).checkIns, before);
    assert.deepEqual([...errors, ...second.errors], []);
  } finally {
    await close();
    await second?.close();
  }
});

/** The multi-year rows' data-values, by year. */
const years = async (page) => (await readMetrics(page)).years;

/** Year n's scenario: goal and existing revenue grown by `growth`. */
function yearScenario(base, growth, n, edits = {}) {
  const factor = (1 + growth) ** (n - 1);
  return scenario({ ...base, revenue_goal: base.revenue_goal * factor, recurring_revenue: base.recurring_revenue * factor, ...edits });
}

function diffYear(read, plan, goal) {
  const pairs = [
    ['year_revenue_goal', goal],
    ['year_budget', plan.budget],
    ['year_required_wins', plan.required_wins],
    ['year_marketing_wins', plan.marketing_wins],
    ['year_required_leads', plan.required_leads],
    ['year_funded_leads', plan.funded_leads],
    ['year_projected_wins', plan.projected_wins],
    ['year_projected_revenue', plan.projected_revenue],
    ['year_coverage', plan.coverage],
    ['year_required_spend_share', plan.required_spend_share],
  ];
  return pairs.map(([id, v]) => [id, compareValue(read?.[id], v)]).filter(([, why]) => why).map(([id, why]) => `${id}: ${why}`);
}

async function assertYears(page, base, growth, count, edits = () => ({})) {
  await waitUntil(async () => {
    const read = await years(page);
    if (Object.keys(read).length !== count) return false;
    for (let n = 1; n <= count; n++) {
      const s = yearScenario(base, growth, n, edits(n));
      if (diffYear(read[n], computePlan(s), s.revenue_goal).length) return false;
    }
    return true;
  }, `the ${count}-year table matches the oracle`).catch(async (err) => {
    const read = await years(page);
    const problems = [];
    for (let n = 1; n <= count; n++) {
      const s = yearScenario(base, growth, n, edits(n));
      problems.push(...diffYear(read[n], computePlan(s), s.revenue_goal).map((p) => `year ${n} ${p}`));
    }
    assert.deepEqual(problems, [], `${err.message}; years on the page: ${Object.keys(read)}`);
  });
}

test('with a phased budget the check-ins compare with the phased plan to date, not a straight line', { timeout: 90_000 }, async () => {
  const phasing = [0.4, 0.3, 0.2, 0.1];
  const { page, errors, close } = await openApp(browser, `${server.url}/?${scenarioToQuery(scenario({ budget_phasing: phasing }))}`);
  try {
    await recordCheckIns(page);
    const s = viaLink(scenario({ budget_phasing: phasing }));
    const plan = computePlan(s);
    const expected = CHECK_INS.map((c) => expectCheckIn(plan, s, c));
    // A budget front-loaded into Q1 plans more leads by mid-February than
    // the straight line: 1.5 months at a weight of 1.6 each (4 × 40%), so
    // 2.4 months' worth of the year's leads, not 1.5.
    const even = expectCheckIn(computePlan(scenario()), scenario(), CHECK_INS[0]);
    assert.ok(expected[0].plan_to_date_leads > even.plan_to_date_leads * 1.5, 'the phased plan runs ahead of the straight line');
    await waitUntil(async () => {
      const read = await readMetrics(page);
      return expected.every((e, i) => read.checkIns[i] && diffCheckIn(read.checkIns[i], e).length === 0);
    }, 'every check-in matches the phased oracle', 10_000).catch(async (err) => {
      const read = await readMetrics(page);
      const problems = expected.flatMap((e, i) => diffCheckIn(read.checkIns[i] ?? {}, e).map((p) => `check-in ${i} ${p}`));
      assert.deepEqual(problems, [], err.message);
    });
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('removing a check-in can be undone: it comes back in its place with its actuals, and focus follows', { timeout: 90_000 }, async () => {
  const { page, errors, close } = await openApp(browser, `${server.url}/`);
  try {
    await recordCheckIns(page);
    const dates = () => page.$$eval('[data-check-in] input[id$="-date"]', (inputs) => inputs.map((i) => i.value));
    const leads = () => page.inputValue('#check-in-1-leads');
    const before = await dates();
    const leadsBefore = await leads();
    assert.equal(before.length, CHECK_INS.length);
    // Remove the middle one.
    await page.click('[data-check-in="1"] .remove-check-in');
    await waitUntil(async () => (await dates()).length === CHECK_INS.length - 1, 'the check-in is removed');
    assert.deepEqual(await dates(), [before[0], before[2]]);
    const notice = (await page.textContent('.tracking .undo')).trim();
    assert.equal(notice, `Removed check-in 2 (${before[1]}). Undo`);
    await waitUntil(() => page.evaluate(() => document.activeElement?.id === 'undo-remove-check-in'), 'focus moves to Undo');
    // Undo with the keyboard.
    await page.keyboard.press('Enter');
    await waitUntil(async () => (await dates()).length === CHECK_INS.length, 'the check-in is back');
    assert.deepEqual(await dates(), before, 'back in its place');
    assert.equal(await leads(), leadsBefore, 'with its actuals');
    assert.equal(await page.$('.tracking .undo'), null, 'the notice goes');
    await waitUntil(() => page.evaluate(() => document.activeElement?.id === 'check-in-1-date'), 'focus moves to the check-in put back');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('the multi-year table updates live with the growth rate, the goal, the horizon and per-year changes', { timeout: 90_000 }, async () => {
  const { page, errors, close } = await openApp(browser, `${server.url}/`);
  try {
    const base = { ...DEFAULT_SCENARIO };
    await assertYears(page, base, 0.25, 3);
    assert.equal(Number((await years(page))[3].year_revenue_goal), 18_750_000, 'hand-computed: 12M × 1.25²');

    await page.fill('#in-growth_pct', '10');
    await assertYears(page, base, 0.1, 3);
    await page.fill('#in-revenue_goal', '20000000');
    await assertYears(page, { ...base, revenue_goal: 20_000_000 }, 0.1, 3);
    await page.selectOption('#in-years', '5');
    await assertYears(page, { ...base, revenue_goal: 20_000_000 }, 0.1, 5);
    assert.ok(compareValue((await years(page))[5].year_revenue_goal, 29_282_000) === null, 'hand-computed: 20M × 1.1⁴');

    // Year 3 improves the win rate to 30%; years 4 and 5 keep it.
    await page.click('.year-changes summary');
    await page.fill('#in-year-3-win_rate_pct', '30');
    await assertYears(page, { ...base, revenue_goal: 20_000_000 }, 0.1, 5, (n) => (n >= 3 ? { win_rate: 0.3 } : {}));

    // An invalid growth rate: a message naming it, "—" in the table, the text kept.
    await page.fill('#in-growth_pct', '500');
    assert.match(await page.textContent('#err-growth_pct'), /Growth per year must be from −50% to 200%/);
    assert.equal(await page.inputValue('#in-growth_pct'), '500');
    await waitUntil(async () => (await years(page))[2]?.year_revenue_goal === '', 'undefined when growth is invalid');
    assert.match(await page.textContent('[data-year="2"]'), /—/);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

/** Text of the pacing chart that overlaps other text or leaves the drawing. */
const pacingLayoutProblems = (page) =>
  page.$eval('figure[data-chart="pacing"] svg', (svg) => {
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim()).map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }));
    const problems = [];
    for (const { text, r } of texts) {
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) problems.push(`"${text}" clipped`);
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const [a, b] = [texts[i].r, texts[j].r];
        if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2) {
          problems.push(`"${texts[i].text}" overlaps "${texts[j].text}"`);
        }
      }
    }
    return problems;
  });

test('check-ins on a 360px phone in the dark theme: accessible, no sideways scrolling, a clean pacing chart', { timeout: 90_000 }, async () => {
  const { page, errors, close } = await openApp(browser, `${server.url}/`, {
    contextOptions: { viewport: { width: 360, height: 800 }, colorScheme: 'dark' },
  });
  try {
    await recordCheckIns(page);
    await page.fill('#check-in-0-mqls', '-3');
    await page.fill('#check-in-1-mqls', '5000');
    await page.waitForSelector('[data-check-in="1"] .flag');
    for (const summary of await page.$$('.check-in-details:not([open]) > summary')) await summary.click();
    await page.click('.year-changes summary');
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    assert.deepEqual(serious, [], serious.join('\n'));
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= 360, `no horizontal scrolling (${scrollWidth}px)`);
    assert.deepEqual(await pacingLayoutProblems(page), []);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});
