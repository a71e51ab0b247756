import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseKinds, describeOnDatabases, errorOf, userErrorOf, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

const WARNINGS = 'duplicateWarnings { reasons customer { id name } contact { id name } }';
const CREATE = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id version tags } ${WARNINGS} userErrors { field code message } } }`;
const UPDATE = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { id version tags } ${WARNINGS} userErrors { field code message } } }`;
const CREATE_TAG = 'mutation($input: CreateTagInput!) { createTag(input: $input) { tag { id name color version archived } userErrors { field code message } } }';
const UPDATE_TAG = 'mutation($input: UpdateTagInput!) { updateTag(input: $input) { tag { id name color version } userErrors { field code message } } }';
const ARCHIVE_TAG = 'mutation($input: ArchiveTagInput!) { archiveTag(input: $input) { tag { id archived version } userErrors { field code message } } }';
const NAMES = 'query($filter: CustomerFilter) { customers(first: 100, filter: $filter) { totalCount edges { node { name tags } } } }';

describeOnDatabases(kinds)('tags on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 20 });
  });
  afterAll(() => server?.close());

  it('lets admins manage the list; customers may only carry listed, active tags', async () => {
    const tag = (await server.ok(CREATE_TAG, { input: { name: ' Hot-Lead ', color: '#FF0000' } })).createTag.tag;
    expect(tag).toMatchObject({ name: 'hot-lead', color: '#ff0000', archived: false });
    expect(userErrorOf(await server.gql(CREATE_TAG, { input: { name: 'HOT-LEAD' } }))).toMatchObject({ fields: ['name'], message: '标签 hot-lead 已存在' });
    expect(userErrorOf(await server.gql(CREATE_TAG, { input: { name: 'cold', color: 'blue' } }))).toMatchObject({ fields: ['color'], message: '必须是颜色值，例如 #1f77b4' });
    expect(errorOf(await server.as('rep@demo.local').gql(CREATE_TAG, { input: { name: 'mine' } })).code).toBe('FORBIDDEN');

    const unknown = await server.gql(CREATE, { input: { name: 'Tagged Co', tags: ['vip', 'no-such-tag'] } });
    expect(userErrorOf(unknown)).toMatchObject({ fields: ['tags.1'] });
    const { customer } = (await server.ok(CREATE, { input: { name: 'Tagged Co', tags: ['Hot-Lead', 'vip'] } })).createCustomer;
    expect(customer.tags.sort()).toEqual(['hot-lead', 'vip']);
    const details = (await server.ok('query($id: ID!) { customer(id: $id) { tagDetails { name color archived } } }', { id: customer.id })).customer.tagDetails;
    expect(details).toEqual(expect.arrayContaining([{ name: 'hot-lead', color: '#ff0000', archived: false }]));
    server.statements.length = 0;
    await server.ok('{ customers(first: 20) { edges { node { tagDetails { name color } } } } }');
    expect(server.statements.filter((sql) => sql.includes('"Tag"'))).toHaveLength(1);

    // Archived: stays on the customers that carry it, cannot be added anew.
    const archived = (await server.ok(ARCHIVE_TAG, { input: { id: tag.id, version: tag.version } })).archiveTag.tag;
    const kept = (await server.ok(UPDATE, { input: { id: customer.id, version: customer.version, tags: ['hot-lead', 'vip', 'export'] } })).updateCustomer.customer;
    expect(kept.tags.sort()).toEqual(['export', 'hot-lead', 'vip']);
    const other = (await server.ok(CREATE, { input: { name: 'Other Co' } })).createCustomer.customer;
    const refused = await server.gql(UPDATE, { input: { id: other.id, version: other.version, tags: ['hot-lead'] } });
    expect(userErrorOf(refused).fields).toEqual(['tags.0']);
    expect((await server.ok('{ tags { name } }')).tags.map((t: any) => t.name)).not.toContain('hot-lead');
    expect((await server.ok('{ tags(includeArchived: true) { name } }')).tags.map((t: any) => t.name)).toContain('hot-lead');
    await server.ok(ARCHIVE_TAG, { input: { id: tag.id, version: archived.version, archived: false } });
  });

  it('renaming a tag rewrites every customer that carries it, in one transaction', async () => {
    const tag = (await server.ok(CREATE_TAG, { input: { name: 'fair-2025' } })).createTag.tag;
    for (const name of ['Rename A', 'Rename B']) await server.ok(CREATE, { input: { name, tags: ['fair-2025', 'vip'] } });
    const renamed = (await server.ok(UPDATE_TAG, { input: { id: tag.id, version: tag.version, name: 'fair-2025-shanghai' } })).updateTag.tag;
    expect(renamed.name).toBe('fair-2025-shanghai');
    const tagged = (await server.ok(NAMES, { filter: { tagsAny: ['fair-2025-shanghai'] } })).customers;
    expect(tagged.totalCount).toBe(2);
    expect((await server.ok(NAMES, { filter: { tagsAny: ['fair-2025'] } })).customers.totalCount).toBe(0);
    const stale = await server.gql(UPDATE_TAG, { input: { id: tag.id, version: tag.version, color: '#000000' } });
    expect(userErrorOf(stale).codes).toEqual(['STALE_VERSION']);
  });

  it('filters by any or all of several tags, matching brute-force counts over the demo data', async () => {
    const all = await server.db.prisma.customer.findMany({ select: { name: true, tags: true } });
    for (const [filter, test] of [
      [{ tagsAny: ['vip', 'distributor'] }, (t: string[]) => t.includes('vip') || t.includes('distributor')],
      [{ tagsAll: ['vip', 'export'] }, (t: string[]) => t.includes('vip') && t.includes('export')],
      [{ tagsAny: ['export'], tagsAll: ['price-sensitive'] }, (t: string[]) => t.includes('export') && t.includes('price-sensitive')],
    ] as const) {
      const result = (await server.ok(NAMES, { filter })).customers;
      expect(result.totalCount, JSON.stringify(filter)).toBe(all.filter((c) => test(c.tags)).length);
    }
  });
});

describeOnDatabases(kinds)('duplicate warnings on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 4 });
  });
  afterAll(() => server?.close());

  it('warns, without refusing, about the same normalised name, phone digits or e-mail', async () => {
    const original = (
      await server.ok(CREATE, {
        input: { name: 'Ningbo  Valve Co.', phone: '+86 574-8888 1234', contacts: [{ name: 'Xu Ming', email: 'xu.ming@valve.example', phone: '139 1234 5678' }] },
      })
    ).createCustomer;
    expect(original.duplicateWarnings).toEqual([]);

    const byName = (await server.ok(CREATE, { input: { name: 'ningbo valve co.' } })).createCustomer;
    expect(byName.duplicateWarnings).toEqual([{ reasons: ['NAME'], customer: { id: original.customer.id, name: 'Ningbo  Valve Co.' }, contact: null }]);

    const byPhone = (await server.ok(CREATE, { input: { name: 'NB Valves', phone: '(86) 574 8888-1234' } })).createCustomer;
    expect(byPhone.duplicateWarnings.map((w: any) => [w.customer?.id, w.reasons])).toContainEqual([original.customer.id, ['PHONE']]);

    const byContact = (await server.ok(CREATE, { input: { name: 'Valve Trading', contacts: [{ name: 'M. Xu', email: 'XU.MING@valve.example' }] } })).createCustomer;
    expect(byContact.duplicateWarnings).toContainEqual({ reasons: ['EMAIL'], customer: { id: original.customer.id, name: 'Ningbo  Valve Co.' }, contact: { id: expect.any(String), name: 'Xu Ming' } });

    // Updating into a duplicate warns too; possibleDuplicates lists them for an existing customer.
    const renamed = (await server.ok(UPDATE, { input: { id: byPhone.customer.id, version: byPhone.customer.version, name: 'Ningbo Valve Co.' } })).updateCustomer;
    expect(renamed.duplicateWarnings.find((w: any) => w.customer?.id === original.customer.id)?.reasons).toEqual(['NAME', 'PHONE']);
    const possible = (await server.ok(`query($id: ID!) { possibleDuplicates(customerId: $id) { reasons customer { id } } }`, { id: original.customer.id })).possibleDuplicates;
    expect(possible.map((w: any) => w.customer.id).sort()).toEqual([byName.customer.id, byPhone.customer.id, byContact.customer.id].sort());
  });

  it('tells a viewer a duplicate exists without showing a customer they may not see', async () => {
    const hidden = (await server.ok(CREATE, { input: { name: 'Secret Bearings Ltd', email: 'info@bearings.example' } })).createCustomer.customer;
    const rep = server.as('rep@demo.local');
    const mine = (await rep.ok(CREATE, { input: { name: 'Bearings Import', email: 'INFO@bearings.example' } })).createCustomer;
    expect(mine.duplicateWarnings).toEqual([{ reasons: ['EMAIL'], customer: null, contact: null }]);
    expect(errorOf(await rep.gql('query($id: ID!) { possibleDuplicates(customerId: $id) { reasons } }', { id: hidden.id })).code).toBe('NOT_FOUND');
  });

  it('warns about contacts with the same phone or e-mail, at the same or another customer', async () => {
    const a = (await server.ok(CREATE, { input: { name: 'Contact Dup A', contacts: [{ name: 'Qian Hui', phone: '+86 21 5555 0001' }] } })).createCustomer.customer;
    const CONTACT = `mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } ${WARNINGS} userErrors { field code message } } }`;
    const twin = (await server.ok(CONTACT, { input: { customerId: a.id, name: 'Hui Qian', phone: '86-21-5555-0001' } })).createContact;
    expect(twin.duplicateWarnings).toEqual([{ reasons: ['PHONE'], customer: { id: a.id, name: 'Contact Dup A' }, contact: { id: expect.any(String), name: 'Qian Hui' } }]);
    const unique = (await server.ok(CONTACT, { input: { customerId: a.id, name: 'Someone Else', phone: '+86 21 5555 0999' } })).createContact;
    expect(unique.duplicateWarnings).toEqual([]);
  });

  it('lists duplicates with nested relations in a fixed number of statements, whatever their number', async () => {
    const QUERY = `query($id: ID!) { possibleDuplicates(customerId: $id) { reasons customer { name owner { name } contacts { name } } contact { name customer { name } } } }`;
    const statementsFor = async (copies: number) => {
      const name = `Statement Count ${copies}`;
      const first = (await server.ok(CREATE, { input: { name, contacts: [{ name: 'Zhu Wen', email: `zhu${copies}@count.example` }] } })).createCustomer.customer;
      for (let i = 0; i < copies; i++) {
        await server.ok(CREATE, { input: { name, contacts: [{ name: `Copy ${i}`, email: `zhu${copies}@count.example` }] } });
      }
      server.statements.length = 0;
      const result = await server.ok(QUERY, { id: first.id });
      expect(result.possibleDuplicates).toHaveLength(copies);
      return server.statements.length;
    };
    expect(await statementsFor(4)).toBe(await statementsFor(1));
  });
});
