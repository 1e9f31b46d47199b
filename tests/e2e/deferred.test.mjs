// End-to-end tests of start-up doing only the first screen: the sections
// below it are placeholders until they come near the screen, the browser is
// idle, or something needs the whole page (print, presentation, find in
// page, Tab, a link to a place on the page). Here the browser's idle
// callbacks never run, so each of the other triggers is seen on its own.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACTION_TIMEOUT_MS,
  openApp,
  assertMatchesOracle,
  metricValue,
  startRelease,
  stopRelease,
  waitUntil,
} from './helpers.mjs';
import { computePlan, scenario } from './model.mjs';

const TEST_TIMEOUT = { timeout: 90_000 };

let server;
let browser;

before(async () => {
  ({ server, browser } = await startRelease());
}, { timeout: 60_000 });

after(() => stopRelease({ server, browser }));

/** The planner at `path` with idle callbacks that never run, at a desktop size. */
async function openWithoutIdle(path = '/', viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  await context.addInitScript(() => {
    window.requestIdleCallback = () => 0;
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
  await page.waitForSelector('[data-metric="required_leads"]', { state: 'attached' });
  // Two frames: whatever is near the screen has been built by then.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
  return { context, page, errors };
}

const waiting = (page) =>
  page.evaluate(() => [...document.querySelectorAll('[data-deferred]')].map((el) => el.dataset.deferred));

test('start-up builds the first screen; the rest waits, then comes as it is scrolled near', TEST_TIMEOUT, async () => {
  const { context, page, errors } = await openWithoutIdle();
  try {
    const first = await waiting(page);
    assert.ok(first.includes('multi-year'), `the multi-year view waits at start-up (waiting: ${first})`);
    assert.ok(first.includes('check-ins'), `so do the check-ins (waiting: ${first})`);
    assert.equal(await page.$('#multi-year'), null, 'a waiting section is not on the page yet');
    assert.ok(await page.locator('.headline').isVisible(), 'the headline is built at once');
    assert.notEqual(await metricValue(page, 'required_leads'), undefined, 'so is the funnel');

    // Scrolling down the page builds each section as it comes near.
    for (let i = 0; i < 40 && (await waiting(page)).length; i++) {
      await page.mouse.wheel(0, 600);
      await page.waitForTimeout(60);
    }
    assert.deepEqual(await waiting(page), [], 'every section is built once scrolled to');
    await page.locator('#multi-year').waitFor();
    await assertMatchesOracle(page, computePlan(scenario()), 'after scrolling');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a phone builds only what is near its screen at start-up', TEST_TIMEOUT, async () => {
  const { context, page } = await openWithoutIdle('/', { width: 390, height: 844 });
  try {
    const left = await waiting(page);
    for (const name of ['economics', 'timing', 'channels', 'levers', 'budget-cut', 'check-ins', 'multi-year']) {
      assert.ok(left.includes(name), `${name} waits below a phone's first screen (waiting: ${left})`);
    }
  } finally {
    await context.close();
  }
});

for (const [how, act] of [
  ['printing', (page) => page.emulateMedia({ media: 'print' })],
  ['presenting', (page) => page.click('#present-toggle')],
  ['Tab', (page) => page.keyboard.press('Tab')],
  ['find in page (Ctrl+F)', (page) => page.keyboard.press('Control+f')],
]) {
  test(`${how} builds every section at once`, TEST_TIMEOUT, async () => {
    const { context, page } = await openWithoutIdle();
    try {
      assert.notDeepEqual(await waiting(page), [], 'sections wait before');
      await act(page);
      await waitUntil(async () => (await waiting(page)).length === 0, `every section built after ${how}`, 3000);
      assert.notEqual(await page.$('#multi-year'), null, 'the last section is on the page');
    } finally {
      await context.close();
    }
  });
}

test('a link to a place further down builds it and scrolls to it', TEST_TIMEOUT, async () => {
  const { context, page } = await openWithoutIdle('/#check-ins');
  try {
    await waitUntil(async () => (await waiting(page)).length === 0, 'every section built for the link', 3000);
    await waitUntil(
      () =>
        page.evaluate(() => {
          const box = document.getElementById('check-ins').getBoundingClientRect();
          return box.top >= -2 && box.top < innerHeight / 2;
        }),
      'the check-ins are scrolled to the top of the screen',
      3000,
    );
    // A link followed later, on the same page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.evaluate(() => {
      location.hash = '#multi-year';
    });
    await waitUntil(
      () => page.evaluate(() => document.getElementById('multi-year').getBoundingClientRect().top < innerHeight),
      'the multi-year view is scrolled into view',
      3000,
    );
  } finally {
    await context.close();
  }
});

test('a section off screen catches up after the next paint, not inside the key press', TEST_TIMEOUT, async () => {
  const app = await openApp(browser, `${server.url}/`, { contextOptions: { viewport: { width: 1280, height: 800 } } });
  try {
    const { page } = app;
    const r = await page.evaluate(async () => {
      const read = (sel) => [...document.querySelectorAll(`${sel} [data-metric]`)].map((e) => e.dataset.value).join('|');
      window.scrollTo(0, 0);
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 100)));
      const slider = document.querySelector('#in-revenue_goal-slider');
      // Every section below the screen, whichever way it reads the plan.
      const farOff = () => ({
        multiYear: read('#multi-year'),
        channels: read('.channel-results'),
        levers: read('.levers'),
        economics: read('#economics-title ~ *'),
      });
      const before = { near: read('#funnel-title ~ *'), far: farOff() };
      slider.value = String(Number(slider.value) + 5);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      // The key press's own work: its event and the microtasks after it.
      for (let i = 0; i < 50; i++) await Promise.resolve();
      const during = { near: read('#funnel-title ~ *'), far: farOff() };
      await new Promise((done) => requestAnimationFrame(() => setTimeout(() => setTimeout(done, 0), 0)));
      return { before, during, after: { far: farOff() } };
    });
    assert.notEqual(r.during.near, r.before.near, 'the funnel on screen changes inside the key press');
    for (const section of Object.keys(r.before.far)) {
      assert.notEqual(r.before.far[section], '', `${section} has figures`);
      assert.equal(r.during.far[section], r.before.far[section], `${section}, off screen, waits for the paint`);
      assert.notEqual(r.after.far[section], r.before.far[section], `${section} then catches up`);
    }
    const goal = Number((await page.inputValue('#in-revenue_goal')).replace(/[^0-9.]/g, ''));
    assert.ok(goal > 12_000_000, `the goal moved up (${goal})`);
    await assertMatchesOracle(page, computePlan(scenario({ revenue_goal: goal })), 'after the change');
  } finally {
    await app.close();
  }
});
