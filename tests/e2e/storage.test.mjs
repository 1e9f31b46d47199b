// End-to-end tests of saving in the browser: reload restores the plan, and
// the faults the storage issue names are survived with data kept and a
// plain message. Each test uses a fresh browser context (empty storage).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { metricValue, startRelease, stopRelease, waitUntil } from './helpers.mjs';

const KEY = 'budget-planner:working';

let server;
let browser;

before(async () => {
  ({ server, browser } = await startRelease());
}, { timeout: 60_000 });

after(() => stopRelease({ server, browser }));

/** A context whose localStorage starts with `entries`, plus `script` run before the app. */
async function openWith(path, { entries = {}, script = null } = {}) {
  const context = await browser.newContext();
  const setup = await context.newPage();
  await setup.goto(`${server.url}/`);
  await setup.evaluate((e) => { localStorage.clear(); for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v); }, entries);
  if (script) await context.addInitScript(script);
  await setup.close();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${server.url}${path}`);
  await page.waitForSelector('[data-metric="required_leads"]');
  return { context, page, errors, close: () => context.close() };
}

const stored = (page) => page.evaluate((k) => localStorage.getItem(k), KEY);

test('a reload restores exactly what was on screen', { timeout: 60_000 }, async () => {
  const { page, errors, close } = await openWith('/');
  try {
    await page.fill('#in-win_rate_pct', '31.5');
    await page.fill('#in-name', 'Board version');
    await waitUntil(async () => (await stored(page))?.includes('Board version'), 'autosaved');
    const before = await metricValue(page, 'required_leads');
    await page.reload();
    await page.waitForSelector('[data-metric="required_leads"]');
    assert.equal(await page.inputValue('#in-win_rate_pct'), '31.5');
    assert.equal(await page.inputValue('#in-name'), 'Board version');
    assert.equal(await metricValue(page, 'required_leads'), before);
    assert.match(await page.textContent('#save-status'), /Saved in this browser/);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('damaged saved data is backed up untouched, and the planner still opens', { timeout: 60_000 }, async () => {
  const damaged = '{"schema": 1, "data": {"revenue_goal": "lots"';
  const { page, errors, close } = await openWith('/', { entries: { [KEY]: damaged } });
  try {
    const notice = await page.textContent('#storage-notice');
    assert.match(notice, /could not be read/);
    const keys = await page.evaluate(() => Object.keys(localStorage));
    const backup = keys.find((k) => k.startsWith('budget-planner:backup:'));
    assert.ok(backup, `a backup key exists (${keys})`);
    assert.ok(notice.includes(backup), 'the notice names the backup key');
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), backup), damaged, 'kept byte for byte');
    await page.reload();
    await page.waitForSelector('[data-metric="required_leads"]');
    const backups = (await page.evaluate(() => Object.keys(localStorage))).filter((k) => k.startsWith('budget-planner:backup:'));
    assert.deepEqual(backups, [backup], 'reloading does not pile up copies');
    await page.fill('#in-win_rate_pct', '30');
    await waitUntil(async () => (await stored(page))?.includes('"win_rate":0.3'), 'the planner saves again');
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), backup), damaged, 'the backup is never overwritten');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('data from a newer version is left untouched and never saved over', { timeout: 60_000 }, async () => {
  const newer = '{"schema": 99, "data": {"future": true}}';
  const { page, errors, close } = await openWith('/', { entries: { [KEY]: newer } });
  try {
    assert.match(await page.textContent('#storage-notice'), /newer version/);
    await page.fill('#in-win_rate_pct', '30');
    await page.waitForTimeout(300);
    assert.equal(await stored(page), newer);
    assert.match(await page.textContent('#save-status'), /Not saving/);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('with storage unavailable the planner works and says it cannot save', { timeout: 60_000 }, async () => {
  const block = () => {
    Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  };
  const { page, errors, close } = await openWith('/', { script: block });
  try {
    assert.match(await page.textContent('#save-status'), /Not saving: this browser does not allow/);
    const before = await metricValue(page, 'required_leads');
    await page.fill('#in-win_rate_pct', '30');
    await waitUntil(async () => (await metricValue(page, 'required_leads')) !== before, 'still plans');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('quota exceeded: the save fails with a clear message and the saved data is intact', { timeout: 60_000 }, async () => {
  const { page, errors, close } = await openWith('/');
  try {
    await page.fill('#in-name', 'Saved before the disk filled');
    await waitUntil(async () => (await stored(page))?.includes('Saved before the disk filled'), 'first save');
    const saved = await stored(page);
    await page.evaluate(() => {
      Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await page.fill('#in-name', 'Changed after');
    await waitUntil(async () => /Not saved: .*full/.test(await page.textContent('#save-status')), 'says it is full');
    assert.equal(await stored(page), saved, 'the previous save is intact');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('opening a share link leaves the saved plan alone until kept', { timeout: 60_000 }, async () => {
  const { page, errors, close } = await openWith('/');
  try {
    await page.fill('#in-name', 'My own plan');
    await waitUntil(async () => (await stored(page))?.includes('My own plan'), 'saved');
    const mine = await stored(page);
    await page.goto(`${server.url}/?name=Shared%20plan&win_rate_pct=30`);
    await page.waitForSelector('[data-metric="required_leads"]');
    assert.equal(await page.inputValue('#in-name'), 'Shared plan');
    assert.match(await page.textContent('#save-status'), /viewing a shared plan/);
    await page.fill('#in-deal_size', '70000');
    await page.waitForTimeout(300);
    assert.equal(await stored(page), mine, 'editing a shared plan does not overwrite the saved one');
    await page.click('#keep-shared');
    await waitUntil(async () => (await stored(page))?.includes('Shared plan'), 'kept as mine');
    assert.ok((await stored(page)).includes('"deal_size":70000'));
    const named = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('budget-planner:scenario:')).map((k) => JSON.parse(localStorage.getItem(k)).data.scenario.name));
    assert.deepEqual(named, ['Shared plan'], 'it is also one of my named scenarios');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});
