// "Can sales work what marketing buys?" end to end (docs/model.md, "Sales
// capacity"): the capacity figures against the oracle for links with a
// sales team, the sentence and the headline naming what binds, the four
// inputs used by keyboard alone, and bad values named with "—" where they
// matter and nothing else lost.
//
//   trunk build --release        (the caller builds dist/ first)
//   node --test tests/e2e/capacity.test.mjs
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

/** The words the sentence opens with for each binding constraint of the oracle. */
const OPENING = {
  'sales capacity': /^Sales capacity binds first/,
  'SDR capacity': /^SDR capacity binds first/,
  'marketing budget': /^The marketing budget binds/,
};

const CASES = [
  ['a small sales team', scenario({ ae_count: 4, ae_quota: 900_000 })],
  ['too few SDRs', scenario({ ae_count: 20, ae_quota: 900_000, sdr_count: 1, sdr_mqls_per_month: 40 })],
  ['a team sized for the goal', scenario({ ae_count: 30, ae_quota: 900_000, sdr_count: 10, sdr_mqls_per_month: 80 })],
  ['only SDRs planned, with phasing', scenario({ sdr_count: 3, sdr_mqls_per_month: 60, budget_phasing: [0.4, 0.3, 0.2, 0.1] })],
  ['only a quota: how many AEs', scenario({ ae_quota: 750_000 })],
];

for (const [label, raw] of CASES) {
  test(`capacity matches the oracle: ${label}`, TEST_TIMEOUT, async () => {
    const s = viaLink(raw);
    const plan = computePlan(s);
    const app = await openApp(browser, `${server.url}/?${scenarioToQuery(s)}`);
    try {
      const { page } = app;
      assert.equal(await page.locator('#link-notice li').count(), 0, 'the link opens without notices');
      const read = await readMetrics(page);
      assert.deepEqual(diffAgainstOracle(read, plan), []);
      const sentence = (await page.locator('#capacity .binding').textContent()).trim();
      const verdict = await page.locator('.headline .verdict').textContent();
      const { binding } = plan;
      if (binding.binds) {
        assert.match(sentence, OPENING[binding.constraint], sentence);
      } else {
        assert.match(sentence, /^Nothing binds/, sentence);
      }
      const teamShort = binding.binds && binding.constraint !== 'marketing budget';
      if (teamShort) {
        assert.equal(await page.locator('.headline').getAttribute('data-verdict'), 'no');
        assert.match(verdict, /^Not with today's team/, verdict);
        assert.equal(await page.locator('.over-delivery').isHidden(), true, 'no over-delivery beside a team that is short');
      } else {
        assert.doesNotMatch(verdict, /today's team/, verdict);
      }
      assert.deepEqual(app.errors, []);
    } finally {
      await app.close();
    }
  });
}

/** Types `text` into the field `id` by keyboard alone and leaves it. */
async function type(page, id, text) {
  await page.locator(`#${id}`).focus();
  await page.keyboard.press('Control+a');
  if (text === '') await page.keyboard.press('Delete');
  else await page.keyboard.type(text);
  await page.keyboard.press('Tab');
  await settled(page);
}

test('the team is typed with the keyboard; a zero quota, 10,000 SDRs and a blank field are handled', TEST_TIMEOUT, async () => {
  const app = await openApp(browser, `${server.url}/`);
  try {
    const { page } = app;
    let read = await readMetrics(page);
    for (const id of ['aes_needed', 'ae_capacity_coverage', 'sdrs_needed', 'sdr_load']) {
      assert.equal(id in read.metrics, false, `${id} is not shown before the team is planned`);
    }
    assert.equal(await page.locator('#capacity .hint').isVisible(), true, 'the hint says the inputs are optional');

    await type(page, 'in-ae_count', '8');
    await type(page, 'in-ae_quota', '600000');
    await type(page, 'in-sdr_count', '2');
    await type(page, 'in-sdr_mqls_per_month', '50');
    const staffed = viaLink(scenario({ ae_count: 8, ae_quota: 600_000, sdr_count: 2, sdr_mqls_per_month: 50 }));
    await waitUntil(async () => diffAgainstOracle(await readMetrics(page), computePlan(staffed)).length === 0, 'the figures follow the typed team');
    assert.equal(await page.locator('#capacity .hint').isHidden(), true);

    // A zero quota: named with its range, "—" in what uses it, the rest kept.
    await type(page, 'in-ae_quota', '0');
    const quotaError = page.locator('#err-ae_quota');
    await waitUntil(async () => (await quotaError.count()) > 0, 'the quota error appears');
    assert.match(await quotaError.textContent(), /Quota per account executive/);
    assert.match(await quotaError.textContent(), /above 0/);
    assert.equal(await page.locator('#in-ae_quota').getAttribute('aria-invalid'), 'true');
    read = await readMetrics(page);
    assert.equal(read.metrics.aes_needed, '', 'aes_needed is undefined while the quota is invalid');
    assert.match(await page.locator('[data-metric="aes_needed"]').textContent(), /—/);
    const plan = computePlan(staffed);
    assert.equal(Number(read.metrics.sdr_load), plan.capacity.sdr_load, 'the SDR figures are untouched');
    assert.equal(await page.locator('#in-ae_count').inputValue(), '8', 'the AE count is kept');

    // 10,000 SDRs: beyond the range, named.
    await type(page, 'in-sdr_count', '10000');
    const sdrError = page.locator('#err-sdr_count');
    await waitUntil(async () => (await sdrError.count()) > 0, 'the SDR error appears');
    assert.match(await sdrError.textContent(), /Number of SDRs/);
    assert.match(await sdrError.textContent(), /1 to 5,000/);
    read = await readMetrics(page);
    assert.equal(read.metrics.sdr_load, '', 'sdr_load is undefined while the SDR count is invalid');

    // Blank is "not planned": the errors clear and the figures that need it leave.
    await type(page, 'in-sdr_count', '');
    await type(page, 'in-ae_quota', '600000');
    await waitUntil(async () => (await sdrError.count()) === 0 && (await quotaError.count()) === 0, 'the errors clear');
    const partly = viaLink(scenario({ ae_count: 8, ae_quota: 600_000, sdr_mqls_per_month: 50 }));
    read = await readMetrics(page);
    assert.deepEqual(diffAgainstOracle(read, computePlan(partly)), []);
    assert.equal('sdr_load' in read.metrics, false, 'sdr_load leaves with the SDR count');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('a link with 10,000 SDRs or a negative quota is named in a notice and plans without them', TEST_TIMEOUT, async () => {
  const app = await openApp(browser, `${server.url}/?sdr_count=10000&ae_quota=-5&ae_count=6`);
  try {
    const { page } = app;
    const notices = await page.locator('#link-notice li').allTextContents();
    assert.ok(notices.some((n) => /number of SDRs/i.test(n)), notices.join(' | '));
    assert.ok(notices.some((n) => /quota per account executive/i.test(n)), notices.join(' | '));
    assert.equal(await page.locator('#in-ae_count').inputValue(), '6', 'the valid AE count is kept');
    const read = await readMetrics(page);
    assert.deepEqual(diffAgainstOracle(read, computePlan(viaLink(scenario({ ae_count: 6 })))), []);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
