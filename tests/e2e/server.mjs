// A tiny static file server for the built app (no dependencies).
//
//   import { startServer } from './server.mjs';
//   const { url, close } = await startServer();        // serves <repo>/dist
//
// CLI: node tests/e2e/server.mjs [dir] [port]   (prints the URL; Ctrl-C stops it)
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** <repo>/dist, resolved from this file's location (tests/e2e/ -> ../../dist). */
export const DEFAULT_DIST = fileURLToPath(new URL('../../dist', import.meta.url));

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

async function fileIfExists(path) {
  try {
    const st = await stat(path);
    return st.isFile() ? st : null;
  } catch {
    return null;
  }
}

/**
 * Serve `dir` on 127.0.0.1. `port` 0 (the default) picks a free port;
 * `headers` are added to every response (e.g. a Content-Security-Policy).
 * Resolves to { url, port, close } where url ends without a slash
 * (e.g. "http://127.0.0.1:41234") and close() returns a promise.
 */
export function startServer(dir = DEFAULT_DIST, port = 0, { headers = {} } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const { pathname } = new URL(req.url, 'http://localhost');
      let rel;
      try {
        rel = decodeURIComponent(pathname);
      } catch {
        res.writeHead(400).end('bad path');
        return;
      }
      if (rel.includes('\0')) {
        res.writeHead(400).end('bad path');
        return;
      }
      if (rel.endsWith('/')) rel += 'index.html';
      let file = resolve(join(root, rel));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      let st = await fileIfExists(file);
      // Single-page fallback: an extension-less path that is not a file gets index.html.
      if (!st && extname(rel) === '') {
        file = join(root, 'index.html');
        st = await fileIfExists(file);
      }
      if (!st) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': st.size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        // As a deployment should: public static files, readable from a
        // sandboxed iframe's opaque origin (README, "Embedding").
        'Access-Control-Allow-Origin': '*',
        ...headers,
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(file).on('error', () => res.destroy()).pipe(res);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500).end(String(err));
      else res.destroy();
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actual = server.address().port;
      resolvePromise({
        url: `http://127.0.0.1:${actual}`,
        port: actual,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const dir = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_DIST;
  const port = process.argv[3] ? Number(process.argv[3]) : 0;
  const { url } = await startServer(dir, port);
  console.log(`${url}/  (serving ${dir})`);
}
