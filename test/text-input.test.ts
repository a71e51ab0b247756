// NUL bytes and lone surrogates cannot be stored (PostgreSQL text, UTF-8): every text input refuses
// them with a field-level BAD_USER_INPUT, on every endpoint and webhook, before any service runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, resolvePlugins, seedPlugins } from '@rapport/core';
import callcenterPlugin, { signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER, WEBHOOK_PATH } from '@rapport/plugin-callcenter';
import partnerPlugin, { DEMO_PARTNER_ACCOUNTS } from '@rapport/plugin-partner';
import { databaseKinds, errorOf, startTestServer, type TestServer } from './support/harness.js';
import { portalSignIn, type PortalClient } from './support/portal.js';

const kinds = await databaseKinds();
const SECRET = 'telephony-test-secret-of-at-least-32-chars';
const NUL = 'Acme\u0000 Ltd';
const LONE = 'Acme \ud800 Ltd';

describe.each(kinds)('text inputs with NUL bytes or lone surrogates on %s', (database) => {
  let server: TestServer;
  let partner: PortalClient;

  beforeAll(async () => {
    const plugins = resolvePlugins([partnerPlugin, callcenterPlugin], ['partner', 'callcenter'], { callcenter: { webhook: { secret: SECRET } } });
    server = await startTestServer({ database, customers: 5, plugins, env: { NODE_ENV: 'development' } });
    await seedPlugins(server.db.prisma, plugins.filter((p) => p.plugin.name === 'partner'), { now: server.clock.now() });
    partner = await portalSignIn(server.url, DEMO_PARTNER_ACCOUNTS.northwind, DEMO_PASSWORD);
  });
  afterAll(() => server?.close());

  const refused = (result: any, fields: string[]) => {
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', fields });
    expect(result.errors[0].extensions.fields[0].message).toMatch(/NUL|surrogate/);
    expect(JSON.stringify(result)).not.toMatch(/prisma|\.ts|node_modules/i);
  };

  // (A lone surrogate written as an escape inline is already a syntax error: GraphQL strings forbid it.)
  it('refuses them in a customer name, by variable or inline, writing nothing', async () => {
    const before = await server.db.prisma.customer.count();
    for (const name of [NUL, LONE]) {
      refused(await server.gql('mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { field code message } } }', { input: { name } }), ['name']);
    }
    refused(await server.gql(`mutation { createCustomer(input: { name: "Acme\\u0000 Ltd", contacts: [{ name: "Li\\u0000" }] }) { customer { id } userErrors { field code message } } }`), ['contacts.0.name', 'name']);
    expect(await server.db.prisma.customer.count()).toBe(before);
  });

  it('refuses them in search, filters and tags', async () => {
    refused(await server.gql('query($filter: CustomerFilter) { customers(filter: $filter) { totalCount } }', { filter: { search: NUL } }), ['search']);
    refused(await server.gql('query($filter: CustomerFilter) { customers(filter: $filter) { totalCount } }', { filter: { tagsAny: ['vip', LONE] } }), ['tagsAny.1']);
    refused(await server.gql('mutation($input: CreateTagInput!) { createTag(input: $input) { tag { id } userErrors { field code message } } }', { input: { name: NUL } }), ['name']);
  });

  it('refuses them in the login e-mail, without credentials', async () => {
    refused(await server.anonymous.gql('mutation($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { email: `rep${NUL}@demo.local`, password: 'x' } }), ['email']);
  });

  it('refuses them in a portal deal registration', async () => {
    const input = { companyName: LONE, contactName: 'Dee', contactEmail: 'dee@example.com', expectedAmount: '100', expectedCloseDate: '2030-01-01', productInterest: 'x' };
    refused(await partner.gql('mutation($input: RegisterDealInput!) { registerDeal(input: $input) { dealRegistration { id } userErrors { field code message } } }', { input }), ['companyName']);
  });

  it('refuses them in a webhook field with 422 naming the field', async () => {
    const raw = JSON.stringify({
      id: 'evt-nul',
      type: 'call.started',
      occurredAt: server.clock.now().toISOString(),
      call: { id: 'nul-call', direction: 'INBOUND', from: `+86 138${NUL}`, to: '+86 21 6000 8000' },
    });
    const timestamp = String(Math.floor(server.clock.now().getTime() / 1000));
    const response = await fetch(server.url.replace('/graphql', WEBHOOK_PATH), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signWebhook(SECRET, timestamp, raw) },
      body: raw,
    });
    const body = (await response.json()) as any;
    expect(response.status).toBe(422);
    expect(body.fields.map((f: any) => f.field)).toEqual(['call.from']);
    expect(await server.db.prisma.call.count({ where: { externalId: 'nul-call' } })).toBe(0);
  });
});
