// Saved segments and segment previews never reveal a private custom field to a viewer who may not
// see it: its key and values are not in the filter they read, and filtering on it gets exactly the
// answer an unknown key gets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlugins } from '@rapport/core';
import marketingPlugin from '@rapport/plugin-marketing';
import { databaseKinds, startTestServer, type GraphQLResponse, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();
const CREATE_SEGMENT = 'mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { id } userErrors { field code message } } }';
const PREVIEW = 'query($filter: SegmentFilterInput!) { segmentPreview(filter: $filter) { contacts customers } }';
const SEGMENTS = '{ segments { edges { node { name filter preview { contacts customers } contacts { totalCount } } } } }';

/** An error with the key named in it replaced, to compare the answers for two keys. */
function answer(result: GraphQLResponse, key: string) {
  return JSON.parse(JSON.stringify({ data: result.data ?? null, errors: result.errors ?? [] }).replaceAll(key, '<key>'));
}

describe.each(kinds)('private custom fields and segments on %s', (database) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 30, plugins: resolvePlugins([marketingPlugin], ['marketing']) });
    // creditLevel is a private definition of the demo data; the manager may see it.
    const manager = server.as('manager@demo.local');
    // Every credit level the demo data has: evaluated for the rep, it would select what "With e-mail" does.
    await manager.ok(CREATE_SEGMENT, {
      input: { name: 'Rated, with e-mail', filter: { contact: { hasEmail: true }, customFields: [{ key: 'creditLevel', in: ['AAA', 'AA', 'A', 'BBB', 'BB'] }] } },
    });
    await manager.ok(CREATE_SEGMENT, { input: { name: 'With e-mail', filter: { contact: { hasEmail: true } } } });
  });
  afterAll(() => server?.close());

  it('a rep reads saved segments without the private key or its values, and they select nothing for the rep', async () => {
    const forManager = (await server.as('manager@demo.local').ok(SEGMENTS)).segments.edges.map((e: any) => e.node);
    const forRep = (await server.as('rep@demo.local').ok(SEGMENTS)).segments.edges.map((e: any) => e.node);
    const rated = (nodes: any[]) => nodes.find((n) => n.name === 'Rated, with e-mail');
    expect(rated(forManager).filter).toEqual({ contact: { hasEmail: true }, customFields: [{ key: 'creditLevel', in: ['AAA', 'AA', 'A', 'BBB', 'BB'] }] });
    expect(rated(forManager).preview.customers).toBeGreaterThan(0);
    expect(JSON.stringify(forRep)).not.toMatch(/creditLevel|BBB/);
    expect(rated(forRep)).toEqual({ name: 'Rated, with e-mail', filter: { contact: { hasEmail: true } }, preview: { contacts: 0, customers: 0 }, contacts: { totalCount: 0 } });
    // The segment without a private condition reads and counts as for anyone.
    const plain = forRep.find((n: any) => n.name === 'With e-mail');
    expect(plain.filter).toEqual({ contact: { hasEmail: true } });
    expect(plain.preview.customers).toBeGreaterThan(0);
  });

  it.each(['rep@demo.local', 'manager@demo.local'])('segmentPreview answers %s the same for a private key as for an unknown one, or counts it', async (email) => {
    const client = server.as(email);
    const onPrivate = await client.gql(PREVIEW, { filter: { customFields: [{ key: 'creditLevel', equals: 'A' }] } });
    const onUnknown = await client.gql(PREVIEW, { filter: { customFields: [{ key: 'creditLevez', equals: 'A' }] } });
    expect(onUnknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'filter.customFields.0.key' }] });
    if (email === 'rep@demo.local') expect(answer(onPrivate, 'creditLevel')).toEqual(answer(onUnknown, 'creditLevez'));
    else expect(onPrivate).toMatchObject({ data: { segmentPreview: { customers: expect.any(Number) } } });
  });

  it('saving a segment on a private key is refused as on an unknown key', async () => {
    // A MARKETING user plans segments but may not see private fields.
    await server.db.prisma.user.update({ where: { email: 'rep@demo.local' }, data: { role: 'MARKETING' } });
    try {
      const rep = server.as('rep@demo.local');
      const save = (key: string) => rep.gql(CREATE_SEGMENT, { input: { name: `On ${key}`, filter: { customFields: [{ key, equals: 'A' }] } } });
      expect(answer(await save('creditLevel'), 'creditLevel')).toEqual(answer(await save('creditLevez'), 'creditLevez'));
    } finally {
      await server.db.prisma.user.update({ where: { email: 'rep@demo.local' }, data: { role: 'SALES' } });
    }
  });
});
