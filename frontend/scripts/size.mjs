// Prints the gzipped size of what the browser loads before the first route
// renders (index.html's scripts, their static imports and the CSS), and of
// every lazily loaded chunk. Fails when the initial JavaScript exceeds the
// budget (350 KiB gzipped).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KIB = 350;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
if (!existsSync(join(dist, 'index.html'))) {
  console.error('size: dist/index.html not found; run `npm run build` first');
  process.exit(1);
}
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kib = (n) => (n / 1024).toFixed(1).padStart(7) + ' KiB';

// Entry scripts, modulepreloads and stylesheets named by index.html.
const entries = [...html.matchAll(/<script[^>]+type="module"[^>]+src="\/([^"]+)"/g)].map((m) => m[1]);
const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+)"/g)].map((m) => m[1]);
const styles = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+)"/g)].map((m) => m[1]);

// Follow static imports (not dynamic ones) from the entries.
const initial = new Set();
const queue = [...entries, ...preloads];
while (queue.length) {
  const f = queue.pop();
  if (initial.has(f)) continue;
  initial.add(f);
  const src = readFileSync(join(dist, f), 'utf8');
  for (const m of src.matchAll(/(?:^|[;}\n])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) queue.push(join(dirname(f), m[1]));
  for (const m of src.matchAll(/\bfrom\s*["']\.\/([^"']+\.js)["']/g)) queue.push(join(dirname(f), m[1]));
}
const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
const lazy = all.filter((f) => !initial.has(f));

let jsTotal = 0;
console.log('\nInitial load (gzip -9):');
for (const f of [...initial].sort()) {
  const n = gz(f);
  jsTotal += n;
  console.log(`  ${kib(n)}  ${f}`);
}
let cssTotal = 0;
for (const f of styles) {
  const n = gz(f);
  cssTotal += n;
  console.log(`  ${kib(n)}  ${f}`);
}
console.log(`  ${kib(jsTotal)}  = initial JavaScript (budget ${BUDGET_KIB} KiB)`);
console.log(`  ${kib(cssTotal)}  = initial CSS`);
console.log('Lazy route chunks (gzip -9):');
let lazyTotal = 0;
for (const f of lazy.sort()) {
  const n = gz(f);
  lazyTotal += n;
  console.log(`  ${kib(n)}  ${f}`);
}
console.log(`  ${kib(lazyTotal)}  = all lazy chunks\n`);
if (jsTotal / 1024 > BUDGET_KIB) {
  console.error(`size: initial JavaScript ${(jsTotal / 1024).toFixed(1)} KiB exceeds the ${BUDGET_KIB} KiB budget`);
  process.exit(1);
}
