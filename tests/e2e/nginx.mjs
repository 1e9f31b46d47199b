// Serves the built app through nginx with the deployment's own configuration
// (deploy/nginx/planner.conf), as a real host would: precompressed files,
// cache and security headers. For the end-to-end tests and the benchmarks.
//
//   import { startNginx } from './nginx.mjs';
//   const { url, close } = await startNginx(dist);   // url: "http://127.0.0.1:<port>"
//
// CLI: node tests/e2e/nginx.mjs [dir]   (prints the URL; Ctrl-C stops it)
//
// nginx runs as a child process in the foreground with a main configuration
// written to a temporary folder (its pid file, logs and temp files go there
// too), so nothing of the system's nginx is used or touched but its binary,
// mime.types and the brotli module. `.ci/setup` installs those.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_DIST } from './server.mjs';

export const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
export const SNIPPET = fileURLToPath(new URL('../../deploy/nginx/planner.conf', import.meta.url));
export const MIME_TYPES = '/etc/nginx/mime.types';
// Debian puts the module in /usr/lib/nginx/modules (with a load_module line
// in /usr/share/nginx/modules-available/mod-http-brotli-static.conf that is
// relative to nginx's default prefix, so useless with our own -p).
const BROTLI_MODULES = [
  '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so',
  '/usr/share/nginx/modules/ngx_http_brotli_static_module.so',
];

/** The brotli_static module's file, or undefined when it is not installed. */
export const brotliModule = () => BROTLI_MODULES.find((f) => existsSync(f));

/** What is missing to run nginx here, or null. */
export function nginxMissing() {
  const setup = 'run .ci/setup (it installs the nginx and libnginx-mod-http-brotli-static packages)';
  if (!existsSync(NGINX)) return `nginx is not installed (${NGINX} is missing): ${setup}`;
  if (!existsSync(MIME_TYPES)) return `${MIME_TYPES} is missing: ${setup}`;
  if (!brotliModule()) return `nginx's brotli_static module is not installed (${BROTLI_MODULES.join(' or ')}): ${setup}`;
  return null;
}

function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

function answers(url) {
  return new Promise((done) => {
    const req = request(url, { method: 'HEAD', timeout: 1000 }, (res) => {
      res.resume();
      done(true);
    });
    req.on('error', () => done(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/**
 * Serve `dist` through nginx on 127.0.0.1 with deploy/nginx/planner.conf.
 * `frameAncestors` is what the deployer sets in $planner_frame_ancestors
 * (default "'self'"). Resolves to { url, port, close } like server.mjs's
 * startServer; throws, saying to run .ci/setup, when nginx is missing.
 */
export async function startNginx(dist = DEFAULT_DIST, { frameAncestors = "'self'" } = {}) {
  const missing = nginxMissing();
  if (missing) throw new Error(missing);
  const root = resolve(dist);
  if (!existsSync(join(root, 'index.html'))) throw new Error(`${root}/index.html is missing: run the release build first`);
  const module = brotliModule();
  // The port is free when asked and taken a moment later: on the rare clash, try another.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await launch(root, port, module, frameAncestors);
    } catch (err) {
      if (attempt >= 3 || !/Address already in use/.test(err.message)) throw err;
    }
  }
}

async function launch(root, port, module, frameAncestors) {
  const dir = mkdtempSync(join(tmpdir(), 'planner-nginx-'));
  const quoted = (s) => `"${s.replace(/["\\]/g, '\\$&')}"`;
  const conf = `# Written by tests/e2e/nginx.mjs
${process.getuid?.() === 0 ? '# As root, workers would otherwise run as "nobody", who may not read the build.\nuser root;\n' : ''}load_module ${module};
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
    include ${MIME_TYPES};
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    server {
        listen 127.0.0.1:${port};
        root ${quoted(root)};
        set $planner_frame_ancestors ${quoted(frameAncestors)};
        include ${quoted(SNIPPET)};
    }
}
`;
  const confFile = join(dir, 'nginx.conf');
  writeFileSync(confFile, conf);
  // -e: the error log from the first moment (before the configuration is read,
  // nginx would open Debian's default log, which a non-root user may not write).
  const child = spawn(NGINX, ['-c', confFile, '-p', `${dir}/`, '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  let exited = null;
  const exit = new Promise((done) => child.once('exit', (code, signal) => { exited = { code, signal }; done(); }));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    process.removeListener('exit', killOnExit);
    if (!exited) {
      child.kill('SIGTERM');
      await exit;
    }
    cleanup();
  };
  const log = () => {
    const file = join(dir, 'error.log');
    return [stderr.trim(), existsSync(file) ? readFileSync(file, 'utf8').trim() : ''].filter(Boolean).join('\n');
  };
  const deadline = Date.now() + 15_000;
  while (!(await answers(`${url}/`))) {
    if (exited || Date.now() > deadline) {
      const why = exited ? `exited (${exited.code ?? exited.signal})` : 'did not answer within 15 s';
      const text = log();
      await close();
      throw new Error(`nginx ${why}:\n${text}\n(configuration: ${conf})`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  // A warning at start-up is a mistake in the configuration (say a duplicate MIME type).
  const warnings = log().split('\n').filter((l) => /\[(warn|error|crit|alert|emerg)\]/.test(l));
  if (warnings.length) {
    await close();
    throw new Error(`nginx warns about its configuration:\n${warnings.join('\n')}`);
  }
  return { url, port, close, errorLog: log };
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const dir = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_DIST;
  const { url, close } = await startNginx(dir);
  console.log(`${url}/  (nginx serving ${dir} with ${SNIPPET})`);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => close().then(() => process.exit(0)));
}
