// Browser helpers for the end-to-end tests (playwright-core + Debian's Chromium).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { DEFAULT_DIST, startServer } from './server.mjs';
import {
  CHANNEL_METRIC_IDS,
  LEVER_IDS,
  METRIC_IDS,
  MULTI_SEGMENT_PLAN_IDS,
  SEGMENT_LEVER_IDS,
  SEGMENT_METRIC_IDS,
  compareValue,
} from './model.mjs';
import { CAPACITY_METRIC_IDS, QUARTER_METRIC_IDS, TIMING_PLAN_IDS } from './timing_model.mjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that work as root with no network (see docs/toolchain.md). */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Per-action timeout: generous for a 2-core machine, far below a test's budget. */
export const ACTION_TIMEOUT_MS = 10_000;

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
}

/** The release build the tests run against: dist/, or E2E_DIST. */
export const DIST = process.env.E2E_DIST ? resolve(process.env.E2E_DIST) : DEFAULT_DIST;

/**
 * Serves the release build on localhost and launches Chromium, for a test
 * file's `before`; `stopRelease` closes both in its `after`.
 */
export async function startRelease() {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(
      `${join(DIST, 'index.html')} is missing: run the release build first ` +
        `(e.g. trunk build --release), then node --test tests/e2e/`,
    );
  }
  return { server: await startServer(DIST), browser: await launchBrowser() };
}

/** Closes what `startRelease` opened. */
export async function stopRelease({ server, browser } = {}) {
  await browser?.close();
  await server?.close();
}

/**
 * Open `url` in a fresh browser context and wait until the app is ready
 * (`[data-metric="required_leads"]` is present).
 * Returns { context, page, errors, dialogs, close }: `errors` collects console
 * errors and uncaught page errors; `dialogs` collects alert/confirm/prompt texts
 * (dialogs are dismissed).
 */
export async function openApp(browser, url, { contextOptions = {}, permissions = [] } = {}) {
  const context = await browser.newContext(contextOptions);
  if (permissions.length) {
    await context.grantPermissions(permissions, { origin: new URL(url).origin });
  }
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(20_000);
  const page = await context.newPage();
  const errors = [];
  const dialogs = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      errors.push(`console.error: ${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.stack || err.message || err}`));
  page.on('requestfailed', (req) => {
    // Only requests to our own server matter (there is no network otherwise).
    if (req.url().startsWith(new URL(url).origin)) {
      errors.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`);
    }
  });
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  await page.goto(url, { waitUntil: 'load' });
  await waitForApp(page, errors);
  return {
    context,
    page,
    errors,
    dialogs,
    close: () => context.close(),
  };
}

/**
 * Wait for the app's first render, for the sections built after it (a
 * section not built yet is a `[data-deferred]` placeholder: the browser's
 * idle periods build them all within a moment) and for the charts drawn
 * just after that (a chart not drawn yet is `aria-busy`); on timeout,
 * report the page errors seen so far.
 */
export async function waitForApp(page, errors = []) {
  try {
    await page.waitForSelector('[data-metric="required_leads"]', {
      state: 'attached',
      timeout: 20_000,
    });
    await page.waitForFunction(
      () => !document.querySelector('[data-deferred], figure[aria-busy="true"]'),
      null,
      { timeout: 20_000 },
    );
  } catch (err) {
    throw new Error(
      `the app did not render [data-metric="required_leads"] within 20 s` +
        (errors.length ? `; errors on the page:\n  ${errors.join('\n  ')}` : '') +
        `\n(${err.message.split('\n')[0]})`,
    );
  }
}

/**
 * Wait until the page has caught up with the last change: a section far off
 * screen updates its figures in the task after the next paint (see
 * src/components/deferred.rs), so that is waited for, twice over.
 */
export async function settled(page) {
  for (let i = 0; i < 2; i++) {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  }
}

/**
 * Read every `[data-metric]` element of the page.
 * Returns { metrics: {id: dataValue}, channels: [{id: dataValue}], conflicts: [...] }.
 * A metric inside an ancestor `[data-channel="i"]` goes into channels[i];
 * one inside `[data-year="N"]` (multi-year rows, 1-based) into years[N] and one
 * inside `[data-check-in="i"]` into checkIns[i]: those repeat per year or
 * check-in, so they are kept apart from the scenario's metrics. One inside
 * `[data-segment="g"]` (0-based, docs/model.md "Segments") goes into
 * segments[g]: a segment's card and its levers.
 * dataValue is the attribute string, or null when the attribute is missing.
 * Every occurrence of the same metric (and channel) must carry the same data-value;
 * this is asserted here.
 */
export async function readMetrics(page) {
  await settled(page);
  const raw = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('[data-metric]')) {
      const ch = el.closest('[data-channel]');
      const year = el.closest('[data-year]');
      const checkIn = el.closest('[data-check-in]');
      const segment = el.closest('[data-segment]');
      const quarter = el.closest('[data-quarter]');
      out.push({
        id: el.getAttribute('data-metric'),
        value: el.getAttribute('data-value'),
        channel: ch ? ch.getAttribute('data-channel') : null,
        year: year ? year.getAttribute('data-year') : null,
        checkIn: checkIn ? checkIn.getAttribute('data-check-in') : null,
        segment: segment ? segment.getAttribute('data-segment') : null,
        quarter: quarter ? quarter.getAttribute('data-quarter') : null,
      });
    }
    return out;
  });
  const metrics = {};
  const channels = [];
  const years = {};
  const checkIns = {};
  const segments = [];
  const quarters = {};
  const conflicts = [];
  for (const { id, value, channel, year, checkIn, segment, quarter } of raw) {
    let target = metrics;
    let where = id;
    if (quarter !== null) {
      if (!/^[1-4]$/.test(quarter)) {
        conflicts.push(`data-quarter="${quarter}" is not 1 to 4 (metric ${id})`);
        continue;
      }
      quarters[quarter] ??= {};
      target = quarters[quarter];
      where = `quarter ${quarter} ${id}`;
    } else if (year !== null) {
      years[year] ??= {};
      target = years[year];
      where = `year ${year} ${id}`;
    } else if (checkIn !== null) {
      checkIns[checkIn] ??= {};
      target = checkIns[checkIn];
      where = `check-in ${checkIn} ${id}`;
    } else if (channel !== null) {
      const idx = Number(channel);
      if (!Number.isInteger(idx) || idx < 0) {
        conflicts.push(`data-channel="${channel}" is not a 0-based index (metric ${id})`);
        continue;
      }
      channels[idx] ??= {};
      target = channels[idx];
      where = `channel ${idx} ${id}`;
    } else if (segment !== null) {
      const idx = Number(segment);
      if (!/^\d+$/.test(segment) || !Number.isInteger(idx)) {
        conflicts.push(`data-segment="${segment}" is not a 0-based index (metric ${id})`);
        continue;
      }
      segments[idx] ??= {};
      target = segments[idx];
      where = `segment ${idx} ${id}`;
    }
    if (id in target && target[id] !== value) {
      conflicts.push(`${where}: occurrences disagree ("${target[id]}" vs "${value}")`);
    }
    if (!(id in target)) target[id] = value;
  }
  assert.deepEqual(conflicts, [], `inconsistent data-metric elements:\n  ${conflicts.join('\n  ')}`);
  for (let i = 0; i < channels.length; i++) channels[i] ??= {};
  for (let i = 0; i < segments.length; i++) segments[i] ??= {};
  return { metrics, channels, years, checkIns, segments, quarters };
}

/**
 * Compare what the page shows with an oracle plan (from computePlan).
 * Returns a list of human-readable mismatches (empty when all agree).
 * Lever elements must exist iff plan.levers_shown.
 */
export function diffAgainstOracle(read, plan) {
  const problems = [];
  const several = (plan.segment_count ?? 1) > 1;
  for (const id of METRIC_IDS) {
    const isLever = LEVER_IDS.includes(id);
    const present = id in read.metrics;
    // With two or more segments only the budget lever is plan-wide; the
    // others are each segment's (docs/model.md, "Levers with segments").
    if (isLever && several && id !== 'lever_spend_share') {
      if (present) problems.push(`${id}: plan-wide on the page, but with segments it is each segment's`);
      continue;
    }
    if (isLever && !plan.levers_shown) {
      if (present) {
        problems.push(
          `${id}: present on the page but levers must not be shown (coverage ${plan.coverage})`,
        );
      }
      continue;
    }
    const why = compareValue(present ? read.metrics[id] : undefined, plan[id]);
    if (why) problems.push(`${id}: ${why}`);
  }
  if (read.channels.length !== plan.channels.length) {
    problems.push(
      `expected ${plan.channels.length} [data-channel] groups, found ${read.channels.length}`,
    );
  }
  plan.channels.forEach((expected, i) => {
    const got = read.channels[i] ?? {};
    for (const id of CHANNEL_METRIC_IDS) {
      const why = compareValue(id in got ? got[id] : undefined, expected[id]);
      if (why) problems.push(`channel ${i} ${id}: ${why}`);
    }
  });
  problems.push(...diffSegments(read, plan));
  problems.push(...diffTiming(read, plan));
  return problems;
}

/**
 * The part of diffAgainstOracle of docs/model.md, "Timing" and "Sales
 * capacity": `leads_needed_before_year`, every `data-quarter`'s figures,
 * and each capacity output, which is on the page exactly when planned.
 */
export function diffTiming(read, plan) {
  const problems = [];
  for (const id of TIMING_PLAN_IDS) {
    const why = compareValue(read.metrics[id], plan[id]);
    if (why) problems.push(`${id}: ${why}`);
  }
  const shown = Object.keys(read.quarters ?? {}).sort();
  if (shown.join() !== '1,2,3,4') problems.push(`expected data-quarter 1 to 4, found [${shown.join(', ')}]`);
  plan.quarters.forEach((expected, i) => {
    const got = read.quarters?.[i + 1] ?? {};
    for (const id of QUARTER_METRIC_IDS) {
      const why = compareValue(got[id], expected[id]);
      if (why) problems.push(`Q${i + 1} ${id}: ${why}`);
    }
    for (const id of Object.keys(got)) {
      if (!QUARTER_METRIC_IDS.includes(id)) problems.push(`Q${i + 1} ${id}: not a quarter id of docs/model.md`);
    }
  });
  for (const id of CAPACITY_METRIC_IDS) {
    const expected = plan.capacity[id];
    if (expected === undefined) {
      if (id in read.metrics) problems.push(`${id}: on the page, but its capacity inputs are not planned`);
      continue;
    }
    const why = compareValue(read.metrics[id], expected);
    if (why) problems.push(`${id}: ${why}`);
  }
  return problems;
}

/**
 * The segment part of diffAgainstOracle (docs/model.md, "Segments" and
 * "Segment figures the page adds"): with two or more segments every
 * `segment_*` id inside each `[data-segment]`, its levers while the plan
 * shows levers, and `required_marketing_revenue`; with one segment none of
 * these appear.
 */
export function diffSegments(read, plan) {
  const problems = [];
  const count = plan.segment_count ?? 1;
  const segments = read.segments ?? [];
  if (count < 2) {
    segments.forEach((got, g) => {
      const ids = Object.keys(got ?? {});
      if (ids.length) problems.push(`segment ${g}: ${ids.join(', ')} on the page of a one-segment plan`);
    });
    for (const id of MULTI_SEGMENT_PLAN_IDS) {
      if (id in read.metrics) problems.push(`${id}: on the page of a one-segment plan`);
    }
    return problems;
  }
  for (const id of MULTI_SEGMENT_PLAN_IDS) {
    const why = compareValue(id in read.metrics ? read.metrics[id] : undefined, plan[id]);
    if (why) problems.push(`${id}: ${why}`);
  }
  if (segments.length !== count) {
    problems.push(`expected ${count} [data-segment] groups with metrics, found ${segments.length}`);
  }
  plan.segments.forEach((expected, g) => {
    const got = segments[g] ?? {};
    for (const id of SEGMENT_METRIC_IDS) {
      const why = compareValue(id in got ? got[id] : undefined, expected[id]);
      if (why) problems.push(`segment ${g} ${id}: ${why}`);
    }
    for (const id of SEGMENT_LEVER_IDS) {
      if (!plan.levers_shown) {
        if (id in got) problems.push(`segment ${g} ${id}: present but the plan shows no levers`);
        continue;
      }
      const why = compareValue(id in got ? got[id] : undefined, expected.levers[id]);
      if (why) problems.push(`segment ${g} ${id}: ${why}`);
    }
    const known = new Set([...SEGMENT_METRIC_IDS, ...SEGMENT_LEVER_IDS]);
    for (const id of Object.keys(got)) {
      if (!known.has(id)) problems.push(`segment ${g} ${id}: not a per-segment id of docs/model.md`);
    }
  });
  return problems;
}

/** Assert the page matches the oracle; the message lists every mismatch. */
export async function assertMatchesOracle(page, plan, label = '') {
  const read = await readMetrics(page);
  const problems = diffAgainstOracle(read, plan);
  assert.deepEqual(
    problems,
    [],
    `${label ? `${label}: ` : ''}${problems.length} mismatch(es) with the oracle:\n  ${problems.join('\n  ')}`,
  );
  return read;
}

/** Compare two readMetrics() results (same scenario, e.g. a copied link). */
export function diffReads(a, b) {
  const problems = [];
  const ids = new Set([...Object.keys(a.metrics), ...Object.keys(b.metrics)]);
  for (const id of ids) {
    const x = a.metrics[id];
    const y = b.metrics[id];
    if (x === y) continue;
    const num = x !== undefined && y !== undefined && compareValue(y, x === '' ? null : Number(x));
    if (num !== null) problems.push(`${id}: first page "${x}", second page "${y}"`);
  }
  const n = Math.max(a.channels.length, b.channels.length);
  for (let i = 0; i < n; i++) {
    const ca = a.channels[i] ?? {};
    const cb = b.channels[i] ?? {};
    for (const id of new Set([...Object.keys(ca), ...Object.keys(cb)])) {
      const x = ca[id];
      const y = cb[id];
      if (x === y) continue;
      const num = x !== undefined && y !== undefined && compareValue(y, x === '' ? null : Number(x));
      if (num !== null) problems.push(`channel ${i} ${id}: first page "${x}", second page "${y}"`);
    }
  }
  return problems;
}

/** Visible text of the page that shows NaN / Infinity / ∞ (should be none). */
export async function badNumberText(page) {
  return page.evaluate(() => {
    const hits = [];
    const text = document.body.innerText;
    for (const line of text.split('\n')) {
      if (/NaN|Infinity|∞/.test(line)) hits.push(line.trim());
    }
    for (const el of document.querySelectorAll('[data-value]')) {
      const v = el.getAttribute('data-value');
      if (/nan|inf/i.test(v)) hits.push(`data-value="${v}" on ${el.getAttribute('data-metric')}`);
    }
    for (const el of document.querySelectorAll('input')) {
      if (/NaN|Infinity|∞/.test(el.value)) hits.push(`input #${el.id} value "${el.value}"`);
    }
    return hits;
  });
}

/** The data-value of one (the first) [data-metric=id] outside channel groups. */
export async function metricValue(page, id) {
  await settled(page);
  return page.evaluate((metricId) => {
    for (const el of document.querySelectorAll(`[data-metric="${metricId}"]`)) {
      if (!el.closest('[data-channel]')) return el.getAttribute('data-value');
    }
    return undefined;
  }, id);
}

/** The visible text of one (the first) [data-metric=id] outside channel groups. */
export async function metricText(page, id) {
  await settled(page);
  return page.evaluate((metricId) => {
    for (const el of document.querySelectorAll(`[data-metric="${metricId}"]`)) {
      if (!el.closest('[data-channel]')) return el.innerText ?? el.textContent;
    }
    return undefined;
  }, id);
}

/** Poll `fn` until it returns a truthy value, or throw `message` after `timeout` ms. */
export async function waitUntil(fn, message, timeout = 5000, interval = 50) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) {
      throw new Error(`${message} (timed out after ${timeout} ms; last: ${String(last)})`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}
