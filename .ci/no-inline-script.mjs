// Trunk post-build hook: moves the start-up script Trunk writes inline into
// index.html out into its own file, so the built app runs under a
// Content-Security-Policy of `script-src 'self' 'wasm-unsafe-eval'` with no
// 'unsafe-inline', no nonce and no hash (README, "Security headers").
// Fails the build if the page is not as expected, rather than ship an inline script.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');
const page = join(dir, 'index.html');
const html = readFileSync(page, 'utf8');
const inline = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)];
if (inline.length !== 1) throw new Error(`expected one inline module script in index.html, found ${inline.length}`);
const [whole, body] = inline[0];
const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
const name = `start-${hash}.js`;
writeFileSync(join(dir, name), body.trim() + '\n');
const out = html.replace(whole, `<script type="module" src="./${name}"></script>`);
if (/<script(?![^>]*\ssrc=)[^>]*>/.test(out)) throw new Error('an inline script is left in index.html');
if (/\son[a-z]+=/i.test(out)) throw new Error('an inline event handler is in index.html');
writeFileSync(page, out);
console.log(`no-inline-script: start-up script moved to ${name}`);
