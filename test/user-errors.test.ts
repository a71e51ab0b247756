// Typed userErrors (#17, docs/graph-conventions.md) through the typed client (@rapport/client) over
// HTTP: expected failures in the payload with its result null and nothing written; authorization
// and NOT_FOUND of the record acted on stay in `errors`.
import { randomUUID } from 'node:crypto';
import {
  ClaimCustomerDocument,
  CreateCustomerDocument,
  createRapportClient,
  inMemoryTokens,
  LoginDocument,
  tokensOf,
  UpdateCustomerDocument,
  type RapportClient,
  type UserErrorCode,
} from '@rapport/client';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, ManualClock } from '@rapport/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { databaseKinds, describeOnDatabases, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
/** A user error without the __typename urql adds. */
const plain = (errors: Array<{ field?: string[] | null; message: string; code: UserErrorCode }>) => errors.map(({ field, message, code }) => ({ field, message, code }));

describeOnDatabases(kinds)('userErrors on %s', (database) => {
  let server: TestServer;
  const clients: RapportClient[] = [];

  async function signedIn(email: string): Promise<RapportClient> {
    const tokens = inMemoryTokens();
    const rapport = createRapportClient({ url: server.url, tokens, webSocketImpl: WebSocket });
    clients.push(rapport);
    const login = await rapport.client.mutation(LoginDocument, { input: { email, password: DEMO_PASSWORD } }).toPromise();
    tokens.set(tokensOf(login.data!.login));
    return rapport;
  }

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 12, clock: new ManualClock(new Date()), env: { RAPPORT_POOL_MAX_CUSTOMERS: '3' } });
  });
  afterAll(async () => {
    for (const c of clients) c.dispose();
    await server?.close();
  });

  it('answers createCustomer with an empty name and a bad e-mail with both fields, typed, and writes nothing', async () => {
    const rep = await signedIn(DEMO_ACCOUNTS.rep);
    const customers = await server.db.prisma.customer.count();
    const audits = await server.db.prisma.auditEntry.count();
    const result = await rep.client.mutation(CreateCustomerDocument, { input: { name: '  ', email: 'not-an-address' } }).toPromise();
    expect(result.error).toBeUndefined();
    const payload = result.data!.createCustomer;
    expect(payload.customer).toBeNull();
    const codes: Array<UserErrorCode> = payload.userErrors.map((e) => e.code);
    expect(payload.userErrors.map((e) => ({ field: e.field, code: e.code }))).toEqual([
      { field: ['input', 'name'], code: 'REQUIRED' },
      { field: ['input', 'email'], code: 'INVALID' },
    ]);
    expect(codes).toHaveLength(2);
    expect(payload.userErrors.every((e) => e.message.length > 0)).toBe(true);
    expect(await server.db.prisma.customer.count()).toBe(customers);
    expect(await server.db.prisma.auditEntry.count()).toBe(audits);

    // Raw over HTTP: `errors` is absent, not just empty.
    const raw = await server.as(DEMO_ACCOUNTS.rep).gql(`mutation { createCustomer(input: { name: "", email: "x" }) { customer { id } userErrors { field code } } }`);
    expect(raw).not.toHaveProperty('errors');
    expect(raw.data.createCustomer.customer).toBeNull();

    const created = await rep.client.mutation(CreateCustomerDocument, { input: { name: 'Typed Errors Ltd', email: 'hello@typed.example' } }).toPromise();
    expect(created.data!.createCustomer.userErrors).toEqual([]);
    expect(created.data!.createCustomer.customer).toMatchObject({ name: 'Typed Errors Ltd', email: 'hello@typed.example', version: 1 });
  });

  it('names each field of a nested input (a contact of a new customer) by its path', async () => {
    const result = await server.as(DEMO_ACCOUNTS.rep).ok(`mutation { createCustomer(input: { name: "Nested Ltd", contacts: [{ name: "A" }, { name: "B", phone: "letters" }] }) { customer { id } userErrors { field code } } }`);
    expect(result.createCustomer).toEqual({ customer: null, userErrors: [{ field: ['input', 'contacts', '1', 'phone'], code: 'INVALID' }] });
    expect(await server.db.prisma.customer.count({ where: { name: 'Nested Ltd' } })).toBe(0);
  });

  it('answers an update with a stale version with STALE_VERSION at input.version, changing nothing', async () => {
    const admin = await signedIn(DEMO_ACCOUNTS.admin);
    const row = await server.db.prisma.customer.findFirstOrThrow({ orderBy: { number: 'asc' } });
    const first = await admin.client.mutation(UpdateCustomerDocument, { input: { id: gid('Customer', row.id), version: row.version, industry: 'Shipping' } }).toPromise();
    expect(first.data!.updateCustomer.userErrors).toEqual([]);
    const stale = await admin.client.mutation(UpdateCustomerDocument, { input: { id: gid('Customer', row.id), version: row.version, industry: 'Mining' } }).toPromise();
    expect(stale.error).toBeUndefined();
    expect(stale.data!.updateCustomer.customer).toBeNull();
    expect(stale.data!.updateCustomer.duplicateWarnings).toEqual([]);
    expect(plain(stale.data!.updateCustomer.userErrors)).toEqual([{ field: ['input', 'version'], code: 'STALE_VERSION', message: expect.stringContaining(`当前版本 ${row.version + 1}`) }]);
    expect(await server.db.prisma.customer.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ industry: 'Shipping', version: row.version + 1 });
  });

  it('keeps FORBIDDEN and NOT_FOUND of the record acted on in errors', async () => {
    // Giving a new customer to someone else needs customer.assign, which a rep lacks.
    const adminId = (await server.db.prisma.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.admin } })).id;
    const denied = await server.as(DEMO_ACCOUNTS.rep).gql(`mutation($o: ID!) { createCustomer(input: { name: "Nope Ltd", ownerId: $o }) { customer { id } userErrors { field code } } }`, {
      o: gid('User', adminId),
    });
    expect(denied.data).toBeNull();
    expect(denied.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const missing = await server.gql(`mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { id } userErrors { code } } }`, {
      input: { id: gid('Customer', randomUUID()), version: 1, name: 'Ghost' },
    });
    expect(missing.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect(await server.db.prisma.customer.count({ where: { name: { in: ['Nope Ltd', 'Ghost'] } } })).toBe(0);
  });

  it('reports the per-owner maximum on a claim as LIMIT_REACHED at input.customerId, claiming nothing', async () => {
    const rep = await signedIn(DEMO_ACCOUNTS.rep);
    const repId = (await server.db.prisma.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.rep } })).id;
    const pooled = await server.db.prisma.customer.findMany({ where: { NOT: { ownerId: repId } }, orderBy: { number: 'desc' }, take: 4 });
    // The rep owns exactly the maximum (3); one more is in the pool.
    await server.db.prisma.customer.updateMany({ where: { ownerId: repId }, data: { ownerId: null } });
    await server.db.prisma.customer.updateMany({ where: { id: { in: pooled.slice(0, 3).map((c) => c.id) } }, data: { ownerId: repId } });
    const target = pooled[3]!;
    await server.db.prisma.customer.update({ where: { id: target.id }, data: { ownerId: null } });
    const result = await rep.client.mutation(ClaimCustomerDocument, { input: { customerId: gid('Customer', target.id) } }).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data!.claimCustomer.customer).toBeNull();
    expect(plain(result.data!.claimCustomer.userErrors)).toEqual([{ field: ['input', 'customerId'], code: 'LIMIT_REACHED', message: expect.stringContaining('上限（3 个）') }]);
    expect((await server.db.prisma.customer.findUniqueOrThrow({ where: { id: target.id } })).ownerId).toBeNull();
    expect(await server.db.prisma.customerTransfer.count({ where: { customerId: target.id } })).toBe(0);
  });
});
