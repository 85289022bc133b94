// Helpers for the end-to-end run: the real server, the browser, and small
// page utilities shared by the scenarios.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const PASSWORD = 'retain-demo-2026';
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
export const DESKTOP = { viewport: { width: 1280, height: 800 } };
export const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

export function log(...args) {
  console.log(`[e2e ${new Date().toISOString().slice(11, 19)}]`, ...args);
}

function run(cmd, args, opts) {
  log('$', cmd, args.join(' '));
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Debian's chromium (and a CJK font for the Chinese screens), installed when missing. */
export function ensureBrowser() {
  if (!existsSync(CHROMIUM)) {
    if (!isRoot()) throw new Error(`${CHROMIUM} is missing; install it with: apt-get install -y --no-install-recommends chromium`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  const fonts = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  if (fonts.status === 0 && !fonts.stdout.trim() && isRoot()) {
    // Without a CJK font the Chinese screenshots show boxes (the test still passes).
    const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'fonts-wqy-microhei'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (r.status !== 0) log('warning: could not install a CJK font; Chinese screenshots may show boxes');
  }
}

export function findGo() {
  for (const g of ['go', '/usr/local/go/bin/go', '/usr/lib/go/bin/go']) {
    if (spawnSync(g, ['version']).status === 0) return g;
  }
  throw new Error('go not found (needed to build the server)');
}

export function buildSpa(frontendDir) {
  run('npm', ['run', 'build'], { cwd: frontendDir });
}

export function buildServer(repoRoot, outDir) {
  const bin = join(outDir, 'retain');
  run(findGo(), ['build', '-o', bin, './cmd/retain'], { cwd: repoRoot });
  return bin;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function makeTempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'retain-e2e-'));
  // The embedded PostgreSQL runs as an unprivileged user when we are root:
  // it must be able to traverse the data directory's parents.
  chmodSync(dir, 0o755);
  const data = join(dir, 'data');
  mkdirSync(data, { mode: 0o755 });
  return { dir, data };
}

/**
 * Starts `retain serve` on a fresh data directory in its own process group,
 * so stopping it also stops the embedded PostgreSQL.
 */
export async function startServer({ bin, repoRoot, dataDir, staticDir, logFile }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const out = createWriteStream(logFile);
  const child = spawn(bin, ['serve'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      RETAIN_DATA_DIR: dataDir,
      RETAIN_ADDR: `127.0.0.1:${port}`,
      RETAIN_STATIC_DIR: staticDir,
      RETAIN_BCRYPT_COST: '4',
      RETAIN_LOG_LEVEL: 'info',
    },
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));

  const stop = async () => {
    if (exited) return;
    log('stopping the server');
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 200 && !exited; i++) await sleep(100);
    if (!exited) {
      log('server did not stop in 20 s; killing it');
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      for (let i = 0; i < 50 && !exited; i++) await sleep(100);
    }
  };

  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited) throw new Error(`the server exited early (${JSON.stringify(exited)}):\n${tail(logFile)}`);
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server was not ready within 180 s:\n${tail(logFile)}`);
    }
    await sleep(250);
  }
  log(`server ready at ${base} (pid ${child.pid})`);
  return { base, stop, pid: child.pid };
}

export function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** A tiny GraphQL client for arranging data through the real API. */
export function api(base) {
  async function gql(query, variables = {}, token) {
    const r = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = await r.json();
    if (body.errors?.length) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
    return body.data;
  }
  async function token(email) {
    const d = await gql('mutation($e:String!,$p:String!){login(input:{email:$e,password:$p,client:MOBILE}){accessToken}}', { e: email, p: PASSWORD });
    return d.login.accessToken;
  }
  return { gql, token };
}

/** Signs in through the login form (the page must be on /login). */
export async function signIn(page, email, { lang = 'en' } = {}) {
  await page.waitForURL(/\/login/);
  const labels = lang === 'zh' ? { email: '邮箱', password: /^密码/, submit: '登录' } : { email: 'Email', password: /^Password/, submit: 'Sign in' };
  await page.getByRole('textbox', { name: new RegExp(`^${labels.email}`) }).fill(email);
  await page.getByRole('textbox', { name: labels.password }).fill(PASSWORD);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

export function expect(cond, message) {
  if (!cond) throw new Error(`expectation failed: ${message}`);
}

export async function expectText(locator, text, message) {
  const got = (await locator.innerText()).trim();
  if (typeof text === 'string' ? !got.includes(text) : !text.test(got)) throw new Error(`${message}: expected ${text}, got ${JSON.stringify(got)}`);
}
