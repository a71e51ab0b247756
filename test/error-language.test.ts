// Error messages in the reader's language (#20): the viewer's locale, else Accept-Language, else
// zh-CN; GraphQL errors and userErrors alike. Live alerts follow a language changed mid-stream.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { subscribeWs, untilSubscribers, wsClient } from './support/clients.js';
import { databaseKinds, describeOnDatabases, errorOf, startTestServer, TEST_NOW, userErrorOf, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }';
const CREATE = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { field code message } } }`;
const UPDATE = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { id } userErrors { field code message } } }`;
const VIEWER = '{ viewer { id version } }';
const UPDATE_USER = `mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { locale } userErrors { message } } }`;
const missingCustomer = () => Buffer.from(`Customer:${randomUUID()}`).toString('base64');

describeOnDatabases(kinds)('error messages by language on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 5 });
  });
  afterAll(() => server?.close());

  const setLocale = async (email: string, locale: string) => {
    const client = server.as(email);
    const { viewer } = await client.ok(VIEWER);
    await client.ok(UPDATE_USER, { input: { id: viewer.id, version: viewer.version, locale } });
  };

  it('answers a caller without an account in the language Accept-Language asks for, zh-CN by default', async () => {
    // A different account each time: five failures would lock one (SIGN_IN_LOCKED, translated too).
    let attempt = 0;
    const signIn = (headers: Record<string, string>) =>
      server.client({ email: null, headers }).gql(LOGIN, { input: { email: `nobody-${++attempt}@demo.local`, password: 'wrong' } });
    expect(errorOf(await signIn({}))).toMatchObject({ code: 'UNAUTHENTICATED', message: '邮箱或密码错误' });
    expect(errorOf(await signIn({ 'accept-language': 'en-US,en;q=0.9' })).message).toBe('Wrong e-mail or password');
    expect(errorOf(await signIn({ 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' })).message).toBe('邮箱或密码错误');
    // A language we do not write is passed over for the next one asked for.
    expect(errorOf(await signIn({ 'accept-language': 'fr-FR, en;q=0.5' })).message).toBe('Wrong e-mail or password');
    expect(errorOf(await signIn({ 'accept-language': 'fr-FR' })).message).toBe('邮箱或密码错误');
  });

  it("answers a signed-in viewer in their own locale, whatever Accept-Language says; errors[] and userErrors alike", async () => {
    const email = 'li.wei@demo.local';
    const inEnglishBrowser = server.as(email, { 'accept-language': 'en' });

    const blank = await inEnglishBrowser.gql(CREATE, { input: { name: '   ' } });
    expect(userErrorOf(blank)).toMatchObject({ fields: ['name'], codes: ['REQUIRED'], message: '不能为空' });
    const missing = await inEnglishBrowser.gql(UPDATE, { input: { id: missingCustomer(), version: 1, name: 'x' } });
    expect(errorOf(missing)).toMatchObject({ code: 'NOT_FOUND', message: '客户不存在' });
    const tooLong = await inEnglishBrowser.gql(CREATE, { input: { name: '远'.repeat(201) } });
    expect(userErrorOf(tooLong)).toMatchObject({ codes: ['TOO_LONG'], message: '最多 200 个字符' });

    await setLocale(email, 'en');
    const inChineseBrowser = server.as(email, { 'accept-language': 'zh-CN' });
    expect(userErrorOf(await inChineseBrowser.gql(CREATE, { input: { name: '   ' } }))).toMatchObject({ codes: ['REQUIRED'], message: 'must not be empty' });
    expect(errorOf(await inChineseBrowser.gql(UPDATE, { input: { id: missingCustomer(), version: 1, name: 'x' } }))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Customer not found',
    });
    const created = (await inChineseBrowser.ok(CREATE, { input: { name: '语言测试客户' } })).createCustomer.customer;
    await inChineseBrowser.ok(UPDATE, { input: { id: created.id, version: 1, name: '语言测试客户 2' } });
    const stale = await inChineseBrowser.gql(UPDATE, { input: { id: created.id, version: 1, name: 'x' } });
    expect(userErrorOf(stale)).toMatchObject({
      codes: ['STALE_VERSION'],
      message: 'Customer was changed by someone else since you read it (current version 2); reload and retry',
    });
    await setLocale(email, 'zh-CN');
    expect(userErrorOf(await inEnglishBrowser.gql(CREATE, { input: { name: '   ' } })).message).toBe('不能为空');
  });

  it('renders each pushed alert in the language the viewer has when it arrives', async () => {
    const email = 'chen.jing@demo.local';
    const viewerOf = server.as(email);
    const { viewer } = await viewerOf.ok(VIEWER);
    const token = await viewerOf.authorization();
    const socket = wsClient(server.url, { authorization: token });
    const live = subscribeWs<{ alerts: { kind: string; title: string } }>(socket, 'subscription { alerts(kinds: [TASK_ASSIGNED]) { kind title } }');
    try {
      await live.ready;
      await untilSubscribers(server.app, 1);
      const customer = (await server.ok(CREATE, { input: { name: '实时提醒客户' } })).createCustomer.customer;
      const assign = (subject: string) =>
        server.ok(`mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } userErrors { message } } }`, {
          input: { customerId: customer.id, kind: 'TASK', subject, assigneeId: viewer.id, dueAt: TEST_NOW },
        });

      await assign('回访一');
      await server.app.alerts.fireDue();
      await live.waitFor(1);
      await setLocale(email, 'en');
      await assign('回访二');
      await server.app.alerts.fireDue();
      const items = await live.waitFor(2);
      expect(items.map((i) => i.alerts.title)).toEqual(['分配给你的任务：回访一', 'Assigned to you: 回访二']);
    } finally {
      await live.stop();
      await socket.dispose();
    }
  });

  it("reads an import's refusals and row problems, and a custom-field refusal, in the viewer's locale", async () => {
    const email = 'olivia.carter@demo.local'; // a manager: data.import
    const IMPORT = 'mutation($input: ImportRecordsInput!) { importRecords(input: $input) { dataImport { errors { row field message } } userErrors { field code message } } }';
    const client = server.as(email, { 'accept-language': 'zh-CN' });
    const empty = { entity: 'CUSTOMER', data: '客户名称\n' };
    const dryRun = { entity: 'CUSTOMER', dryRun: true, data: '客户名称,等级\n语言导入公司,Z\n' };
    const unknownField = { name: '语言字段客户', customFields: [{ key: 'noSuchField', text: 'x' }] };
    expect(userErrorOf(await client.gql(IMPORT, { input: empty }))).toMatchObject({ fields: ['file'], codes: ['INVALID'], message: '表头下没有数据行' });
    expect((await client.ok(IMPORT, { input: dryRun })).importRecords.dataImport.errors).toEqual([{ row: 2, field: 'tier', message: '必须是客户等级 A, B, C, D, X（例如 A 或 A类）' }]);
    expect(userErrorOf(await client.gql(CREATE, { input: unknownField }))).toMatchObject({ fields: ['customFields.noSuchField'], message: '不是客户的自定义字段' });

    await setLocale(email, 'en');
    expect(userErrorOf(await client.gql(IMPORT, { input: empty }))).toMatchObject({ fields: ['file'], codes: ['INVALID'], message: 'holds no data rows under its header' });
    expect((await client.ok(IMPORT, { input: dryRun })).importRecords.dataImport.errors).toEqual([{ row: 2, field: 'tier', message: 'must be a tier A, B, C, D, X (e.g. A or A类)' }]);
    expect(userErrorOf(await client.gql(CREATE, { input: unknownField }))).toMatchObject({ fields: ['customFields.noSuchField'], message: 'is not a custom field of customers' });
  });
});

describeOnDatabases(kinds)("a deployment's own language, zone and currency on %s", (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 1, env: { RAPPORT_LOCALE: 'en', RAPPORT_TIMEZONE: 'Asia/Shanghai', RAPPORT_CURRENCY: 'USD' } });
  });
  afterAll(() => server?.close());

  it('tells clients its settings, and answers readers who ask for no language in its own', async () => {
    expect((await server.ok('{ deployment { language timeZone currency } }')).deployment).toEqual({ language: 'en', timeZone: 'Asia/Shanghai', currency: 'USD' });
    expect(errorOf(await server.anonymous.gql('{ deployment { version } }')).message).toBe('Sign in first: send Authorization: Bearer <access token>');
    const signIn = (headers: Record<string, string>) => server.client({ email: null, headers }).gql(LOGIN, { input: { email: 'nobody@demo.local', password: 'wrong' } });
    expect(errorOf(await signIn({})).message).toBe('Wrong e-mail or password');
    expect(errorOf(await signIn({ 'accept-language': 'zh-CN' })).message).toBe('邮箱或密码错误');
  });
});
