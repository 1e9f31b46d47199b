// Trunk post-build hook: writes X.br (brotli, quality 11) and X.gz (gzip,
// level 9) beside every .wasm, .js, .css, .html and .svg file of the build,
// so a host serves them as they are instead of compressing on each request
// (nginx `brotli_static` / `gzip_static`: deploy/nginx/planner.conf).
// Run after .ci/no-inline-script.mjs (Trunk.toml): index.html and the
// start-up script must be final before they are compressed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');

let raw = 0;
let br = 0;
// Recursive, should a copied folder of assets ever be added to the build.
for (const name of readdirSync(dir, { recursive: true }).filter((f) => /\.(wasm|js|css|html|svg)$/.test(f))) {
  const file = join(dir, name);
  const body = readFileSync(file);
  // Quality 11 is brotli's slowest and smallest (about 2 s for the wasm);
  // the mode and window options change nothing measurable for these files.
  const brotli = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  writeFileSync(`${file}.br`, brotli);
  writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  raw += body.length;
  br += brotli.length;
}
console.log(`compress: .br and .gz written beside the build's files (${raw} B raw, ${br} B brotli)`);
