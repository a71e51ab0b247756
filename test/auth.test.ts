import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hashPassword } from '@rapport/core';
import { databaseKinds, describeOnDatabases, errorOf, userErrorOf, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

const LOGIN = 'mutation($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { accessToken accessTokenExpiresAt refreshToken user { email } } }';
const REFRESH = 'mutation($token: String!) { refreshToken(input: { refreshToken: $token }) { accessToken refreshToken } }';
const VIEWER = '{ viewer { email role } viewerPermissions }';
const MINUTE = 60_000;
/** The session an access token belongs to (its `sid` claim). */
const sessionOf = (accessToken: string) => JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString('utf8')).sid as string;

describeOnDatabases(kinds)('sign-in on %s', (database) => {
  let server: TestServer;
  const signIn = async (email: string, password = 'demo') => (await server.anonymous.ok(LOGIN, { email, password })).login;
  const bearer = (token: string) => server.client({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    // Managers may manage API keys here: permissions per role are configurable.
    const managerPermissions = ['customer.read', 'customer.write', 'customer.team', 'customer.viewFinancials', 'apiKey.manage'];
    server = await startTestServer({ database, customers: 10, env: { RAPPORT_ROLE_PERMISSIONS: JSON.stringify({ MANAGER: managerPermissions }) } });
  });
  afterAll(() => server?.close());

  it('signs in with e-mail and password and then acts as that user', async () => {
    const login = await signIn('REP@demo.local');
    expect(login.user.email).toBe('rep@demo.local');
    expect(Date.parse(login.accessTokenExpiresAt) - server.clock.now().getTime()).toBe(15 * MINUTE);
    const data = await bearer(login.accessToken).ok(VIEWER);
    expect(data.viewer).toEqual({ email: 'rep@demo.local', role: 'SALES' });
    expect(data.viewerPermissions).toEqual(['CUSTOMER_READ', 'CUSTOMER_WRITE']);
  });

  it('answers a wrong password and an unknown e-mail alike', async () => {
    const wrong = await server.anonymous.gql(LOGIN, { email: 'rep@demo.local', password: 'guess' });
    const unknown = await server.anonymous.gql(LOGIN, { email: 'nobody@demo.local', password: 'demo' });
    expect(errorOf(wrong)).toEqual(errorOf(unknown));
    expect(errorOf(wrong)).toMatchObject({ code: 'UNAUTHENTICATED', message: '邮箱或密码错误' });
  });

  it('answers UNAUTHENTICATED to everything but login and refreshToken without valid credentials', async () => {
    for (const query of ['{ customers(first: 1) { totalCount } }', '{ deployment { version } }', 'mutation { logout { revokedSessions } }']) {
      expect(errorOf(await server.anonymous.gql(query)).code, query).toBe('UNAUTHENTICATED');
    }
    const { accessToken } = await signIn('rep@demo.local');
    const [header, payload, signature] = accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const refused = [`${header}.${forged}.${signature}`, `${none}.${payload}.`, 'not-a-token'];
    for (const token of refused) {
      expect(errorOf(await bearer(token).gql(VIEWER)), token).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    const scheme = await server.client({ authorization: `Basic ${Buffer.from('rep:demo').toString('base64')}` }).gql(VIEWER);
    expect(errorOf(scheme).message).toBe('不支持的 Authorization 头：请使用 "Bearer <访问令牌>" 或 "ApiKey <密钥>"');
    const inEnglish = await server.client({ authorization: `Basic ${Buffer.from('rep:demo').toString('base64')}`, headers: { 'accept-language': 'en' } }).gql(VIEWER);
    expect(errorOf(inEnglish).message).toBe('Unsupported Authorization header: use "Bearer <access token>" or "ApiKey <key>"');
  });

  it('expires access tokens on the clock; a refresh token gets a new pair once', async () => {
    const login = await signIn('rep@demo.local');
    server.clock.advance(15 * MINUTE);
    expect(errorOf(await bearer(login.accessToken).gql(VIEWER))).toMatchObject({ code: 'UNAUTHENTICATED', message: '访问令牌已过期：请用 refreshToken 换取新令牌' });

    const fresh = (await server.anonymous.ok(REFRESH, { token: login.refreshToken })).refreshToken;
    expect(fresh.refreshToken).not.toBe(login.refreshToken);
    expect((await bearer(fresh.accessToken).ok(VIEWER)).viewer.email).toBe('rep@demo.local');

    // Reusing the rotated token means it leaked: the whole session ends, fresh tokens included.
    const reused = await server.anonymous.gql(REFRESH, { token: login.refreshToken });
    expect(errorOf(reused)).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/已被使用过/) });
    expect(errorOf(await server.anonymous.gql(REFRESH, { token: fresh.refreshToken })).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await bearer(fresh.accessToken).gql(VIEWER)).code).toBe('UNAUTHENTICATED');
    expect(await server.db.prisma.auditEntry.count({ where: { action: 'auth.refreshTokenReused' } })).toBe(1);
  });

  it('rotates a token once when two refreshes race with it', async () => {
    const login = await signIn('rep@demo.local');
    const results = await Promise.all([0, 1].map(() => server.anonymous.gql(REFRESH, { token: login.refreshToken })));
    // Exactly one wins; the loser is refused as a reuse (neither none nor both).
    expect(results.filter((r) => r.data?.refreshToken?.accessToken).length).toBe(1);
    expect(results.filter((r) => errorOf(r).code === 'UNAUTHENTICATED').length).toBe(1);
    const user = await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'rep@demo.local' } });
    const rotations = await server.db.prisma.auditEntry.findMany({ where: { action: 'auth.refresh', entityId: user.id } });
    expect(rotations.filter((r) => (r.after as { sessionId?: string } | null)?.sessionId === sessionOf(login.accessToken))).toHaveLength(1);
  });

  it('logs out: the access and refresh tokens of the session stop working at once', async () => {
    const login = await signIn('manager@demo.local');
    const other = await signIn('manager@demo.local');
    expect((await bearer(login.accessToken).ok('mutation { logout { revokedSessions } }')).logout.revokedSessions).toBe(1);
    expect(errorOf(await bearer(login.accessToken).gql(VIEWER)).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await server.anonymous.gql(REFRESH, { token: login.refreshToken })).code).toBe('UNAUTHENTICATED');
    expect((await bearer(other.accessToken).ok(VIEWER)).viewer.email).toBe('manager@demo.local');
    await bearer(other.accessToken).ok('mutation { logout(input: { allSessions: true }) { revokedSessions userErrors { field code message } } }');
    expect(errorOf(await bearer(other.accessToken).gql(VIEWER)).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a deactivated user even with a valid token, and at sign-in', async () => {
    const login = await signIn('li.wei@demo.local');
    await server.db.prisma.user.update({ where: { email: 'li.wei@demo.local' }, data: { active: false } });
    try {
      expect(errorOf(await bearer(login.accessToken).gql(VIEWER)).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await server.anonymous.gql(REFRESH, { token: login.refreshToken })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await server.anonymous.gql(LOGIN, { email: 'li.wei@demo.local', password: 'demo' })).message).toBe('该账号已停用');
    } finally {
      await server.db.prisma.user.update({ where: { email: 'li.wei@demo.local' }, data: { active: true } });
    }
  });

  it('keeps passwords as scrypt hashes and upgrades weaker ones at sign-in', async () => {
    const email = 'chen.jing@demo.local';
    await server.db.prisma.user.update({ where: { email }, data: { passwordHash: await hashPassword('demo', { logN: 10, r: 8, p: 1 }) } });
    await signIn(email);
    const { passwordHash } = await server.db.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(passwordHash).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(passwordHash).not.toContain('demo');
    const stored = await server.db.prisma.refreshToken.findFirstOrThrow();
    expect(stored.tokenHash).not.toMatch(/^rt_/);
  });

  it('changes a password after checking the current one, ending the other sessions', async () => {
    const email = 'sophie.becker@demo.local';
    const here = await signIn(email);
    const elsewhere = await signIn(email);
    const CHANGE = 'mutation($input: ChangePasswordInput!) { changePassword(input: $input) { revokedSessions userErrors { field code message } } }';
    const wrong = await bearer(here.accessToken).gql(CHANGE, { input: { currentPassword: 'nope', newPassword: 'long enough' } });
    expect(userErrorOf(wrong)).toMatchObject({ fields: ['currentPassword'] });
    const short = await bearer(here.accessToken).gql(CHANGE, { input: { currentPassword: 'demo', newPassword: 'short' } });
    expect(userErrorOf(short)).toMatchObject({ fields: ['newPassword'] });
    const changed = await bearer(here.accessToken).ok(CHANGE, { input: { currentPassword: 'demo', newPassword: 'correct horse battery' } });
    expect(changed.changePassword.revokedSessions).toBeGreaterThanOrEqual(1);
    expect(errorOf(await bearer(elsewhere.accessToken).gql(VIEWER)).code).toBe('UNAUTHENTICATED');
    expect((await bearer(here.accessToken).ok(VIEWER)).viewer.email).toBe(email);
    expect((await signIn(email, 'correct horse battery')).user.email).toBe(email);
  });

  describe('API keys', () => {
    const CREATE = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id prefix scopes user { email } } userErrors { field code message } } }';
    const REVOKE = 'mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { revokedAt } userErrors { field code message } } }';
    const COUNT = '{ customers { totalCount } }';

    it('acts as its creator narrowed to its scopes, by Authorization: ApiKey or X-Api-Key, until revoked', async () => {
      const created = (await server.ok(CREATE, { input: { name: 'ERP sync', scopes: ['CUSTOMER_READ', 'CUSTOMER_READ_ALL'] } })).createApiKey;
      expect(created.apiKey).toMatchObject({ scopes: ['CUSTOMER_READ', 'CUSTOMER_READ_ALL'], user: { email: 'admin@demo.local' } });
      expect(created.key).toMatch(new RegExp(`^rk_${created.apiKey.prefix}_`));
      const stored = await server.db.prisma.apiKey.findFirstOrThrow({ where: { prefix: created.apiKey.prefix } });
      // The secret is base64url, so it may itself contain '_': take everything after the prefix.
      const secret = created.key.slice(`rk_${created.apiKey.prefix}_`.length);
      expect(secret).toHaveLength(43);
      expect(JSON.stringify(stored)).not.toContain(secret);

      const all = (await server.ok(COUNT)).customers.totalCount;
      const byHeader = server.client({ authorization: `ApiKey ${created.key}` });
      const byXHeader = server.client({ headers: { 'x-api-key': created.key } });
      expect((await byHeader.ok(COUNT)).customers.totalCount).toBe(all);
      expect((await byXHeader.ok(COUNT)).customers.totalCount).toBe(all);
      const write = await byHeader.gql('mutation { createCustomer(input: { name: "By key" }) { customer { id } userErrors { field code message } } }');
      expect(errorOf(write).code).toBe('FORBIDDEN');
      const mint = await byHeader.gql(CREATE, { input: { name: 'Child', scopes: ['CUSTOMER_READ'] } });
      expect(errorOf(mint).code).toBe('FORBIDDEN');

      await server.ok(REVOKE, { id: created.apiKey.id });
      expect(errorOf(await byHeader.gql(COUNT))).toMatchObject({ code: 'UNAUTHENTICATED', message: '该 API 密钥已被吊销' });
      const listed = await server.ok('{ apiKeys(first: 10) { edges { node { prefix revokedAt } } } }');
      expect(listed.apiKeys.edges.map((e: any) => e.node.prefix)).toContain(created.apiKey.prefix);
    });

    it('is for apiKey.manage holders, and never holds more than its creator', async () => {
      expect(errorOf(await server.as('rep@demo.local').gql(CREATE, { input: { name: 'Mine', scopes: ['CUSTOMER_READ'] } })).code).toBe('FORBIDDEN');
      expect(errorOf(await server.as('rep@demo.local').gql('{ apiKeys { totalCount: edges { cursor } } }')).code).toBe('FORBIDDEN');
      const beyond = await server.as('manager@demo.local').gql(CREATE, { input: { name: 'Audit', scopes: ['AUDIT_READ'] } });
      expect(errorOf(beyond)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/audit.read/) });
      const own = (await server.as('manager@demo.local').ok(CREATE, { input: { name: 'Team report', scopes: ['CUSTOMER_READ', 'CUSTOMER_TEAM'] } })).createApiKey;
      const managerCount = (await server.as('manager@demo.local').ok(COUNT)).customers.totalCount;
      expect((await server.client({ authorization: `ApiKey ${own.key}` }).ok(COUNT)).customers.totalCount).toBe(managerCount);
    });
  });

  describe('over graphql-ws', () => {
    const wsRun = (connectionParams: Record<string, unknown> | undefined, query: string) => {
      const client = createClient({
        url: server.url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        ...(connectionParams ? { connectionParams } : {}),
      });
      return new Promise<{ data?: any; errors?: any[]; closed?: number }>((resolve) => {
        client.on('closed', (event) => resolve({ closed: (event as { code: number }).code }));
        client.subscribe(
          { query },
          {
            next: (result) => resolve(result as never),
            error: (error) => resolve(Array.isArray(error) ? { errors: error } : { closed: (error as { code?: number }).code ?? -1 }),
            complete: () => {},
          },
        );
      }).finally(() => client.dispose());
    };

    it('authenticates in connection_init', async () => {
      const result = await wsRun({ authorization: await server.as('rep@demo.local').authorization() }, VIEWER);
      expect(result.data?.viewer).toEqual({ email: 'rep@demo.local', role: 'SALES' });
    });

    it('answers UNAUTHENTICATED without credentials and closes the socket for refused ones', async () => {
      const anonymous = await wsRun(undefined, '{ customers { totalCount } }');
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const subscription = await wsRun(undefined, 'subscription { alerts { id } }');
      expect(subscription.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await wsRun({ authorization: 'Bearer not-a-token' }, VIEWER)).closed).toBe(4403);
    });
  });
});
