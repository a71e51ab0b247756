// Chinese customer search (#20): several terms, contacts' names, pinyin in full and by initials, the
// row rule kept, and the index behind it at a size where the planner has a choice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexStaleCustomers } from '@rapport/core';
import { databaseKinds, describeOnDatabases, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

const CREATE = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id version } userErrors { message } } }`;
const SEARCH = `query($q: String!) { customers(first: 20, filter: { search: $q }) { totalCount nodes { name } } }`;

describeOnDatabases(kinds)('customer search on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 5 });
    const rep = server.as('rep@demo.local');
    await rep.ok(CREATE, { input: { name: '远航机械有限公司', contacts: [{ name: '单志强', phone: '13900001111' }] } });
    await rep.ok(CREATE, { input: { name: '远大建材' } });
    await rep.ok(CREATE, { input: { name: '杭州精密机械厂' } });
    // Another rep's customer: the rep may not see it, whatever it matches.
    await server.as('li.wei@demo.local').ok(CREATE, { input: { name: '远航机械（苏州）分公司' } });
  });
  afterAll(() => server?.close());

  const names = async (q: string, email = 'rep@demo.local') =>
    ((await server.as(email).ok(SEARCH, { q })).customers.nodes as Array<{ name: string }>).map((n) => n.name).sort();

  it('finds a company by several terms, in any order, and only among the customers the viewer may see', async () => {
    expect(await names('远航 机械')).toEqual(['远航机械有限公司']);
    expect(await names('机械  远航')).toEqual(['远航机械有限公司']);
    expect(await names('机械')).toEqual(['杭州精密机械厂', '远航机械有限公司']);
    expect(await names('远')).toEqual(['远大建材', '远航机械有限公司']);
    expect(await names('远航 机械', 'li.wei@demo.local')).toEqual(['远航机械（苏州）分公司']);
  });

  it('finds contacts the same way: several terms, pinyin in full and by initials, e-mail and phone, within the row rule', async () => {
    const contacts = async (q: string, email = 'rep@demo.local') =>
      ((await server.as(email).ok(`query($q: String!) { contacts(first: 20, filter: { search: $q }) { nodes { name } } }`, { q })).contacts.nodes as Array<{ name: string }>)
        .map((n) => n.name)
        .sort();
    const rep = server.as('rep@demo.local');
    const yuanda = (await rep.ok(SEARCH, { q: '远大建材' })).customers.nodes;
    expect(yuanda).toHaveLength(1);
    const customerId = (await rep.ok(`{ customers(first: 1, filter: { search: "远大建材" }) { nodes { id } } }`)).customers.nodes[0].id;
    await rep.ok(`mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } userErrors { message } } }`, {
      input: { customerId, name: '诸葛青', email: 'fang.wang@yuanda.example', phone: '+86 571 8765 4321' },
    });
    expect(await contacts('szq')).toEqual(['单志强']);
    expect(await contacts('shanzhiqiang')).toEqual(['单志强']);
    expect(await contacts('单 志强')).toEqual(['单志强']);
    expect(await contacts('志强 单')).toEqual(['单志强']);
    expect(await contacts('zgq')).toEqual(['诸葛青']);
    expect(await contacts('zhugeqing')).toEqual(['诸葛青']);
    expect(await contacts('fang.wang@yuanda')).toEqual(['诸葛青']);
    expect(await contacts('571-8765-4321')).toEqual(['诸葛青']);
    expect(await contacts('诸葛 单')).toEqual([]);
    // Another rep sees neither.
    expect(await contacts('zgq', 'li.wei@demo.local')).toEqual([]);

    // A contact written outside the services is found by its name at once, and by pinyin once indexed.
    const row = await server.db.prisma.customer.findFirstOrThrow({ where: { name: '远大建材' }, select: { id: true } });
    await server.db.prisma.contact.createMany({ data: [{ customerId: row.id, name: '欧阳娜' }] });
    expect(await contacts('欧阳娜')).toEqual(['欧阳娜']);
    expect(await contacts('ouyangna')).toEqual([]);
    await indexStaleCustomers(server.db.prisma);
    expect(await contacts('ouyangna')).toEqual(['欧阳娜']);
  });

  it('finds a company by pinyin in full or by initials, and by a contact’s name or its pinyin', async () => {
    expect(await names('yhjx')).toEqual(['远航机械有限公司']);
    expect(await names('yuanhangjixie')).toEqual(['远航机械有限公司']);
    expect(await names('YuanHang')).toEqual(['远航机械有限公司']);
    expect(await names('jx')).toEqual(['杭州精密机械厂', '远航机械有限公司']);
    expect(await names('单志强')).toEqual(['远航机械有限公司']);
    // 单 as a surname reads shan.
    expect(await names('shanzhiqiang')).toEqual(['远航机械有限公司']);
    expect(await names('远航 szq')).toEqual(['远航机械有限公司']);
  });

  it('follows renames of the customer and of its contacts, new contacts and removed ones', async () => {
    const rep = server.as('rep@demo.local');
    const { id, version } = (await rep.ok(CREATE, { input: { name: '东方物流' } })).createCustomer.customer;
    await rep.ok(`mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { id } } }`, {
      input: { id, version, name: '东方快运物流' },
    });
    expect(await names('kuaiyun')).toEqual(['东方快运物流']);
    const contact = (
      await rep.ok(`mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id version } } }`, {
        input: { customerId: id, name: '慕容复' },
      })
    ).createContact.contact;
    expect(await names('murong')).toEqual(['东方快运物流']);
    const renamed = (
      await rep.ok(`mutation($input: UpdateContactInput!) { updateContact(input: $input) { contact { id version } } }`, {
        input: { id: contact.id, version: contact.version, name: '司徒雷' },
      })
    ).updateContact.contact;
    expect(await names('murong')).toEqual([]);
    expect(await names('situ')).toEqual(['东方快运物流']);
    await rep.ok(`mutation($input: DeleteContactInput!) { deleteContact(input: $input) { deletedContactId } }`, {
      input: { id: renamed.id, version: renamed.version },
    });
    expect(await names('situ')).toEqual([]);
  });

  it('indexes customers written around the services (a bulk insert, a rename in SQL) once the job runs', async () => {
    const owner = (await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'rep@demo.local' } })).id;
    await server.db.prisma.$executeRaw`
      INSERT INTO "Customer" ("id", "name", "nameKey", "ownerId", "updatedAt") VALUES (gen_random_uuid(), '青岛海鸥电子', '青岛海鸥电子', ${owner}::uuid, now())`;
    await server.db.prisma.$executeRaw`UPDATE "Customer" SET "name" = '远大建材集团' WHERE "name" = '远大建材'`;
    expect(await names('haiou')).toEqual([]);
    expect(await indexStaleCustomers(server.db.prisma)).toBe(2);
    expect(await names('haiou')).toEqual(['青岛海鸥电子']);
    expect(await names('ydjcjt')).toEqual(['远大建材集团']);
  });
});

/**
 * The search is served by the GIN index on the search grams, at a size where a sequential scan
 * loses: the statement the server sends, EXPLAINed with its parameters after ANALYZE.
 */
describeOnDatabases(kinds)('the index behind customer search on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 5 });
    // 20 000 companies in the public pool, named from a few hundred characters, a contact each.
    await server.db.prisma.$executeRawUnsafe(`
      INSERT INTO "Customer" ("id", "name", "nameKey", "updatedAt")
      SELECT gen_random_uuid(), n, n, now() FROM (
        SELECT chr(19968 + (i * 7919) % 600) || chr(19968 + ((i::bigint * 104729) % 600)::int) || chr(19968 + ((i::bigint * 1299709) % 600)::int) || '贸易有限公司' AS n
        FROM generate_series(1, 20000) AS i) AS names`);
    await server.db.prisma.$executeRawUnsafe(`
      INSERT INTO "Contact" ("id", "customerId", "name", "updatedAt")
      SELECT gen_random_uuid(), "id", chr(19968 + (number * 31) % 300) || chr(19968 + (number * 17) % 300), now() FROM "Customer"`);
    await indexStaleCustomers(server.db.prisma, 2000);
    const created = await server.as('admin@demo.local').ok(CREATE, { input: { name: '远航机械有限公司' } });
    expect(created.createCustomer.userErrors).toEqual([]);
    await server.db.prisma.$executeRawUnsafe('ANALYZE');
    await server.as('admin@demo.local').ok('{ __typename }');
  }, 240_000);
  afterAll(() => server?.close());

  async function planOf(q: string): Promise<string> {
    server.statements.length = 0;
    const found = await server.as('admin@demo.local').ok(SEARCH, { q });
    expect(found.customers.nodes).toEqual([{ name: '远航机械有限公司' }]);
    const index = server.statements.findIndex((sql) => /FROM "public"\."Customer"/.test(sql) && /searchTokens/.test(sql));
    expect(index, server.statements.join('\n')).toBeGreaterThanOrEqual(0);
    const rows = await server.db.prisma.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(
      `EXPLAIN ${server.statements[index]}`,
      ...(server.statementArgs[index] ?? []),
    );
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  }

  for (const q of ['远航 机械', 'yhjx', 'yuanhangjixie']) {
    it(`serves “${q}” from Customer_searchTokens_idx`, async () => {
      const plan = await planOf(q);
      expect(plan).toContain('Customer_searchTokens_idx');
      expect(plan).not.toMatch(/Seq Scan on "?Customer"?/);
    });
  }
});

describe('customer search columns', () => {
  it('are written for the customer and each contact, with pinyin', async () => {
    const { customerSearchColumns } = await import('@rapport/core');
    const columns = customerSearchColumns('远航机械', ['Li Wei']);
    expect(columns.searchKey).toBe('远航机械 yuanhangjixie yhjx liwei');
    expect(columns.searchTokens).toEqual(expect.arrayContaining(['远', '远航', '航机', 'yh', 'jx', 'li']));
  });
});
