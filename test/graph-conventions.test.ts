import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { buildSchema as buildRapportSchema, loadConfig, pluginEndpoints, resolvePlugins, unknownDescriptionCoordinates } from '@rapport/core';
import { bundledPlugins } from '@rapport/server';
import servicePlugin from '@rapport/plugin-service';
import { buildSchema, getNamedType, isInputObjectType, isObjectType, isScalarType, specifiedScalarTypes, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRepository, unannouncedBreakingChanges } from '../scripts/breaking-changes.js';
import { databaseKinds, describeOnDatabases, startTestServer, type TestServer } from './support/harness.js';
import { endpointSdls, schemaSdl, snapshotPlugins } from './support/schema.js';
import { undescribedCoordinates } from './support/undescribed.js';

// docs/graph-conventions.md, checked by walking every endpoint's schema, so a new field cannot slip through.
const endpoints: Record<string, GraphQLSchema> = {
  graphql: buildSchema(schemaSdl()),
  ...Object.fromEntries(Object.entries(endpointSdls()).map(([name, sdl]) => [name, buildSchema(sdl)])),
};
const builtIn = new Set(specifiedScalarTypes.map((s) => s.name));
// Mutations not yet brought to `userErrors` (#17): this list may only shrink; a new mutation needs its payload.
const withoutUserErrors: Record<string, string[]> = JSON.parse(readFileSync(new URL('./fixtures/mutations-without-user-errors.json', import.meta.url), 'utf8'));

const capitalized = (name: string) => `${name[0]!.toUpperCase()}${name.slice(1)}`;

/** The node type a connection lists, and whether its edges carry data of their own (a search's rank). */
function connectionShape(connection: GraphQLObjectType) {
  const edge = getNamedType(connection.getFields().edges!.type) as GraphQLObjectType;
  return { node: getNamedType(edge.getFields().node!.type).name, edgeData: Object.keys(edge.getFields()).some((f) => f !== 'cursor' && f !== 'node') };
}

describe.each(Object.entries(endpoints))('the %s endpoint follows the graph conventions', (name, schema) => {
  const types = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));

  it('specifies every custom scalar with @specifiedBy', () => {
    const unspecified = types.filter((t) => isScalarType(t) && !builtIn.has(t.name) && !t.specifiedByURL).map((t) => t.name);
    expect(unspecified).toEqual([]);
  });

  const connections = types.filter((t): t is GraphQLObjectType => isObjectType(t) && 'edges' in t.getFields());

  it('offers `edges`, `nodes`, `pageInfo` and `totalCount` on every connection', () => {
    expect(connections.length).toBeGreaterThan(0);
    const lacking = connections.flatMap((t) => ['nodes', 'pageInfo', 'totalCount'].filter((f) => !(f in t.getFields())).map((f) => `${t.name}.${f}`));
    expect(lacking).toEqual([]);
  });

  it('has one connection type per node type, named after it, reused by every list of that node', () => {
    // A connection whose edges carry data of their own (a search's rank and snippet) is a type of its own.
    const plain = connections.filter((c) => !connectionShape(c).edgeData);
    const byNode = new Map<string, string[]>();
    for (const c of plain) byNode.set(connectionShape(c).node, [...(byNode.get(connectionShape(c).node) ?? []), c.name]);
    expect([...byNode.values()].filter((names) => names.length > 1)).toEqual([]);
    expect(plain.filter((c) => c.name !== `${connectionShape(c).node}Connection`).map((c) => c.name)).toEqual([]);
  });

  it('gives every converted mutation its own payload type, `<Verb><Noun>Payload`, shared with no other mutation', () => {
    const notYet = new Set(withoutUserErrors[name] ?? []);
    const mutations = Object.values(schema.getMutationType()?.getFields() ?? {}).filter((m) => !notYet.has(m.name));
    expect(mutations.filter((m) => getNamedType(m.type).name !== `${capitalized(m.name)}Payload`).map((m) => `${m.name}: ${getNamedType(m.type).name}`)).toEqual([]);
    const payloads = mutations.map((m) => getNamedType(m.type).name);
    expect(payloads.filter((p, i) => payloads.indexOf(p) !== i)).toEqual([]);
  });

  it('gives every mutation taking arguments one `input` argument of its own type, `<Verb><Noun>Input`, shared with no other mutation', () => {
    const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
    // One argument, `input`, of an input object type (none for those acting on the viewer alone, e.g. logout): no plain `id:`.
    const otherArguments = mutations.filter(
      (m) => m.args.length > 1 || (m.args.length === 1 && (m.args[0]?.name !== 'input' || !isInputObjectType(getNamedType(m.args[0].type)))),
    );
    expect(otherArguments.map((m) => `${m.name}(${m.args.map((a) => a.name).join(', ')})`)).toEqual([]);
    const inputs = mutations.flatMap((m) => m.args.filter((a) => isInputObjectType(getNamedType(a.type))).map((a) => ({ mutation: m.name, input: getNamedType(a.type).name })));
    const shared = inputs.filter((i) => inputs.some((o) => o.input === i.input && o.mutation !== i.mutation)).map((i) => `${i.mutation}: ${i.input}`);
    expect(shared).toEqual([]);
    const misnamed = inputs.filter((i) => i.input !== `${capitalized(i.mutation)}Input`).map((i) => `${i.mutation}: ${i.input}`);
    expect(misnamed).toEqual([]);
  });

  it('describes every type, field, argument, enum value and input field', () => {
    expect(undescribedCoordinates(schema)).toEqual([]);
  });

  it('gives every mutation a payload with userErrors, except those not yet converted', () => {
    const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
    const lacking = mutations
      .filter((m) => {
        const payload = getNamedType(m.type);
        return !(isObjectType(payload) && 'userErrors' in payload.getFields());
      })
      .map((m) => m.name)
      .sort();
    expect(lacking).toEqual(withoutUserErrors[name] ?? []);
  });
});

describe('the description catalogues', () => {
  it('name only coordinates that exist (a renamed field cannot leave its description behind)', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    const plugins = resolvePlugins(snapshotPlugins, bundledPlugins.map((p) => p.name));
    expect(unknownDescriptionCoordinates(buildRapportSchema({ plugins, maxPageSize: config.maxPageSize, defaultPageSize: config.defaultPageSize }))).toEqual([]);
    for (const endpoint of pluginEndpoints(plugins, config)) expect([endpoint.name, unknownDescriptionCoordinates(endpoint.buildSchema())]).toEqual([endpoint.name, []]);
  });
});

describe('the breaking-change check', () => {
  const released = 'type Query { customer(id: ID!): Customer!, tags: [String!]! } type Customer { name: String! }';
  const current = 'type Query { customer(id: ID!): Customer } type Customer { name: String! }';

  it('fails on a breaking change CHANGELOG.md does not name, and passes once it does', () => {
    expect(unannouncedBreakingChanges('graphql', released, current, '').map((c) => c.coordinate).sort()).toEqual(['Query.customer', 'Query.tags']);
    expect(unannouncedBreakingChanges('graphql', released, current, '- `Query.customer` is nullable; `Query.tags` removed')).toEqual([]);
  });

  it('names an added required argument by the field it is added to', () => {
    const before = 'type Query { a: Int } type Mutation { quotePdfLink(id: ID!): Int }';
    const after = 'input QuotePdfLinkInput { id: ID! } type Query { a: Int } type Mutation { quotePdfLink(input: QuotePdfLinkInput!): Int }';
    expect(unannouncedBreakingChanges('graphql', before, after, '').map((c) => c.coordinate)).toEqual(['Mutation.quotePdfLink', 'Mutation.quotePdfLink']);
  });

  it('finds no unannounced breaking change between the released and the printed schemas', () => {
    expect(checkRepository(new URL('../', import.meta.url))).toEqual([]);
  });
});

const kinds = await databaseKinds();

describeOnDatabases(kinds)('single lookups on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, plugins: resolvePlugins([servicePlugin], ['service']), customers: 2 });
  });
  afterAll(() => server?.close());

  it('null only the missing lookup and report NOT_FOUND in errors, keeping its siblings', async () => {
    const missing = encodeGlobalID('Customer', randomUUID());
    const result = await server.gql(`query($id: ID!) { viewer { name } customer(id: $id) { name } }`, { id: missing });
    expect(result.data).toEqual({ viewer: { name: expect.any(String) }, customer: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({ path: ['customer'], extensions: { code: 'NOT_FOUND' } });
  });

  it('keep a plugin lookup nullable too (ticket)', async () => {
    const result = await server.gql(`query($id: ID!) { viewer { name } ticket(id: $id) { id } }`, { id: encodeGlobalID('Ticket', randomUUID()) });
    expect(result.data).toEqual({ viewer: { name: expect.any(String) }, ticket: null });
    expect(result.errors![0]!.extensions?.code).toBe('NOT_FOUND');
  });
});
