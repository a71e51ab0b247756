// Alerts in the reader's language (#20): stored with their kind's parameters and rendered when read,
// in the recipient's locale and time zone, from one catalogue per language.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, startTestServer, TEST_NOW, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

const ALERTS = '{ alerts(first: 10, kinds: [TASK_ASSIGNED, TASK_DUE_SOON]) { nodes { kind title body } } }';
const VIEWER = '{ viewer { id version } }';
const UPDATE_USER = `mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { locale timeZone } userErrors { message } } }`;

describeOnDatabases(kinds)('alert messages on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 5 });
  });
  afterAll(() => server?.close());

  it('reads the same alerts in zh-CN and then in en, dates in the reader’s time zone', async () => {
    const rep = server.as('rep@demo.local');
    const colleague = server.as('li.wei@demo.local');
    const viewer = (await colleague.ok(VIEWER)).viewer;
    const customer = (await rep.ok('mutation { createCustomer(input: { name: "远航机械" }) { customer { id } } }')).createCustomer.customer;
    const created = await rep.ok(
      `mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } userErrors { message } } }`,
      {
        input: {
          customerId: customer.id,
          kind: 'TASK',
          subject: '回访报价',
          assigneeId: viewer.id,
          remindAt: TEST_NOW,
          dueAt: '2026-11-02T10:30:00Z',
        },
      },
    );
    expect(created.createActivity.userErrors).toEqual([]);
    await server.app.alerts.fireDue();

    await colleague.ok(UPDATE_USER, { input: { id: viewer.id, version: viewer.version, locale: 'zh-CN', timeZone: 'Asia/Shanghai' } });
    const inChinese = (await colleague.ok(ALERTS)).alerts.nodes;
    expect(inChinese).toEqual(
      expect.arrayContaining([
        { kind: 'TASK_ASSIGNED', title: '分配给你的任务：回访报价', body: null },
        { kind: 'TASK_DUE_SOON', title: '提醒：回访报价', body: '截止于 2026/11/02 18:30' },
      ]),
    );

    const changed = (await colleague.ok(VIEWER)).viewer;
    await colleague.ok(UPDATE_USER, { input: { id: changed.id, version: changed.version, locale: 'en', timeZone: 'Europe/London' } });
    const inEnglish = (await colleague.ok(ALERTS)).alerts.nodes;
    expect(inEnglish).toEqual(
      expect.arrayContaining([
        { kind: 'TASK_ASSIGNED', title: 'Assigned to you: 回访报价', body: null },
        { kind: 'TASK_DUE_SOON', title: 'Reminder: 回访报价', body: 'Due 11/02/2026, 10:30 AM' },
      ]),
    );
    expect(inEnglish).toHaveLength(inChinese.length);
  });

  it('stores the zh-CN rendering beside the parameters, for readers without the catalogue', async () => {
    const stored = await server.db.prisma.alert.findFirstOrThrow({ where: { kind: 'TASK_ASSIGNED' } });
    // The stored fallback is the zh-CN rendering.
    expect(stored).toMatchObject({ title: '分配给你的任务：回访报价', params: { subject: '回访报价' } });
  });
});
