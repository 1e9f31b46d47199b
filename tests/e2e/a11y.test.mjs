// Accessibility smoke test: axe-core (WCAG 2.x A/AA rules) on the default page
// and on a page with an input error. Fails on serious or critical violations.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { DEFAULT_DIST, startServer } from './server.mjs';
import { launchBrowser, openApp } from './helpers.mjs';

const DIST = process.env.E2E_DIST ? resolve(process.env.E2E_DIST) : DEFAULT_DIST;
let server;
let browser;

before(async () => {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`${join(DIST, 'index.html')} is missing: run the release build first`);
  }
  server = await startServer(DIST);
  browser = await launchBrowser();
}, { timeout: 60_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

async function seriousViolations(page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

test('accessibility: no serious/critical axe violations on the default page', { timeout: 60_000 }, async () => {
  const app = await openApp(browser, `${server.url}/`);
  try {
    const v = await seriousViolations(app.page);
    assert.deepEqual(v, [], `axe violations:\n  ${v.join('\n  ')}`);
  } finally {
    await app.close();
  }
});

test('accessibility: no serious/critical axe violations with a field error shown', { timeout: 60_000 }, async () => {
  const app = await openApp(browser, `${server.url}/`);
  try {
    await app.page.locator('#in-win_rate_pct').fill('150');
    await app.page.locator('#err-win_rate_pct').waitFor({ state: 'visible' });
    const v = await seriousViolations(app.page);
    assert.deepEqual(v, [], `axe violations:\n  ${v.join('\n  ')}`);
  } finally {
    await app.close();
  }
});
