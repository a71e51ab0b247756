// Archived customers (#20, seeds 003/004: 客户档案 of customers no longer served are kept): archived by
// a manager or admin, version-checked and audited, then left out of lists, search and statistics
// unless asked for, not deletable, and raising no follow-up reminders; restored by unarchiveCustomer.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, startTestServer, userErrorOf, type TestClient, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

const ARCHIVE = /* GraphQL */ `
  mutation($input: ArchiveCustomerInput!) { archiveCustomer(input: $input) { customer { id archivedAt version } userErrors { field code message } } }
`;
const UNARCHIVE = /* GraphQL */ `
  mutation($input: UnarchiveCustomerInput!) { unarchiveCustomer(input: $input) { customer { id archivedAt version } userErrors { field code message } } }
`;
const DELETE = /* GraphQL */ `
  mutation($input: DeleteCustomerInput!) { deleteCustomer(input: $input) { deletedCustomerId userErrors { field code message } } }
`;
const MERGE = /* GraphQL */ `
  mutation($input: MergeCustomersInput!) { mergeCustomers(input: $input) { mergedCustomerIds userErrors { field code message } } }
`;
const LIST = /* GraphQL */ `
  query($filter: CustomerFilter) { customers(filter: $filter) { totalCount edges { node { id archivedAt } } } }
`;
const DAY = 86_400_000;

describeOnDatabases(kinds)('customer archive on %s', (database) => {
  let server: TestServer;
  let manager: TestClient;
  let rep: TestClient;
  let customer: { id: string; version: number; archivedAt?: string | null };
  const NAME = '归档测试机械';

  beforeAll(async () => {
    // The pool release job is another suite's subject: keep it from taking the silent customer.
    server = await startTestServer({ database, customers: 10, env: { RAPPORT_FOLLOW_UP_DAYS: '30', RAPPORT_POOL_RELEASE_DAYS: '3650' } });
    manager = server.as('manager@demo.local');
    rep = server.as('rep@demo.local');
    customer = (await manager.ok(`mutation { createCustomer(input: { name: "${NAME}" }) { customer { id version } } }`)).createCustomer.customer;
    // Last contacted long ago, so the follow-up rule would pick it up were it served.
    await manager.ok(`mutation($c: ID!) { createActivity(input: { customerId: $c, kind: CALL, subject: "上次回访", completedAt: "2026-06-01T02:00:00Z" }) { activity { id } } }`, { c: customer.id });
    customer = (await manager.ok(`query($id: ID!) { customer(id: $id) { id version lastContactedAt } }`, { id: customer.id })).customer;
    expect(customer).toMatchObject({ lastContactedAt: '2026-06-01T02:00:00.000Z' });
  });
  afterAll(() => server?.close());

  it('lets a manager archive, not a rep; version-checked, audited, once', async () => {
    const repOwn = (await rep.ok('mutation { createCustomer(input: { name: "代表自己的客户" }) { customer { id version } } }')).createCustomer.customer;
    const refused = await rep.gql(ARCHIVE, { input: ref(repOwn) });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const stale = await manager.gql(ARCHIVE, { input: { id: customer.id, version: customer.version + 1 } });
    expect(userErrorOf(stale)).toMatchObject({ fields: ['version'], codes: ['STALE_VERSION'] });

    const archived = (await manager.ok(ARCHIVE, { input: ref(customer) })).archiveCustomer;
    expect(archived).toMatchObject({ customer: { id: customer.id, archivedAt: server.clock.now().toISOString(), version: customer.version + 1 }, userErrors: [] });
    customer = archived.customer;

    const again = await manager.gql(ARCHIVE, { input: ref(customer) });
    expect(userErrorOf(again)).toMatchObject({ fields: ['id'], codes: ['CONFLICT'], message: '该客户已归档' });
    const audit = await server.db.prisma.auditEntry.findMany({ where: { action: 'customer.archive', entityId: rawId(customer.id) } });
    expect(audit).toHaveLength(1);
  });

  it('leaves an archived customer out of lists, search and statistics unless asked for, still readable by id', async () => {
    expect((await manager.ok(LIST, { filter: { search: NAME } })).customers.totalCount).toBe(0);
    expect((await manager.ok(LIST, { filter: { search: NAME, includeArchived: true } })).customers.totalCount).toBe(1);
    const onlyArchived = (await manager.ok(LIST, { filter: { archived: true } })).customers;
    expect(onlyArchived.edges.map((e: any) => e.node.id)).toEqual([customer.id]);
    expect((await manager.ok(LIST, {})).customers.edges.map((e: any) => e.node.id)).not.toContain(customer.id);

    const byId = await manager.ok(`query($id: ID!) { customer(id: $id) { name archivedAt } }`, { id: customer.id });
    expect(byId.customer).toEqual({ name: NAME, archivedAt: customer.archivedAt });

    const visible = (await server.ok(LIST, { filter: { includeArchived: true } })).customers.totalCount;
    const served = (await server.ok(LIST, {})).customers.totalCount;
    expect(served).toBe(visible - 1);
    expect((await server.ok('{ customerStats { total } }')).customerStats.total).toBe(served);
  });

  it('refuses to delete an archived customer, for anyone', async () => {
    for (const client of [manager, server]) {
      const result = await client.gql(DELETE, { input: ref(customer) });
      expect(userErrorOf(result)).toMatchObject({ fields: ['id'], codes: ['CONFLICT'] });
      expect(userErrorOf(result).message).toMatch(/^已归档的客户不能删除/);
    }
    expect(await server.db.prisma.customer.count({ where: { id: rawId(customer.id) } })).toBe(1);
  });

  it('refuses to merge an archived customer away (a merge deletes it), for anyone', async () => {
    const survivor = (await server.ok('mutation { createCustomer(input: { name: "归档合并存续方" }) { customer { id version } } }')).createCustomer.customer;
    const result = await server.gql(MERGE, { input: { survivorId: survivor.id, survivorVersion: survivor.version, merged: [ref(customer)] } });
    expect(userErrorOf(result)).toMatchObject({ fields: ['merged'], codes: ['CONFLICT'] });
    expect(userErrorOf(result).message).toMatch(/^已归档的客户不能被合并/);
    expect(await server.db.prisma.customer.count({ where: { id: rawId(customer.id) } })).toBe(1);
    await server.ok(DELETE, { input: survivor });
  });

  it('raises no follow-up reminder for an archived customer, and serves it again when restored', async () => {
    server.clock.advance(31 * DAY);
    await server.app.jobs.runDue();
    const followUps = await server.db.prisma.alert.findMany({ where: { kind: 'FOLLOW_UP_NEEDED' } });
    expect(followUps.length).toBeGreaterThan(0); // the job ran: served silent customers got theirs
    expect(followUps.map((a) => a.entityId)).not.toContain(rawId(customer.id));

    const restored = (await manager.ok(UNARCHIVE, { input: ref(customer) })).unarchiveCustomer;
    expect(restored).toMatchObject({ customer: { archivedAt: null, version: customer.version + 1 }, userErrors: [] });
    expect((await manager.ok(LIST, { filter: { search: NAME } })).customers.totalCount).toBe(1);
    const notArchived = await manager.gql(UNARCHIVE, { input: ref(restored.customer) });
    expect(userErrorOf(notArchived)).toMatchObject({ codes: ['CONFLICT'], message: '该客户未归档' });

    server.clock.advance(DAY);
    await server.app.jobs.runDue();
    const now = await server.db.prisma.alert.findMany({ where: { kind: 'FOLLOW_UP_NEEDED', entityId: rawId(customer.id) } });
    expect(now).toHaveLength(1);
  });
});

describeOnDatabases(kinds)('archived customers and the public pool on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 1, env: { RAPPORT_POOL_RELEASE_DAYS: '30', RAPPORT_POOL_WARN_DAYS: '5' } });
  });
  afterAll(() => server?.close());

  it('neither warns about nor releases an archived customer; restored, the pool takes it again', async () => {
    const manager = server.as('manager@demo.local');
    const created = (await manager.ok(`mutation { createCustomer(input: { name: "归档公海测试" }) { customer { id version owner { email } } } }`)).createCustomer.customer;
    expect(created.owner).toEqual({ email: 'manager@demo.local' });
    // Created on the test clock's day (the row's own default is the wall clock).
    await server.db.prisma.customer.update({ where: { id: rawId(created.id) }, data: { createdAt: server.clock.now() } });
    const archived = (await manager.ok(ARCHIVE, { input: ref(created) })).archiveCustomer.customer;
    server.clock.advance(31 * DAY);
    await server.app.jobs.runDue();
    const owner = async () => (await manager.ok(`query($id: ID!) { customer(id: $id) { owner { email } } }`, { id: created.id })).customer.owner;
    expect(await owner()).toEqual({ email: 'manager@demo.local' });
    expect(await server.db.prisma.alert.count({ where: { kind: 'CUSTOMER_ABOUT_TO_BE_RELEASED', entityId: rawId(created.id) } })).toBe(0);

    // Served again, it is judged like any other: long past its days, the next run releases it.
    await manager.ok(UNARCHIVE, { input: ref(archived) });
    server.clock.advance(DAY);
    await server.app.jobs.runDue();
    expect(await owner()).toBeNull();
  });
});

function ref(customer: { id: string; version: number }) {
  return { id: customer.id, version: customer.version };
}

function rawId(globalId: string): string {
  return Buffer.from(globalId, 'base64').toString('utf8').split(':').slice(1).join(':');
}
