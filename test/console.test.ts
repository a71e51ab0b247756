import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, ManualClock, resolvePlugins, seedPlugins } from '@rapport/core';
import callcenterPlugin from '@rapport/plugin-callcenter';
import knowledgePlugin from '@rapport/plugin-knowledge';
import marketingPlugin from '@rapport/plugin-marketing';
import salesPlugin from '@rapport/plugin-sales';
import servicePlugin from '@rapport/plugin-service';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/harness.js';

// The console in a real browser (Debian's Chromium through playwright-core) against a real server on
// a throw-away embedded database. Screenshots go to test-artifacts/ (docs/screenshots/ with
// RAPPORT_UPDATE_SCREENSHOTS=1, which is how the README's pictures are made).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = fileURLToPath(new URL('..', import.meta.url));
const shots = join(root, process.env.RAPPORT_UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-artifacts/console');
const available = existsSync(CHROMIUM);
if (!available && process.env.REQUIRE_SERVICES === '1') throw new Error(`Chromium is required (REQUIRE_SERVICES=1) but ${CHROMIUM} is missing`);
if (!available) console.warn(`[skip] console browser tests: ${CHROMIUM} not found (apt-get install chromium)`);

/** Builds the console when its dist is missing or older than a source file (so the test sees today's code). */
function ensureConsoleBuilt(): void {
  const built = join(root, 'packages/console/dist/index.html');
  const sources = [join(root, 'packages/console/src'), join(root, 'packages/client/src')].flatMap((dir) =>
    readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)),
  );
  const stale = !existsSync(built) || sources.some((file) => statSync(file).mtimeMs > statSync(built).mtimeMs);
  if (stale) execFileSync('npm', ['run', 'build:console'], { cwd: root, stdio: 'inherit' });
}

/** A server on a fresh embedded database, seeded, and a browser: minutes on a loaded machine. */
const SETUP_TIMEOUT = 300_000;

/** The per-owner maximum of the first suite's server (customerRules.pool.maxOwnedCustomers). */
const MAX_OWNED = 30;

async function openBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh context per user, in Shanghai time and Chinese, with every non-loopback request refused. */
async function newPage(browser: Browser, errors: string[], options: { locale?: string; viewport?: { width: number; height: number } } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: options.locale ?? 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: options.viewport ?? { width: 1280, height: 860 }, ...(options.viewport ? { isMobile: true, hasTouch: true } : {}) });
  await context.route(/^(?!https?:\/\/127\.0\.0\.1|ws:\/\/127\.0\.0\.1).*/, (route) => route.abort());
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page };
}

async function signIn(page: Page, base: string, email: string): Promise<void> {
  await page.goto(base);
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('viewer').waitFor();
}

describe.skipIf(!available)('console in a real browser', () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(shots, { recursive: true });
    // The server's clock starts at the browser's "now" so times typed in the page mean the same.
    server = await startTestServer({ database: 'pglite', customers: 40, clock: new ManualClock(new Date()), env: { RAPPORT_POOL_MAX_CUSTOMERS: String(MAX_OWNED) } });
    base = server.url.replace(/\/graphql$/, '/');
    browser = await openBrowser();
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // Any console error or uncaught page error fails the test that caused it.
  afterEach(() => {
    const written = errors.splice(0);
    expect(written, 'the browser console had errors').toEqual([]);
  });

  it('collects what the page writes to its console (so the check after each test can fail)', async () => {
    const probe: string[] = [];
    const { context, page } = await newPage(browser, probe);
    await page.goto(base);
    await page.evaluate(() => console.error('probe: console.error'));
    await page.evaluate(() => setTimeout(() => {
      throw new Error('probe: uncaught');
    }));
    await expect.poll(() => probe.length).toBe(2);
    expect(probe).toEqual(['probe: console.error', 'probe: uncaught']);
    await context.close();
  });

  it('serves the sign-in page at / and the customer list after signing in as the rep', async () => {
    const { context, page } = await newPage(browser, errors);
    await page.goto(base);
    await page.getByRole('heading', { name: 'Rapport 客户关系管理' }).waitFor();
    await page.screenshot({ path: join(shots, 'sign-in.png') });
    await signIn(page, base, DEMO_ACCOUNTS.rep);
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    const total = await page.getByTestId('total').textContent();
    const expected = await server.as(DEMO_ACCOUNTS.rep).ok('{ customers { totalCount } }');
    expect(total).toBe(`共 ${expected.customers.totalCount} 条`);
    expect(await page.getByTestId('viewer').textContent()).toContain('SALES');
    await page.screenshot({ path: join(shots, 'customers.png') });
    await context.close();
  });

  it('filters by stage and sorts by name as the graph does', async () => {
    const { context, page } = await newPage(browser, errors);
    await signIn(page, base, DEMO_ACCOUNTS.manager);
    await page.getByLabel('阶段').selectOption('POTENTIAL');
    await page.getByRole('button', { name: /^名称/ }).click();
    const expected = await server
      .as(DEMO_ACCOUNTS.manager)
      .ok('{ customers(first: 20, filter: { stage: [POTENTIAL] }, orderBy: { field: NAME, direction: ASC }) { totalCount edges { node { name } } } }');
    await expect.poll(() => page.getByTestId('total').textContent()).toBe(`共 ${expected.customers.totalCount} 条`);
    await expect.poll(() => page.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(expected.customers.edges.map((e: { node: { name: string } }) => e.node.name));
    expect(await page.getByRole('columnheader', { name: /名称/ }).getAttribute('aria-sort')).toBe('ascending');
    await context.close();
  });

  it('pages with cursors', async () => {
    const { context, page } = await newPage(browser, errors);
    await signIn(page, base, DEMO_ACCOUNTS.admin);
    await page.getByRole('button', { name: /^名称/ }).click();
    const admin = server.as(DEMO_ACCOUNTS.admin);
    const query = 'query($after: String) { customers(first: 20, after: $after, orderBy: { field: NAME, direction: ASC }) { pageInfo { endCursor } edges { node { name } } } }';
    const first = await admin.ok(query);
    const second = await admin.ok(query, { after: first.customers.pageInfo.endCursor });
    expect(second.customers.edges.length).toBeGreaterThan(0);
    const names = (r: { customers: { edges: Array<{ node: { name: string } }> } }) => r.customers.edges.map((e) => e.node.name);
    await expect.poll(() => page.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(names(first));
    await page.getByRole('button', { name: '下一页' }).click();
    await expect.poll(() => page.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(names(second));
    await page.getByRole('button', { name: '第一页' }).click();
    await expect.poll(() => page.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(names(first));
    await context.close();
  });

  it('searches a customer, logs a call that appears in the timeline and moves "last contacted"', async () => {
    const rep = server.as(DEMO_ACCOUNTS.rep);
    const mine = await rep.ok('{ viewer { id } }');
    const { customers } = await rep.ok('query($o: [ID!]) { customers(first: 1, filter: { ownerIds: $o }) { edges { node { id name lastContactedAt } } } }', { o: [mine.viewer.id] });
    const target = customers.edges[0].node;
    const { context, page } = await newPage(browser, errors);
    await signIn(page, base, DEMO_ACCOUNTS.rep);
    await page.getByLabel('搜索客户').fill(target.name);
    await page.getByRole('link', { name: target.name, exact: true }).click();
    await page.getByRole('heading', { name: new RegExp(target.name) }).waitFor();
    const before = await page.getByTestId('last-contacted').textContent();
    const log = page.locator('form', { has: page.getByRole('heading', { name: '记录跟进' }) });

    // A field-level error beside its field, and nothing written.
    await log.getByRole('button', { name: '保存' }).click();
    const subjectError = log.locator('label.field.invalid', { hasText: '主题' }).getByRole('alert');
    await subjectError.waitFor();
    expect((await subjectError.textContent())?.length).toBeGreaterThan(0);
    await page.screenshot({ path: join(shots, 'validation-error.png') });

    await log.getByLabel('主题').fill('电话回访：确认报价');
    await log.getByLabel('内容').fill('客户同意下周拜访');
    await log.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('timeline').getByText('电话回访：确认报价').waitFor();
    await expect.poll(() => page.getByTestId('last-contacted').textContent()).not.toBe(before);
    const after = await rep.ok('query($id: ID!) { customer(id: $id) { lastContactedAt activities(first: 1) { edges { node { subject kind } } } } }', { id: target.id });
    expect(after.customer.activities.edges[0].node).toEqual({ subject: '电话回访：确认报价', kind: 'CALL' });
    expect(Date.parse(after.customer.lastContactedAt)).toBeGreaterThan(Date.parse(target.lastContactedAt ?? '2000-01-01'));
    await page.screenshot({ path: join(shots, 'customer-detail.png'), fullPage: true });
    await context.close();
  });

  it('edits the profile with the error beside its field, then saves tags; shares with a colleague', async () => {
    const rep = server.as(DEMO_ACCOUNTS.rep);
    const mine = await rep.ok('{ viewer { id } tags { name } }');
    const { customers } = await rep.ok('query($o: [ID!]) { customers(first: 1, filter: { ownerIds: $o }) { edges { node { id name email tags version } } } }', { o: [mine.viewer.id] });
    const target = customers.edges[0].node;
    const tag = mine.tags.find((t: { name: string }) => !target.tags.includes(t.name))!.name;
    const { context, page } = await newPage(browser, errors);
    await signIn(page, base, DEMO_ACCOUNTS.rep);
    await page.goto(`${base}#/customers/${encodeURIComponent(target.id)}`);
    const form = page.locator('form', { has: page.getByRole('heading', { name: '编辑资料' }) });
    await form.getByLabel('邮箱').fill('not-an-email');
    await form.getByRole('button', { name: '保存' }).click();
    const emailError = form.locator('label.field.invalid', { hasText: '邮箱' }).getByRole('alert');
    await emailError.waitFor();
    const unchanged = await rep.ok('query($id: ID!) { customer(id: $id) { email version } }', { id: target.id });
    expect(unchanged.customer).toEqual({ email: target.email, version: target.version });

    await form.getByLabel('邮箱').fill('buyer@example.cn');
    await form.getByLabel(tag, { exact: true }).check();
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('tags').getByText(tag).waitFor();
    const saved = await rep.ok('query($id: ID!) { customer(id: $id) { email tags } }', { id: target.id });
    expect(saved.customer.email).toBe('buyer@example.cn');
    expect(saved.customer.tags).toContain(tag);

    const { users } = await rep.ok('{ users(first: 100) { edges { node { id name email role } } } }');
    const colleague = users.edges.map((e: { node: { id: string; name: string; email: string; role: string } }) => e.node).find((u: { email: string; role: string }) => u.role === 'SALES' && u.email !== DEMO_ACCOUNTS.rep);
    const handOver = page.locator('form', { has: page.getByRole('heading', { name: '共享与转移' }) });
    await handOver.getByLabel('同事').selectOption({ label: colleague.name });
    await handOver.getByRole('button', { name: '共享' }).click();
    await handOver.getByText(`${colleague.name} (READ)`).waitFor();
    const shared = await rep.ok('query($id: ID!) { customer(id: $id) { shares { user { id } access } } }', { id: target.id });
    expect(shared.customer.shares).toContainEqual({ user: { id: colleague.id }, access: 'READ' });
    await context.close();
  });

  it('shows a follow-up reminder as a toast without reload', async () => {
    const rep = server.as(DEMO_ACCOUNTS.rep);
    const mine = await rep.ok('{ viewer { id } }');
    const { customers } = await rep.ok('query($o: [ID!]) { customers(first: 1, filter: { ownerIds: $o }) { edges { node { id name } } } }', { o: [mine.viewer.id] });
    const target = customers.edges[0].node;
    const { context, page } = await newPage(browser, errors);
    await signIn(page, base, DEMO_ACCOUNTS.rep);
    await page.goto(`${base}#/customers/${encodeURIComponent(target.id)}`);
    const log = page.locator('form', { has: page.getByRole('heading', { name: '记录跟进' }) });
    await log.getByLabel('类型').selectOption('TASK');
    await log.getByLabel('主题').fill('回访提醒');
    const local = (offsetMs: number) =>
      new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(server.clock.now().getTime() + offsetMs)).replace(' ', 'T');
    await log.getByLabel('到期时间').fill(local(10 * 60_000));
    await log.getByLabel('提醒时间').fill(local(5_000));
    await log.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('timeline').getByText('回访提醒').waitFor();
    const unread = Number(await page.getByTestId('unread-count').textContent());

    server.clock.advance(60_000);
    let fired = 0;
    await expect.poll(async () => (fired += await server.app.alerts.fireDue())).toBeGreaterThan(0);
    const toast = page.getByTestId('toast').filter({ hasText: '回访提醒' });
    await toast.waitFor();
    await expect.poll(async () => Number(await page.getByTestId('unread-count').textContent())).toBe(unread + 1);
    await page.screenshot({ path: join(shots, 'alert-toast.png') });
    await context.close();
  });

  it('claims a customer from the public pool', async () => {
    const { context, page } = await newPage(browser, errors);
    await signIn(page, base, DEMO_ACCOUNTS.rep);
    await page.goto(`${base}#/pool`);
    const first = page.locator('tbody tr').first();
    await first.waitFor();
    const name = await first.locator('td').nth(1).textContent();
    await first.getByRole('button', { name: '领取' }).click();
    // The list refetches after the claim: the claimed customer leaves the pool.
    await expect.poll(() => page.getByRole('link', { name: name!, exact: true }).count()).toBe(0);
    const rep = server.as(DEMO_ACCOUNTS.rep);
    const { customers } = await rep.ok('query($s: String) { customers(first: 5, filter: { search: $s }) { edges { node { name inPublicPool owner { email } } } } }', { s: name });
    const claimed = customers.edges.find((e: { node: { name: string } }) => e.node.name === name);
    expect(claimed.node).toMatchObject({ inPublicPool: false, owner: { email: DEMO_ACCOUNTS.rep } });
    await page.screenshot({ path: join(shots, 'pool.png') });
    await context.close();
  });

  it('shows the per-owner maximum beside the customer when a claim is refused (userErrors), claiming nothing', async () => {
    const prisma = server.db.prisma;
    const repId = (await prisma.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.rep } })).id;
    // The rep owns exactly the maximum; one customer is left in the pool.
    const owned = await prisma.customer.count({ where: { ownerId: repId } });
    const others = await prisma.customer.findMany({ where: { OR: [{ ownerId: null }, { ownerId: { not: repId } }] }, orderBy: { number: 'asc' }, select: { id: true, ownerId: true } });
    const [left, ...rest] = others;
    const colleague = others.find((c) => c.ownerId)!.ownerId;
    await prisma.customer.updateMany({ where: { id: { in: rest.slice(0, MAX_OWNED - owned).map((c) => c.id) } }, data: { ownerId: repId } });
    await prisma.customer.updateMany({ where: { id: { in: rest.slice(MAX_OWNED - owned).map((c) => c.id) } }, data: { ownerId: colleague } });
    await prisma.customer.update({ where: { id: left!.id }, data: { ownerId: null } });
    try {
      const { context, page } = await newPage(browser, errors);
      await signIn(page, base, DEMO_ACCOUNTS.rep);
      await page.goto(`${base}#/pool`);
      const row = page.locator('tbody tr').first();
      await row.waitFor();
      await row.getByRole('button', { name: '领取' }).click();
      const error = row.getByTestId('claim-error');
      await error.waitFor();
      expect(await error.textContent()).toContain(`上限（${MAX_OWNED} 个）`);
      expect((await prisma.customer.findUniqueOrThrow({ where: { id: left!.id } })).ownerId).toBeNull();
      expect(await prisma.customer.count({ where: { ownerId: repId } })).toBe(MAX_OWNED);
      await context.close();
    } finally {
      for (const c of others) await prisma.customer.update({ where: { id: c.id }, data: { ownerId: c.ownerId } });
    }
  });

  it("shows the manager's dashboard with charts and my tasks", async () => {
    const { context, page } = await newPage(browser, errors);
    await signIn(page, base, DEMO_ACCOUNTS.manager);
    await page.getByRole('link', { name: '管理看板' }).click();
    await page.getByTestId('dashboard-total').waitFor();
    expect(await page.locator('.chart canvas').count()).toBe(5);
    await page.screenshot({ path: join(shots, 'dashboard.png'), fullPage: true });
    await page.getByRole('link', { name: '我的任务' }).click();
    await page.getByTestId('tasks-overdue').waitFor();
    await page.screenshot({ path: join(shots, 'tasks.png') });
    await context.close();
  });

  it('switches to English, has no menu entry for a plugin that is off, and fits a phone', async () => {
    const { context, page } = await newPage(browser, errors);
    await signIn(page, base, DEMO_ACCOUNTS.rep);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Customers' }).waitFor();
    for (const entry of ['Tickets', 'Pipeline', 'Campaigns', 'Knowledge base', 'Calls']) expect(await page.getByRole('link', { name: entry }).count()).toBe(0);
    // A plugin screen's address with the plugin off shows the customers instead.
    await page.goto(`${base}#/campaigns`);
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    await context.close();
  });

  it("keeps the customer list usable at a phone's width (375px): search, read, open by touch", async () => {
    const rep = server.as(DEMO_ACCOUNTS.rep);
    const { customers } = await rep.ok('{ customers(first: 1, orderBy: { field: NAME, direction: ASC }) { totalCount edges { node { name } } } }');
    const target = customers.edges[0].node.name;
    const { context, page } = await newPage(browser, errors, { viewport: { width: 375, height: 740 } });
    await signIn(page, base, DEMO_ACCOUNTS.rep);
    await page.locator('tbody tr').first().waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    // The name, tier, stage and last contact fit without scrolling sideways.
    const nameCell = page.locator('tbody tr').first().locator('td').nth(1);
    const box = await nameCell.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    const table = await page.locator('main table').boundingBox();
    expect(table!.width).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(shots, 'phone.png'), fullPage: true });

    await page.getByLabel('搜索客户').fill(target);
    await expect.poll(() => page.getByTestId('total').textContent()).not.toBe(`共 ${customers.totalCount} 条`);
    const link = page.getByRole('link', { name: target, exact: true });
    await link.scrollIntoViewIfNeeded();
    await link.tap();
    await page.getByRole('heading', { name: new RegExp(target) }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    // The form's fields are reachable and labelled at this width too.
    const log = page.locator('form', { has: page.getByRole('heading', { name: '记录跟进' }) });
    const subject = await log.getByLabel('主题').boundingBox();
    expect(subject!.x + subject!.width).toBeLessThanOrEqual(375);
    await context.close();
  });

  it('moves through the sign-in form and the menu with the keyboard, focus visible', async () => {
    const { context, page } = await newPage(browser, errors);
    await page.goto(base);
    await page.getByLabel('邮箱').focus();
    await page.keyboard.type(DEMO_ACCOUNTS.rep);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('password');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('viewer').waitFor();
    // Tab reaches the menu's links; Enter follows one; the focused one shows an outline.
    let focused = '';
    for (let i = 0; i < 10 && focused !== '我的任务'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    }
    expect(focused).toBe('我的任务');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    await page.getByTestId('tasks-overdue').waitFor();
    // Every form control on the customers list has an accessible name.
    await page.goto(`${base}#/customers`);
    await page.locator('tbody tr').first().waitFor();
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea, button')]
        .filter((el) => !(el as HTMLElement).closest('[hidden]'))
        .filter((el) => {
          const labelled = (el as HTMLInputElement).labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
          return !labelled && !(el.tagName === 'BUTTON' && el.textContent?.trim());
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
    await context.close();
  });

  it('switches scenes (built-in and saved in the graph) and saves the current filters as a view', async () => {
    const rep = server.as(DEMO_ACCOUNTS.rep);
    const count = async (filter: Record<string, unknown>) => (await rep.ok('query($f: CustomerFilter) { customers(filter: $f) { totalCount } }', { f: filter })).customers.totalCount;
    const mine = (await rep.ok('{ viewer { id } }')).viewer.id;
    const { context, page } = await newPage(browser, errors);
    await signIn(page, base, DEMO_ACCOUNTS.rep);
    const scenes = page.getByRole('group', { name: '场景' });
    await scenes.getByRole('button', { name: '重点客户（A 类）' }).click();
    await expect.poll(() => page.getByTestId('total').textContent()).toBe(`共 ${await count({ tier: ['A'] })} 条`);
    expect(await scenes.getByRole('button', { name: '重点客户（A 类）' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByLabel('等级').inputValue()).toBe('A');
    await scenes.getByRole('button', { name: '我的客户' }).click();
    await expect.poll(() => page.getByTestId('total').textContent()).toBe(`共 ${await count({ ownerIds: [mine] })} 条`);
    await scenes.getByRole('button', { name: '即将掉入公海' }).click();
    await expect.poll(() => page.getByTestId('total').textContent()).toBe(`共 ${await count({ ownerIds: [mine], releaseDueWithinDays: server.config.customerRules.pool.warnBeforeReleaseDays })} 条`);
    // The built-in scenes are the graph's (viewer.builtInSavedViews), in its order and names.
    const builtIn = (await rep.ok('{ viewer { builtInSavedViews { name } } }')).viewer.builtInSavedViews.map((v: { name: string }) => v.name);
    expect((await scenes.getByRole('button').allTextContents()).slice(0, builtIn.length)).toEqual(builtIn);

    // Saving without a name: the graph's userError beside the field, nothing saved.
    await scenes.getByRole('button', { name: '全部客户' }).click();
    await page.getByLabel('阶段').selectOption('NEW');
    await page.getByRole('button', { name: '保存为场景' }).click();
    const nameError = page.locator('.save-scene label.field.invalid', { hasText: '场景名称' }).getByRole('alert');
    await nameError.waitFor();
    expect((await rep.ok('{ viewer { savedViews { id } } }')).viewer.savedViews).toEqual([]);

    // Typed and saved with the keyboard: kept in the graph with the filter the list sent.
    await page.getByLabel('场景名称').fill('新客户跟进');
    await page.getByLabel('场景名称').press('Enter');
    await page.getByRole('status').filter({ hasText: '已保存场景“新客户跟进”' }).waitFor();
    const saved = (await rep.ok('{ viewer { savedViews { name filter mine } } }')).viewer.savedViews;
    expect(saved).toEqual([{ name: '新客户跟进', filter: { stage: ['NEW'] }, mine: true }]);
    await page.screenshot({ path: join(shots, 'scenes.png') });

    // Back to all, then the saved scene restores its filter, also after a reload.
    await scenes.getByRole('button', { name: '全部客户' }).click();
    expect(await page.getByLabel('阶段').inputValue()).toBe('');
    await page.reload();
    await page.getByRole('group', { name: '场景' }).getByRole('button', { name: '新客户跟进', exact: true }).click();
    expect(await page.getByLabel('阶段').inputValue()).toBe('NEW');
    await expect.poll(() => page.getByTestId('total').textContent()).toBe(`共 ${await count({ stage: ['NEW'] })} 条`);

    // Managing one's scenes: rename (the error beside the field first), share, move up, delete.
    await rep.ok('mutation($input: CreateSavedViewInput!) { createSavedView(input: $input) { savedView { id } } }', { input: { entity: 'CUSTOMER', name: '沉睡客户', filter: { stage: ['DORMANT'] }, position: 500 } });
    await page.reload();
    await page.getByText('管理我的场景').click();
    const rename = page.getByLabel('场景“新客户跟进”的新名称');
    await rename.fill('沉睡客户');
    await rename.press('Enter');
    await page.locator('.manage-scenes label.field.invalid').getByRole('alert').waitFor();
    await rename.fill('新客户回访');
    await rename.press('Enter');
    await page.getByRole('status').filter({ hasText: '已重命名为“新客户回访”' }).waitFor();
    const names = async () => (await rep.ok('{ viewer { savedViews { name shared } } }')).viewer.savedViews.map((v: { name: string; shared: boolean }) => `${v.name}${v.shared ? '*' : ''}`);
    await expect.poll(names).toEqual(['新客户回访', '沉睡客户']);
    await page.getByRole('button', { name: '上移场景“沉睡客户”' }).click();
    await expect.poll(names).toEqual(['沉睡客户', '新客户回访']);
    await expect.poll(() => scenes.getByRole('button').allTextContents()).toEqual([...builtIn, '沉睡客户', '×', '新客户回访', '×']);
    await page.locator('.manage-scenes li').first().getByLabel('共享给所有人').check();
    await expect.poll(names).toEqual(['沉睡客户*', '新客户回访']);
    await page.screenshot({ path: join(shots, 'scenes-manage.png') });
    await page.getByRole('button', { name: '删除场景“新客户回访”' }).click();
    await page.getByRole('button', { name: '删除场景“沉睡客户”' }).click();
    await expect.poll(async () => (await rep.ok('{ viewer { savedViews { id } } }')).viewer.savedViews.length).toBe(0);
    await expect.poll(() => page.getByRole('button', { name: '新客户回访', exact: true }).count()).toBe(0);
    await context.close();
  });

  it('lets an admin create a user, change their role and team, and deactivate them; others have no admin entry', async () => {
    const admin = server.as(DEMO_ACCOUNTS.admin);
    const { context, page } = await newPage(browser, errors);
    await signIn(page, base, DEMO_ACCOUNTS.rep);
    await page.getByRole('link', { name: '客户' }).first().waitFor();
    expect(await page.getByRole('link', { name: '用户与团队' }).count()).toBe(0);
    await context.close();

    const { context: adminContext, page: adminPage } = await newPage(browser, errors);
    await signIn(adminPage, base, DEMO_ACCOUNTS.admin);
    await adminPage.getByRole('link', { name: '用户与团队' }).click();
    await adminPage.getByRole('heading', { name: '用户与团队' }).waitFor();
    const { users } = await admin.ok('{ users(first: 1, activeOnly: false) { totalCount } }');
    await expect.poll(() => adminPage.getByTestId('users-total').textContent()).toBe(`共 ${users.totalCount} 条`);

    const form = adminPage.locator('form', { has: adminPage.getByRole('heading', { name: '新建用户' }) });
    await form.getByLabel('名称').fill('周新');
    await form.getByLabel('邮箱').fill('not-an-email');
    await form.getByRole('button', { name: '新建用户' }).click();
    await form.locator('label.field.invalid', { hasText: '邮箱' }).getByRole('alert').waitFor();
    await form.getByLabel('邮箱').fill('zhou.xin@demo.local');
    await form.getByLabel('角色').selectOption('SALES');
    await form.getByLabel('团队').selectOption({ index: 1 });
    await form.getByLabel('初始密码').fill('a-long-first-password');
    await form.getByRole('button', { name: '新建用户' }).click();
    await form.getByRole('status').filter({ hasText: '已新建用户 周新' }).waitFor();
    const row = adminPage.getByTestId('user-zhou.xin@demo.local');
    await row.waitFor();
    const created = (await admin.ok('{ users(first: 1, filter: { search: "zhou.xin" }) { edges { node { id role active team { name } } } } }')).users.edges[0].node;
    expect(created).toMatchObject({ role: 'SALES', active: true });
    expect(created.team).not.toBeNull();

    await row.getByLabel('角色').selectOption('MANAGER');
    await row.getByRole('status').filter({ hasText: '已更新 周新' }).waitFor();
    await row.getByLabel('团队').selectOption('');
    await expect
      .poll(async () => (await admin.ok('query($id: ID!) { node(id: $id) { ... on User { role team { id } } } }', { id: created.id })).node)
      .toEqual({ role: 'MANAGER', team: null });

    // Team membership from the teams table: add the user to a team, then take them out.
    const { teams } = await admin.ok('{ teams { name } }');
    const team = teams[0].name;
    const teamRow = adminPage.getByTestId(`team-${team}`);
    await teamRow.getByLabel(`添加到团队“${team}”的成员`).selectOption({ label: '周新' });
    await teamRow.getByRole('button', { name: '添加成员' }).click();
    await teamRow.getByRole('status').filter({ hasText: `已将 周新 加入团队“${team}”` }).waitFor();
    const teamOf = async () => (await admin.ok('query($id: ID!) { node(id: $id) { ... on User { team { name } } } }', { id: created.id })).node.team?.name ?? null;
    expect(await teamOf()).toBe(team);
    await teamRow.getByRole('list', { name: '成员' }).getByText('周新').waitFor();
    await adminPage.screenshot({ path: join(shots, 'admin.png'), fullPage: true });
    await teamRow.getByRole('button', { name: `将 周新 移出团队“${team}”` }).click();
    await teamRow.getByRole('status').filter({ hasText: `已将 周新 移出团队“${team}”` }).waitFor();
    expect(await teamOf()).toBeNull();

    await row.getByRole('button', { name: '停用' }).click();
    await expect.poll(() => row.locator('td').nth(4).textContent()).toBe('已停用');
    const after = (await admin.ok('query($id: ID!) { node(id: $id) { ... on User { active } } }', { id: created.id })).node;
    expect(after.active).toBe(false);
    await adminContext.close();
  });

  it('wrote nothing to the browser console', () => {
    expect(errors).toEqual([]);
  });
});

describe.skipIf(!available)('console with the service plugin on', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureConsoleBuilt();
    server = await startTestServer({ database: 'pglite', customers: 10, plugins: resolvePlugins([servicePlugin], ['service']), clock: new ManualClock(new Date()) });
    browser = await openBrowser();
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('has a tickets menu entry and queue; a ticket opens with its timeline, takes a comment (error beside the field) and a status', async () => {
    const errors: string[] = [];
    const agent = server.as(DEMO_ACCOUNTS.agent);
    const { customers } = await agent.ok('{ customers(first: 1) { edges { node { id } } } }');
    const opened = await agent.ok('mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id code } userErrors { message } } }', {
      input: { customerId: customers.edges[0].node.id, subject: '打印机无法连接', description: '客户反馈打印机无法连接网络', priority: 'HIGH', channel: 'PHONE', type: 'REPAIR' },
    });
    const ticket = opened.openTicket.ticket;
    const { context, page } = await newPage(browser, errors);
    await signIn(page, server.url.replace(/\/graphql$/, '/'), DEMO_ACCOUNTS.agent);
    await page.getByRole('link', { name: '服务工单' }).click();
    await page.getByRole('heading', { name: '服务工单' }).waitFor();
    await page.screenshot({ path: join(shots, 'tickets.png') });
    await page.getByRole('link', { name: '打印机无法连接' }).click();
    await page.getByRole('heading', { name: `${ticket.code} 打印机无法连接` }).waitFor();
    const form = page.locator('form', { has: page.getByRole('heading', { name: '添加备注' }) });
    await form.getByRole('button', { name: '添加备注' }).click();
    await form.locator('label.field.invalid', { hasText: '内容' }).getByRole('alert').waitFor();
    await form.getByLabel('内容').fill('已远程重启路由器');
    await form.getByRole('button', { name: '添加备注' }).click();
    await page.getByTestId('ticket-timeline').getByText('已远程重启路由器').waitFor();
    await page.getByLabel('更改状态').selectOption('PENDING');
    await expect.poll(() => page.getByTestId('ticket-status').textContent()).toBe('等待客户');
    const after = (await agent.ok('query($id: ID!) { node(id: $id) { ... on Ticket { status timeline(first: 20) { edges { node { kind body } } } } } }', { id: ticket.id })).node;
    expect(after.status).toBe('PENDING');
    expect(after.timeline.edges.map((e: { node: { body: string | null } }) => e.node.body)).toContain('已远程重启路由器');
    await page.screenshot({ path: join(shots, 'ticket-detail.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe.skipIf(!available)('console with the sales plugin on', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureConsoleBuilt();
    const plugins = resolvePlugins([salesPlugin], ['sales']);
    server = await startTestServer({ database: 'pglite', customers: 60, plugins, clock: new ManualClock(new Date()) });
    await seedPlugins(server.db.prisma, plugins, { now: server.clock.now(), seed: 7 });
    browser = await openBrowser();
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the pipeline by stage with amount totals and the contracts with payments', async () => {
    const errors: string[] = [];
    const { context, page } = await newPage(browser, errors);
    await signIn(page, server.url.replace(/\/graphql$/, '/'), DEMO_ACCOUNTS.manager);
    expect(await page.getByRole('link', { name: '服务工单' }).count()).toBe(0);
    await page.getByRole('link', { name: '销售管道' }).click();
    await page.getByRole('heading', { name: '商机看板' }).waitFor();
    const board = (await server.as(DEMO_ACCOUNTS.manager).ok('{ pipelineBoard(top: 10) { stage { key } opportunities amount } }')).pipelineBoard;
    const money = (amount: string) => new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY', maximumFractionDigits: 0 }).format(Number(amount));
    expect(board.some((c: { opportunities: number }) => c.opportunities > 0)).toBe(true);
    for (const column of board) {
      const shown = page.getByTestId(`stage-${column.stage.key}`);
      await expect.poll(() => shown.getByTestId('stage-count').textContent()).toBe(`${column.opportunities} 个商机`);
      expect(await shown.getByTestId('stage-amount').textContent()).toBe(money(column.amount));
    }
    const { contracts } = await server.as(DEMO_ACCOUNTS.manager).ok('{ contracts(first: 50) { totalCount } }');
    await expect.poll(() => page.getByTestId('contracts-total').textContent()).toBe(`共 ${contracts.totalCount} 条`);
    await page.screenshot({ path: join(shots, 'pipeline.png'), fullPage: true });

    // The board reflows to one column on a phone, without sideways scrolling of the page.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe.skipIf(!available)('console with the marketing, knowledge and callcenter plugins on', () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ensureConsoleBuilt();
    const plugins = resolvePlugins([servicePlugin, marketingPlugin, knowledgePlugin, callcenterPlugin], ['service', 'marketing', 'knowledge', 'callcenter'], {
      callcenter: { webhook: { secret: 'console-test-telephony-secret-of-32-chars-at-least' } },
    });
    server = await startTestServer({ database: 'pglite', customers: 30, plugins, clock: new ManualClock(new Date()) });
    await seedPlugins(server.db.prisma, plugins, { now: server.clock.now(), seed: 7 });
    base = server.url.replace(/\/graphql$/, '/');
    browser = await openBrowser();
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the campaigns, the knowledge search with its matches marked, and the calls, each from its menu entry', async () => {
    const errors: string[] = [];
    const admin = server.as(DEMO_ACCOUNTS.admin);
    const { context, page } = await newPage(browser, errors);
    await signIn(page, base, DEMO_ACCOUNTS.admin);

    await page.getByRole('link', { name: '营销活动' }).click();
    await page.getByRole('heading', { name: '营销活动' }).waitFor();
    const { campaigns } = await admin.ok('{ campaigns(first: 20, orderBy: { field: STARTS_AT, direction: DESC }) { totalCount edges { node { name } } } }');
    expect(campaigns.totalCount).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('campaigns-total').textContent()).toBe(`共 ${campaigns.totalCount} 条`);
    await expect.poll(() => page.locator('main tbody tr td:first-child').allTextContents()).toEqual(campaigns.edges.map((e: { node: { name: string } }) => e.node.name));
    await page.screenshot({ path: join(shots, 'campaigns.png'), fullPage: true });

    await page.getByRole('link', { name: '知识库' }).click();
    const { articles } = await admin.ok('{ articles(first: 1, filter: { status: [PUBLISHED] }) { edges { node { title } } } }');
    const word = [...articles.edges[0].node.title].slice(0, 2).join('');
    const { searchArticles } = await admin.ok('query($q: String!) { searchArticles(query: $q, first: 20) { totalCount edges { node { title } } } }', { q: word });
    expect(searchArticles.totalCount).toBeGreaterThan(0);
    await page.getByLabel('搜索文章').fill(word);
    await expect.poll(() => page.getByTestId('articles-total').textContent()).toBe(`共 ${searchArticles.totalCount} 条`);
    await expect.poll(() => page.getByTestId('article-hit').locator('h2').allTextContents()).toEqual(
      searchArticles.edges.map((e: { node: { title: string } }) => expect.stringContaining(e.node.title)),
    );
    await page.screenshot({ path: join(shots, 'knowledge.png'), fullPage: true });

    await page.getByRole('link', { name: '通话记录' }).click();
    await page.getByRole('heading', { name: '通话记录' }).waitFor();
    const counts = await admin.ok('{ all: calls(first: 1) { totalCount } inbound: calls(first: 1, filter: { direction: INBOUND }) { totalCount } }');
    expect(counts.all.totalCount).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('calls-total').textContent()).toBe(`共 ${counts.all.totalCount} 条`);
    await page.screenshot({ path: join(shots, 'calls.png'), fullPage: true });
    await page.getByLabel('方向').selectOption('INBOUND');
    await expect.poll(() => page.getByTestId('calls-total').textContent()).toBe(`共 ${counts.inbound.totalCount} 条`);
    await context.close();
    expect(errors).toEqual([]);
  });
});
