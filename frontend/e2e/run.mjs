// End-to-end tests: builds the SPA and the Go server, starts `retain serve`
// with its embedded PostgreSQL on a fresh data directory and a free port,
// drives Debian's chromium headless through the scenarios, saves screenshots
// to <repo>/artifacts/screenshots/, and always stops the server.
//
//   npm run e2e                      everything
//   E2E_SKIP_BUILD=1 npm run e2e     reuse frontend/dist
//   E2E_ONLY="log in" npm run e2e    scenarios whose name contains the text
//   E2E_BASE_URL=http://… npm run e2e  against a server you already run
//   RETAIN_TEST_BINARY=bin/retain    use this server binary instead of building one
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, api, buildServer, buildSpa, ensureBrowser, log, makeTempDir, startServer } from './lib.mjs';
import { scenarios as foundation } from './scenarios.mjs';
import { scenarios as workflow } from './scenarios-workflow.mjs';

const scenarios = [...foundation, ...workflow];

const frontendDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(frontendDir, '..');
const shotsDir = join(repoRoot, 'artifacts', 'screenshots');

let server = null;
let browser = null;
let tmp = null;

async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  browser = null;
  if (server) await server.stop();
  server = null;
  if (tmp && !process.env.E2E_KEEP_TMP) rmSync(tmp.dir, { recursive: true, force: true });
  tmp = null;
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    log(`${sig}: cleaning up`);
    await cleanup();
    process.exit(130);
  });
}

async function main() {
  const started = Date.now();
  ensureBrowser();
  mkdirSync(shotsDir, { recursive: true });
  for (const f of readdirSync(shotsDir)) if (f.endsWith('.png')) rmSync(join(shotsDir, f));

  let base = process.env.E2E_BASE_URL;
  if (!base) {
    if (!process.env.E2E_SKIP_BUILD) buildSpa(frontendDir);
    tmp = makeTempDir();
    // scripts/test.sh has just built the server; reuse it.
    const prebuilt = process.env.RETAIN_TEST_BINARY;
    const bin = prebuilt && existsSync(prebuilt) ? prebuilt : buildServer(repoRoot, tmp.dir);
    const logFile = join(tmp.dir, 'server.log');
    log(`starting retain serve (data ${tmp.data}, log ${logFile})`);
    server = await startServer({ bin, repoRoot, dataDir: tmp.data, staticDir: join(frontendDir, 'dist'), logFile });
    base = server.base;
  }

  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  // Every page of every scenario is watched: an uncaught exception fails it.
  let pageErrors = [];
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (opts) => {
    const ctx = await newContext(opts);
    ctx.on('page', (p) => {
      p.on('pageerror', (e) => pageErrors.push(`${p.url()}: ${e.message}`));
      p.on('console', (m) => {
        if (m.type() === 'error' && !/status of 401/.test(m.text())) log(`  console error on ${p.url()}: ${m.text()}`);
      });
    });
    return ctx;
  };
  const shot = async (page, name, opts = {}) => {
    // Let transitions and fonts settle so the pictures are stable.
    if (opts.fullPage) await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(250);
    await page.screenshot({ path: join(shotsDir, `${name}.png`), ...opts });
  };
  const only = process.env.E2E_ONLY;
  let passed = 0;
  let failed = 0;
  for (const s of scenarios) {
    if (only && !s.name.includes(only)) continue;
    const t0 = Date.now();
    const pagesBefore = new Set(browser.contexts().flatMap((c) => c.pages()));
    pageErrors = [];
    try {
      await s.run({ browser, base, shot, api: api(base) });
      if (pageErrors.length) throw new Error(`uncaught errors in the page:\n  ${pageErrors.join('\n  ')}`);
      passed++;
      log(`PASS ${s.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (err) {
      failed++;
      log(`FAIL ${s.name}: ${err.stack || err}`);
      const pages = browser.contexts().flatMap((c) => c.pages()).filter((p) => !pagesBefore.has(p));
      for (const [i, p] of pages.entries()) {
        await p.screenshot({ path: join(shotsDir, `failure-${s.name.replace(/\W+/g, '-')}-${i}.png`) }).catch(() => {});
        log(`  page ${i}: ${p.url()}`);
      }
    } finally {
      for (const c of browser.contexts()) await c.close().catch(() => {});
    }
  }
  log(`screenshots in ${shotsDir}; took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0;
}

let ok = false;
try {
  ok = await main();
} catch (err) {
  log(`error: ${err.stack || err}`);
} finally {
  await cleanup();
}
process.exit(ok ? 0 : 1);
