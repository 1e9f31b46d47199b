// End-to-end tests of the deployment: the built app served by nginx with
// deploy/nginx/planner.conf, the very file a deployer includes (README,
// "Deploying"). The planner and its embed run under the server's headers;
// the precompressed files come back as they were written and decode to the
// build's own bytes; cache and security headers are on every response.
// nginx missing is a failure, not a skip: .ci/test runs .ci/setup first.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startServer } from './server.mjs';
import { brotliModule, MIME_TYPES, NGINX, nginxMissing, SNIPPET, startNginx } from './nginx.mjs';
import { DIST, launchBrowser, openApp, waitUntil } from './helpers.mjs';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const HOST_DIR = join(dirname(fileURLToPath(import.meta.url)), 'host');
const TEST_TIMEOUT = { timeout: 90_000 };
const IMMUTABLE = 'public, max-age=31536000, immutable';

let nginx;
let host; // an agency site allowed to frame the planner
let stranger; // a site that is not
let browser;
let frameAncestors;

before(async () => {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run the release build first');
  host = await startServer(HOST_DIR);
  stranger = await startServer(HOST_DIR);
  // What a deployer sets in the server block: the planner's own site and the agency.
  frameAncestors = `'self' ${host.url}`;
  nginx = await startNginx(DIST, { frameAncestors });
  browser = await launchBrowser();
}, { timeout: 60_000 });

after(async () => {
  await browser?.close();
  await nginx?.close();
  await host?.close();
  await stranger?.close();
});

/** The policy README.md documents, read from its code block. */
function documentedPolicy() {
  const match = readFileSync(join(REPO, 'README.md'), 'utf8').match(/^Content-Security-Policy: (.+)$/m);
  assert.ok(match, 'README.md documents a Content-Security-Policy line');
  return match[1].trim();
}

/** GET `path` from nginx without decoding: { status, headers, body (the bytes on the wire) }. */
function get(path, headers = {}) {
  return new Promise((done, fail) => {
    const req = request(`${nginx.url}${path}`, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

/** The build's files that are served precompressed (each has .br and .gz beside it). */
function assets() {
  const files = readdirSync(DIST).filter((f) => /\.(wasm|js|css|html|svg)$/.test(f));
  for (const kind of ['_bg.wasm', '.js', '.css', '.svg', 'index.html']) {
    assert.ok(files.some((f) => f.endsWith(kind)), `dist/ has a ${kind} file`);
  }
  return files;
}

/** Collects Content-Security-Policy violations in every frame of a context's pages. */
async function watchViolations(context) {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      // Reported to the top page, wherever the frame's origin is.
      const text = `${location.origin}: ${e.violatedDirective} ${e.blockedURI}`;
      (window.top.__violations ??= []).push(text);
      if (window.top !== window) window.top.postMessage({ type: 'csp-violation', text }, '*');
    });
    if (window.top === window) {
      window.__violations = [];
      addEventListener('message', (e) => {
        if (e.data?.type === 'csp-violation') window.__violations.push(e.data.text);
      });
    }
  });
}

test('the planner renders through nginx with its wasm sent as brotli, and no errors', TEST_TIMEOUT, async () => {
  const app = await openApp(browser, `${nginx.url}/`, {
    contextOptions: { viewport: { width: 1280, height: 900 } },
  });
  try {
    const { page } = app;
    // What the browser was sent for the wasm (Chromium asks for gzip, deflate, br, zstd).
    const wasm = await page.evaluate(() =>
      performance.getEntriesByType('resource').filter((e) => e.name.endsWith('_bg.wasm')).map((e) => ({
        encoded: e.encodedBodySize,
        decoded: e.decodedBodySize,
      })),
    );
    assert.equal(wasm.length, 1, 'the wasm was fetched once');
    const wasmFile = readdirSync(DIST).find((f) => f.endsWith('_bg.wasm'));
    assert.equal(wasm[0].decoded, readFileSync(join(DIST, wasmFile)).length, 'the whole wasm arrived');
    assert.equal(wasm[0].encoded, readFileSync(join(DIST, `${wasmFile}.br`)).length, 'as the .br file written at build time');
    const before = await page.getAttribute('[data-metric="required_leads"]', 'data-value');
    await page.fill('#in-win_rate_pct', '30');
    await page.keyboard.press('Tab');
    await waitUntil(
      async () => (await page.getAttribute('[data-metric="required_leads"]', 'data-value')) !== before,
      'the plan follows an input',
    );
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('the embed renders in an agency page on another origin, also sandboxed, and a site not listed cannot frame it', TEST_TIMEOUT, async () => {
  assert.notEqual(new URL(nginx.url).origin, new URL(host.url).origin, 'two origins');
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  await watchViolations(context);
  const errors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    // The example host page has no favicon: only errors not about it count.
    page.on('console', (m) => {
      if (m.type() === 'error' && !(m.location()?.url ?? '').startsWith(host.url)) errors.push(m.text());
    });
    const src = `${nginx.url}/?embed=1&title=Plan%20your%20budget&accent=%23aa2200&win_rate_pct=25`;
    await page.goto(`${host.url}/index.html?app=${encodeURIComponent(src)}`);
    const frame = page.frameLocator('#budget-planner');
    await frame.locator('[data-metric="coverage"]').first().waitFor({ state: 'attached', timeout: 20_000 });
    assert.equal(await frame.locator('.embed-title').textContent(), 'Plan your budget');
    assert.equal(await frame.locator('#in-win_rate_pct').inputValue(), '25');
    await waitUntil(
      () => page.$eval('#budget-planner', (f) => f.getBoundingClientRect().height > 300),
      'the iframe takes the planner\'s height (postMessage)',
    );

    // Sandboxed without allow-same-origin: an opaque origin, so the script
    // and wasm load only with Access-Control-Allow-Origin.
    await page.evaluate((url) => {
      const f = document.createElement('iframe');
      f.id = 'sandboxed';
      f.setAttribute('sandbox', 'allow-scripts');
      f.style.height = '900px';
      f.src = url;
      document.body.append(f);
    }, `${nginx.url}/?embed=1`);
    const sandboxed = page.frameLocator('#sandboxed');
    const coverage = sandboxed.locator('[data-metric="coverage"]').first();
    await coverage.waitFor({ state: 'attached', timeout: 20_000 });
    const before = await coverage.getAttribute('data-value');
    await sandboxed.locator('#in-win_rate_pct').fill('35');
    await waitUntil(async () => (await coverage.getAttribute('data-value')) !== before, 'the sandboxed embed plans');
    assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no policy violations');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }

  // A site that is not in frame-ancestors gets no planner.
  const other = await browser.newContext();
  try {
    const page = await other.newPage();
    const refused = [];
    page.on('console', (m) => { if (/frame-ancestors/.test(m.text())) refused.push(m.text()); });
    await page.goto(`${stranger.url}/index.html?app=${encodeURIComponent(`${nginx.url}/?embed=1`)}`);
    await waitUntil(() => refused.length > 0, 'the browser refuses the frame, naming frame-ancestors', 10_000);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    assert.equal(await frame?.$('[data-metric]').catch(() => null) ?? null, null, 'no planner inside the frame');
  } finally {
    await other.close();
  }
});

test('the planner and the embed run under the policy nginx sends, the README\'s line, with no violations', TEST_TIMEOUT, async () => {
  const policy = documentedPolicy();
  const expected = `${policy}; frame-ancestors ${frameAncestors}`;
  // The two deployment files carry the README's line word for word.
  assert.ok(readFileSync(join(REPO, 'deploy/nginx/planner.conf'), 'utf8').includes(`"${policy}; frame-ancestors $planner_frame_ancestors"`), 'planner.conf has the README\'s policy');
  assert.match(readFileSync(join(REPO, 'deploy/_headers'), 'utf8'), new RegExp(`^  Content-Security-Policy: ${policy.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; frame-ancestors `, 'm'), '_headers has the README\'s policy');
  for (const path of ['/', '/?embed=1&accent=%23aa2200']) {
    const context = await browser.newContext({ acceptDownloads: true });
    await watchViolations(context);
    const errors = [];
    try {
      const page = await context.newPage();
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      const response = await page.goto(nginx.url + path);
      assert.equal(response.headers()['content-security-policy'], expected, `${path}: the policy comes from nginx`);
      await page.waitForSelector('[data-metric="coverage"]', { state: 'attached', timeout: 20_000 });
      // Work the page: an input, a chart drawn again, a PNG download (canvas + blob image).
      await page.fill('#in-win_rate_pct', '30');
      await page.keyboard.press('Tab');
      const figure = page.locator('figure[data-chart="funnel"]');
      await figure.locator('svg').waitFor();
      const [png] = await Promise.all([
        page.waitForEvent('download'),
        figure.getByRole('button', { name: 'PNG' }).click(),
      ]);
      assert.match(png.suggestedFilename(), /\.png$/);
      if (path.includes('accent')) {
        const accent = await page.$eval('#planner', (el) => getComputedStyle(el).getPropertyValue('--accent').trim());
        assert.equal(accent, '#aa2200', 'the accent colour applies without an inline style');
      }
      assert.deepEqual(await page.evaluate(() => window.__violations), [], `${path}: no policy violations`);
      assert.deepEqual(errors.filter((e) => /Content.Security.Policy|Refused to/i.test(e)), [], `${path}: no policy errors`);
      assert.deepEqual(errors, [], `${path}: no errors`);
    } finally {
      await context.close();
    }
  }
});

test('each asset comes back as brotli or gzip, as the browser asks, and decodes to the built file', TEST_TIMEOUT, async () => {
  for (const file of assets()) {
    const raw = readFileSync(join(DIST, file));
    const path = file === 'index.html' ? '/' : `/${file}`;
    const br = await get(path, { 'Accept-Encoding': 'br' });
    assert.equal(br.status, 200, path);
    assert.equal(br.headers['content-encoding'], 'br', `${path} with Accept-Encoding: br`);
    assert.deepEqual(brotliDecompressSync(br.body), raw, `${path}: brotli decodes to the file`);
    const gz = await get(path, { 'Accept-Encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip', `${path} with Accept-Encoding: gzip`);
    assert.deepEqual(gunzipSync(gz.body), raw, `${path}: gzip decodes to the file`);
    const chrome = await get(path, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    assert.equal(chrome.headers['content-encoding'], 'br', `${path}: brotli first when both are accepted`);
    const plain = await get(path);
    assert.equal(plain.headers['content-encoding'], undefined, `${path}: plain without Accept-Encoding`);
    assert.deepEqual(plain.body, raw);
    for (const res of [br, gz, plain]) assert.match(res.headers.vary ?? '', /Accept-Encoding/i, `${path}: Vary`);
    assert.ok(br.body.length < gz.body.length || raw.length < 1024, `${path}: brotli ${br.body.length} B < gzip ${gz.body.length} B`);
  }
  const wasm = assets().find((f) => f.endsWith('_bg.wasm'));
  const types = {
    [`/${wasm}`]: /^application\/wasm$/,
    '/': /^text\/html; charset=utf-8$/,
    [`/${assets().find((f) => f.endsWith('.css'))}`]: /^text\/css; charset=utf-8$/,
    [`/${assets().find((f) => f.startsWith('start-'))}`]: /^(application|text)\/javascript; charset=utf-8$/,
    [`/${assets().find((f) => f.endsWith('.svg'))}`]: /^image\/svg\+xml/,
  };
  for (const [path, type] of Object.entries(types)) {
    for (const encoding of ['br', 'gzip', 'identity']) {
      const res = await get(path, { 'Accept-Encoding': encoding });
      assert.match(res.headers['content-type'], type, `${path} (${encoding})`);
    }
  }
});

test('index.html is revalidated each time, the hashed assets are cached for a year, and every response has the security headers', TEST_TIMEOUT, async () => {
  const policy = `${documentedPolicy()}; frame-ancestors ${frameAncestors}`;
  const files = assets();
  const hashed = files.filter((f) => f !== 'index.html');
  // Trunk's names and the start-up script the hook writes, all with a content
  // hash (Trunk's is a 64-bit number in hex without leading zeros: 1–16 digits).
  for (const pattern of [/^budget-planner-[0-9a-f]{1,16}_bg\.wasm$/, /^budget-planner-[0-9a-f]{1,16}\.js$/, /^main-[0-9a-f]{1,16}\.css$/, /^start-[0-9a-f]{1,16}\.js$/, /^favicon-[0-9a-f]{1,16}\.svg$/]) {
    assert.ok(hashed.some((f) => pattern.test(f)), `dist/ has ${pattern}`);
  }
  const check = async (path, cache, status = 200) => {
    for (const encoding of ['br', 'gzip', 'identity']) {
      const res = await get(path, { 'Accept-Encoding': encoding });
      const label = `${path} (${encoding})`;
      assert.equal(res.status, status, label);
      assert.equal(res.headers['cache-control'], cache, `${label}: Cache-Control`);
      // Locations that change the cache must not lose these (nginx's add_header inheritance).
      assert.equal(res.headers['content-security-policy'], policy, `${label}: Content-Security-Policy`);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', `${label}: X-Content-Type-Options`);
      assert.equal(res.headers['referrer-policy'], 'no-referrer', `${label}: Referrer-Policy`);
      assert.equal(res.headers['access-control-allow-origin'], '*', `${label}: Access-Control-Allow-Origin`);
      assert.equal(res.headers.server, 'nginx', `${label}: no version in Server`);
    }
  };
  await check('/', 'no-cache');
  await check('/index.html', 'no-cache');
  await check('/?embed=1&title=x', 'no-cache');
  for (const f of hashed) await check(`/${f}`, IMMUTABLE);
  // An error is not cached (no Cache-Control at all), but has the security headers.
  await check('/no-such-file.js', undefined, 404);
  await check('/main-0000000000000000.css', undefined, 404);
  // no-cache means "ask first": the answer is a 304 while index.html is unchanged.
  const first = await get('/', { 'Accept-Encoding': 'br' });
  const again = await get('/', { 'Accept-Encoding': 'br', 'If-None-Match': first.headers.etag });
  assert.equal(again.status, 304, 'a current index.html is not sent again');
});

test('the build writes a .br and a .gz beside each asset, and they are current', () => {
  for (const file of assets()) {
    const raw = readFileSync(join(DIST, file));
    for (const [ext, decode] of [['.br', brotliDecompressSync], ['.gz', gunzipSync]]) {
      assert.ok(existsSync(join(DIST, file + ext)), `dist/${file}${ext} exists`);
      assert.deepEqual(decode(readFileSync(join(DIST, file + ext))), raw, `dist/${file}${ext} decodes to dist/${file}`);
    }
  }
});

test('the example site of the README is a configuration nginx accepts without a warning', () => {
  const missing = nginxMissing();
  assert.equal(missing, null, missing);
  const dir = mkdtempSync(join(tmpdir(), 'planner-site-'));
  try {
    // Laid out as on a Debian host: snippets/planner.conf beside the main
    // configuration (here a link to the repository's file). Only the
    // certificate paths change, to a throw-away self-signed pair.
    symlinkSync(dirname(SNIPPET), join(dir, 'snippets'));
    const openssl = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=planner.example.com',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { encoding: 'utf8' });
    assert.equal(openssl.status, 0, `openssl makes a test certificate: ${openssl.error ?? openssl.stderr}`);
    const site = readFileSync(join(REPO, 'deploy/nginx/example-site.conf'), 'utf8')
      .replace(/(ssl_certificate\s+)\S+;/, `$1${join(dir, 'cert.pem')};`)
      .replace(/(ssl_certificate_key\s+)\S+;/, `$1${join(dir, 'key.pem')};`);
    assert.match(site, /include snippets\/planner\.conf;/);
    // The README shows the same site, less its comments and the port-80 redirect.
    const lines = (text) => text.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean);
    const shown = readFileSync(join(REPO, 'README.md'), 'utf8').match(/```nginx\n([\s\S]*?)```/);
    assert.ok(shown, 'README.md shows the example site');
    const file = readFileSync(join(REPO, 'deploy/nginx/example-site.conf'), 'utf8');
    assert.deepEqual(lines(shown[1]), lines(file.slice(0, file.indexOf('\n}\n') + 3)), 'README.md shows example-site.conf');
    writeFileSync(join(dir, 'site.conf'), site);
    writeFileSync(join(dir, 'nginx.conf'), `load_module ${brotliModule()};
pid ${dir}/nginx.pid;
events {}
http {
    include ${MIME_TYPES};
    include site.conf;
}
`);
    const check = () => spawnSync(NGINX, ['-t', '-c', join(dir, 'nginx.conf'), '-p', `${dir}/`, '-e', join(dir, 'error.log')], { encoding: 'utf8' });
    const t = check();
    assert.equal(t.status, 0, t.stderr);
    assert.doesNotMatch(t.stderr, /\[(warn|emerg|alert|crit|error)\]/, t.stderr);
    // Without a frame-ancestors choice, nginx does not start.
    writeFileSync(join(dir, 'site.conf'), site.replace(/^\s*set \$planner_frame_ancestors .*$/m, ''));
    const unset = check();
    assert.notEqual(unset.status, 0, 'nginx refuses a site that does not set $planner_frame_ancestors');
    assert.match(unset.stderr, /unknown "planner_frame_ancestors" variable/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('_headers gives each built file one Cache-Control, the same as nginx', () => {
  // Rules as Netlify and Cloudflare Pages read them: a path line, then indented headers; * matches anything.
  const rules = [];
  for (const text of readFileSync(join(REPO, 'deploy/_headers'), 'utf8').split('\n')) {
    if (/^\s*(#|$)/.test(text)) continue;
    if (text.startsWith('/')) rules.push({ path: text.trim(), headers: {} });
    else {
      const [, name, value] = text.match(/^\s+([A-Za-z-]+):\s*(.*)$/) ?? assert.fail(`a header line: ${text}`);
      rules.at(-1).headers[name.toLowerCase()] = value;
    }
  }
  const matches = (rule, path) => new RegExp(`^${rule.path.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(path);
  const headersFor = (path) => {
    const found = {};
    for (const rule of rules.filter((r) => matches(r, path))) {
      for (const [name, value] of Object.entries(rule.headers)) (found[name] ??= []).push(value);
    }
    return found;
  };
  for (const file of assets()) {
    const paths = file === 'index.html' ? ['/', '/index.html'] : [`/${file}`];
    for (const path of paths) {
      const h = headersFor(path);
      assert.deepEqual(h['cache-control'], [file === 'index.html' ? 'no-cache' : IMMUTABLE], `${path}: one Cache-Control`);
      assert.equal(h['content-security-policy']?.length, 1, `${path}: the policy`);
      assert.deepEqual(h['x-content-type-options'], ['nosniff']);
      assert.deepEqual(h['referrer-policy'], ['no-referrer']);
      assert.deepEqual(h['access-control-allow-origin'], ['*']);
    }
  }
});
