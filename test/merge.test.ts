import { afterAll, beforeAll, expect, it } from 'vitest';
import { definePlugin, resolvePlugins, type EnabledPlugin } from '@rapport/core';
import servicePlugin from '@rapport/plugin-service';
import { databaseKinds, describeOnDatabases, errorOf, userErrorOf, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();
const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;
const gid = (id: string) => Buffer.from(`Customer:${id}`).toString('base64');

/**
 * A plugin whose table holds one row per customer (a unique foreign key): merging must combine its
 * rows through the hook, which sums the points into the survivor's row.
 */
const loyaltyPlugin = definePlugin({
  name: 'loyalty-probe',
  version: '0.0.0',
  register() {},
  async onCustomerMerge(tx, { survivorId, mergedIds }) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "LoyaltyProbe" ("customerId", "points")
       SELECT $1::uuid, sum("points") FROM "LoyaltyProbe" WHERE "customerId" = ANY($2::uuid[] || $1::uuid)
       HAVING count(*) > 0
       ON CONFLICT ("customerId") DO UPDATE SET "points" = EXCLUDED."points"`,
      survivorId,
      mergedIds,
    );
    await tx.$executeRawUnsafe(`DELETE FROM "LoyaltyProbe" WHERE "customerId" = ANY($1::uuid[])`, mergedIds);
  },
});

const MERGE = `mutation($input: MergeCustomersInput!) {
  mergeCustomers(input: $input) {
    customer { id version name phone email website industry tags owner { email } contacts { name isPrimary } mergedCustomers { mergedCustomerId code name } }
    mergedCustomerIds
    movedRows { table column count }
  userErrors { field code message } }
}`;
const CREATE = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id version } userErrors { field code message } } }`;
const OPEN_TICKET = `mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id } userErrors { field code message } } }`;
const LOG = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } userErrors { field code message } } }`;

/** Every single-column foreign key to Customer, read from the catalog independently of the service. */
async function referencingColumns(server: TestServer): Promise<Array<{ table: string; column: string }>> {
  return server.db.prisma.$queryRawUnsafe(`
    SELECT cl.relname AS "table", a.attname AS "column"
    FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    WHERE c.contype = 'f' AND c.confrelid = '"Customer"'::regclass ORDER BY 1, 2`);
}

/** Rows per referencing table that point at any of the customers. */
async function relatedCounts(server: TestServer, ids: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { table, column } of await referencingColumns(server)) {
    const [row] = await server.db.prisma.$queryRawUnsafe<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" = ANY($1::uuid[])`,
      ids,
    );
    counts[`${table}.${column}`] = row!.n;
  }
  return counts;
}

describeOnDatabases(kinds)('mergeCustomers on %s', (database) => {
  let server: TestServer;
  let users: Record<string, string>;

  const customer = async (input: Record<string, unknown>) => (await server.ok(CREATE, { input })).createCustomer.customer;
  const version = async (id: string) => (await server.db.prisma.customer.findUniqueOrThrow({ where: { id: dbId(id) } })).version;

  beforeAll(async () => {
    const plugins: EnabledPlugin[] = resolvePlugins([servicePlugin, loyaltyPlugin], ['service', 'loyalty-probe']);
    server = await startTestServer({ database, customers: 6, plugins });
    // Stands for a table some plugin adds later, unknown to core: merging must still cover it.
    await server.db.prisma.$executeRawUnsafe(
      `CREATE TABLE "LaterPluginLink" ("id" serial PRIMARY KEY, "customerId" uuid NOT NULL REFERENCES "Customer"("id") ON DELETE CASCADE, "note" text)`,
    );
    await server.db.prisma.$executeRawUnsafe(
      `CREATE TABLE "LoyaltyProbe" ("customerId" uuid PRIMARY KEY REFERENCES "Customer"("id") ON DELETE CASCADE, "points" int NOT NULL)`,
    );
    const data = await server.ok('{ users(first: 100) { edges { node { id email } } } }');
    users = Object.fromEntries(data.users.edges.map((e: any) => [e.node.email, e.node.id]));
  });
  afterAll(() => server?.close());

  it('moves every related row, plugin tables included, and loses none', async () => {
    const survivor = await customer({ name: 'Hangzhou Pump Works', phone: '+86 571 1111 2222', contacts: [{ name: 'Wang Fang', email: 'wang@pump.example' }] });
    const first = await customer({
      name: 'Hangzhou Pump Works Co',
      email: 'sales@pump.example',
      website: 'pump.example',
      industry: 'Machinery',
      ownerId: users['rep@demo.local'],
      tags: ['vip'],
      contacts: [{ name: 'Li Lei', phone: '138 0000 1111' }, { name: 'Zhao Min' }],
    });
    const second = await customer({ name: 'HZ Pumps', industry: 'Pumps', tags: ['export'], contacts: [{ name: 'Chen Jie' }] });
    const [s, a, b] = [survivor, first, second].map((c) => dbId(c.id)) as [string, string, string];
    for (const c of [first, second]) {
      await server.ok(LOG, { input: { customerId: c.id, kind: 'CALL', subject: 'Asked about pumps' } });
      await server.ok(OPEN_TICKET, { input: { customerId: c.id, subject: 'Pump leaks', type: 'REPAIR', channel: 'PHONE' } });
    }
    await server.ok('mutation($input: ShareCustomerInput!) { shareCustomer(input: $input) { customer { id } userErrors { field code message } } }', {
      input: { customerId: second.id, userId: users['agent@demo.local'], access: 'READ' },
    });
    await server.db.prisma.$executeRawUnsafe(`INSERT INTO "LaterPluginLink" ("customerId", "note") VALUES ($1::uuid, 'a'), ($2::uuid, 'b'), ($2::uuid, 'c')`, a, b);
    await server.db.prisma.$executeRawUnsafe(`INSERT INTO "LoyaltyProbe" VALUES ($1::uuid, 10), ($2::uuid, 5), ($3::uuid, 1)`, s, a, b);

    const before = await relatedCounts(server, [s, a, b]);
    expect(before['Ticket.customerId']).toBe(2);
    expect(before['LaterPluginLink.customerId']).toBe(3);

    const result = await server.ok(MERGE, {
      input: {
        survivorId: survivor.id,
        survivorVersion: await version(survivor.id),
        merged: [{ id: first.id, version: await version(first.id) }, { id: second.id, version: await version(second.id) }],
      },
    });
    const merged = result.mergeCustomers;
    const after = await relatedCounts(server, [s]);
    const goneRows = await relatedCounts(server, [a, b]);

    // Nothing lost: every table's rows for the three customers now belong to the survivor. The
    // documented differences: one loyalty row (points summed), an EDIT share for the rep who owned a
    // merged customer (so they keep sight of its history), and the two new merge records.
    for (const [key, count] of Object.entries(before)) {
      if (key === 'LoyaltyProbe.customerId') expect(after[key], key).toBe(1);
      else if (key === 'CustomerShare.customerId') expect(after[key], key).toBe(count + 1);
      else if (key === 'CustomerMerge.survivorId') expect(after[key], key).toBe(count + 2);
      else expect(after[key], key).toBe(count);
    }
    expect(Object.values(goneRows).every((n) => n === 0)).toBe(true);
    const points = await server.db.prisma.$queryRawUnsafe<Array<{ points: number }>>(`SELECT "points" FROM "LoyaltyProbe" WHERE "customerId" = $1::uuid`, s);
    expect(points).toEqual([{ points: 16 }]);

    // Gaps filled from the first merged customer, tags united, survivor's own values kept.
    expect(merged.customer).toMatchObject({
      name: 'Hangzhou Pump Works',
      phone: '+86 571 1111 2222',
      email: 'sales@pump.example',
      website: 'pump.example',
      industry: 'Machinery',
      tags: ['export', 'vip'],
    });
    expect(merged.customer.contacts.filter((c: any) => c.isPrimary).map((c: any) => c.name)).toEqual(['Wang Fang']);
    expect(merged.customer.contacts).toHaveLength(4);
    expect(merged.mergedCustomerIds).toEqual([first.id, second.id]);
    expect(merged.customer.mergedCustomers.map((m: any) => m.name).sort()).toEqual(['HZ Pumps', 'Hangzhou Pump Works Co']);
    expect(merged.movedRows).toEqual(expect.arrayContaining([{ table: 'Ticket', column: 'customerId', count: 2 }, { table: 'LaterPluginLink', column: 'customerId', count: 3 }]));

    // The merged customers are gone; customer(id) says where they went, node(id) is null.
    const lookup = await server.gql('query($id: ID!) { customer(id: $id) { id } node(id: $id) { id } }', { id: first.id });
    expect(errorOf(lookup).code).toBe('NOT_FOUND');
    expect(lookup.errors?.[0]?.extensions?.mergedInto).toBe(survivor.id);
    const audit = await server.db.prisma.auditEntry.findMany({ where: { action: 'customer.merge', entityId: s } });
    expect(audit).toHaveLength(1);
  });

  it('keeps the survivor\'s tier override and churn verdict when the merged customers carry their own', async () => {
    const OVERRIDE = `mutation($input: OverrideCustomerTierInput!) { overrideCustomerTier(input: $input) { customer { id } userErrors { field code message } } }`;
    const survivor = await customer({ name: 'Ningbo Valve Trading' });
    const other = await customer({ name: 'Ningbo Valve Trading Ltd' });
    await server.ok(OVERRIDE, { input: { customerId: survivor.id, tier: 'A', reason: 'strategic account' } });
    await server.ok(OVERRIDE, { input: { customerId: other.id, tier: 'C', reason: 'small buyer' } });
    const [s, o] = [dbId(survivor.id), dbId(other.id)];
    const verdict = { reason: 'contact frequency fell', recentContacts: 0, baselineContacts: 3, recentDeals: 0, baselineDeals: 0, flaggedAt: new Date() };
    await server.db.prisma.churnRisk.createMany({ data: [{ customerId: s, ...verdict }, { customerId: o, ...verdict }] });

    const result = await server.ok(`mutation($input: MergeCustomersInput!) { mergeCustomers(input: $input) { customer { tier tierOverride { tier reason } } userErrors { field code message } } }`, {
      input: { survivorId: survivor.id, survivorVersion: await version(survivor.id), merged: [{ id: other.id, version: await version(other.id) }] },
    });
    expect(result.mergeCustomers.customer).toEqual({ tier: 'A', tierOverride: { tier: 'A', reason: 'strategic account' } });
    expect(await server.db.prisma.customerOverride.count({ where: { customerId: { in: [s, o] } } })).toBe(1);
    expect(await server.db.prisma.churnRisk.findMany({ where: { customerId: { in: [s, o] } }, select: { customerId: true } })).toEqual([{ customerId: s }]);
  });

  it('leaves no foreign key to Customer pointing at a merged customer, whichever table holds it', async () => {
    const survivor = await customer({ name: 'Survivor Ltd' });
    const other = await customer({ name: 'Survivor Limited', contacts: [{ name: 'Zhou Yu' }] });
    await server.db.prisma.$executeRawUnsafe(`INSERT INTO "LaterPluginLink" ("customerId", "note") VALUES ($1::uuid, 'x')`, dbId(other.id));
    await server.ok(MERGE, {
      input: { survivorId: survivor.id, survivorVersion: await version(survivor.id), merged: [{ id: other.id, version: await version(other.id) }] },
    });
    for (const { table, column } of await referencingColumns(server)) {
      const [row] = await server.db.prisma.$queryRawUnsafe<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM "${table}" t LEFT JOIN "Customer" c ON c."id" = t."${column}" WHERE t."${column}" IS NOT NULL AND c."id" IS NULL`,
      );
      expect(row!.n, `${table}.${column}`).toBe(0);
    }
    const link = await server.db.prisma.$queryRawUnsafe<Array<{ customerId: string }>>(`SELECT "customerId" FROM "LaterPluginLink" WHERE "note" = 'x'`);
    expect(link).toEqual([{ customerId: dbId(survivor.id) }]);
  });

  it('refuses a stale version, a customer the viewer cannot change, and a role without customer.merge, writing nothing', async () => {
    const survivor = await customer({ name: 'Stale Survivor' });
    const other = await customer({ name: 'Stale Other', contacts: [{ name: 'Sun Li' }] });
    const stale = await server.gql(MERGE, { input: { survivorId: survivor.id, survivorVersion: 99, merged: [{ id: other.id, version: 1 }] } });
    expect(userErrorOf(stale).codes).toEqual(['STALE_VERSION']);
    const rep = await server.as('rep@demo.local').gql(MERGE, { input: { survivorId: survivor.id, survivorVersion: 1, merged: [{ id: other.id, version: 1 }] } });
    expect(errorOf(rep).code).toBe('FORBIDDEN');
    const manager = await server.as('manager@demo.local').gql(MERGE, { input: { survivorId: survivor.id, survivorVersion: 1, merged: [{ id: other.id, version: 1 }] } });
    expect(errorOf(manager).code).toBe('NOT_FOUND');
    const self = await server.gql(MERGE, { input: { survivorId: survivor.id, survivorVersion: 1, merged: [{ id: survivor.id, version: 1 }] } });
    expect(userErrorOf(self).fields).toEqual(['merged']);
    expect(await server.db.prisma.customer.count({ where: { id: { in: [dbId(survivor.id), dbId(other.id)] } } })).toBe(2);
    expect(await server.db.prisma.contact.count({ where: { customerId: dbId(other.id) } })).toBe(1);
  });

  it('rolls everything back when a table holding one row per customer has no hook to combine them', async () => {
    await server.db.prisma.$executeRawUnsafe(
      `CREATE TABLE "UncombinedProfile" ("customerId" uuid PRIMARY KEY REFERENCES "Customer"("id") ON DELETE CASCADE)`,
    );
    const survivor = await customer({ name: 'Profiled A', contacts: [{ name: 'Gao Yan' }] });
    const other = await customer({ name: 'Profiled B', contacts: [{ name: 'Ma Lin' }] });
    await server.db.prisma.$executeRawUnsafe(`INSERT INTO "UncombinedProfile" VALUES ($1::uuid), ($2::uuid)`, dbId(survivor.id), dbId(other.id));
    const before = await relatedCounts(server, [dbId(survivor.id), dbId(other.id)]);
    const refused = await server.gql(MERGE, {
      input: { survivorId: survivor.id, survivorVersion: await version(survivor.id), merged: [{ id: other.id, version: await version(other.id) }] },
    });
    expect(userErrorOf(refused)).toMatchObject({ codes: ['CONFLICT'], message: expect.stringContaining('UncombinedProfile') });
    expect(refused.data.mergeCustomers.customer).toBeNull();
    expect(await relatedCounts(server, [dbId(survivor.id), dbId(other.id)])).toEqual(before);
    expect(await server.db.prisma.customer.count({ where: { id: dbId(other.id) } })).toBe(1);
    await server.db.prisma.$executeRawUnsafe(`DROP TABLE "UncombinedProfile"`);
  });

  it('follows a chain of merges to the live customer', async () => {
    const [x, y, z] = [await customer({ name: 'Chain X' }), await customer({ name: 'Chain Y' }), await customer({ name: 'Chain Z' })];
    await server.ok(MERGE, { input: { survivorId: y.id, survivorVersion: await version(y.id), merged: [{ id: x.id, version: await version(x.id) }] } });
    await server.ok(MERGE, { input: { survivorId: z.id, survivorVersion: await version(z.id), merged: [{ id: y.id, version: await version(y.id) }] } });
    const lookup = await server.gql('query($id: ID!) { customer(id: $id) { id } }', { id: x.id });
    expect(lookup.errors?.[0]?.extensions?.mergedInto).toBe(z.id);
    expect(gid(dbId(z.id))).toBe(z.id);
  });
});
