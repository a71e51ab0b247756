import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, ManualClock, resolvePlugins, seedPlugins } from '@rapport/core';
import salesPlugin from '@rapport/plugin-sales';
import servicePlugin from '@rapport/plugin-service';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** The per-owner maximum of the first suite's server (customerRules.pool.maxOwnedCustomers). */
const MAX_OWNED = 30;

async function openBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh context per user, in Shanghai time and Chinese, with every non-loopback request refused. */
async function newPage(browser: Browser, errors: string[], options: { locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: options.locale ?? 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 860 } });
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
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
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
      expect(await error.textContent()).toContain(`(${MAX_OWNED})`);
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
    expect(await page.getByRole('link', { name: 'Tickets' }).count()).toBe(0);
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(shots, 'phone.png') });
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
    await expect.poll(() => page.getByTestId('total').textContent()).toBe(`共 ${await count({ ownerIds: [mine], releaseDueWithinDays: 7 })} 条`);

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
    await page.getByRole('button', { name: '删除场景“新客户跟进”' }).click();
    await expect.poll(async () => (await rep.ok('{ viewer { savedViews { id } } }')).viewer.savedViews.length).toBe(0);
    await expect.poll(() => page.getByRole('button', { name: '新客户跟进', exact: true }).count()).toBe(0);
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
    await adminPage.screenshot({ path: join(shots, 'admin.png'), fullPage: true });

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
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('has a tickets menu entry and queue', async () => {
    const errors: string[] = [];
    const { context, page } = await newPage(browser, errors);
    await signIn(page, server.url.replace(/\/graphql$/, '/'), DEMO_ACCOUNTS.agent);
    await page.getByRole('link', { name: '服务工单' }).click();
    await page.getByRole('heading', { name: '服务工单' }).waitFor();
    await page.screenshot({ path: join(shots, 'tickets.png') });
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
  });

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
