// End-to-end tests of the built planner (dist/) in Chromium, checked against the
// independent oracle in model.mjs.
//
//   trunk build --release        (the caller builds dist/ first)
//   node --test tests/e2e/
//
// Environment: E2E_DIST=<dir> serves another build directory;
// CHROMIUM_PATH=<path> uses another Chromium (default /usr/bin/chromium).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertMatchesOracle,
  badNumberText,
  diffAgainstOracle,
  diffReads,
  metricText,
  metricValue,
  openApp,
  readMetrics,
  startRelease,
  stopRelease,
  waitUntil,
} from './helpers.mjs';
import {
  CHANNEL_METRIC_IDS,
  DEFAULT_SCENARIO,
  LEVER_IDS,
  METRIC_IDS,
  closeEnough,
  compareValue,
  computePlan,
  fromPct,
  scenario,
  scenarioToQuery,
  viaLink,
} from './model.mjs';

const TEST_TIMEOUT = { timeout: 60_000 };

let server;
let browser;

before(async () => {
  ({ server, browser } = await startRelease());
}, { timeout: 60_000 });

after(() => stopRelease({ server, browser }));

/** Open a path (e.g. "/?win_rate_pct=25") in a fresh context; returns the openApp handle. */
async function open(path = '/', options) {
  return openApp(browser, `${server.url}${path}`, options);
}

function assertNoErrors(app, label = 'page') {
  assert.deepEqual(app.errors, [], `${label}: console/page errors:\n  ${app.errors.join('\n  ')}`);
  assert.deepEqual(app.dialogs, [], `${label}: unexpected dialogs: ${app.dialogs.join('; ')}`);
}

async function assertNoBadNumbers(page, label = 'page') {
  const hits = await badNumberText(page);
  assert.deepEqual(hits, [], `${label}: NaN/Infinity/∞ shown:\n  ${hits.join('\n  ')}`);
}

/** Wait until the page agrees with the oracle (the UI updates asynchronously), then assert. */
async function settleOnOracle(page, plan, label, timeout = 5000) {
  try {
    await waitUntil(
      async () => diffAgainstOracle(await readMetrics(page), plan).length === 0,
      'page did not settle on the oracle',
      timeout,
    );
  } catch {
    // fall through: the assertion below lists the mismatches
  }
  return assertMatchesOracle(page, plan, label);
}

const DEFAULT_PLAN = computePlan(DEFAULT_SCENARIO);

/**
 * The funnel reads as arithmetic on its own figures: each stage is "Short"
 * exactly when its "Goal needs" figure is above its "Budget buys" figure, and
 * "Leads still to find" (or "to spare") is the difference of the two leads
 * figures as shown (needs 6,147, buys 4,270: 1,877), not the exact gap rounded.
 */
async function assertFunnelGapsAsShown(page, label) {
  const rows = await page.$$eval('#planner tr[data-status]', (trs) =>
    trs.map((tr) => ({
      status: tr.querySelector('.status').textContent.trim(),
      needs: tr.querySelector('td:nth-of-type(1) [data-metric]')?.textContent.trim(),
      buys: tr.querySelector('td:nth-of-type(2) [data-metric]')?.textContent.trim(),
    })),
  );
  assert.equal(rows.length, 5, `${label}: five funnel stages`);
  const num = (text) => Number(text.replace(/[^0-9.]/g, ''));
  for (const { status, needs, buys } of rows) {
    if (needs === '—' || buys === '—') continue;
    const expected = num(needs) > num(buys) + 1e-9 ? 'Short' : 'Covered';
    assert.equal(status, expected, `${label}: needs ${needs}, buys ${buys}`);
  }
  const gap = (await page.locator('[data-metric="leads_gap"]').first().innerText()).trim();
  const sentence = await page.locator('[data-metric="leads_gap"]').first().locator('xpath=..').innerText();
  const [leads] = rows;
  if (gap === '—' || leads.needs === '—' || leads.buys === '—') return;
  const difference = num(leads.needs) - num(leads.buys);
  assert.ok(Math.abs(num(gap) - Math.abs(difference)) < 0.05, `${label}: needs ${leads.needs}, buys ${leads.buys}: "${sentence}"`);
  assert.match(sentence, difference > 0 ? /still to find/ : /to spare/, `${label}: "${sentence}"`);
}

// ---------------------------------------------------------------------------

test('default page: no errors, every metric present and equal to the oracle, no NaN/∞', TEST_TIMEOUT, async () => {
  const app = await open('/');
  try {
    const read = await assertMatchesOracle(app.page, DEFAULT_PLAN, 'default scenario');
    assert.equal(DEFAULT_PLAN.levers_shown, true, 'defaults have coverage < 1 (oracle)');
    for (const id of LEVER_IDS) assert.ok(id in read.metrics, `lever ${id} shown`);
    await assertNoBadNumbers(app.page, 'default page');
    await assertFunnelGapsAsShown(app.page, 'default page');
    assertNoErrors(app, 'default page');
  } finally {
    await app.close();
  }
});

// ---------------------------------------------------------------------------
// Share links: arbitrary scenarios opened from a link, every number vs the oracle.

const TWELVE_CPL = [120, 95.5, 410, 250, 60, 1800, 333, 75, 520, 48, 210, 990];
const HOSTILE = '<img src=x onerror=alert(1)>';
const UNICODE = 'Événements 🎉 展示会';

const LINK_SCENARIOS = [
  {
    title: 'one channel (EUR), unreachable win-rate and lead-quality levers',
    s: scenario({
      name: 'Single channel',
      currency: 'EUR',
      spend: 0.03,
      win_rate: 0.6,
      channels: [{ name: 'Webinars', share: 1, cost_per_lead: 900, lead_to_mql: 0.6 }],
    }),
  },
  {
    title: '12 channels (GBP), 96 % allocated, some without their own lead→MQL',
    s: scenario({
      name: 'Twelve channels',
      currency: 'GBP',
      deal_size: 25_000,
      cut: 0.35,
      cut_from_month: 3,
      channels: TWELVE_CPL.map((cpl, i) => ({
        name: `Channel ${i + 1}`,
        share: 0.08,
        cost_per_lead: cpl,
        ...(i % 3 === 0 ? {} : { lead_to_mql: 0.1 + 0.05 * i }),
      })),
    }),
  },
  {
    title: 'marketing_sourced 0: coverage undefined, no lever elements',
    s: scenario({ name: 'Sales-led', marketing_sourced: 0 }),
  },
  {
    title: 'recurring revenue above the goal: nothing new needed, no lever elements',
    s: scenario({ name: 'Renewals cover it', recurring_revenue: 13_000_000 }),
  },
  {
    title: 'big budget: coverage >= 1, no lever elements',
    s: scenario({ name: 'Big budget', spend: 0.25, gross_margin: 0.6 }),
  },
  {
    title: 'buys the deals but misses the plan year: in-year attainment < 1, no pipeline',
    s: scenario({ name: 'Lands late', spend: 0.2, sales_cycle_months: 6 }),
  },
  {
    title: 'the same plan with pipeline_revenue that closes the plan year',
    s: scenario({ name: 'Pipeline closes it', spend: 0.2, sales_cycle_months: 6, pipeline_revenue: 2_500_000 }),
  },
  {
    title: 'all channel shares 0: coverage 0, every lever undefined',
    s: scenario({
      name: 'Nothing allocated',
      channels: DEFAULT_SCENARIO.channels.map((c) => ({ ...c, share: 0 })),
    }),
  },
  {
    title: 'sales cycle 24 months (JPY), 100 % cut from month 1',
    s: scenario({
      name: 'Long cycle',
      currency: 'JPY',
      revenue_goal: 1.5e9,
      recurring_revenue: 4e8,
      deal_size: 8e6,
      lifetime_value: 2e7,
      sales_cycle_months: 24,
      cut: 1,
      cut_from_month: 1,
      channels: [
        { name: 'Paid search', share: 0.35, cost_per_lead: 45_000, lead_to_mql: 0.26 },
        { name: 'Content & SEO', share: 0.25, cost_per_lead: 24_000, lead_to_mql: 0.22 },
        { name: 'Events', share: 0.2, cost_per_lead: 60_000, lead_to_mql: 0.3 },
        { name: 'LinkedIn ads', share: 0.2, cost_per_lead: 37_000 },
      ],
    }),
  },
  {
    title: 'hostile and unicode channel names (spaces, &, %, HTML, emoji)',
    hostile: true,
    s: scenario({
      name: 'Names & 100% <b>bold</b>',
      channels: [
        { name: 'Trade shows & fairs', share: 0.3, cost_per_lead: 410, lead_to_mql: 0.31 },
        { name: '100% organic', share: 0.2, cost_per_lead: 90, lead_to_mql: 0.12 },
        { name: HOSTILE, share: 0.25, cost_per_lead: 275, lead_to_mql: 0.24 },
        { name: UNICODE, share: 0.15, cost_per_lead: 520.5 },
      ],
    }),
  },
];

for (const { title, s, hostile } of LINK_SCENARIOS) {
  test(`share link: ${title}`, TEST_TIMEOUT, async () => {
    const query = scenarioToQuery(s);
    const plan = computePlan(viaLink(s));
    const app = await open(`/?${query}`);
    // Run every check and report all failures together (an XSS must not hide behind a number).
    const failures = [];
    const check = async (fn) => {
      try {
        await fn();
      } catch (err) {
        failures.push(err.message);
      }
    };
    try {
      if (hostile) {
        await check(async () => {
          for (const name of [HOSTILE, UNICODE, 'Trade shows & fairs', '100% organic']) {
            const n = await app.page.getByText(name, { exact: false }).count();
            assert.ok(n > 0, `channel name ${JSON.stringify(name)} is not shown as literal text`);
          }
        });
        await check(async () => {
          assert.equal(await app.page.locator('img[src="x"]').count(), 0, 'an injected <img src=x> exists');
          assert.equal(await app.page.locator('b:text-is("bold")').count(), 0, 'an injected <b> exists');
        });
        // Give an injected onerror handler a moment to fire before checking for dialogs.
        await app.page.waitForTimeout(200);
      }
      await check(() => assertMatchesOracle(app.page, plan, `link /?${query}`));
      await check(() => assertNoBadNumbers(app.page, title));
      await check(() => assertFunnelGapsAsShown(app.page, title));
      await check(async () => {
        const notice = app.page.locator('#link-notice');
        if ((await notice.count()) > 0 && (await notice.isVisible())) {
          const text = (await notice.innerText()).trim();
          if (text) assert.fail(`a valid link shows a notice: "${text}"`);
        }
      });
      await check(() => assertNoErrors(app, title));
      assert.deepEqual(failures, [], `${failures.length} check(s) failed:\n${failures.join('\n---\n')}`);
    } finally {
      await app.close();
    }
  });
}

// ---------------------------------------------------------------------------

test('invalid link values are ignored with a notice naming each one; defaults apply', TEST_TIMEOUT, async () => {
  const app = await open('/?win_rate_pct=150&deal_size=abc&sales_cycle_months=7.5&cut_from_month=13');
  try {
    const notice = app.page.locator('#link-notice');
    await notice.waitFor({ state: 'visible' });
    const text = await notice.innerText();
    for (const p of ['win_rate_pct', 'deal_size', 'sales_cycle_months', 'cut_from_month']) {
      assert.ok(text.includes(p), `#link-notice mentions ${p}; it says: ${JSON.stringify(text)}`);
    }
    await assertMatchesOracle(app.page, DEFAULT_PLAN, 'invalid link -> defaults');
    await assertNoBadNumbers(app.page, 'invalid link');
    assertNoErrors(app, 'invalid link');
  } finally {
    await app.close();
  }
});

test('a link longer than 8,000 characters is refused with a "too long" notice; defaults apply', TEST_TIMEOUT, async () => {
  const path = `/?revenue_goal=20000000&win_rate_pct=30&pad=${'x'.repeat(8100)}`;
  assert.ok(path.length > 8000);
  const app = await open(path);
  try {
    const notice = app.page.locator('#link-notice');
    await notice.waitFor({ state: 'visible' });
    const text = await notice.innerText();
    assert.match(text, /too long/i, `#link-notice says: ${JSON.stringify(text)}`);
    await assertMatchesOracle(app.page, DEFAULT_PLAN, 'over-long link -> defaults');
    assertNoErrors(app, 'over-long link');
  } finally {
    await app.close();
  }
});

// ---------------------------------------------------------------------------

test('keyboard: ArrowRight on the win-rate slider updates the field and lowers required leads', TEST_TIMEOUT, async () => {
  const app = await open('/');
  try {
    const { page } = app;
    const field = page.locator('#in-win_rate_pct');
    const slider = page.locator('#in-win_rate_pct-slider');
    assert.equal(await slider.getAttribute('type'), 'range', 'the slider is an <input type=range>');
    const before = await field.inputValue();
    assert.ok(closeEnough(parseFloat(before), 22), `field starts at 22, shows ${JSON.stringify(before)}`);
    const leadsBefore = Number(await metricValue(page, 'required_leads'));
    await slider.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await waitUntil(
      async () => (await field.inputValue()) !== before,
      '#in-win_rate_pct did not change after ArrowRight on the slider',
    );
    const shown = await field.inputValue();
    const winPct = parseFloat(shown);
    assert.ok(winPct > 22 && winPct <= 100, `win rate went up: ${JSON.stringify(shown)}`);
    const plan = computePlan(scenario({ win_rate: fromPct(String(winPct)) }));
    await settleOnOracle(page, plan, `win rate ${shown}% from the slider`);
    const leadsAfter = Number(await metricValue(page, 'required_leads'));
    assert.ok(leadsAfter < leadsBefore, `required leads decreased: ${leadsBefore} -> ${leadsAfter}`);
    assert.ok(
      await slider.evaluate((el) => el === document.activeElement),
      'focus stays on the slider',
    );
    assertNoErrors(app, 'slider');
  } finally {
    await app.close();
  }
});

test('typing an invalid win rate shows the field error and "—" for required leads; a valid value recovers', TEST_TIMEOUT, async () => {
  const app = await open('/');
  try {
    const { page } = app;
    const field = page.locator('#in-win_rate_pct');
    const err = page.locator('#err-win_rate_pct');
    await field.fill('150');
    await err.waitFor({ state: 'visible' });
    const msg = await err.innerText();
    assert.ok(
      msg.includes('Win rate must be above 0% and at most 100%'),
      `#err-win_rate_pct says: ${JSON.stringify(msg)}`,
    );
    await waitUntil(
      async () => (await metricValue(page, 'required_leads')) === '',
      'required_leads data-value did not become empty',
    );
    const text = await metricText(page, 'required_leads');
    assert.ok(text.includes('—'), `required_leads shows "—"; it shows ${JSON.stringify(text)}`);
    for (const id of ['budget', 'spend', 'funded_leads', 'new_revenue']) {
      const why = compareValue(await metricValue(page, id), DEFAULT_PLAN[id]);
      assert.equal(why, null, `${id} (independent of the win rate) still shows its number: ${why}`);
    }
    await assertNoBadNumbers(page, 'invalid win rate');

    await field.fill('25');
    await waitUntil(
      async () => (await err.count()) === 0 || !(await err.isVisible()) || (await err.innerText()).trim() === '',
      '#err-win_rate_pct did not clear after typing 25',
    );
    await settleOnOracle(page, computePlan(scenario({ win_rate: 0.25 })), 'win rate 25 typed');
    assertNoErrors(app, 'typing');
  } finally {
    await app.close();
  }
});

test('an invalid win rate blanks exactly the outputs that depend on it (docs/model.md: "every output that depends on it shows —")', TEST_TIMEOUT, async () => {
  // Dependence is found by perturbing the win rate in the oracle: a metric whose value
  // changes depends on it and must be empty; one that does not must keep its number.
  const other = computePlan(scenario({ win_rate: 0.3 }));
  const app = await open('/');
  try {
    const { page } = app;
    await page.locator('#in-win_rate_pct').fill('150');
    await page.locator('#err-win_rate_pct').waitFor({ state: 'visible' });
    await waitUntil(async () => (await metricValue(page, 'required_leads')) === '', 'required_leads not blank');
    const read = await readMetrics(page);
    const problems = [];
    for (const id of METRIC_IDS) {
      if (LEVER_IDS.includes(id)) {
        // Levers depend on coverage: absent or empty are both acceptable.
        if (id in read.metrics && read.metrics[id] !== '') {
          problems.push(`${id}: expected absent or empty, got "${read.metrics[id]}"`);
        }
        continue;
      }
      const depends = !Object.is(DEFAULT_PLAN[id], other[id]);
      const got = read.metrics[id];
      if (depends) {
        if (got !== '') problems.push(`${id} depends on the win rate: expected empty, got ${JSON.stringify(got)}`);
      } else {
        const why = compareValue(got, DEFAULT_PLAN[id]);
        if (why) problems.push(`${id} does not depend on the win rate: ${why}`);
      }
    }
    DEFAULT_PLAN.channels.forEach((c, i) => {
      for (const id of CHANNEL_METRIC_IDS) {
        const depends = !Object.is(c[id], other.channels[i][id]);
        const got = read.channels[i]?.[id];
        if (depends) {
          if (got !== '') problems.push(`channel ${i} ${id}: expected empty, got ${JSON.stringify(got)}`);
        } else {
          const why = compareValue(got, c[id]);
          if (why) problems.push(`channel ${i} ${id}: ${why}`);
        }
      }
    });
    assert.deepEqual(problems, [], `with win rate 150:\n  ${problems.join('\n  ')}`);
    assertNoErrors(app, 'invalid win rate');
  } finally {
    await app.close();
  }
});

// ---------------------------------------------------------------------------

test('copy share link: the link reproduces every number in a new context', TEST_TIMEOUT, async () => {
  const app = await open('/', { permissions: ['clipboard-read', 'clipboard-write'] });
  let second;
  try {
    const { page } = app;
    await page.locator('#in-revenue_goal').fill('20000000');
    const plan = computePlan(scenario({ revenue_goal: 20_000_000 }));
    await settleOnOracle(page, plan, 'revenue goal 20,000,000 typed');
    await page.locator('#copy-link').click();
    const shareLink = page.locator('#share-link');
    const link = await waitUntil(
      async () => {
        const v = (await shareLink.inputValue()).trim();
        return /^https?:\/\//.test(v) ? v : false;
      },
      '#share-link does not hold an absolute link after clicking #copy-link',
    );
    assert.equal(await shareLink.getAttribute('readonly') !== null, true, '#share-link is readonly');
    assert.ok(link.startsWith(server.url), `link points at this app: ${link}`);
    const first = await readMetrics(page);

    second = await openApp(browser, link);
    const again = await readMetrics(second.page);
    const problems = diffReads(first, again);
    assert.deepEqual(problems, [], `copied link ${link} differs:\n  ${problems.join('\n  ')}`);
    await assertMatchesOracle(second.page, plan, 'copied link');
    assertNoErrors(app, 'first page');
    assertNoErrors(second, 'page opened from the copied link');
  } finally {
    await second?.close();
    await app.close();
  }
});

// ---------------------------------------------------------------------------

test('channel table: add a row, edit it, over-allocate (error, funded "—"), remove it', TEST_TIMEOUT, async () => {
  const app = await open('/');
  try {
    const { page } = app;
    // Existing rows show percentages and money units.
    const row0 = page.locator('[data-channel-row="0"]');
    assert.ok(closeEnough(parseFloat(await row0.locator('input.ch-share').inputValue()), 35), 'row 0 share 35');
    assert.ok(closeEnough(parseFloat(await row0.locator('input.ch-cpl').inputValue()), 310), 'row 0 CPL 310');
    assert.ok(closeEnough(parseFloat(await row0.locator('input.ch-mql').inputValue()), 26), 'row 0 lead→MQL 26');
    assert.equal(await row0.locator('input.ch-name').inputValue(), 'Paid search');

    await page.locator('#add-channel').click();
    const row = page.locator('[data-channel-row="4"]');
    await row.waitFor({ state: 'attached' });
    for (const cls of ['ch-name', 'ch-share', 'ch-cpl', 'ch-mql']) {
      const input = row.locator(`input.${cls}`);
      assert.equal(await input.count(), 1, `new row has one input.${cls}`);
      const type = (await input.getAttribute('type')) ?? 'text';
      assert.equal(type, 'text', `input.${cls} is a text input`);
    }
    assert.equal(await row.locator('button.ch-remove').count(), 1, 'new row has a .ch-remove button');

    await row.locator('input.ch-name').fill('Podcasts');
    await row.locator('input.ch-share').fill('0');
    await row.locator('input.ch-cpl').fill('500');
    await row.locator('input.ch-mql').fill('20');
    const five = scenario();
    five.channels.push({ name: 'Podcasts', share: 0, cost_per_lead: 500, lead_to_mql: 0.2 });
    await settleOnOracle(page, computePlan(five), 'five channels, the new one at 0 %');

    await row.locator('input.ch-share').fill('10'); // 35+25+20+20+10 = 110 %
    const err = page.locator('#err-channels');
    await err.waitFor({ state: 'visible' });
    assert.ok((await err.innerText()).trim().length > 0, '#err-channels has a message');
    await waitUntil(
      async () => (await metricValue(page, 'funded_leads')) === '',
      'funded_leads data-value did not become empty with shares at 110 %',
    );
    const text = await metricText(page, 'funded_leads');
    assert.ok(text.includes('—'), `funded_leads shows "—"; it shows ${JSON.stringify(text)}`);
    await assertNoBadNumbers(page, 'over-allocated');

    await row.locator('button.ch-remove').click();
    await waitUntil(
      async () => (await page.locator('[data-channel-row="4"]').count()) === 0,
      'row 4 was not removed',
    );
    await settleOnOracle(page, DEFAULT_PLAN, 'after removing the added row');
    assert.ok(
      (await err.count()) === 0 || !(await err.isVisible()) || (await err.innerText()).trim() === '',
      '#err-channels cleared',
    );
    assertNoErrors(app, 'channel table');
  } finally {
    await app.close();
  }
});
