import { afterAll, beforeAll, expect, it } from 'vitest';
import { definePlugin, resolvePlugins } from '@rapport/core';
import { databaseKinds, describeOnDatabases, errorOf, userErrorOf, startTestServer, type TestClient, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

const UA = { 'user-agent': 'audit-test/1.0' };
const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const rawId = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1]!;

/** A plugin mutation that records nothing itself: the Mutation guard must still audit it. */
const forgetful = definePlugin({
  name: 'forgetful',
  version: '0.0.1',
  register(builder) {
    builder.mutationField('pingCustomer', (t) =>
      t.boolean({ args: { note: t.arg.string({ required: true }), password: t.arg.string() }, resolve: () => true }),
    );
  },
});

const LOG = /* GraphQL */ `
  query($filter: AuditLogFilter) {
    auditLog(first: 50, filter: $filter) {
      totalCount
      edges { node { id at action entityType entityId before after ip userAgent actor { kind id label } } }
    }
  }
`;

describeOnDatabases(kinds)('audit log on %s', (database) => {
  let server: TestServer;
  let admin: TestClient;
  let adminId: string;
  const log = async (filter: Record<string, unknown>) => (await server.ok(LOG, { filter })).auditLog;
  const latest = async (action: string) => (await log({ action })).edges[0]?.node;

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 8, plugins: resolvePlugins([forgetful], ['forgetful']) });
    admin = server.as('admin@demo.local', UA);
    adminId = globalId('User', (await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'admin@demo.local' } })).id);
  });
  afterAll(() => server?.close());

  it('records every kind of customer, contact and activity change with actor, origin, before and after', async () => {
    const created = (await admin.ok('mutation { createCustomer(input: { name: "Audit Works", contacts: [{ name: "Ann" }] }) { customer { id contacts { id } } userErrors { field code message } } }')).createCustomer.customer;
    const id = created.id;
    await admin.ok('mutation($id: ID!) { updateCustomer(input: { id: $id, version: 1, name: "Audit Works Ltd" }) { customer { id } userErrors { field code message } } }', { id });
    const contact = (await admin.ok('mutation($id: ID!) { createContact(input: { customerId: $id, name: "Bo" }) { contact { id } userErrors { field code message } } }', { id })).createContact.contact.id;
    await admin.ok('mutation($c: ID!) { updateContact(input: { id: $c, version: 1, title: "Buyer" }) { contact { id } userErrors { field code message } } }', { c: contact });
    await admin.ok('mutation($c: ID!) { deleteContact(input: { id: $c, version: 2 }) { deletedContactId userErrors { field code message } } }', { c: contact });
    const task = (await admin.ok('mutation($id: ID!) { createActivity(input: { customerId: $id, kind: TASK, subject: "Call back", dueAt: "2026-12-01T09:00:00Z" }) { activity { id } userErrors { field code message } } }', { id })).createActivity.activity.id;
    await admin.ok('mutation($a: ID!) { updateActivity(input: { id: $a, version: 1, subject: "Call back soon" }) { activity { id } userErrors { field code message } } }', { a: task });
    await admin.ok('mutation($a: ID!) { completeActivity(input: { id: $a, version: 2, outcome: "Done" }) { activity { id } userErrors { field code message } } }', { a: task });
    await admin.ok('mutation($a: ID!) { deleteActivity(input: { id: $a, version: 3 }) { deletedActivityId userErrors { field code message } } }', { a: task });
    const rep = globalId('User', (await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'rep@demo.local' } })).id);
    await admin.ok('mutation($id: ID!, $u: ID!) { shareCustomer(input: { customerId: $id, userId: $u, access: EDIT }) { customer { id } userErrors { field code message } } }', { id, u: rep });
    await admin.ok('mutation($id: ID!, $u: ID!) { unshareCustomer(input: { customerId: $id, userId: $u }) { customer { id } userErrors { field code message } } }', { id, u: rep });
    await admin.ok('mutation($id: ID!) { deleteCustomer(input: { id: $id, version: 2 }) { deletedCustomerId userErrors { field code message } } }', { id });

    const expected: Array<[string, string, string, boolean, boolean]> = [
      ['customer.create', 'Customer', id, false, true],
      ['customer.update', 'Customer', id, true, true],
      ['contact.create', 'Contact', contact, false, true],
      ['contact.update', 'Contact', contact, true, true],
      ['contact.delete', 'Contact', contact, true, false],
      ['activity.create', 'Activity', task, false, true],
      ['activity.update', 'Activity', task, true, true],
      ['activity.complete', 'Activity', task, true, true],
      ['activity.delete', 'Activity', task, true, false],
      ['customer.share', 'Customer', id, false, true],
      ['customer.unshare', 'Customer', id, true, false],
      ['customer.delete', 'Customer', id, true, false],
    ];
    for (const [action, entityType, entityId, hasBefore, hasAfter] of expected) {
      const entry = await latest(action);
      expect(entry, action).toMatchObject({
        entityType,
        entityId,
        ip: '127.0.0.1',
        userAgent: 'audit-test/1.0',
        at: server.clock.now().toISOString(),
        actor: { kind: 'staff', id: adminId, label: 'admin@demo.local' },
      });
      expect(entry.before !== null, `${action} before`).toBe(hasBefore);
      expect(entry.after !== null, `${action} after`).toBe(hasAfter);
    }
    const update = await latest('customer.update');
    expect([update.before.name, update.after.name, update.after.version]).toEqual(['Audit Works', 'Audit Works Ltd', 2]);
    expect((await latest('customer.share')).after).toMatchObject({ userId: rawId(rep), access: 'EDIT' });

    const history = await log({ entityId: id });
    expect(history.edges.map((e: any) => e.node.action)).toEqual(['customer.delete', 'customer.unshare', 'customer.share', 'customer.update', 'customer.create']);
  });

  it('records sign-in, refresh, sign-out, password changes and API keys without any secret', async () => {
    const visitor = server.client({ email: null, headers: UA });
    const login = (await visitor.ok('mutation { login(input: { email: "manager@demo.local", password: "demo" }) { accessToken refreshToken } }')).login;
    const refreshed = (await visitor.ok('mutation($t: String!) { refreshToken(input: { refreshToken: $t }) { accessToken refreshToken } }', { t: login.refreshToken })).refreshToken;
    const manager = server.client({ authorization: `Bearer ${refreshed.accessToken}`, headers: UA });
    await manager.ok('mutation { changePassword(input: { currentPassword: "demo", newPassword: "a much longer one" }) { revokedSessions userErrors { field code message } } }');
    await manager.ok('mutation { logout { revokedSessions } }');
    const key = (await admin.ok('mutation { createApiKey(input: { name: "Importer", scopes: [CUSTOMER_READ, CUSTOMER_WRITE] }) { key apiKey { id } userErrors { field code message } } }')).createApiKey;
    const byKey = server.client({ authorization: `ApiKey ${key.key}`, headers: UA });
    await byKey.ok('mutation { createCustomer(input: { name: "Imported Co" }) { customer { id } userErrors { field code message } } }');
    await admin.ok('mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { id } userErrors { field code message } } }', { id: key.apiKey.id });

    const managerId = globalId('User', (await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'manager@demo.local' } })).id);
    for (const action of ['auth.login', 'auth.refresh', 'user.changePassword', 'auth.logout']) {
      expect(await latest(action), action).toMatchObject({ entityType: 'User', entityId: managerId, actor: { kind: 'staff', id: managerId }, userAgent: 'audit-test/1.0' });
    }
    expect(await latest('apiKey.create')).toMatchObject({ entityId: key.apiKey.id, after: { name: 'Importer', scopes: ['customer.read', 'customer.write'] } });
    expect(await latest('apiKey.revoke')).toMatchObject({ entityId: key.apiKey.id, before: { revokedAt: null } });
    const imported = await latest('customer.create');
    expect(imported.actor).toEqual({ kind: 'apiKey', id: key.apiKey.id, label: 'API key "Importer" (admin@demo.local)' });
    expect((await log({ actorId: key.apiKey.id })).totalCount).toBe(1);

    const everything = JSON.stringify(await server.db.prisma.auditEntry.findMany());
    for (const secret of [login.accessToken, login.refreshToken, refreshed.refreshToken, key.key, 'scrypt$', 'passwordHash', 'tokenHash', 'secretHash', 'a much longer one']) {
      expect(everything.includes(secret), secret).toBe(false);
    }
  });

  it('audits a plugin mutation that records nothing itself, minus secret-looking arguments', async () => {
    await admin.ok('mutation { pingCustomer(note: "checking", password: "hunter2") }');
    const entry = await latest('mutation.pingCustomer');
    expect(entry).toMatchObject({ entityType: null, actor: { kind: 'staff', id: adminId }, after: { arguments: { note: 'checking' } } });
    expect(JSON.stringify(entry)).not.toContain('hunter2');
  });

  it('writes nothing for a refused mutation', async () => {
    const rep = server.as('rep@demo.local');
    await rep.authorization(); // signing in is audited too
    const before = await server.db.prisma.auditEntry.count();
    const stale = await admin.gql('mutation { createCustomer(input: { name: "" }) { customer { id } userErrors { field code message } } }');
    expect(userErrorOf(stale).codes.length).toBeGreaterThan(0);
    const forbidden = await rep.gql('mutation { createApiKey(input: { name: "x", scopes: [CUSTOMER_READ] }) { key userErrors { field code message } } }');
    expect(errorOf(forbidden).code).toBe('FORBIDDEN');
    expect(await server.db.prisma.auditEntry.count()).toBe(before);
  });

  it('is for audit.read holders only, by list and by node(id), and filters by time', async () => {
    const rep = server.as('rep@demo.local');
    expect(errorOf(await rep.gql(LOG)).code).toBe('FORBIDDEN');
    const entry = (await log({})).edges[0].node;
    expect((await rep.ok('query($id: ID!) { node(id: $id) { id } }', { id: entry.id })).node).toBeNull();
    expect((await server.ok('query($id: ID!) { node(id: $id) { id } }', { id: entry.id })).node).toEqual({ id: entry.id });
    const now = server.clock.now().getTime();
    const window = (from: number, to: number) => log({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });
    expect((await window(now, now + 1)).totalCount).toBe(await server.db.prisma.auditEntry.count());
    expect((await window(now + 1, now + 2)).totalCount).toBe(0);
  });
});
