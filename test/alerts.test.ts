import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, emitAlerts, hashPassword, loadConfig, openDatabase, ManualClock, type AlertInput, type Database } from '@rapport/core';
import { createTestDatabase } from '@rapport/core/testing';
import { createApp, RedisAlertBus, type RapportApp } from '@rapport/server';
import { sentinelAlert, subscribeSse, subscribeWs, untilSubscribers, wsClient } from './support/clients.js';
import { databaseKinds, describeOnDatabases, startTestServer, TEST_NOW, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }';
const SUBSCRIPTION = 'subscription { alerts { id kind title entityType isRead } }';

async function until(condition: () => boolean, timeoutMs = 5_000, describe = () => '') {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met in time ${describe()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describeOnDatabases(kinds)('live alerts on %s', (database) => {
  let server: TestServer;
  let adminId: string;
  const alert = (key: string, overrides: Partial<AlertInput> = {}): AlertInput => ({
    recipientId: adminId,
    kind: 'TASK_DUE_SOON',
    title: `Call back ${key}`,
    entity: { type: 'Customer', id: '00000000-0000-4000-8000-000000000001' },
    dedupeKey: key,
    ...overrides,
  });

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 5 });
    adminId = (await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'admin@demo.local' } })).id;
  });
  afterAll(() => server?.close());

  it('points at its subject as a Node, and at null when the subject is gone', async () => {
    const customer = await server.db.prisma.customer.findFirstOrThrow({ orderBy: { number: 'asc' } });
    await emitAlerts(server.db.prisma, [alert('subject-1', { entity: { type: 'Customer', id: customer.id } }), alert('subject-gone')], server.clock.now());
    await server.app.alerts.fireDue();
    const data = await server.ok('{ alerts(first: 50) { nodes { title subject { __typename id ... on Customer { name } } } } }');
    const byTitle = Object.fromEntries(data.alerts.nodes.map((a: { title: string; subject: unknown }) => [a.title, a.subject]));
    expect(byTitle['Call back subject-1']).toEqual({ __typename: 'Customer', id: expect.any(String), name: customer.name });
    expect(byTitle['Call back subject-gone']).toBeNull();
  });

  it('delivers a fired alert once over graphql-ws and once over SSE, then lists it as unread', async () => {
    const authorization = (await server.authorization())!;
    const client = wsClient(server.url, { authorization });
    const ws = subscribeWs<any>(client, SUBSCRIPTION);
    const sse = subscribeSse<any>(server.url, SUBSCRIPTION, { authorization });
    await Promise.all([ws.ready, sse.ready]);
    await untilSubscribers(server.app, 2);

    await emitAlerts(server.db.prisma, [alert('live-1')], server.clock.now());
    expect(await server.app.alerts.fireDue()).toBe(1);
    const [viaWs] = await ws.waitFor(1);
    const [viaSse] = await sse.waitFor(1);
    expect(viaWs.alerts).toMatchObject({ kind: 'TASK_DUE_SOON', title: 'Call back live-1', entityType: 'Customer', isRead: false });
    expect(viaSse.alerts.id).toBe(viaWs.alerts.id);

    expect(await server.app.alerts.fireDue()).toBe(0);
    // Once: the next thing each stream hears is the sentinel, not a second copy.
    await server.app.alertBus.publish([sentinelAlert(adminId)]);
    for (const stream of [ws, sse]) expect((await stream.waitFor(2)).map((item) => item.alerts.title)).toEqual(['Call back live-1', 'sentinel']);
    await Promise.all([ws.stop(), sse.stop()]);
    await client.dispose();
    await until(() => server.app.alertBus.subscriberCount === 0);
  });

  it('keeps alerts that fired while the recipient was offline, and marks them read', async () => {
    const before = (await server.ok('{ unreadAlertCount }')).unreadAlertCount;
    server.clock.set(TEST_NOW);
    await emitAlerts(server.db.prisma, [alert('offline-1'), alert('offline-2', { fireAt: new Date(Date.parse(TEST_NOW) + 60_000) })], server.clock.now());
    await server.app.alerts.fireDue();
    expect((await server.ok('{ unreadAlertCount }')).unreadAlertCount).toBe(before + 1);

    server.clock.advance(60_000);
    await server.app.alerts.fireDue();
    const page = await server.ok('{ alerts(first: 10, unreadOnly: true) { totalCount edges { node { id title } } } }');
    expect(page.alerts.edges.map((e: any) => e.node.title).slice(0, 2)).toEqual(['Call back offline-2', 'Call back offline-1']);
    const first = page.alerts.edges[0].node.id;
    const read = await server.ok('mutation($id: ID!) { markAlertRead(input: { id: $id }) { alert { id isRead readAt } userErrors { code } } }', { id: first });
    expect(read.markAlertRead).toMatchObject({ alert: { isRead: true }, userErrors: [] });
    expect((await server.ok('mutation { markAllAlertsRead { markedCount userErrors { code } } }')).markAllAlertsRead).toEqual({ markedCount: page.alerts.totalCount - 1, userErrors: [] });
    expect((await server.ok('{ unreadAlertCount }')).unreadAlertCount).toBe(0);
  });

  it('filters by kind and stops delivering to a deactivated recipient', async () => {
    const client = wsClient(server.url, { authorization: (await server.authorization())! });
    const overdue = subscribeWs<any>(client, 'subscription { alerts(kinds: [TASK_OVERDUE]) { title } }');
    await overdue.ready;
    await untilSubscribers(server.app, 1);
    await emitAlerts(server.db.prisma, [alert('kind-1'), alert('kind-2', { kind: 'TASK_OVERDUE' })], server.clock.now());
    await server.app.alerts.fireDue();
    expect((await overdue.waitFor(1)).map((a) => a.alerts.title)).toEqual(['Call back kind-2']);

    await server.db.prisma.user.update({ where: { id: adminId }, data: { active: false } });
    await emitAlerts(server.db.prisma, [alert('after-deactivation', { kind: 'TASK_OVERDUE' })], server.clock.now());
    expect(await server.app.alerts.fireDue()).toBe(1);
    await server.db.prisma.user.update({ where: { id: adminId }, data: { active: true } });
    // Reactivated, the same subscription hears the next alert as its second: nothing came while inactive.
    await emitAlerts(server.db.prisma, [alert('after-reactivation', { kind: 'TASK_OVERDUE' })], server.clock.now());
    await server.app.alerts.fireDue();
    expect((await overdue.waitFor(2)).map((a) => a.alerts.title)).toEqual(['Call back kind-2', 'Call back after-reactivation']);
    await overdue.stop();
    await client.dispose();
  });
});

const redisUrl = process.env.REDIS_URL;
if (!redisUrl && process.env.REQUIRE_SERVICES === '1') throw new Error('Redis is required (REQUIRE_SERVICES=1) but REDIS_URL is not set');
if (!redisUrl) console.warn('[skip] multi-instance alert tests: REDIS_URL not set');

describe.runIf(kinds.includes('postgres') && redisUrl)('two instances on one PostgreSQL and Redis', () => {
  const apps: RapportApp[] = [];
  const urls: string[] = [];
  const dbs: Database[] = [];
  let drop: () => Promise<void> = async () => {};
  const clock = new ManualClock(TEST_NOW);

  beforeAll(async () => {
    const pg = (await createTestDatabase('rapport_fanout'))!;
    drop = pg.drop;
    const config = loadConfig({ NODE_ENV: 'test', RAPPORT_AUTH_SECRET: 'fan-out-test-secret-0123456789abcdef' });
    for (const _instance of [1, 2]) {
      const db = await openDatabase({ databaseUrl: pg.url, poolSize: 4 });
      await applyMigrations(db.migrationTarget);
      dbs.push(db);
      const alertBus = await RedisAlertBus.connect(redisUrl!, `rapport:test:${pg.url.split('/').pop()}`);
      const app = createApp({ config, db, clock, alertBus });
      urls.push(await app.listen(0, '127.0.0.1'));
      apps.push(app);
    }
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await drop();
  });

  it('delivers each of 1000 scheduled alerts exactly once, to subscribers spread over both instances', async () => {
    const { prisma } = dbs[0]!;
    const passwordHash = await hashPassword('fan-out');
    const reps = await Promise.all(
      [1, 2, 3, 4].map((i) => prisma.user.create({ data: { email: `rep${i}@fanout.test`, name: `Rep ${i}`, passwordHash } })),
    );
    // Reps 1 and 3 listen on instance A, reps 2 and 4 on instance B.
    const subscriptions = await Promise.all(
      reps.map(async (rep, i) => {
        const url = urls[i % 2]!;
        const login = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: LOGIN, variables: { input: { email: rep.email, password: 'fan-out' } } }),
        }).then((r) => r.json() as Promise<any>);
        const client = wsClient(url, { authorization: `Bearer ${login.data.login.accessToken}` });
        return { rep, client, received: subscribeWs<any>(client, 'subscription { alerts { id title } }') };
      }),
    );
    await Promise.all(subscriptions.map((s) => s.received.ready));
    for (const app of apps) await untilSubscribers(app, 2);

    const due = Array.from({ length: 1000 }, (_, i) => ({
      recipientId: reps[i % 4]!.id,
      kind: 'TASK_DUE_SOON',
      title: `Follow-up ${i}`,
      fireAt: new Date(Date.parse(TEST_NOW) - (1000 - i) * 1000),
      dedupeKey: `fanout-${i}`,
    }));
    await emitAlerts(prisma, due, clock.now());
    const fired = await Promise.all(apps.map((a) => a.alerts.fireDue()));
    expect(fired[0]! + fired[1]!).toBe(1000);

    for (const [i, { received }] of subscriptions.entries()) {
      const titles = (await received.waitFor(250, 20_000)).map((r) => r.alerts.title);
      const expected = due.filter((_, n) => n % 4 === i).map((a) => a.title);
      expect(new Set(titles)).toEqual(new Set(expected));
    }
    // Exactly once: each subscriber's next message after its 250 is the sentinel (published through
    // instance A, so it crosses Redis to B's subscribers like the alerts did).
    await apps[0]!.alertBus.publish(reps.map((rep) => sentinelAlert(rep.id)));
    for (const { received } of subscriptions) {
      const items = await received.waitFor(251, 20_000);
      expect([items.length, items[250]!.alerts.title]).toEqual([251, 'sentinel']);
    }
    await Promise.all(subscriptions.map((s) => s.received.stop()));
    await Promise.all(subscriptions.map((s) => s.client.dispose()));
  });
});

describeOnDatabases(kinds)('follow-up task alerts on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 5 });
  });
  afterAll(() => server?.close());

  it('tells the assignee at once, reminds at remindAt, warns at dueAt, and follows reschedules and completion', async () => {
    const rep = server.as('rep@demo.local');
    const repUser = await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'rep@demo.local' } });
    const repAuth = (await rep.authorization())!;
    const customer = await server.ok('mutation { createCustomer(input: { name: "Reminder Co" }) { customer { id } userErrors { field code message } } }');

    const client = wsClient(server.url, { authorization: repAuth });
    const live = subscribeWs<any>(client, 'subscription { alerts { kind title } }');
    await live.ready;
    await untilSubscribers(server.app, 1);

    const now = server.clock.now().getTime();
    const created = await server.ok(
      `mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id version } userErrors { field code message } } }`,
      {
        input: {
          customerId: customer.createCustomer.customer.id,
          kind: 'CALL',
          subject: 'Call about the quote',
          assigneeId: Buffer.from(`User:${repUser.id}`).toString('base64'),
          remindAt: new Date(now + 30 * 60_000).toISOString(),
          dueAt: new Date(now + 60 * 60_000).toISOString(),
        },
      },
    );
    await server.app.alerts.fireDue();
    expect((await live.waitFor(1)).map((a) => a.alerts.kind)).toEqual(['TASK_ASSIGNED']);

    server.clock.advance(31 * 60_000);
    await server.app.alerts.fireDue();
    expect((await live.waitFor(2))[1].alerts).toEqual({ kind: 'TASK_DUE_SOON', title: '提醒：Call about the quote' });

    const { id, version } = created.createActivity.activity;
    await server.ok('mutation($id: ID!, $v: Int!, $due: DateTime!) { updateActivity(input: { id: $id, version: $v, dueAt: $due }) { activity { version } userErrors { field code message } } }', {
      id,
      v: version,
      due: new Date(now + 3 * 60 * 60_000).toISOString(),
    });
    server.clock.advance(60 * 60_000);
    await server.app.alerts.fireDue();

    server.clock.advance(2 * 60 * 60_000);
    await server.app.alerts.fireDue();
    // The old due time warned nobody: after the one TASK_OVERDUE, the sentinel comes next.
    await server.app.alertBus.publish([sentinelAlert(repUser.id)]);
    expect((await live.waitFor(4)).map((a) => a.alerts.kind)).toEqual(['TASK_ASSIGNED', 'TASK_DUE_SOON', 'TASK_OVERDUE', 'TASK_DUE_SOON']);
    expect(live.items[3]!.alerts.title).toBe('sentinel');
    await live.stop();
    await client.dispose();
  });

  it('cancels pending reminders when the task is completed', async () => {
    const customer = await server.ok('mutation { createCustomer(input: { name: "Done Co" }) { customer { id } userErrors { field code message } } }');
    const now = server.clock.now().getTime();
    const { createActivity } = await server.ok(
      `mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id version } userErrors { field code message } } }`,
      { input: { customerId: customer.createCustomer.customer.id, kind: 'TASK', subject: 'Send samples', remindAt: new Date(now + 60_000).toISOString(), dueAt: new Date(now + 120_000).toISOString() } },
    );
    const pending = () => server.db.prisma.alert.count({ where: { entityId: Buffer.from(createActivity.activity.id, 'base64').toString().split(':')[1], firedAt: null } });
    expect(await pending()).toBe(2);
    await server.ok('mutation($id: ID!, $v: Int!) { completeActivity(input: { id: $id, version: $v }) { activity { id } userErrors { field code message } } }', {
      id: createActivity.activity.id,
      v: createActivity.activity.version,
    });
    expect(await pending()).toBe(0);
  });
});
