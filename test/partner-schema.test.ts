// The partner portal's schema: a committed snapshot, internal types and fields absent by construction,
// other plugins contributing through `partnerPortal`, and the portal's own limits and introspection.
import { readFile } from 'node:fs/promises';
import { buildSchema as parseSdl, isObjectType, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlugins } from '@rapport/core';
import partnerPlugin from '@rapport/plugin-partner';
import faq from './fixtures/rapport-plugin-partner-faq/index.js';
import { errorOf, startTestServer, type TestServer } from './support/harness.js';
import { portalSignIn, portalUrl, postGraphQL } from './support/portal.js';
import { endpointSdls } from './support/schema.js';

const committed = await readFile(new URL('./schema-snapshots/partner-portal.graphql', import.meta.url), 'utf8');

function fieldsOf(schema: GraphQLSchema, type: string): string[] {
  const found = schema.getType(type);
  return isObjectType(found) ? Object.keys(found.getFields()) : [];
}

describe('the partner portal schema', () => {
  // The live schema, not the snapshot: a leaked field must fail here even once the snapshot is regenerated.
  const portal = parseSdl(endpointSdls()['partner-portal']!);

  it('matches its committed snapshot (npm run schema:print)', () => {
    expect(endpointSdls()['partner-portal']).toBe(committed);
  });

  it('has none of the internal types', () => {
    for (const internal of ['User', 'Team', 'Activity', 'AuditEntry', 'ApiKey', 'Permission', 'UserRole', 'CustomerTier', 'CustomerStage', 'Ticket', 'DealRegistrationConflict', 'DealConflictKind', 'PartnerUser', 'PartnerCustomerShare', 'Deployment', 'JSON']) {
      expect([internal, portal.getType(internal)]).toEqual([internal, undefined]);
    }
  });

  it('has none of the internal fields on the types it shares with the internal graph', () => {
    const customer = fieldsOf(portal, 'Customer');
    for (const field of ['annualContractValue', 'tier', 'stage', 'owner', 'inPublicPool', 'tags', 'customFields', 'activities', 'lastContactedAt', 'source', 'partnerShares', 'tickets', 'notes', 'internalNotes']) {
      expect([field, customer.includes(field)]).toEqual([field, false]);
    }
    expect(fieldsOf(portal, 'Contact')).not.toContain('birthday');
    const registration = fieldsOf(portal, 'DealRegistration');
    expect(registration).toContain('status');
    // Each internal field on its own: one of them exposed is a failure.
    expect(['conflicts', 'hasConflict', 'partner', 'decidedBy', 'registeredBy'].filter((field) => registration.includes(field))).toEqual([]);
    const queries = fieldsOf(portal, 'Query');
    for (const field of ['users', 'teams', 'auditLog', 'partners', 'activities', 'apiKeys', 'viewerPermissions', 'deployment', 'tickets']) {
      expect([field, queries.includes(field)]).toEqual([field, false]);
    }
    const mutations = fieldsOf(portal, 'Mutation');
    for (const field of ['createCustomer', 'deleteCustomer', 'shareCustomer', 'approveDealRegistration', 'createPartnerUser', 'createApiKey']) {
      expect([field, mutations.includes(field)]).toEqual([field, false]);
    }
    expect(queries).toEqual(expect.arrayContaining(['customers', 'customer', 'contacts', 'contact', 'node', 'nodes', 'dealRegistrations', 'registrationReport', 'activityReport', 'alerts', 'me']));
  });

  it('takes contributions from plugins that opt in through partnerPortal, and only from enabled ones', () => {
    const withFaq = parseSdl(endpointSdls(['partner', 'partner-faq'])['partner-portal']!);
    expect(fieldsOf(withFaq, 'Query')).toContain('faqs');
    expect(fieldsOf(withFaq, 'Customer')).toContain('sharedContactCount');
    expect(fieldsOf(withFaq, 'Faq')).toEqual(['answer', 'question']);
    expect(fieldsOf(portal, 'Query')).not.toContain('faqs');
    // Without the partner plugin the contributor runs alone: no portal, its own internal field only.
    expect(endpointSdls(['partner-faq'])).toEqual({});
    expect(() => resolvePlugins([faq], ['partner-faq'])).not.toThrow();
  });
});

describe('a portal with a contributing plugin and strict limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    const plugins = resolvePlugins([partnerPlugin, faq], ['partner', 'partner-faq'], {
      partner: { portal: { rateLimit: 6, introspection: false, maxDepth: 4 } },
    });
    // A realistic limit on /graphql too (the harness default is a million), so "apart" is measured.
    server = await startTestServer({ database: 'pglite', customers: 3, plugins, env: { RAPPORT_RATE_LIMIT: '30' } });
    const { createPartner } = await server.ok('mutation { createPartner(input: { name: "Solo" }) { partner { id } userErrors { field code message } } }');
    await server.ok('mutation($input: CreatePartnerUserInput!) { createPartnerUser(input: $input) { partnerUser { id } userErrors { field code message } } }', {
      input: { partnerId: createPartner.partner.id, email: 'solo@solo.example', name: 'Solo', password: 'solo-password' },
    });
    const { customers } = await server.ok('{ customers(first: 1) { edges { node { id contacts { id } } } } }');
    const customer = customers.edges[0].node;
    await server.ok('mutation($input: ShareCustomerWithPartnerInput!) { shareCustomerWithPartner(input: $input) { customer { id } userErrors { field code message } } }', {
      input: { customerId: customer.id, partnerId: createPartner.partner.id, contactIds: customer.contacts.slice(0, 1).map((c: any) => c.id) },
    });
  });
  afterAll(() => server?.close());

  it("serves the contribution through the portal's row rules", async () => {
    const solo = await portalSignIn(server.url, 'solo@solo.example', 'solo-password');
    const data = await solo.ok('{ faqs { question } customers { edges { node { sharedContactCount } } } }');
    expect(data.faqs).toEqual([{ question: 'How do I register a deal?' }]);
    expect(data.customers.edges.map((e: any) => e.node.sharedContactCount)).toEqual([1]);
    // The internal graph has the contributor's own field, with every entry.
    expect((await server.ok('{ faqs { audience } }')).faqs).toHaveLength(2);
  });

  it('refuses introspection and deep queries on the portal, and counts the portal rate apart from /graphql', async () => {
    const solo = await portalSignIn(server.url, 'solo@solo.example', 'solo-password');
    expect(errorOf(await solo.gql('{ __schema { types { name } } }')).message).toMatch(/introspection/i);
    const deep = await solo.gql('{ customers { edges { node { contacts { customer { contacts { name } } } } } } }');
    expect(errorOf(deep).code).toBe('QUERY_TOO_COMPLEX');
    // /graphql keeps its own (default) limits for the same shape.
    expect((await server.gql('{ customers { edges { node { contacts { customer { contacts { name } } } } } } }')).errors).toBeUndefined();
    // The portal's six per window: solo has spent some above; the rest pass, then every one is refused.
    const portal = [];
    for (let i = 0; i < 8; i++) portal.push(await postGraphQL(solo.url, '{ me { name } }', undefined, solo.authorization));
    const statuses = portal.map((r) => r.status);
    const firstRefused = statuses.indexOf(429);
    expect(firstRefused).toBeGreaterThan(0);
    expect(statuses.slice(firstRefused)).toEqual(statuses.slice(firstRefused).map(() => 429));
    expect(statuses.slice(0, firstRefused)).toEqual(statuses.slice(0, firstRefused).map(() => 200));
    expect(errorOf(portal[firstRefused]!.body).code).toBe('RATE_LIMITED');
    // /graphql keeps its own budget of 30 for its viewer: untouched by the portal's, and real.
    const main = [];
    for (let i = 0; i < 31; i++) main.push((await server.raw('{ __typename }')).status);
    expect(main[0]).toBe(200);
    expect(main.at(-1)).toBe(429);
    expect(main.filter((status) => status === 200).length).toBeLessThan(30);
    expect((await fetch(portalUrl(server.url), { method: 'GET', headers: { accept: 'text/html' } })).status).not.toBe(200);
  });
});
