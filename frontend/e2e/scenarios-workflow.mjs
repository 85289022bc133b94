// The retention workflow in the browser: interactions, complaints worked to
// closed through their remediation steps, live alerts across two browser
// contexts, the new screens in Chinese, and screenshots of every main screen
// at desktop and phone widths. Run after scenarios.mjs by run.mjs.
import { DESKTOP, PHONE, expect, expectText, log, signIn } from './lib.mjs';

/** A live (not lost) customer owned by agent1, so agent1's manager sees its alerts. */
async function customerOfAgent1(api) {
  const admin = await api.token('admin@retain.demo');
  const { users } = await api.gql('{ users { id email manager { email } } }', {}, admin);
  const agent1 = users.find((u) => u.email === 'agent1@retain.demo');
  const manager = agent1.manager?.email ?? 'admin@retain.demo';
  const { customers } = await api.gql(
    'query($f:CustomerFilter){ customers(first:50, filter:$f, orderBy:NAME_ASC){ edges { node { id name stage owner { id } archivedAt } } } }',
    { f: { ownerIds: [agent1.id], stages: ['ACTIVE', 'DORMANT', 'SUSPENDED'] } },
    admin,
  );
  const list = customers.edges.map((e) => e.node).filter((c) => c.owner.id === agent1.id && !c.archivedAt);
  expect(list.length >= 3, 'agent1 owns a few live customers');
  return { list, manager };
}

/** The complaint drawer's status once it has settled on `status`. */
async function complaintStatus(page, status) {
  await page.locator(`[data-testid=complaint-detail][data-status=${status}]`).waitFor();
}

/** The transition buttons offered right now (by their test ids). */
async function offeredMoves(page) {
  return page.getByTestId('transition-buttons').locator('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-testid')));
}

async function selectOption(page, testId, name) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name, exact: true }).click();
}

export const scenarios = [
  {
    name: 'workflow: log an interaction (with a promise) on a customer',
    async run({ browser, base, shot, api }) {
      const { list } = await customerOfAgent1(api);
      const customer = list[0];
      const ctx = await browser.newContext({ ...DESKTOP, locale: 'en-US' });
      const page = await ctx.newPage();
      await page.goto(`${base}/customers/${customer.id}`);
      await signIn(page, 'agent1@retain.demo');
      await page.getByTestId('timeline').waitFor();
      await page.getByTestId('action-log-interaction').click();
      const form = page.getByTestId('interaction-form');
      await form.waitFor();
      // Validation first: the summary is required.
      await page.getByTestId('interaction-save').click();
      await form.getByText('Required').first().waitFor();
      await selectOption(page, 'interaction-channel', 'Visit');
      const summary = `E2E visit ${Date.now() % 100000}: walked the new catalogue, asked about the delayed order.`;
      await page.getByTestId('interaction-summary').fill(summary);
      await form.getByText('+1 Pleased').click();
      await form.getByRole('textbox', { name: /^Competitor mentioned/ }).fill('Acme Supplies');
      await form.getByRole('textbox', { name: /^Next step$/ }).fill('Send the revised quote');
      await page.getByTestId('interaction-with-promise').check();
      const promise = `Deliver the sample kit ${Date.now() % 1000}`;
      await form.getByRole('textbox', { name: /^What was promised/ }).fill(promise);
      await shot(page, 'desktop-en-log-interaction');
      await page.getByTestId('interaction-save').click();
      await form.waitFor({ state: 'detached' });
      const entry = page.getByTestId('timeline-entry').filter({ hasText: summary });
      await entry.waitFor();
      await expectText(entry, 'Visit (Outbound)', 'the entry names the channel');
      await expectText(entry, /mentioned acme supplies/i, 'the competitor is shown');
      await page.getByTestId('timeline-entry').filter({ hasText: promise }).waitFor();
      await shot(page, 'desktop-en-customer-timeline', { fullPage: true });

      // A key date in the lunar calendar: the next Gregorian date is worked out.
      await page.getByTestId('add-key-date').click();
      const kd = page.getByTestId('key-date-form');
      await kd.waitFor();
      await page.getByTestId('key-date-label').fill('E2E lunar birthday');
      await kd.getByText('Lunar', { exact: true }).click();
      await page.getByTestId('key-date-month').fill('8');
      await page.getByTestId('key-date-day').fill('15');
      await page.getByTestId('key-date-save').click();
      const added = page.getByTestId('key-date').filter({ hasText: 'E2E lunar birthday' });
      await added.waitFor();
      await expectText(added, /Lunar month 8, day 15 · next /, 'the next date of a lunar key date');
      await added.getByRole('button', { name: 'Delete “E2E lunar birthday”' }).click();
      await page.getByTestId('confirm-delete-key-date').click();
      await added.waitFor({ state: 'detached' });
      await ctx.close();
    },
  },
  {
    name: 'workflow: open a complaint and work its remediation steps to closed',
    async run({ browser, base, shot, api }) {
      const { list } = await customerOfAgent1(api);
      const customer = list[1];
      const ctx = await browser.newContext({ ...DESKTOP, locale: 'en-US' });
      const page = await ctx.newPage();
      await page.goto(`${base}/customers/${customer.id}`);
      await signIn(page, 'agent1@retain.demo');
      await page.getByTestId('action-complaint').click();
      await page.getByTestId('complaint-form').waitFor();
      await selectOption(page, 'complaint-category', 'Quality');
      await page.getByTestId('complaint-severity').getByText('High', { exact: true }).click();
      const description = `E2E: the replacement unit failed again (${Date.now() % 100000}).`;
      await page.getByTestId('complaint-description').fill(description);
      await shot(page, 'desktop-en-open-complaint');
      await page.getByTestId('complaint-save').click();

      // The new complaint opens in the drawer over the board.
      await page.waitForURL(/\/complaints\?c=/);
      await complaintStatus(page, 'OPEN');
      const detail = page.getByTestId('complaint-detail');
      await expectText(detail, description, 'the complaint shows its description');
      await detail.getByTestId('countdown').waitFor();
      expect((await detail.getByTestId('countdown').getAttribute('data-state')) === 'running', 'the response clock is running');
      expect(JSON.stringify(await offeredMoves(page)) === JSON.stringify(['transition-acknowledge']), 'OPEN offers only acknowledge');
      // A high complaint gets the seven recovery steps from the playbook.
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=remediation-step]').length === 7);
      await shot(page, 'desktop-en-complaint-open');

      // Escalate to the owner's manager (the default), with a note.
      await page.getByTestId('escalate').click();
      await page.getByTestId('escalate-form').waitFor();
      await page.getByTestId('escalate-form').getByRole('textbox', { name: /^Note/ }).fill('Second failure: the customer asked for a manager.');
      await page.getByTestId('confirm-escalate').click();
      await page.getByTestId('escalated').waitFor();

      await page.getByTestId('transition-acknowledge').click();
      await complaintStatus(page, 'ACKNOWLEDGED');
      expect(JSON.stringify(await offeredMoves(page)) === JSON.stringify(['transition-remediate']), 'ACKNOWLEDGED offers only remediation');
      await page.getByTestId('transition-remediate').click();
      await complaintStatus(page, 'REMEDIATING');
      expect(JSON.stringify(await offeredMoves(page)) === JSON.stringify(['transition-resolve']), 'REMEDIATING offers only resolve');

      const steps = page.getByTestId('remediation-step');
      // Step 1 done.
      await steps.nth(0).getByTestId('step-done').click();
      await page.locator('[data-testid=remediation-step]:nth-child(1)[data-status=DONE]').waitFor();
      // Step 2 skipped, with a reason (required).
      await steps.nth(1).getByTestId('step-skip').click();
      await page.getByTestId('confirm-skip').click();
      await page.getByText('Say why the step is skipped').waitFor();
      await page.getByTestId('skip-reason').fill('The customer chose a replacement over a remedy discussion.');
      await page.getByTestId('confirm-skip').click();
      await page.locator('[data-testid=remediation-step]:nth-child(2)[data-status=SKIPPED]').waitFor();
      // Reorder: step 4 moves up to third place.
      const titles = () => steps.getByTestId('step-title').allInnerTexts();
      const before = await titles();
      await page.getByRole('button', { name: 'Move step 4 up' }).click();
      await page.waitForFunction(
        (want) => [...document.querySelectorAll('[data-testid=remediation-step] [data-testid=step-title]')].map((e) => e.textContent)[2] === want,
        before[3],
      );
      // A step added by hand, with a cost.
      await page.getByTestId('add-step').click();
      await page.getByTestId('step-form').waitFor();
      await page.getByTestId('step-title-input').fill('Courier a loan unit today');
      await page.getByTestId('step-form').getByRole('textbox', { name: /^Cost/ }).fill('200');
      await page.getByTestId('step-save').click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=remediation-step]').length === 8);
      await page.getByTestId('total-cost').filter({ hasText: '200' }).waitFor();
      await steps.nth(7).getByTestId('step-done').click();
      await page.locator('[data-testid=remediation-step]:nth-child(8)[data-status=DONE]').waitFor();
      await shot(page, 'desktop-en-complaint-remediation');

      // Resolve: satisfaction is required.
      await page.getByTestId('transition-resolve').click();
      await page.getByTestId('dialog-resolve').waitFor();
      await page.getByTestId('confirm-transition').click();
      await page.getByText('Ask the customer and choose 1 to 5').waitFor();
      await page.getByTestId('satisfaction').getByText('4 · Satisfied').click();
      await page.getByTestId('confirm-transition').click();
      await complaintStatus(page, 'RESOLVED');
      expect(JSON.stringify((await offeredMoves(page)).sort()) === JSON.stringify(['transition-close', 'transition-reopen']), 'RESOLVED offers close and reopen');

      // Close: root cause and prevention action are required.
      await page.getByTestId('transition-close').click();
      await page.getByTestId('dialog-close').waitFor();
      await page.getByTestId('field-root-cause').fill('A batch of units shipped without the final inspection.');
      await page.getByTestId('field-prevention').fill('Inspection sign-off is now required before dispatch.');
      await shot(page, 'desktop-en-complaint-close');
      await page.getByTestId('confirm-transition').click();
      await complaintStatus(page, 'CLOSED');
      expect(JSON.stringify(await offeredMoves(page)) === JSON.stringify(['transition-reopen']), 'CLOSED offers only reopen');
      await expectText(page.getByTestId('complaint-detail'), 'Inspection sign-off', 'the prevention action is recorded');
      await shot(page, 'desktop-en-complaint-closed');
      // On the board it sits in the Closed column.
      await page.keyboard.press('Escape');
      await page.getByTestId('complaint-detail').waitFor({ state: 'detached' });
      await page.getByTestId('column-CLOSED').getByTestId('complaint-card').filter({ hasText: customer.name }).first().waitFor();
      await ctx.close();
    },
  },
  {
    name: 'workflow: a manager watching the dashboard sees an agent’s alert live',
    async run({ browser, base, shot, api }) {
      const { list, manager } = await customerOfAgent1(api);
      const customer = list[2];
      log(`agent1's manager: ${manager}; customer ${customer.name}`);

      const mctx = await browser.newContext({ ...DESKTOP, locale: 'en-US' });
      const m = await mctx.newPage();
      await m.goto(`${base}/dashboard`);
      await signIn(m, manager);
      await m.getByTestId('card-alerts').waitFor();
      await m.locator('[data-testid=live-status][data-connected=true]').first().waitFor();
      await m.evaluate(() => (window.__sameDocument = true));
      const seen = await m.getByTestId('latest-alert').evaluateAll((xs) => xs.map((x) => x.getAttribute('data-alert-id')));

      const actx = await browser.newContext({ ...DESKTOP, locale: 'en-US' });
      const a = await actx.newPage();
      await a.goto(`${base}/customers/${customer.id}`);
      await signIn(a, 'agent1@retain.demo');
      await a.getByTestId('action-complaint').click();
      await selectOption(a, 'complaint-category', 'Service attitude');
      await a.getByTestId('complaint-severity').getByText('Critical', { exact: true }).click();
      await a.getByTestId('complaint-description').fill('E2E: the customer was passed between sales and service three times.');
      const raisedAt = Date.now();
      await a.getByTestId('complaint-save').click();
      await a.waitForURL(/\/complaints\?c=/);

      // The manager's dashboard shows it without a reload: list, notification, badge.
      const fresh = m.getByTestId('latest-alert').filter({ hasText: customer.name }).filter({ hasText: 'Critical complaint' });
      await fresh.first().waitFor({ timeout: 15_000 });
      const id = await fresh.first().getAttribute('data-alert-id');
      expect(!seen.includes(id), 'a new alert, not one that was already listed');
      const notification = m.getByTestId('live-alert-notification').filter({ hasText: customer.name });
      await notification.first().waitFor({ timeout: 5_000 });
      log(`alert visible to the manager ${Date.now() - raisedAt} ms after the agent saved`);
      await m.getByTestId('unread-alerts').waitFor();
      expect(await m.evaluate(() => window.__sameDocument === true), 'the page was not reloaded');
      await shot(m, 'desktop-en-dashboard-live-alert');
      // The inbox has it on top, and opening it clears the badge.
      await m.getByTestId('main-nav').getByRole('link', { name: /Alerts/ }).click();
      await m.getByTestId('alerts-list').waitFor();
      await expectText(m.getByTestId('alert-row').first(), customer.name, 'newest alert first in the inbox');
      await m.getByTestId('unread-alerts').waitFor({ state: 'detached' });
      expect(await m.evaluate(() => window.__sameDocument === true), 'still the same page');
      await m.locator(`[data-testid=alert-row][data-alert-id="${id}"]`).getByTestId('acknowledge-alert').click();
      await m.locator(`[data-testid=alert-row][data-alert-id="${id}"]`).waitFor({ state: 'detached' });
      await actx.close();
      await mctx.close();
    },
  },
  {
    name: 'workflow: after a dropped connection the live feed reconnects by itself and catches up',
    async run({ browser, base, shot, api }) {
      const { list, manager } = await customerOfAgent1(api);
      const customer = list[list.length - 1];
      const ctx = await browser.newContext({ ...DESKTOP, locale: 'en-US' });
      const page = await ctx.newPage();
      // The websocket goes through the test, which can drop it and refuse reconnects for a while.
      let offline = false;
      const sockets = [];
      const initTokens = [];
      await page.routeWebSocket(/\/graphql$/, (ws) => {
        if (offline) return void ws.close({ code: 1012, reason: 'offline' });
        const server = ws.connectToServer();
        ws.onMessage((m) => {
          const msg = JSON.parse(String(m));
          if (msg.type === 'connection_init') initTokens.push(msg.payload?.authorization);
          server.send(m);
        });
        sockets.push(ws);
      });
      await page.goto(`${base}/dashboard`);
      await signIn(page, manager);
      await page.locator('[data-testid=live-status][data-connected=true]').first().waitFor();
      await page.evaluate(() => (window.__sameDocument = true));
      offline = true;
      for (const ws of sockets.splice(0)) await ws.close({ code: 1012, reason: 'network dropped' });
      await page.locator('[data-testid=live-status][data-connected=false]').first().waitFor();
      await shot(page, 'desktop-en-dashboard-reconnecting');

      // An alert is raised while the page is cut off.
      const agent = await api.token('agent1@retain.demo');
      await api.gql(
        'mutation($i:OpenComplaintInput!){ openComplaint(input:$i){ id } }',
        { i: { customerId: customer.id, category: 'DELIVERY', severity: 'CRITICAL', description: 'E2E: raised while the manager was offline.' } },
        agent,
      );
      offline = false;
      const t0 = Date.now();
      await page.locator('[data-testid=live-status][data-connected=true]').first().waitFor({ timeout: 45_000 });
      await page.getByTestId('live-alert-notification').filter({ hasText: customer.name }).first().waitFor({ timeout: 15_000 });
      await page.getByTestId('latest-alert').filter({ hasText: customer.name }).first().waitFor({ timeout: 15_000 });
      log(`reconnected and caught up ${Date.now() - t0} ms after the network came back`);

      // 4403: the server refused the token (expired or revoked): the client comes back with a fresh one.
      const before = initTokens.length;
      for (const ws of sockets.splice(0)) await ws.close({ code: 4403, reason: 'token expired' });
      await page.waitForFunction(() => document.querySelector('[data-testid=live-status]')?.getAttribute('data-connected') === 'true');
      for (let i = 0; i < 100 && initTokens.length <= before; i++) await page.waitForTimeout(100);
      expect(initTokens.length > before, 'it reconnected after 4403');
      expect(/^Bearer ey/.test(initTokens.at(-1)) && initTokens.at(-1) !== initTokens[before - 1], 'with a fresh access token');
      await page.locator('[data-testid=live-status][data-connected=true]').first().waitFor();
      expect(await page.evaluate(() => window.__sameDocument === true), 'no reload');
      await ctx.close();
    },
  },
  {
    name: 'workflow: lose a customer with a reason and work the win-back plan',
    async run({ browser, base, shot, api }) {
      const { list } = await customerOfAgent1(api);
      const customer = list[3] ?? list[0];
      const ctx = await browser.newContext({ ...DESKTOP, locale: 'en-US' });
      const page = await ctx.newPage();
      await page.goto(`${base}/customers/${customer.id}`);
      await signIn(page, 'agent1@retain.demo');
      await page.getByTestId('action-stage').click();
      await page.getByTestId('stage-form').waitFor();
      await selectOption(page, 'stage-to', 'Lost');
      // A loss reason is required.
      await page.getByTestId('stage-save').click();
      await page.getByText('Choose why the customer was lost').waitFor();
      await selectOption(page, 'stage-loss-reason', 'Price: a competitor was cheaper');
      await page.getByTestId('stage-form').getByRole('textbox', { name: /^Why/ }).fill('Moved to a cheaper supplier after the price rise.');
      await shot(page, 'desktop-en-stage-lost');
      await page.getByTestId('stage-save').click();
      await page.getByTestId('stage-form').waitFor({ state: 'detached' });
      await expectText(page.getByTestId('customer-name').locator('xpath=../..'), /lost/i, 'the stage badge says Lost');
      await page.getByTestId('timeline-entry').filter({ hasText: 'Stage: Active → Lost' }).or(page.getByTestId('timeline-entry').filter({ hasText: '→ Lost' })).first().waitFor();

      await page.getByTestId('main-nav').getByRole('link', { name: /Win-back/ }).click();
      const entry = page.getByTestId('win-back-entry').filter({ hasText: customer.name });
      await entry.waitFor();
      await expectText(entry, /Price: a competitor was cheaper/i, 'the loss reason');
      await expectText(entry.getByTestId('win-back-progress'), '0 of 5 steps done', 'the win-back plan was started');
      await entry.getByRole('button', { name: 'Show steps' }).click();
      await entry.getByTestId('win-back-step').first().getByRole('button', { name: 'Mark done' }).click();
      await entry.getByTestId('win-back-progress').filter({ hasText: '1 of 5 steps done' }).waitFor();
      await page.getByTestId('loss-reasons-chart').waitFor();
      await shot(page, 'desktop-en-win-back-plan');
      await ctx.close();
    },
  },
  {
    name: 'workflow: the new screens in Chinese',
    async run({ browser, base, shot }) {
      for (const [device, opts] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ]) {
        const ctx = await browser.newContext({ ...opts, locale: 'en-US' });
        const page = await ctx.newPage();
        await page.goto(`${base}/dashboard`);
        await signIn(page, 'manager1@retain.demo');
        await page.getByTestId('card-risk-levels').waitFor();
        await page.getByTestId('language-switch').getByText('中文').click();
        await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
        const screens = [
          ['/dashboard', '总览', 'card-churn', 'dashboard'],
          ['/complaints', '投诉', 'column-OPEN', 'complaints'],
          ['/alerts', '预警', 'alerts-list', 'alerts'],
          ['/win-back', '挽回', 'loss-reasons-chart', 'win-back'],
          ['/value', '价值', 'pareto-card', 'value'],
        ];
        for (const [path, heading, testId, name] of screens) {
          await page.goto(base + path);
          await page.getByRole('heading', { name: heading, exact: true }).waitFor();
          await page.getByTestId(testId).first().waitFor();
          await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
          await shot(page, `${device}-zh-${name}`);
        }
        await expectText(page.getByTestId('pareto-card'), '前 20% 的客户', 'the Pareto call-out in Chinese');
        await page.goto(`${base}/complaints`);
        await page.getByTestId('column-OPEN').getByTestId('open-complaint').first().click();
        await page.getByTestId('complaint-detail').waitFor();
        await page.getByText('补救步骤').first().waitFor();
        await shot(page, `${device}-zh-complaint`);
        await page.goto(`${base}/settings/playbooks`);
        await page.getByTestId('playbook').first().waitFor();
        await page.getByText('服务补救').first().waitFor();
        await shot(page, `${device}-zh-settings-playbooks`);
        await ctx.close();
      }
    },
  },
  {
    name: 'workflow: screenshots of every main screen at 1280 and 375 px',
    async run({ browser, base, shot, api }) {
      const { list } = await customerOfAgent1(api);
      for (const [device, opts] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ]) {
        const ctx = await browser.newContext({ ...opts, locale: 'en-US' });
        const page = await ctx.newPage();
        await page.goto(`${base}/dashboard`);
        await signIn(page, 'admin@retain.demo');
        const screens = [
          ['/dashboard', 'card-measures', 'dashboard'],
          ['/customers', 'customer-row', 'customers'],
          [`/customers/${list[0].id}`, 'timeline-entry', 'customer'],
          ['/complaints', 'complaint-card', 'complaints'],
          ['/alerts', 'alert-row', 'alerts'],
          ['/win-back', 'win-back-entry', 'win-back'],
          ['/value', 'negative-profit-row', 'value'],
          ['/settings/playbooks', 'playbook', 'settings-playbooks'],
          ['/settings/audit', 'audit-entry', 'settings-audit'],
          ['/settings/workspace', 'workspace-form', 'settings-workspace'],
        ];
        for (const [path, testId, name] of screens) {
          await page.goto(base + path);
          await page.getByTestId(testId).first().waitFor();
          await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
          await shot(page, `${device}-en-${name}`, { fullPage: device === 'phone' });
        }
        // The complaint drawer over the board, and the alert inbox filtered.
        await page.goto(`${base}/complaints`);
        await page.getByTestId('column-OPEN').getByTestId('open-complaint').first().click();
        await page.getByTestId('remediation-checklist').waitFor();
        await shot(page, `${device}-en-complaint-drawer`);
        await page.goto(`${base}/alerts?status=ALL`);
        await page.getByTestId('alert-row').first().waitFor();
        expect((await page.locator('[data-testid=alert-row][data-status=OPEN]').count()) > 0, 'ALL lists open alerts');
        if (device === 'desktop') {
          // Playbooks: add a step to the win-back playbook, move it up, save.
          await page.goto(`${base}/settings/playbooks`);
          const winBack = page.getByTestId('playbook').filter({ hasText: 'Win-back' }).first();
          await winBack.getByTestId('edit-playbook').click();
          const editor = page.getByTestId('playbook-editor');
          await editor.waitFor();
          const before = await editor.getByTestId('playbook-step-row').count();
          await page.getByTestId('playbook-add-step').click();
          await editor.getByTestId('playbook-step-row').nth(before).getByRole('textbox', { name: /^What to do/ }).fill('Send a personal note from the manager');
          await editor.getByRole('button', { name: `Move step ${before + 1} up` }).click();
          await shot(page, 'desktop-en-playbook-editor');
          await page.getByTestId('playbook-save').click();
          await editor.waitFor({ state: 'detached' });
          await winBack.getByText('Send a personal note from the manager').waitFor();
          // The risk policy form validates the order of the thresholds before sending.
          await page.goto(`${base}/settings/workspace`);
          await page.getByTestId('threshold-watch').fill('90');
          await page.getByTestId('workspace-save').click();
          await page.getByText('Must be higher than the level below').first().waitFor();
          await page.getByTestId('threshold-watch').fill('30');
          await page.getByTestId('workspace-save').click();
          await page.getByText('Risk policy saved.').waitFor();
        }
        // The audit log filters by record type.
        await page.goto(`${base}/settings/audit?type=complaint`);
        await page.getByTestId('audit-entry').first().waitFor();
        expect(
          (await page.getByTestId('audit-entry').allInnerTexts()).every((x) => /complaint/i.test(x)),
          'complaint entries only',
        );
        await ctx.close();
      }
    },
  },
];
