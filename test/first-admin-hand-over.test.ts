// Must show (issue 14): an empty database is put into service — admin:create in a child process, then
// through the graph a team, a manager and two reps; one rep leaves with a successor, who owns their
// customers and open tasks, and the leaver's token and API key stop working at once (HTTP and graphql-ws).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { emitAlerts } from '@rapport/core';
import { createTestDatabase } from '@rapport/core/testing';
import { databaseKinds, errorOf, startTestServer, type TestClient, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();
const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');

const LOGIN = 'mutation($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { accessToken user { id } } }';
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id email role locale timeZone team { name } } userErrors { field code message } } }`;
const ALERTS = 'subscription { alerts { title } }';

/** A subscription that also records how it ended (error or completion), so the test can wait for that. */
function subscribe(client: Client) {
  const received: string[] = [];
  let ended!: (outcome: { error: unknown } | { complete: true }) => void;
  const end = new Promise<{ error: unknown } | { complete: true }>((resolve) => (ended = resolve));
  let first!: () => void;
  const firstItem = new Promise<void>((resolve) => (first = resolve));
  client.subscribe<{ alerts: { title: string } }>(
    { query: ALERTS },
    {
      next: (r) => {
        received.push(r.data?.alerts.title ?? `errors: ${JSON.stringify(r.errors)}`);
        first();
      },
      // A socket's close event serialises to {}: keep its code and reason.
      error: (error) => ended({ error: error instanceof Error || !(error && typeof error === 'object' && 'code' in error) ? error : { code: (error as CloseEvent).code, reason: (error as CloseEvent).reason } }),
      complete: () => ended({ complete: true }),
    },
  );
  return { received, end, firstItem };
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms).unref())]);
}

describe.each(kinds)('a new deployment on %s: first admin, team, hand-over', (database) => {
  let server: TestServer;
  let cleanup: () => Promise<void>;
  let adminPassword: string;
  let scriptOutput: string;

  beforeAll(async () => {
    // An empty database the child process reaches: a PostgreSQL database, or an embedded folder.
    let existing: { databaseUrl?: string; dataDir?: string };
    if (database === 'postgres') {
      const pg = (await createTestDatabase('rapport_first_admin'))!;
      existing = { databaseUrl: pg.url };
      cleanup = pg.drop;
    } else {
      const dir = await mkdtemp(path.join(tmpdir(), 'rapport-first-admin-'));
      existing = { dataDir: dir };
      cleanup = () => rm(dir, { recursive: true, force: true });
    }
    const env = { ...process.env, DATABASE_URL: existing.databaseUrl ?? '', RAPPORT_DATA_DIR: existing.dataDir ?? '' };
    const { stdout } = await run('npm', ['run', '--silent', 'admin:create', '--', '--email', 'Admin@Acme.cn', '--name', '王总'], { cwd: ROOT, env, timeout: 120_000 });
    scriptOutput = stdout;
    adminPassword = /^Password: (\S+)$/m.exec(stdout)?.[1] ?? '';
    // Reps may create API keys in this deployment (permissions per role are configuration).
    const sales = ['customer.read', 'customer.write', 'apiKey.manage'];
    // Open subscriptions re-check their credentials every second (RAPPORT_SUBSCRIPTION_RECHECK_SECONDS).
    server = await startTestServer({ database, existing, env: { RAPPORT_ROLE_PERMISSIONS: JSON.stringify({ SALES: sales }), RAPPORT_SUBSCRIPTION_RECHECK_SECONDS: '1' } });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await cleanup?.();
  });

  it('takes an empty database into service and hands a leaving rep’s work to a successor', async () => {
    expect(scriptOutput).toMatch(/Created admin admin@acme\.cn/);
    expect(adminPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await server.db.prisma.user.count()).toBe(1);

    const signIn = async (email: string, password: string) => (await server.anonymous.ok(LOGIN, { email, password })).login;
    const as = (token: string): TestClient => server.client({ authorization: `Bearer ${token}` });
    const admin = as((await signIn('admin@acme.cn', adminPassword)).accessToken);

    // The admin builds the sales team: a team, its manager, two reps.
    const team = (await admin.ok('mutation { createTeam(input: { name: "华东销售部" }) { team { id version } userErrors { field code message } } }')).createTeam.team;
    const create = async (input: Record<string, unknown>) => (await admin.ok(CREATE_USER, { input: { password: 'changeme-2026', ...input } })).createUser.user;
    const manager = await create({ name: '李经理', email: 'li@acme.cn', role: 'MANAGER', teamId: team.id, phone: '+86 138 0000 0001' });
    await admin.ok('mutation($id: ID!, $m: ID!, $v: Int!) { updateTeam(input: { id: $id, version: $v, managerId: $m }) { team { manager { email } } userErrors { field code message } } }', {
      id: team.id,
      v: team.version,
      m: manager.id,
    });
    const leaver = await create({ name: '张伟', email: 'zhang@acme.cn', teamId: team.id });
    const successor = await create({ name: 'Emily Chen', email: 'emily@acme.cn', teamId: team.id, locale: 'en', timeZone: 'Asia/Hong_Kong' });
    expect([leaver.role, leaver.locale, leaver.timeZone, leaver.team.name]).toEqual(['SALES', 'zh-CN', 'Asia/Shanghai', '华东销售部']);
    expect([successor.locale, successor.timeZone]).toEqual(['en', 'Asia/Hong_Kong']);

    // Both reps sign in; the leaver has customers, an open task, a finished call and an API key.
    const leaverLogin = await signIn('zhang@acme.cn', 'changeme-2026');
    const rep = as(leaverLogin.accessToken);
    await signIn('emily@acme.cn', 'changeme-2026');
    const customers: string[] = [];
    for (const name of ['杭州明远科技有限公司', '苏州恒达机械']) {
      customers.push((await rep.ok('mutation($name: String!) { createCustomer(input: { name: $name }) { customer { id } userErrors { field code message } } }', { name })).createCustomer.customer.id);
    }
    const task = (
      await rep.ok('mutation($c: ID!) { createActivity(input: { customerId: $c, kind: TASK, subject: "报价跟进", dueAt: "2026-11-09T02:00:00Z" }) { activity { id } userErrors { field code message } } }', { c: customers[0] })
    ).createActivity.activity;
    const call = (await rep.ok('mutation($c: ID!) { createActivity(input: { customerId: $c, kind: CALL, subject: "首次通话" }) { activity { id } userErrors { field code message } } }', { c: customers[1] }))
      .createActivity.activity;
    const key = (await rep.ok('mutation { createApiKey(input: { name: "crm-sync", scopes: [CUSTOMER_READ] }) { key userErrors { field code message } } }')).createApiKey.key as string;
    const byKey = server.client({ authorization: `ApiKey ${key}` });
    expect((await byKey.ok('{ viewer { email } }')).viewer.email).toBe('zhang@acme.cn');

    // Open subscriptions by token and by API key, each proven live by a first alert.
    const viaToken = createClient({ url: server.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${leaverLogin.accessToken}` } });
    const viaKey = createClient({ url: server.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { apiKey: key } });
    const subscriptions = [subscribe(viaToken), subscribe(viaKey)];
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
    };
    await until(() => server.app.alertBus.subscriberCount === 2);
    const rawId = async (email: string) => (await server.db.prisma.user.findUniqueOrThrow({ where: { email } })).id;
    const [leaverId, successorId] = [await rawId('zhang@acme.cn'), await rawId('emily@acme.cn')];
    const fire = async (dedupeKey: string) => {
      await emitAlerts(server.db.prisma, [{ recipientId: leaverId, kind: 'TASK_DUE_SOON', title: dedupeKey, dedupeKey }], server.clock.now());
      await server.app.alerts.fireDue();
    };
    await fire('before-leaving');
    await within(Promise.all(subscriptions.map((s) => s.firstItem)), 10_000, 'the first alert on both subscriptions');

    // The admin deactivates the leaver with the other rep as successor.
    const result = await admin.ok(
      `mutation($id: ID!, $s: ID!) { deactivateUser(input: { id: $id, successorId: $s, reason: "离职" }) {
        user { active deactivatedAt } successor { email }
        handOver { customersToSuccessor customersToPool openTasks other { kind count } }
        revokedSessions revokedApiKeys userErrors { field code message } } }`,
      { id: leaver.id, s: successor.id },
    );
    expect(result.deactivateUser).toEqual({
      user: { active: false, deactivatedAt: server.clock.now().toISOString() },
      successor: { email: 'emily@acme.cn' },
      handOver: { customersToSuccessor: 2, customersToPool: 0, openTasks: 1, other: [] },
      revokedSessions: 1,
      revokedApiKeys: 1,
      userErrors: [],
    });

    // The successor owns the customers and the open task; the finished call stays the leaver's history.
    const owned = await admin.ok('query($s: [ID!]) { customers(first: 10, filter: { ownerIds: $s }) { totalCount edges { node { id } } } }', { s: [successor.id] });
    expect(owned.customers.edges.map((e: any) => e.node.id).sort()).toEqual([...customers].sort());
    const activities = await admin.ok('query($t: ID!, $c: ID!) { task: activity(id: $t) { owner { email } completedAt } call: activity(id: $c) { owner { email } } }', { t: task.id, c: call.id });
    expect(activities).toEqual({ task: { owner: { email: 'emily@acme.cn' }, completedAt: null }, call: { owner: { email: 'zhang@acme.cn' } } });
    const transfers = await server.db.prisma.customerTransfer.findMany({ where: { kind: 'HAND_OVER' } });
    expect(transfers.map((t) => [t.fromUserId, t.toUserId])).toEqual([
      [leaverId, successorId],
      [leaverId, successorId],
    ]);
    const audit = await admin.ok('{ auditLog(first: 20, filter: { action: "customer.handOver" }) { totalCount } }');
    expect(audit.auditLog.totalCount).toBe(2);

    // The leaver's token and API key fail at once over HTTP, and sign-in is refused.
    expect(errorOf(await rep.gql('{ viewer { email } }')).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await byKey.gql('{ viewer { email } }')).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await server.anonymous.gql(LOGIN, { email: 'zhang@acme.cn', password: 'changeme-2026' }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: '该账号已停用',
    });

    // ...and on the open sockets: a new operation is refused (UNAUTHENTICATED), or, when the socket
    // already closed because the recheck ended its last subscription (a lazy client closes an idle
    // socket), the client's reconnection is refused at connection_init (4403).
    for (const client of [viaToken, viaKey]) {
      const again = subscribe(client);
      const outcome = await within(again.end, 5_000, 'the refusal of a new subscription');
      expect(again.received.filter((item) => !item.startsWith('errors:'))).toEqual([]);
      expect(JSON.stringify({ received: again.received, outcome })).toMatch(/UNAUTHENTICATED|"code":4403/);
    }
    // ...and the subscriptions already open deliver nothing more and end with an error.
    await fire('after-leaving');
    const ends = await within(Promise.all(subscriptions.map((s) => s.end)), 5_000, 'the end of both subscriptions');
    subscriptions.forEach((s, i) => {
      expect(s.received.filter((item) => !item.startsWith('errors:'))).toEqual(['before-leaving']);
      expect(JSON.stringify({ last: s.received.at(-1), end: ends[i] }), `subscription ${i}`).toMatch(/UNAUTHENTICATED/);
    });
    await Promise.all([viaToken.dispose(), viaKey.dispose()]);
  }, 60_000);
});
