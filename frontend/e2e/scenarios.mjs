// The browser scenarios, run in order against the real server. Each gets a
// fresh browser context (its own cookies and storage) unless it says so.
import { DESKTOP, PASSWORD, PHONE, expect, expectText, log, signIn } from './lib.mjs';

/** Customers agent1 may not see: owned by agent2, not backed up by agent1. */
async function customerOfAgent2HiddenFromAgent1(api) {
  const admin = await api.token('admin@retain.demo');
  const { users } = await api.gql('{ users { id email } }', {}, admin);
  const id = (email) => users.find((u) => u.email === email).id;
  const agent1 = id('agent1@retain.demo');
  const agent2 = id('agent2@retain.demo');
  const { customers } = await api.gql(
    'query($f:CustomerFilter){ customers(first:100, filter:$f){ edges { node { id name owner { id } backupOwner { id } } } } }',
    { f: { ownerIds: [agent2] } },
    admin,
  );
  const hidden = customers.edges.map((e) => e.node).find((c) => c.owner.id === agent2 && c.backupOwner?.id !== agent1);
  expect(hidden, 'the demo has a customer of agent2 that agent1 does not back up');
  return hidden;
}

/** Waits until the customer list has no request in flight. */
async function listSettled(page) {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}

async function firstCustomerId(page) {
  const href = await page.getByTestId('customer-row').first().getByRole('link').first().getAttribute('href');
  return href.split('/').pop();
}

export const scenarios = [
  {
    name: 'log in',
    async run({ browser, base, shot }) {
      const ctx = await browser.newContext({ ...DESKTOP, locale: 'en-US' });
      const page = await ctx.newPage();
      await page.goto(base + '/');
      await page.waitForURL(/\/login/);
      await shot(page, 'desktop-en-login');
      // A wrong password is refused with a message, not a crash.
      await page.getByRole('textbox', { name: /^Email/ }).fill('manager1@retain.demo');
      await page.getByRole('textbox', { name: /^Password/ }).fill('wrong password');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expectText(page.getByTestId('login-error'), 'wrong', 'login error');
      // Keyboard only: the email field has focus, Tab reaches the password, Enter submits.
      await page.getByRole('textbox', { name: /^Email/ }).fill('');
      await page.getByRole('textbox', { name: /^Email/ }).focus();
      await page.keyboard.type('manager1@retain.demo');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name')) === 'password', 'Tab moves to the password');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(PASSWORD);
      await page.keyboard.press('Enter');
      // Without a `next` page, signing in lands on the dashboard.
      await page.waitForURL(/\/dashboard$/);
      await page.getByTestId('card-risk-levels').waitFor();
      // The first Tab on a page reaches the skip link.
      await page.keyboard.press('Tab');
      expect((await page.evaluate(() => document.activeElement?.textContent)) === 'Skip to content', 'skip link first in tab order');
      await page.getByRole('link', { name: 'Customers', exact: true }).first().click();
      await page.waitForURL(/\/customers$/);
      await page.getByTestId('customer-row').first().waitFor();
      // The rows come first; the total follows from its own query.
      await page.waitForFunction(() => /\d+–\d+ of \d/.test(document.querySelector('[data-testid=customers-count]')?.textContent ?? ''));
      // How long a cold load of the list takes (session restore + first page).
      const t0 = Date.now();
      await page.reload();
      await page.getByTestId('customer-row').first().waitFor();
      log(`customers list visible ${Date.now() - t0} ms after a reload (restore + first page)`);
      await shot(page, 'desktop-en-customers');
      await page.getByRole('link', { name: /Dashboard/ }).click();
      await page.getByTestId('card-risk-levels').waitFor();
      await shot(page, 'desktop-en-dashboard-first-look');
      await ctx.close();
    },
  },
  {
    name: 'filter customers and open one',
    async run({ browser, base, shot }) {
      const ctx = await browser.newContext({ ...DESKTOP, locale: 'en-US' });
      const page = await ctx.newPage();
      await page.goto(base + '/customers');
      await signIn(page, 'manager1@retain.demo');
      await page.getByTestId('customer-row').first().waitFor();
      // The count arrives after the rows: wait for it so the change below comes from the new filter.
      await listSettled(page);
      const before = await page.getByTestId('customers-count').innerText();

      await page.getByRole('combobox', { name: 'Stage' }).click();
      await page.getByRole('option', { name: 'Active', exact: true }).click();
      await page.keyboard.press('Escape');
      await page.waitForURL(/stage=ACTIVE/);
      await page.waitForFunction((b) => document.querySelector('[data-testid=customers-count]')?.textContent !== b, before);
      await listSettled(page);
      const stages = await page.getByTestId('customer-row').evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[2]?.textContent?.trim()));
      expect(stages.length > 0 && stages.every((s) => s === 'Active'), `every row is Active, got ${stages.join(', ')}`);

      await page.getByRole('combobox', { name: 'Sort by' }).click();
      await page.getByRole('option', { name: 'Name (A–Z)' }).click();
      await page.waitForURL(/sort=NAME_ASC/);
      await listSettled(page);

      // Search by part of the first row's name (debounced).
      const name = (await page.getByTestId('customer-row').first().getByRole('link').first().innerText()).trim();
      const term = [...name].slice(0, Math.min(4, [...name].length)).join('');
      await page.getByTestId('customer-search').fill(term);
      await page.waitForURL((u) => u.searchParams.get('q') === term);
      await page.waitForFunction(
        (t) => [...document.querySelectorAll('[data-testid=customer-row] a')].every((a) => a.closest('[data-testid=customer-row]').textContent.toLowerCase().includes(t.toLowerCase())),
        term,
      );
      await listSettled(page);
      await shot(page, 'desktop-en-customers-filtered');

      const first = page.getByTestId('customer-row').first().getByRole('link').first();
      const opened = (await first.innerText()).trim();
      await first.click();
      await page.getByTestId('risk-card').waitFor();
      await expectText(page.getByTestId('customer-name'), opened, 'customer page heading');
      await page.getByTestId('contract-card').waitFor();
      await shot(page, 'desktop-en-customer');
      // Back keeps the filters (they live in the URL).
      await page.goBack();
      await page.waitForURL(/stage=ACTIVE/);
      await ctx.close();
    },
  },
  {
    name: 'edit a customer (and a conflicting edit)',
    async run({ browser, base, shot }) {
      const ctx = await browser.newContext({ ...DESKTOP, locale: 'en-US' });
      const a = await ctx.newPage();
      await a.goto(base + '/customers');
      await signIn(a, 'manager1@retain.demo');
      await a.getByTestId('customer-row').first().waitFor();
      const id = await firstCustomerId(a);
      await a.goto(`${base}/customers/${id}`);
      await a.getByTestId('edit-customer').click();

      // A second tab opens the same customer's form before the first one saves.
      const b = await ctx.newPage();
      await b.goto(`${base}/customers/${id}`);
      await b.getByTestId('edit-customer').click();

      const city = `E2E City ${Date.now() % 100000}`;
      await a.getByTestId('field-city').fill(city);
      await a.getByTestId('save-customer').click();
      await a.getByTestId('profile-facts').waitFor();
      await expectText(a.getByTestId('profile-facts'), city, 'saved city shown');

      await b.getByRole('textbox', { name: /^Phone/ }).fill('+86 138 0000 0000');
      await b.getByTestId('save-customer').click();
      await b.getByTestId('conflict-alert').waitFor();
      await shot(b, 'desktop-en-conflict');
      await b.getByRole('button', { name: 'Reload latest' }).click();
      await b.waitForFunction((c) => document.querySelector('[data-testid=field-city]')?.value === c, city);
      await b.getByTestId('save-customer').click();
      await b.getByTestId('profile-facts').waitFor();

      // A reload restores the session from the cookie and shows the saved data.
      await a.reload();
      await a.getByTestId('profile-facts').waitFor();
      await expectText(a.getByTestId('profile-facts'), city, 'city after reload');
      await ctx.close();
    },
  },
  {
    name: 'create a customer on a phone (validation first)',
    async run({ browser, base, shot }) {
      const ctx = await browser.newContext({ ...PHONE, locale: 'en-US' });
      const page = await ctx.newPage();
      await page.goto(base + '/customers/new');
      await signIn(page, 'agent1@retain.demo');
      await page.waitForURL(/\/customers\/new$/);
      await page.getByTestId('create-customer').click();
      await page.getByText('Required').first().waitFor();
      await page.getByTestId('field-email').fill('not an email');
      await page.getByTestId('create-customer').click();
      await page.getByText('Enter a valid email address').waitFor();
      await shot(page, 'phone-en-new-customer-validation', { fullPage: true });
      const name = `E2E Customer ${Date.now() % 100000}`;
      await page.getByTestId('field-name').fill(name);
      await page.getByTestId('field-email').fill('e2e@example.com');
      await page.getByTestId('field-relationship-type').click();
      await page.getByRole('option').first().click();
      await page.getByTestId('create-customer').click();
      await page.getByTestId('risk-card').waitFor();
      await expectText(page.getByTestId('customer-name'), name, 'new customer page');
      await shot(page, 'phone-en-customer', { fullPage: true });
      await page.goto(base + '/customers');
      await page.getByTestId('customers-cards').waitFor();
      await shot(page, 'phone-en-customers');
      await page.getByTestId('burger').click();
      await page.getByTestId('main-nav').getByRole('link', { name: /Settings/ }).waitFor();
      await shot(page, 'phone-en-nav');
      await page.getByTestId('main-nav').getByRole('link', { name: /Settings/ }).click();
      await page.waitForURL(/\/settings\/relationship-types/);
      await page.getByTestId('relationship-type').first().waitFor();
      await shot(page, 'phone-en-settings');
      await ctx.close();
    },
  },
  {
    name: 'switch to Chinese and see the screens in Chinese',
    async run({ browser, base, shot }) {
      for (const [device, opts] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ]) {
        const ctx = await browser.newContext({ ...opts, locale: 'en-US' });
        const page = await ctx.newPage();
        await page.goto(base + '/customers');
        await signIn(page, 'manager1@retain.demo');
        await page.getByTestId('customer-row').first().waitFor();
        await page.getByTestId('language-switch').getByText('中文').click();
        await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
        await page.getByRole('heading', { name: '客户', exact: true }).waitFor();
        await page.getByText(/第 1–\d+ 条，共 [\d,]+ 条/).waitFor();
        await shot(page, `${device}-zh-customers`);
        if (device === 'phone') {
          await page.getByTestId('burger').click();
          await page.getByTestId('main-nav').getByRole('link', { name: /设置/ }).waitFor();
          await shot(page, 'phone-zh-nav');
          await page.getByTestId('burger').click();
        }
        await page.getByTestId('customer-row').first().getByRole('link').first().click();
        await page.getByText('流失风险').waitFor();
        await page.getByText(/关系约定：/).waitFor();
        await shot(page, `${device}-zh-customer`, { fullPage: device === 'phone' });
        // The choice survives a reload (kept in localStorage).
        await page.goto(base + '/settings/relationship-types');
        await page.getByRole('heading', { name: '设置' }).waitFor();
        await page.getByTestId('relationship-type').first().waitFor();
        await shot(page, `${device}-zh-settings`);
        await page.goto(base + '/complaints');
        await page.getByRole('heading', { name: '投诉', exact: true }).waitFor();
        await shot(page, `${device}-zh-complaints-board`);
        await page.getByTestId('user-menu').click();
        await page.getByTestId('logout').click();
        await page.waitForURL(/\/login/);
        await page.getByRole('button', { name: '登录', exact: true }).waitFor();
        await shot(page, `${device}-zh-login`);
        await ctx.close();
      }
    },
  },
  {
    name: "an agent opening another agent's customer by URL sees not found",
    async run({ browser, base, shot, api }) {
      const hidden = await customerOfAgent2HiddenFromAgent1(api);
      log(`agent2's customer: ${hidden.name} (${hidden.id})`);
      const ctx = await browser.newContext({ ...DESKTOP, locale: 'en-US' });
      const page = await ctx.newPage();
      await page.goto(`${base}/customers/${hidden.id}`);
      await signIn(page, 'agent1@retain.demo');
      await page.waitForURL(new RegExp(`/customers/${hidden.id}$`));
      await page.getByTestId('not-found').waitFor();
      await expectText(page.getByTestId('not-found'), 'Not found', 'not-found view');
      const leaked = await page.getByText(hidden.name).count();
      expect(leaked === 0, 'the hidden customer name is not shown');
      await shot(page, 'desktop-en-not-found');
      // The same page in Chinese.
      await page.getByTestId('language-switch').getByText('中文').click();
      await expectText(page.getByTestId('not-found'), '未找到', 'not-found view in Chinese');
      await ctx.close();
    },
  },
  {
    name: 'log out (in every tab)',
    async run({ browser, base }) {
      const ctx = await browser.newContext({ ...DESKTOP, locale: 'en-US' });
      const page = await ctx.newPage();
      await page.goto(base + '/customers');
      await signIn(page, 'agent1@retain.demo');
      await page.getByTestId('customer-row').first().waitFor();
      const other = await ctx.newPage();
      await other.goto(base + '/settings/users');
      await other.getByTestId('users-table').waitFor();

      await page.getByTestId('user-menu').click();
      await page.getByTestId('logout').click();
      await page.waitForURL((u) => u.pathname === '/login' && !u.searchParams.get('next'));
      await other.waitForURL(/\/login/);
      // The refresh cookie is gone: a reload does not sign back in.
      await page.goto(base + '/customers');
      await page.waitForURL(/\/login\?next=%2Fcustomers/);
      await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
      await ctx.close();
    },
  },
  {
    name: 'an absent or expired session goes to login and back to the page',
    async run({ browser, base, shot }) {
      const ctx = await browser.newContext({ ...DESKTOP, locale: 'en-US' });
      const page = await ctx.newPage();
      // Absent: a deep link without a session.
      await page.goto(`${base}/customers?stage=ACTIVE`);
      await page.waitForURL(/\/login\?next=/);
      await signIn(page, 'manager1@retain.demo');
      await page.waitForURL((u) => u.pathname === '/customers' && u.searchParams.get('stage') === 'ACTIVE');
      await page.getByTestId('customer-row').first().waitFor();
      const id = await firstCustomerId(page);
      await page.goto(`${base}/customers/${id}`);
      await page.getByTestId('risk-card').waitFor();

      // Expired: the server now refuses the access token and the refresh cookie is gone.
      await ctx.clearCookies();
      await page.route(/\/graphql(\?|$)/, async (route) => {
        if ((await route.request().allHeaders()).authorization) {
          return route.fulfill({
            status: 401,
            contentType: 'application/json',
            body: JSON.stringify({ errors: [{ message: 'the token is invalid or expired', extensions: { code: 'UNAUTHENTICATED' } }] }),
          });
        }
        return route.continue();
      });
      await page.getByTestId('main-nav').getByRole('link', { name: /Settings/ }).click();
      await page.waitForURL(/\/login\?next=%2Fsettings/);
      await page.getByTestId('session-expired').waitFor();
      await shot(page, 'desktop-en-session-expired');
      await page.unroute(/\/graphql(\?|$)/);
      await signIn(page, 'manager1@retain.demo');
      await page.waitForURL(/\/settings\/relationship-types$/);
      await page.getByTestId('relationship-type').first().waitFor();
      await ctx.close();
    },
  },
  {
    name: 'bulk reassign (manager)',
    async run({ browser, base, shot, api }) {
      const manager = await api.token('manager1@retain.demo');
      const me = (await api.gql('{ me { name } }', {}, manager)).me.name;
      const ctx = await browser.newContext({ ...DESKTOP, locale: 'en-US' });
      const page = await ctx.newPage();
      await page.goto(base + '/customers');
      await signIn(page, 'manager1@retain.demo');
      await page.getByTestId('customer-row').first().waitFor();
      const rows = page.getByTestId('customer-row');
      await rows.nth(0).getByRole('checkbox').check();
      await rows.nth(1).getByRole('checkbox').check();
      await expectText(page.getByTestId('selected-count'), '2 customers selected', 'selection bar');
      await page.getByTestId('reassign-open').click();
      await page.getByTestId('reassign-owner').click();
      await page.getByRole('option', { name: new RegExp(`^${me} ·`) }).click();
      await shot(page, 'desktop-en-reassign');
      await page.getByTestId('reassign-submit').click();
      await page.getByText('2 customers reassigned.').waitFor();
      await ctx.close();

      // Agents do not get the checkboxes.
      const agentCtx = await browser.newContext({ ...DESKTOP, locale: 'en-US' });
      const agent = await agentCtx.newPage();
      await agent.goto(base + '/customers');
      await signIn(agent, 'agent1@retain.demo');
      await agent.getByTestId('customer-row').first().waitFor();
      expect((await agent.getByTestId('customer-row').first().getByRole('checkbox').count()) === 0, 'no selection for agents');
      await agentCtx.close();
    },
  },
  {
    name: 'settings: contracts, users, API tokens (admin)',
    async run({ browser, base, shot }) {
      const ctx = await browser.newContext({ ...DESKTOP, locale: 'en-US', permissions: ['clipboard-read', 'clipboard-write'] });
      const page = await ctx.newPage();
      await page.goto(base + '/settings');
      await signIn(page, 'admin@retain.demo');
      await page.waitForURL(/\/settings\/relationship-types$/);
      await page.getByTestId('relationship-type').first().waitFor();
      await shot(page, 'desktop-en-settings-relationship-types');
      await page.getByTestId('relationship-type').first().getByRole('button', { name: /Edit/ }).click();
      await page.getByTestId('contract-editor').waitFor();
      await page.getByTestId('contract-cadence').fill('9');
      await shot(page, 'desktop-en-contract-editor');
      await page.getByTestId('contract-save').click();
      await page.getByTestId('contract-editor').waitFor({ state: 'detached' });
      await expectText(page.getByTestId('relationship-type').first(), 'Every 9 days', 'cadence updated');

      await page.getByTestId('settings-tab-users').click();
      await page.getByTestId('users-table').waitFor();
      await shot(page, 'desktop-en-settings-users');

      await page.getByTestId('settings-tab-api-tokens').click();
      await page.getByTestId('new-token').click();
      const tokenName = `E2E ERP sync ${Date.now() % 100000}`;
      await page.getByTestId('token-name').fill(tokenName);
      await page.getByTestId('token-create').click();
      const token = (await page.getByTestId('created-token').innerText()).trim();
      expect(/^ey[\w-]+\.[\w-]+\.[\w-]+$/.test(token), 'a JWT is shown once');
      await page.getByTestId('copy-token').click();
      await page.getByText('Copied').waitFor();
      await shot(page, 'desktop-en-token-created');
      await page.getByRole('button', { name: 'Done' }).click();
      const row = page.getByTestId('token-row').filter({ hasText: tokenName });
      await row.waitFor();
      expect(!(await page.getByText(token).count()), 'the token is not shown again');
      await row.getByRole('button', { name: /Revoke/ }).click();
      await page.getByTestId('confirm-revoke').click();
      await row.getByText('Revoked').waitFor();
      await shot(page, 'desktop-en-settings-api-tokens');
      await ctx.close();
    },
  },
];
