// The partner portal end to end: credentials kept apart, two partners attacking each other's rows by
// every path, deal registration with conflicts, partner alerts, reports, limits and statement counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, emitFiredAlerts, resolvePlugins, seedPlugins } from '@rapport/core';
import partnerPlugin, { DEMO_PARTNER_ACCOUNTS } from '@rapport/plugin-partner';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { sentinelAlert, subscribeSse, subscribeWs, untilSubscribers, wsClient } from '../../../../test/support/clients.js';
import { databaseKinds, describeOnDatabases, errorOf, userErrorOf, startTestServer, type TestServer } from '../../../../test/support/harness.js';
import { portalSignIn, portalUrl, postGraphQL, type PortalClient } from '../../../../test/support/portal.js';

const kinds = await databaseKinds();
const PASSWORD = 'partner-pass-1';
const DAY = 86_400_000;

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;
const names = (connection: { edges: Array<{ node: { name: string } }> }) => connection.edges.map((e) => e.node.name).sort();

/** How a graphql-ws subscription with these credentials ends: the socket's close code, or 'complete'. */
function ending(url: string, authorization: string, query: string): Promise<number | string> {
  const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization } });
  return new Promise<number | string>((resolve) => {
    client.subscribe({ query }, { next: () => {}, error: (e) => resolve((e as { code?: number }).code ?? String(e)), complete: () => resolve('complete') });
  }).finally(() => client.dispose());
}

interface World {
  alpha: string;
  beta: string;
  /** Shared with alpha (EDIT) with contact k1; k2 stays hidden. */
  c1: string;
  k1: string;
  k2: string;
  /** Shared with beta (READ) with contact kb. */
  c2: string;
  kb: string;
  /** Owned by the rep, shared with nobody. */
  c3: string;
  a: PortalClient;
  b: PortalClient;
}

/** A partner user's address on the alert bus (the plugin's partnerRecipient: core's alertAddress for kind PARTNER_USER). */
const partnerRecipient = (partnerUserId: string) => `PARTNER_USER:${partnerUserId}`;

const CREATE_CUSTOMER = 'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id contacts { id name } } userErrors { field code message } } }';

async function setUp(server: TestServer): Promise<World> {
  const users = await server.ok('{ users(first: 100) { edges { node { id email } } } }');
  const rep = users.users.edges.find((e: any) => e.node.email === 'rep@demo.local').node.id;
  const customer = async (input: object) => (await server.ok(CREATE_CUSTOMER, { input: { ownerId: rep, ...input } })).createCustomer.customer;
  const c1 = await customer({
    name: 'Alpha Target Ltd',
    contacts: [
      { name: 'Kim Shared', phone: '+1 202 555 0101', email: 'kim@alpha-target.example' },
      { name: 'Lou Hidden', phone: '+1 202 555 0199', email: 'lou.hidden@alpha-target.example' },
    ],
  });
  const c2 = await customer({ name: 'Beta Target Inc', contacts: [{ name: 'Bo Beta', email: 'bo@beta-target.example' }] });
  const c3 = await customer({ name: 'Gamma Direct Co', phone: '+1 303 555 0142', contacts: [{ name: 'Gil Gamma', email: 'gil@gamma.example' }] });
  const partner = async (name: string) =>
    (await server.ok('mutation($input: CreatePartnerInput!) { createPartner(input: $input) { partner { id } userErrors { field code message } } }', { input: { name, tier: 'GOLD' } })).createPartner.partner.id;
  const alpha = await partner('Alpha Channel');
  const beta = await partner('Beta Channel');
  for (const [partnerId, email] of [[alpha, 'ann@alpha.example'], [beta, 'ben@beta.example']] as const) {
    await server.ok('mutation($input: CreatePartnerUserInput!) { createPartnerUser(input: $input) { partnerUser { id } userErrors { field code message } } }', {
      input: { partnerId, email, name: email.split('@')[0], password: PASSWORD },
    });
  }
  const k1 = c1.contacts.find((c: any) => c.name === 'Kim Shared').id;
  const k2 = c1.contacts.find((c: any) => c.name === 'Lou Hidden').id;
  const kb = c2.contacts[0].id;
  const share = 'mutation($input: ShareCustomerWithPartnerInput!) { shareCustomerWithPartner(input: $input) { customer { id } userErrors { field code message } } }';
  await server.ok(share, { input: { customerId: c1.id, partnerId: alpha, access: 'EDIT', contactIds: [k1] } });
  await server.ok(share, { input: { customerId: c2.id, partnerId: beta, access: 'READ', contactIds: [kb] } });
  // Activities for the reports: three on c1, two on c3 (shared later), one on c2.
  const now = server.clock.now();
  const activity = (customerId: string, kind: 'CALL' | 'VISIT', daysAgo: number) => ({
    customerId: dbId(customerId), kind, subject: `${kind} ${daysAgo}`, ownerId: dbId(rep), completedAt: new Date(now.getTime() - daysAgo * DAY), createdAt: new Date(now.getTime() - daysAgo * DAY),
  });
  await server.db.prisma.activity.createMany({
    data: [activity(c1.id, 'CALL', 1), activity(c1.id, 'CALL', 2), activity(c1.id, 'VISIT', 3), activity(c3.id, 'CALL', 1), activity(c3.id, 'VISIT', 40), activity(c2.id, 'CALL', 1)],
  });
  return {
    alpha, beta, c1: c1.id, k1, k2, c2: c2.id, kb, c3: c3.id,
    a: await portalSignIn(server.url, 'ann@alpha.example', PASSWORD),
    b: await portalSignIn(server.url, 'ben@beta.example', PASSWORD),
  };
}

const REGISTER = `mutation($input: RegisterDealInput!) { registerDeal(input: $input) { dealRegistration { id code status version companyName customer { id } } userErrors { field code message } } }`;
const APPROVE = `mutation($input: ApproveDealRegistrationInput!) { approveDealRegistration(input: $input) { dealRegistration { id status version customer { id name owner { email } } } userErrors { field code message } } }`;
const REJECT = `mutation($input: RejectDealRegistrationInput!) { rejectDealRegistration(input: $input) { dealRegistration { id status decisionReason version } userErrors { field code message } } }`;
const STAFF_REGISTRATION = `query($id: ID!) { node(id: $id) { ... on DealRegistration { code status version hasConflict partner { name }
  conflicts { kind matchedOn customer { id name } otherPartner { name } otherRegistration { code } } } } }`;

describeOnDatabases(kinds)('partner portal on %s', (database) => {
  let server: TestServer;
  let w: World;
  const closeDate = () => new Date(server.clock.now().getTime() + 30 * DAY).toISOString().slice(0, 10);

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 20, plugins: resolvePlugins([partnerPlugin], ['partner']) });
    w = await setUp(server);
  });
  afterAll(() => server?.close());

  it('keeps partner and staff credentials apart: each token works on its own endpoint only, over HTTP and WebSocket', async () => {
    const staff = (await server.authorization())!;
    const onGraphql = await postGraphQL(server.url, '{ customers { totalCount } }', undefined, w.a.authorization);
    expect(errorOf(onGraphql.body)).toMatchObject({ code: 'UNAUTHENTICATED', message: '此访问令牌不能用于该端点' });
    const onPortal = await postGraphQL(w.a.url, '{ me { name } }', undefined, staff);
    expect(errorOf(onPortal.body)).toMatchObject({ code: 'UNAUTHENTICATED', message: '此访问令牌不能用于该端点' });
    expect(errorOf((await postGraphQL(w.a.url, '{ me { name } }', undefined, `ApiKey rk_000000000000_${'x'.repeat(43)}`)).body).code).toBe('UNAUTHENTICATED');
    // Separate credentials: staff cannot sign in to the portal, nor partners to the internal graph.
    const login = 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }';
    expect(errorOf((await postGraphQL(w.a.url, login, { input: { email: 'admin@demo.local', password: 'demo' } })).body).code).toBe('UNAUTHENTICATED');
    expect(errorOf((await postGraphQL(server.url, login, { input: { email: 'ann@alpha.example', password: PASSWORD } })).body).code).toBe('UNAUTHENTICATED');
    // Without credentials the portal answers nothing but login.
    expect(errorOf((await postGraphQL(w.a.url, '{ customers { totalCount } }')).body).code).toBe('UNAUTHENTICATED');
    expect((await w.a.ok('{ me { name email organization { name } } }')).me).toEqual({ name: 'ann', email: 'ann@alpha.example', organization: { name: 'Alpha Channel' } });

    expect(await ending(w.a.url, staff, 'subscription { alerts { id } }')).toBe(4403);
    expect(await ending(server.url, w.a.authorization, 'subscription { alerts { id } }')).toBe(4403);
  });

  it("signs partners in, refreshes and signs out through core's session service; each endpoint refuses the other's refresh tokens", async () => {
    const REFRESH = 'mutation($input: RefreshTokenInput!) { refreshToken(input: $input) { accessToken refreshToken } }';
    const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }';
    const ann = await portalSignIn(server.url, 'ann@alpha.example', PASSWORD);
    const staff = (await postGraphQL(server.url, LOGIN, { input: { email: 'rep@demo.local', password: DEMO_PASSWORD } })).body.data.login;
    // The session is core's: one AuthSession row of the partner kind, no user.
    const sid = JSON.parse(Buffer.from(ann.authorization.split('.')[1]!, 'base64url').toString('utf8')).sid as string;
    const session = await server.db.prisma.authSession.findUniqueOrThrow({ where: { id: sid } });
    expect(session).toMatchObject({ principal: 'partner', userId: null });
    // A refresh token works only where it was issued, and trying it elsewhere does not spend it.
    expect(errorOf((await postGraphQL(server.url, REFRESH, { input: { refreshToken: ann.refreshToken } })).body)).toMatchObject({ code: 'UNAUTHENTICATED', message: '刷新令牌无效，请重新登录' });
    expect(errorOf((await postGraphQL(ann.url, REFRESH, { input: { refreshToken: staff.refreshToken } })).body)).toMatchObject({ code: 'UNAUTHENTICATED', message: '刷新令牌无效，请重新登录' });
    const refreshed = (await postGraphQL(ann.url, REFRESH, { input: { refreshToken: ann.refreshToken } })).body.data.refreshToken;
    expect((await postGraphQL(ann.url, '{ me { email } }', undefined, `Bearer ${refreshed.accessToken}`)).body.data.me).toEqual({ email: 'ann@alpha.example' });
    expect(errorOf((await postGraphQL(server.url, '{ customers { totalCount } }', undefined, `Bearer ${refreshed.accessToken}`)).body).message).toBe('此访问令牌不能用于该端点');
    expect((await postGraphQL(server.url, REFRESH, { input: { refreshToken: staff.refreshToken } })).body.errors).toBeUndefined();
    // Logout ends the portal session only; the staff session lives on.
    expect((await postGraphQL(ann.url, 'mutation { logout { loggedOut } }', undefined, `Bearer ${refreshed.accessToken}`)).body.data.logout).toEqual({ loggedOut: true });
    expect(errorOf((await postGraphQL(ann.url, '{ me { email } }', undefined, `Bearer ${refreshed.accessToken}`)).body).code).toBe('UNAUTHENTICATED');
    expect((await server.db.prisma.authSession.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).not.toBeNull();
    const audited = await server.db.prisma.auditEntry.findMany({ where: { actorId: session.principalId, action: { startsWith: 'partner.' } }, orderBy: { at: 'asc' }, select: { action: true, actorKind: true } });
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['partner.login', 'partner.refresh', 'partner.logout']));
    expect(new Set(audited.map((a) => a.actorKind))).toEqual(new Set(['partner']));
  });

  it('isolation by list: each partner lists only its shared customers and contacts', async () => {
    const query = '{ customers { totalCount edges { node { name } } } contacts { totalCount edges { node { name } } } }';
    const a = await w.a.ok(query);
    const b = await w.b.ok(query);
    expect([a.customers.totalCount, names(a.customers), a.contacts.totalCount, names(a.contacts)]).toEqual([1, ['Alpha Target Ltd'], 1, ['Kim Shared']]);
    expect([b.customers.totalCount, names(b.customers), b.contacts.totalCount, names(b.contacts)]).toEqual([1, ['Beta Target Inc'], 1, ['Bo Beta']]);
  });

  it("isolation by id: another partner's or an unshared row is NOT_FOUND by field and null by node(s)", async () => {
    for (const [field, id] of [['customer', w.c2], ['customer', w.c3], ['contact', w.kb], ['contact', w.k2]] as const) {
      const result = await w.a.gql(`query($id: ID!) { ${field}(id: $id) { id } }`, { id });
      expect([field, id, errorOf(result).code, result.data]).toEqual([field, id, 'NOT_FOUND', { [field]: null }]);
    }
    const { nodes } = await w.a.ok('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [w.c1, w.c2, w.c3, w.k1, w.k2, w.kb] });
    expect(nodes).toEqual([{ id: w.c1 }, null, null, { id: w.k1 }, null, null]);
    expect((await w.b.ok('query($id: ID!) { node(id: $id) { id } }', { id: w.c1 })).node).toBeNull();
    // One hidden id does not blank the others (staff side too).
    const missing = gid('Customer', '0193a0b8-0000-7000-8000-000000000000');
    expect((await server.ok('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [w.c1, missing, w.c2] })).nodes).toEqual([{ id: w.c1 }, null, { id: w.c2 }]);
    // Internal types do not exist on the portal: a staff-side id names nothing.
    const users = await server.ok('{ users(first: 1) { edges { node { id } } } }');
    expect((await w.a.ok('query($id: ID!) { node(id: $id) { id } }', { id: users.users.edges[0].node.id })).node).toBeNull();
  });

  it('isolation by nested field: a shared customer shows only the shared contacts and own registrations', async () => {
    const data = await w.a.ok(`query($id: ID!) { customer(id: $id) { access contacts { name access customer { name contacts { name } } } dealRegistrations { id } } }`, { id: w.c1 });
    expect(data.customer).toEqual({
      access: 'EDIT',
      contacts: [{ name: 'Kim Shared', access: 'EDIT', customer: { name: 'Alpha Target Ltd', contacts: [{ name: 'Kim Shared' }] } }],
      dealRegistrations: [],
    });
  });

  it("isolation by search: another partner's names and an unshared contact's phone or e-mail find nothing", async () => {
    const search = (client: PortalClient, text: string) =>
      client.ok('query($s: String) { customers(filter: { search: $s }) { totalCount } contacts(filter: { search: $s }) { totalCount } }', { s: text });
    expect(await search(w.a, 'alpha target')).toEqual({ customers: { totalCount: 1 }, contacts: { totalCount: 0 } });
    expect(await search(w.a, '202 555 0101')).toEqual({ customers: { totalCount: 1 }, contacts: { totalCount: 1 } });
    expect(await search(w.a, '2025550199')).toEqual({ customers: { totalCount: 0 }, contacts: { totalCount: 0 } });
    expect(await search(w.a, 'lou.hidden@alpha-target.example')).toEqual({ customers: { totalCount: 0 }, contacts: { totalCount: 0 } });
    expect(await search(w.a, 'Beta Target')).toEqual({ customers: { totalCount: 0 }, contacts: { totalCount: 0 } });
    expect(await search(w.b, 'Alpha')).toEqual({ customers: { totalCount: 0 }, contacts: { totalCount: 0 } });
    expect(await search(w.a, 'Gamma')).toEqual({ customers: { totalCount: 0 }, contacts: { totalCount: 0 } });
  });

  it("isolation by write: another partner's row is NOT_FOUND, a READ share FORBIDDEN, an EDIT share changes on its version", async () => {
    const update = 'mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { website version } userErrors { field code message } } }';
    expect(errorOf(await w.b.gql(update, { input: { id: w.c1, version: 1, website: 'https://evil.example' } })).code).toBe('NOT_FOUND');
    expect(errorOf(await w.b.gql(update, { input: { id: w.c2, version: 1, website: 'https://b.example' } })).code).toBe('FORBIDDEN');
    const { customer } = await w.a.ok('query($id: ID!) { customer(id: $id) { version } }', { id: w.c1 });
    const changed = await w.a.ok(update, { input: { id: w.c1, version: customer.version, website: 'https://alpha-target.example' } });
    expect(changed.updateCustomer.customer).toEqual({ website: 'https://alpha-target.example', version: customer.version + 1 });
    expect(userErrorOf(await w.a.gql(update, { input: { id: w.c1, version: customer.version, website: 'https://stale.example' } })).codes).toEqual(['STALE_VERSION']);
    const contact = 'mutation($input: UpdateContactInput!) { updateContact(input: $input) { contact { title } userErrors { field code message } } }';
    expect(errorOf(await w.a.gql(contact, { input: { id: w.k2, version: 1, title: 'CEO' } })).code).toBe('NOT_FOUND');
    // The one accepted change is audited as the partner's; the refused ones left nothing.
    const audit = await server.ok('query($id: ID!) { auditLog(first: 5, filter: { entityType: "Customer", entityId: $id, action: "customer.update" }) { edges { node { action actor { kind label } } } } }', { id: w.c1 });
    expect(audit.auditLog.edges.map((e: any) => e.node)).toEqual([{ action: 'customer.update', actor: { kind: 'partner', label: 'partner ann@alpha.example' } }]);
    expect((await server.db.prisma.auditEntry.findFirst({ where: { action: 'customer.update', actorKind: 'partner' } }))?.entityId).toBe(dbId(w.c1));
  });

  it('isolation by subscription: each partner hears only its own alerts, live over graphql-ws and SSE', async () => {
    const client = wsClient(w.a.url, { authorization: w.a.authorization });
    const aLive = subscribeWs<any>(client, 'subscription { alerts { kind title entityId } }');
    const bLive = subscribeSse<any>(w.b.url, 'subscription { alerts { kind title entityId } }', { authorization: w.b.authorization });
    try {
      await Promise.all([aLive.ready, bLive.ready]);
      await untilSubscribers(server.app, 2);
      await server.ok('mutation($input: ShareCustomerWithPartnerInput!) { shareCustomerWithPartner(input: $input) { customer { id } userErrors { field code message } } }', {
        input: { customerId: w.c3, partnerId: w.alpha },
      });
      const [alert] = await aLive.waitFor(1);
      expect(alert.alerts).toEqual({ kind: 'CUSTOMER_SHARED', title: '客户 Gamma Direct Co 已共享给你', entityId: w.c3 });
      // Beta's stream is alive and ordered: an alert addressed to Beta, published after Alpha's, must
      // arrive as Beta's first. Had Alpha's leaked to Beta, it would be first instead.
      const ben = await server.db.prisma.partnerUser.findUniqueOrThrow({ where: { email: 'ben@beta.example' } });
      await server.app.alertBus.publish([sentinelAlert(partnerRecipient(ben.id), 'CUSTOMER_SHARED')]);
      expect((await bLive.waitFor(1)).map((item) => item.alerts.title)).toEqual(['sentinel']);
      // The alert waits for the offline reader too, and only its recipient reads or marks it.
      const stored = await w.a.ok('{ unreadAlertCount alerts { edges { node { id kind entityId } } } }');
      // Sharing c1 at set-up raised the first one.
      expect(stored.unreadAlertCount).toBe(2);
      expect(stored.alerts.edges.map((e: any) => e.node.entityId)).toEqual([w.c3, w.c1]);
      const alertId = stored.alerts.edges[0].node.id;
      expect((await w.b.ok('query($id: ID!) { node(id: $id) { id } }', { id: alertId })).node).toBeNull();
      expect(errorOf(await w.b.gql('mutation($id: ID!) { markAlertRead(input: { id: $id }) { alert { id } } }', { id: alertId })).code).toBe('NOT_FOUND');
      expect((await w.a.ok('mutation($id: ID!) { markAlertRead(input: { id: $id }) { alert { isRead } userErrors { code } } }', { id: alertId })).markAlertRead.alert.isRead).toBe(true);
    } finally {
      await aLive.stop();
      await bLive.stop();
      await client.dispose();
    }
  });

  it("keeps portal alerts among core's alerts (kind PARTNER_USER): staff never read them, and the scheduler pushes one whose push never happened", async () => {
    const ann = await server.db.prisma.partnerUser.findUniqueOrThrow({ where: { email: 'ann@alpha.example' } });
    const stored = await server.db.prisma.alert.findMany({ where: { recipientKind: 'PARTNER_USER', recipientId: ann.id } });
    expect(stored.length).toBeGreaterThanOrEqual(2);
    expect(stored.every((a) => a.firedAt !== null && a.publishAfter === null)).toBe(true);
    const portalId = (await w.a.ok('{ alerts(first: 1) { edges { node { id } } } }')).alerts.edges[0].node.id;
    expect((await server.ok('query($id: ID!) { node(id: $id) { id } }', { id: portalId })).node).toBeNull();
    expect((await server.ok('{ alerts(first: 100) { edges { node { id } } } }')).alerts.edges.map((e: any) => e.node.id)).not.toContain(portalId);

    const client = wsClient(w.a.url, { authorization: w.a.authorization });
    const live = subscribeWs<any>(client, 'subscription { alerts { kind title } }');
    try {
      await live.ready;
      await untilSubscribers(server.app, 1);
      // Committed, then the instance died before pushing: the alert waits in the outbox.
      await server.db.prisma.$transaction((tx) =>
        emitFiredAlerts(tx, [{ recipientKind: 'PARTNER_USER', recipientId: ann.id, kind: 'CUSTOMER_SHARED', title: 'unpushed', dedupeKey: 'unpushed-test' }], server.clock.now()),
      );
      await server.app.alerts.fireDue();
      expect(await server.db.prisma.alert.count({ where: { dedupeKey: 'unpushed-test', publishAfter: null } })).toBe(0);
      server.clock.advance(31_000);
      await server.app.alerts.fireDue();
      expect((await live.waitFor(1)).map((item) => item.alerts)).toEqual([{ kind: 'CUSTOMER_SHARED', title: 'unpushed' }]);
      expect(await server.db.prisma.alert.count({ where: { dedupeKey: 'unpushed-test', publishAfter: null } })).toBe(1);
    } finally {
      await live.stop();
      await client.dispose();
    }
  });

  it('reports activity on shared customers and registrations by status with SQL aggregates', async () => {
    const from = new Date(server.clock.now().getTime() - 30 * DAY).toISOString();
    const to = server.clock.now().toISOString();
    const { activityReport } = await w.a.ok(`query($from: DateTime!, $to: DateTime!) { activityReport(from: $from, to: $to) { customer { name } total byKind { kind count } } }`, { from, to });
    // Brute force: c1 has three in range, c3 (shared by the previous test) one of two; beta's c2 is not alpha's.
    expect(activityReport).toEqual([
      { customer: { name: 'Alpha Target Ltd' }, total: 3, byKind: [{ kind: 'CALL', count: 2 }, { kind: 'VISIT', count: 1 }] },
      { customer: { name: 'Gamma Direct Co' }, total: 1, byKind: [{ kind: 'CALL', count: 1 }] },
    ]);
    const b = await w.b.ok(`query($from: DateTime!, $to: DateTime!) { activityReport(from: $from, to: $to) { customer { name } total } }`, { from, to });
    expect(b.activityReport).toEqual([{ customer: { name: 'Beta Target Inc' }, total: 1 }]);
  });

  it('runs the deal registration flow: conflicts flagged, staff decide, shares follow, both sides alerted', async () => {
    const input = (over: object) => ({ contactName: 'Dee Buyer', expectedAmount: '50000', expectedCloseDate: closeDate(), productInterest: 'Telematics', ...over });
    // Validation names the fields.
    const invalid = await w.a.gql(REGISTER, { input: input({ companyName: 'X', expectedAmount: '0', expectedCloseDate: '2020-01-01' }) });
    expect(userErrorOf(invalid)).toMatchObject({ fields: ['contactEmail', 'expectedAmount'] });
    const past = await w.a.gql(REGISTER, { input: input({ companyName: 'X', contactEmail: 'x@x.example', expectedCloseDate: '2020-01-01' }) });
    expect(userErrorOf(past)).toMatchObject({ fields: ['expectedCloseDate'], message: '不能早于今天' });
    // A partner's browser asking for English reads the refusal in English.
    const inEnglish = await fetch(w.a.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: w.a.authorization, 'accept-language': 'en-GB,en;q=0.9' },
      body: JSON.stringify({ query: REGISTER, variables: { input: input({ companyName: 'X', contactEmail: 'x@x.example', expectedCloseDate: '2020-01-01' }) } }),
    });
    expect(userErrorOf(await inEnglish.json())).toMatchObject({ fields: ['expectedCloseDate'], message: 'must not be in the past' });

    // Alpha registers a new company: no conflict. Beta registers the same one (other spelling, same e-mail): conflict.
    const first = (await w.a.ok(REGISTER, { input: input({ companyName: 'Delta Freight AG', contactEmail: 'dee@delta-freight.example' }) })).registerDeal.dealRegistration;
    expect(first).toMatchObject({ status: 'PENDING', companyName: 'Delta Freight AG', customer: null, code: expect.stringMatching(/^DR-\d{6}$/) });
    const duplicate = await w.a.gql(REGISTER, { input: input({ companyName: ' delta  FREIGHT ag', contactEmail: 'x@x.example' }) });
    expect(userErrorOf(duplicate)).toMatchObject({ fields: ['companyName'], message: `贵公司已报备过该客户（${first.code}）` });
    const second = (await w.b.ok(REGISTER, { input: input({ companyName: '  DELTA freight ag ', contactEmail: 'DEE@delta-freight.example' }) })).registerDeal.dealRegistration;
    // Alpha registers a direct-sales customer by its switchboard phone only.
    const third = (await w.a.ok(REGISTER, { input: input({ companyName: 'Gamma (new division)', contactPhone: '+1 (303) 555-0142', contactName: 'Gil' }) })).registerDeal.dealRegistration;

    const staffView = async (id: string) => (await server.ok(STAFF_REGISTRATION, { id })).node;
    expect(await staffView(first.id)).toMatchObject({ status: 'PENDING', hasConflict: false, conflicts: [] });
    expect(await staffView(second.id)).toMatchObject({
      hasConflict: true,
      partner: { name: 'Beta Channel' },
      conflicts: [{ kind: 'OTHER_PARTNER_REGISTRATION', matchedOn: ['NAME', 'EMAIL'], customer: null, otherPartner: { name: 'Alpha Channel' }, otherRegistration: { code: first.code } }],
    });
    // Gamma is owned by the rep (direct sales) and shared with Alpha already: only DIRECT_SALES.
    expect((await staffView(third.id)).conflicts).toEqual([{ kind: 'DIRECT_SALES', matchedOn: ['PHONE'], customer: { id: w.c3, name: 'Gamma Direct Co' }, otherPartner: null, otherRegistration: null }]);
    const conflicted = await server.ok('{ dealRegistrations(filter: { hasConflict: true, status: [PENDING] }) { totalCount } }');
    expect(conflicted.dealRegistrations.totalCount).toBe(2);

    // Managers hear about each registration (the conflict in the title); partners never see the conflict.
    await server.app.alerts.fireDue();
    const adminAlerts = await server.ok('{ alerts(kinds: [DEAL_REGISTRATION_SUBMITTED]) { edges { node { title } } } }');
    expect(adminAlerts.alerts.edges.map((e: any) => e.node.title).sort()).toEqual([
      'Alpha Channel 报备了商机：Delta Freight AG',
      'Alpha Channel 报备了商机：Gamma (new division)（发现 1 处冲突）',
      'Beta Channel 报备了商机：DELTA freight ag（发现 1 处冲突）',
    ]);

    // Only the partner programme's managers decide.
    const rep = server.as('rep@demo.local');
    expect(errorOf(await rep.gql(APPROVE, { input: { id: first.id, version: first.version } })).code).toBe('FORBIDDEN');
    expect(errorOf(await rep.gql('{ dealRegistrations { totalCount } }')).code).toBe('FORBIDDEN');
    expect((await rep.ok('query($id: ID!) { node(id: $id) { id } }', { id: first.id })).node).toBeNull();

    const client = wsClient(w.a.url, { authorization: w.a.authorization });
    const live = subscribeWs<any>(client, 'subscription { alerts(kinds: [DEAL_REGISTRATION_APPROVED]) { kind title entityId } }');
    try {
      await live.ready;
      await untilSubscribers(server.app, 1);
      expect(userErrorOf(await server.gql(APPROVE, { input: { id: first.id, version: first.version + 1 } })).codes).toEqual(['STALE_VERSION']);
      const approved = (await server.ok(APPROVE, { input: { id: first.id, version: first.version, reason: 'First to register' } })).approveDealRegistration.dealRegistration;
      expect(approved).toMatchObject({ status: 'APPROVED', customer: { name: 'Delta Freight AG', owner: { email: 'admin@demo.local' } } });
      expect((await live.waitFor(1))[0].alerts).toEqual({ kind: 'DEAL_REGISTRATION_APPROVED', title: '你报备的商机 Delta Freight AG 已批准', entityId: first.id });
      expect(userErrorOf(await server.gql(APPROVE, { input: { id: first.id, version: approved.version } }))).toMatchObject({ fields: ['id'], message: '该报备已是 APPROVED 状态' });

      // The new customer and its contact are now Alpha's (EDIT by default), reachable by every path.
      const mine = await w.a.ok(`query($id: ID!) { dealRegistration(id: $id) { status decisionReason customer { name access contacts { name email access } } } }`, { id: first.id });
      expect(mine.dealRegistration).toEqual({
        status: 'APPROVED',
        decisionReason: 'First to register',
        customer: { name: 'Delta Freight AG', access: 'EDIT', contacts: [{ name: 'Dee Buyer', email: 'dee@delta-freight.example', access: 'EDIT' }] },
      });
      // Beta's conflicting registration is rejected with a reason; Beta's registration is invisible to Alpha.
      const rejected = (await server.ok(REJECT, { input: { id: second.id, version: 1, reason: 'Alpha registered it first' } })).rejectDealRegistration.dealRegistration;
      expect(rejected).toMatchObject({ status: 'REJECTED', decisionReason: 'Alpha registered it first' });
      expect(errorOf(await w.a.gql('query($id: ID!) { dealRegistration(id: $id) { id } }', { id: second.id })).code).toBe('NOT_FOUND');
      expect(errorOf(await w.b.gql('query($id: ID!) { dealRegistration(id: $id) { id } }', { id: first.id })).code).toBe('NOT_FOUND');
      expect((await w.b.ok('{ customers { totalCount } alerts(kinds: [DEAL_REGISTRATION_REJECTED]) { edges { node { body } } } }'))).toEqual({
        customers: { totalCount: 1 },
        alerts: { edges: [{ node: { body: 'Alpha registered it first' } }] },
      });
      // Rejecting Beta's registration told Alpha nothing: the next thing Alpha hears is the sentinel.
      const ann = await server.db.prisma.partnerUser.findUniqueOrThrow({ where: { email: 'ann@alpha.example' } });
      // An alert of another kind is not for this subscription: only the approved-kind sentinel follows.
      await server.app.alertBus.publish([sentinelAlert(partnerRecipient(ann.id), 'CUSTOMER_SHARED'), sentinelAlert(partnerRecipient(ann.id), 'DEAL_REGISTRATION_APPROVED')]);
      expect((await live.waitFor(2)).map((item) => [item.alerts.kind, item.alerts.title])).toEqual([
        ['DEAL_REGISTRATION_APPROVED', '你报备的商机 Delta Freight AG 已批准'],
        ['DEAL_REGISTRATION_APPROVED', 'sentinel'],
      ]);
    } finally {
      await live.stop();
      await client.dispose();
    }

    // Approving onto the rep's existing customer tells the rep (core alert) and gives Alpha READ access.
    await server.ok(APPROVE, { input: { id: third.id, version: third.version, customerId: w.c3, access: 'READ' } });
    await server.app.alerts.fireDue();
    const repAlerts = await rep.ok('{ alerts(kinds: [PARTNER_REGISTERED_YOUR_CUSTOMER]) { edges { node { title } } } }');
    expect(repAlerts.alerts.edges.map((e: any) => e.node.title)).toEqual(['Alpha Channel 现与你共同跟进 Gamma Direct Co（商机报备已批准）']);
    expect((await w.a.ok('query($id: ID!) { customer(id: $id) { access contacts { name } } }', { id: w.c3 })).customer).toEqual({ access: 'READ', contacts: [{ name: 'Gil' }] });

    const report = await w.a.ok('{ registrationReport { status count expectedAmount } }');
    expect(report.registrationReport).toEqual([
      { status: 'PENDING', count: 0, expectedAmount: '0.00' },
      { status: 'APPROVED', count: 2, expectedAmount: '100000.00' },
      { status: 'REJECTED', count: 0, expectedAmount: '0.00' },
    ]);
    expect((await w.b.ok('{ registrationReport { status count } }')).registrationReport.map((r: any) => r.count)).toEqual([0, 0, 1]);
    const audited = await server.db.prisma.auditEntry.groupBy({ by: ['action'], where: { action: { startsWith: 'dealRegistration.' } }, _count: { _all: true } });
    expect(Object.fromEntries(audited.map((a) => [a.action, a._count._all]))).toEqual({ 'dealRegistration.register': 3, 'dealRegistration.approve': 2, 'dealRegistration.reject': 1 });
  });

  it('shows staff which partners a customer is shared with, and lists partners for managers only', async () => {
    const data = await server.ok('query($id: ID!) { customer(id: $id) { partnerShares { partner { name } access } } partners { totalCount edges { node { name sharedCustomerCount users { email } } } } }', { id: w.c3 });
    expect(data.customer.partnerShares).toEqual([{ partner: { name: 'Alpha Channel' }, access: 'READ' }]);
    expect(data.partners.edges.map((e: any) => e.node)).toEqual([
      { name: 'Alpha Channel', sharedCustomerCount: 3, users: [{ email: 'ann@alpha.example' }] },
      { name: 'Beta Channel', sharedCustomerCount: 1, users: [{ email: 'ben@beta.example' }] },
    ]);
    const rep = server.as('rep@demo.local');
    expect(errorOf(await rep.gql('{ partners { totalCount } }')).code).toBe('FORBIDDEN');
  });

  it("lists staff's registrations with partners, conflicts and their customers in a fixed number of statements", async () => {
    const query = '{ dealRegistrations(first: $n) { edges { node { code partner { name } registeredBy { email } customer { name } decidedBy { email } conflicts { kind customer { name } otherPartner { name } otherRegistration { code } } } } } }';
    const count = async (n: number) => {
      server.statements.length = 0;
      const data = await server.ok(query.replace('$n', String(n)));
      expect(data.dealRegistrations.edges).toHaveLength(n);
      return server.statements.length;
    };
    // The two newest already reach every kind of reference (customer, decider, conflict customer, other
    // partner, other registration); the third adds more of each and must add no statement. The first
    // request also reads the session (cached afterwards), so it is not counted.
    await count(2);
    const two = await count(2);
    expect(await count(3)).toBe(two);
  });

  it('lists shared customers with nested contacts and registrations in a fixed number of statements', async () => {
    const query = '{ customers(first: $n) { edges { node { name access sharedAt contacts { name access } dealRegistrations { code customer { name } } } } } }';
    const count = async (n: number) => {
      server.statements.length = 0;
      const data = await w.a.ok(query.replace('$n', String(n)));
      // The pages differ in size, or the comparison says nothing.
      expect(data.customers.edges).toHaveLength(n);
      return server.statements.length;
    };
    const one = await count(1);
    expect(await count(3)).toBe(one);
  });

  it('ends portal access when the user is deactivated, and gives it back when reactivated', async () => {
    const created = await server.ok('mutation($input: CreatePartnerUserInput!) { createPartnerUser(input: $input) { partnerUser { id } userErrors { field code message } } }', {
      input: { partnerId: w.alpha, email: 'al@alpha.example', name: 'al', password: PASSWORD },
    });
    const userId = created.createPartnerUser.partnerUser.id;
    const al = await portalSignIn(server.url, 'al@alpha.example', PASSWORD);
    expect((await al.ok('{ me { email } }')).me).toEqual({ email: 'al@alpha.example' });
    const setActive = 'mutation($input: SetPartnerUserActiveInput!) { setPartnerUserActive(input: $input) { partnerUser { active } userErrors { field code message } } }';
    expect(errorOf(await server.as('rep@demo.local').gql(setActive, { input: { id: userId, active: false } })).code).toBe('FORBIDDEN');
    expect((await server.ok(setActive, { input: { id: userId, active: false } })).setPartnerUserActive.partnerUser).toEqual({ active: false });
    // The token issued before is refused at once, a new sign-in too; a colleague keeps access.
    expect(errorOf(await al.gql('{ me { name } }')).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await al.gql('{ customers { totalCount } }')).code).toBe('UNAUTHENTICATED');
    const login = 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }';
    expect(errorOf((await postGraphQL(al.url, login, { input: { email: 'al@alpha.example', password: PASSWORD } })).body).code).toBe('UNAUTHENTICATED');
    expect((await w.a.ok('{ me { email } }')).me).toEqual({ email: 'ann@alpha.example' });
    // A deactivated user's socket is refused too.
    expect(await ending(al.url, al.authorization, 'subscription { alerts { id } }')).toBe(4403);
    await server.ok(setActive, { input: { id: userId, active: true } });
    expect((await (await portalSignIn(server.url, 'al@alpha.example', PASSWORD)).ok('{ me { email } }')).me).toEqual({ email: 'al@alpha.example' });
    expect(await server.db.prisma.auditEntry.count({ where: { action: { in: ['partnerUser.deactivate', 'partnerUser.activate'] } } })).toBe(2);
  });

  it('ends portal access when the organisation is suspended', async () => {
    const b = await portalSignIn(server.url, 'ben@beta.example', PASSWORD);
    expect((await b.ok('{ me { email } }')).me).toEqual({ email: 'ben@beta.example' });
    const { partner } = await server.ok('query($id: ID!) { partner: node(id: $id) { ... on PartnerOrganization { version } } }', { id: w.beta });
    await server.ok('mutation($input: UpdatePartnerInput!) { updatePartner(input: $input) { partner { status } userErrors { field code message } } }', { input: { id: w.beta, version: partner.version, status: 'SUSPENDED' } });
    expect(errorOf(await b.gql('{ me { name } }')).code).toBe('UNAUTHENTICATED');
    const login = await postGraphQL(b.url, 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { email: 'ben@beta.example', password: PASSWORD } });
    expect(errorOf(login.body).code).toBe('UNAUTHENTICATED');
  });
});

describe('demo partners', () => {
  it('are seeded with disjoint shares, a conflicting registration, and sign in with the documented credentials', async () => {
    const plugins = resolvePlugins([partnerPlugin], ['partner']);
    const server = await startTestServer({ database: 'pglite', customers: 20, plugins });
    try {
      await seedPlugins(server.db.prisma, plugins, { now: server.clock.now() });
      const northwind = await portalSignIn(server.url, DEMO_PARTNER_ACCOUNTS.northwind, DEMO_PASSWORD);
      const summit = await portalSignIn(server.url, DEMO_PARTNER_ACCOUNTS.summit, DEMO_PASSWORD);
      const query = '{ customers(first: 50) { totalCount edges { node { id } } } dealRegistrations { edges { node { status } } } }';
      const [n, s] = [await northwind.ok(query), await summit.ok(query)];
      expect([n.customers.totalCount, s.customers.totalCount]).toEqual([9, 5]);
      const ids = new Set(n.customers.edges.map((e: any) => e.node.id));
      expect(s.customers.edges.some((e: any) => ids.has(e.node.id))).toBe(false);
      expect(n.dealRegistrations.edges.map((e: any) => e.node.status).sort()).toEqual(['APPROVED', 'PENDING']);
      expect(s.dealRegistrations.edges.map((e: any) => e.node.status).sort()).toEqual(['PENDING', 'REJECTED']);
      const conflicts = await server.ok('{ dealRegistrations(filter: { hasConflict: true }) { edges { node { companyName conflicts { kind } } } } }');
      const kinds = new Set(conflicts.dealRegistrations.edges.flatMap((e: any) => e.node.conflicts.map((c: any) => c.kind)));
      expect(kinds).toEqual(new Set(['DIRECT_SALES', 'OTHER_PARTNER_REGISTRATION']));
    } finally {
      await server.close();
    }
  });
});

describe('the portal endpoint', () => {
  it('is not served without the partner plugin', async () => {
    const server = await startTestServer({ database: 'pglite' });
    try {
      const response = await fetch(portalUrl(server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      expect(response.status).toBe(404);
      expect(server.app.endpoints).toEqual({});
    } finally {
      await server.close();
    }
  });
});
