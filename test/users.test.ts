// User administration through the graph: users and teams, invitations and password resets, deactivation
// with hand-over, the manager's scope, and the sign-in lock-out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, definePlugin, resolvePlugins, sha256, type AccountMessage, type Notifier } from '@rapport/core';
import servicePlugin from '@rapport/plugin-service';
import { createTestDatabase } from '@rapport/core/testing';
import { databaseKinds, errorOf, userErrorOf, startTestServer, type TestClient, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

const LOGIN = 'mutation($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { accessToken } }';
const CREATE_USER = 'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id email name role locale timeZone phone version team { name } } userErrors { field code message } } }';
const UPDATE_USER = 'mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { id name role phone locale timeZone version team { name } } userErrors { field code message } } }';
const DEACTIVATE = `mutation($input: DeactivateUserInput!) { deactivateUser(input: $input) {
  user { active } successor { email } handOver { customersToSuccessor customersToPool openTasks other { kind count } } revokedSessions revokedApiKeys userErrors { field code message } } }`;
const USER = 'query($email: String!) { users(first: 10, activeOnly: false, filter: { search: $email }) { edges { node { id email version active team { id name } } } } }';

/** Collects delivered account messages; `next` waits for the next one (deliveries may not be awaited by the request). */
function capturingNotifier() {
  const messages: AccountMessage[] = [];
  let waiting: ((m: AccountMessage) => void) | null = null;
  const notifier: Notifier = {
    async deliver(message) {
      messages.push(message);
      waiting?.(message);
      waiting = null;
    },
  };
  const next = () => new Promise<AccountMessage>((resolve) => (waiting = resolve));
  return { notifier, messages, next };
}

const tokenOf = (message: AccountMessage) => new URL(message.link).searchParams.get('token')!;

describe.each(kinds)('user administration on %s', (database) => {
  let server: TestServer;
  const mail = capturingNotifier();
  const userByEmail = async (email: string) => (await server.ok(USER, { email })).users.edges.map((e: any) => e.node).find((u: any) => u.email === email);
  const signIn = (email: string, password: string) => server.anonymous.gql(LOGIN, { email, password });
  const users = () => server.db.prisma.user.count();

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 12, plugins: resolvePlugins([servicePlugin], ['service']), notifier: mail.notifier });
  });
  afterAll(() => server?.close());

  it('lists users by name or e-mail, role, team and activity', async () => {
    const east = (await userByEmail('manager@demo.local')).team.id;
    const q = 'query($f: UserFilter, $all: Boolean) { users(first: 50, activeOnly: $all, filter: $f) { totalCount edges { node { email } } } }';
    const emails = async (f: unknown, all = true) => (await server.ok(q, { f, all })).users.edges.map((e: any) => e.node.email);
    expect(await emails({ search: 'LI', roles: ['SALES'] })).toEqual(['li.wei@demo.local', 'liu.yang@demo.local']);
    expect(await emails({ teamIds: [east], roles: ['MANAGER'] })).toEqual(['manager@demo.local']);
    expect(await emails({ teamIds: [east] })).toEqual(['li.wei@demo.local', 'manager@demo.local', 'rep@demo.local', 'sophie.becker@demo.local']);
    expect(await emails({ active: false })).toEqual([]);
  });

  it('reads a page of users with team and manager in the same number of statements whatever its size', async () => {
    const q = 'query($n: Int!) { users(first: $n) { totalCount edges { node { email team { name manager { name } members { email } } managedTeams { name } } } } }';
    const count = async (n: number) => {
      server.statements.length = 0;
      const page = await server.ok(q, { n });
      expect(page.users.edges).toHaveLength(n);
      return server.statements.length;
    };
    await count(1);
    expect(await count(12)).toBe(await count(2));
  });

  it('creates a user with every bad field named, and writes nothing then', async () => {
    const before = await users();
    const bad = await server.gql(CREATE_USER, { input: { name: ' ', email: 'not-mail', locale: 'zh', timeZone: 'Mars/Olympus', phone: 'call me' } });
    expect(userErrorOf(bad)).toMatchObject({ fields: ['email', 'locale', 'name', 'phone', 'timeZone'] });
    const taken = await server.gql(CREATE_USER, { input: { name: 'Again', email: 'REP@demo.local', teamId: 'VGVhbTowMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDA=' } });
    expect(userErrorOf(taken)).toMatchObject({ fields: ['email', 'teamId'] });
    expect(userErrorOf(await server.gql(CREATE_USER, { input: { name: 'Short', email: 's@acme.cn', password: 'short' } })).fields).toEqual(['password']);
    expect(await users()).toBe(before);

    const created = (await server.ok(CREATE_USER, { input: { name: '周杰', email: 'Zhou.Jie@acme.cn', password: 'a-long-password', timeZone: 'Asia/Urumqi' } })).createUser.user;
    expect(created).toMatchObject({ email: 'zhou.jie@acme.cn', role: 'SALES', locale: 'zh-CN', timeZone: 'Asia/Urumqi', team: null, version: 1 });
    expect(errorOf(await signIn('zhou.jie@acme.cn', 'a-long-password')).code).toBeUndefined();
    const entry = await server.db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'user.create', actorLabel: 'admin@demo.local' }, orderBy: { at: 'desc' } });
    expect(entry.after).toMatchObject({ email: 'zhou.jie@acme.cn', canSignIn: true });
    expect(JSON.stringify(entry.after)).not.toMatch(/scrypt/);
  });

  it('lets a manager act on their own team only, never granting ADMIN', async () => {
    const manager = server.as('manager@demo.local');
    const east = (await userByEmail('manager@demo.local')).team.id;
    const north = (await userByEmail('chen.jing@demo.local')).team.id;
    const input = { name: 'New Rep', email: 'new.rep@demo.local', password: 'a-long-password' };
    expect(userErrorOf(await manager.gql(CREATE_USER, { input: { ...input, role: 'ADMIN', teamId: north } }))).toMatchObject({ fields: ['role', 'teamId'] });
    expect(userErrorOf(await manager.gql(CREATE_USER, { input })).fields).toEqual(['teamId']);
    const rep = (await manager.ok(CREATE_USER, { input: { ...input, teamId: east } })).createUser.user;
    expect(rep.team.name).toBe('East Sales');

    const chen = await userByEmail('chen.jing@demo.local');
    expect(errorOf(await manager.gql(UPDATE_USER, { input: { id: chen.id, version: chen.version, phone: '123456' } }))).toMatchObject({
      code: 'FORBIDDEN',
      message: '你只能管理自己所管团队的成员',
    });
    const admin = await userByEmail('admin@demo.local');
    expect(errorOf(await manager.gql(UPDATE_USER, { input: { id: admin.id, version: admin.version, name: 'x' } }))).toMatchObject({ code: 'FORBIDDEN', message: '只有管理员可以修改管理员' });
    expect(userErrorOf(await manager.gql(UPDATE_USER, { input: { id: rep.id, version: rep.version, role: 'ADMIN' } }))).toMatchObject({
      fields: ['role'],
      message: '只有管理员可以把他人设为管理员',
    });
    expect(userErrorOf(await manager.gql(UPDATE_USER, { input: { id: rep.id, version: rep.version, teamId: north } })).fields).toEqual(['teamId']);
    const promoted = (await manager.ok(UPDATE_USER, { input: { id: rep.id, version: rep.version, role: 'MARKETING', phone: '+86 21 5555 0101' } })).updateUser.user;
    expect(promoted).toMatchObject({ role: 'MARKETING', phone: '+86 21 5555 0101', version: 2 });
    expect(errorOf(await manager.gql(DEACTIVATE, { input: { id: chen.id } })).code).toBe('FORBIDDEN');
    expect(errorOf(await manager.gql('mutation { createTeam(input: { name: "Mine" }) { team { id } userErrors { field code message } } }')).code).toBe('FORBIDDEN');

    const repClient = server.as('rep@demo.local');
    expect(errorOf(await repClient.gql(CREATE_USER, { input: { ...input, email: 'x@demo.local' } })).code).toBe('FORBIDDEN');
  });

  it('lets anyone change their own name, phone, locale and time zone; versions guard every change', async () => {
    const rep = server.as('rep@demo.local');
    const me = await userByEmail('rep@demo.local');
    const changed = (await rep.ok(UPDATE_USER, { input: { id: me.id, version: me.version, locale: 'en', timeZone: 'Europe/Berlin' } })).updateUser.user;
    expect(changed).toMatchObject({ locale: 'en', timeZone: 'Europe/Berlin', version: me.version + 1 });
    // A refusal reads in the locale just chosen (en), whatever the default (zh-CN).
    expect(errorOf(await rep.gql(UPDATE_USER, { input: { id: me.id, version: changed.version, role: 'MANAGER' } }))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'This needs the user.manage or user.manageTeam permission',
    });
    const stale = await server.gql(UPDATE_USER, { input: { id: me.id, version: me.version, name: 'Stale' } });
    expect(userErrorOf(stale).codes).toEqual(['STALE_VERSION']);
    expect(userErrorOf(stale)).toMatchObject({ fields: ['version'], message: expect.stringContaining(`当前版本 ${changed.version}`) });
    const entry = await server.db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'user.update', actorLabel: 'rep@demo.local' }, orderBy: { at: 'desc' } });
    expect([(entry.before as any).locale, (entry.after as any).locale]).toEqual(['zh-CN', 'en']);
  });

  it('invites a user with a one-time, expiring link whose token is stored hashed', async () => {
    const next = mail.next();
    const invited = await server.ok('mutation { inviteUser(input: { name: "Wang Fang", email: "wang.fang@demo.local", locale: "en" }) { user { id } invitationExpiresAt userErrors { field code message } } }');
    const message = await next;
    expect(message).toMatchObject({ kind: 'invitation', to: { email: 'wang.fang@demo.local', locale: 'en' } });
    expect(message.link).toMatch(/^http:\/\/localhost:4000\/set-password\?token=/);
    expect(Date.parse(invited.inviteUser.invitationExpiresAt) - server.clock.now().getTime()).toBe(72 * 3_600_000);
    const token = tokenOf(message);
    const stored = await server.db.prisma.accountToken.findFirstOrThrow({ where: { user: { email: 'wang.fang@demo.local' } } });
    expect(stored.tokenHash).toBe(sha256(token));
    expect(errorOf(await signIn('wang.fang@demo.local', 'new-password-1')).code).toBe('UNAUTHENTICATED');

    const accept = 'mutation($t: String!, $p: String!) { acceptInvitation(input: { token: $t, newPassword: $p }) { email userErrors { field code message } } }';
    expect(userErrorOf(await server.anonymous.gql(accept, { t: token, p: 'short' })).fields).toEqual(['newPassword']);
    expect((await server.anonymous.ok(accept, { t: token, p: 'new-password-1' })).acceptInvitation.email).toBe('wang.fang@demo.local');
    expect(errorOf(await signIn('wang.fang@demo.local', 'new-password-1')).code).toBeUndefined();
    expect(userErrorOf(await server.anonymous.gql(accept, { t: token, p: 'new-password-2' })).fields).toEqual(['token']);

    const late = mail.next();
    await server.ok('mutation { inviteUser(input: { name: "Late Comer", email: "late@demo.local" }) { user { id } userErrors { field code message } } }');
    const lateToken = tokenOf(await late);
    server.clock.advance(72 * 3_600_000 + 1);
    expect(userErrorOf(await server.anonymous.gql(accept, { t: lateToken, p: 'new-password-1' })).fields).toEqual(['token']);
  });

  it('answers a reset request the same whether or not the e-mail exists; a reset ends every session', async () => {
    const request = 'mutation($e: String!) { requestPasswordReset(input: { email: $e }) { accepted userErrors { field code message } } }';
    const oldSession = (await server.anonymous.ok(LOGIN, { email: 'sophie.becker@demo.local', password: 'demo' })).login.accessToken;
    const sent = mail.messages.length;
    const unknown = await server.anonymous.raw(request, { e: 'nobody@demo.local' });
    const next = mail.next();
    const known = await server.anonymous.raw(request, { e: 'Sophie.Becker@demo.local' });
    expect([unknown.status, unknown.body]).toEqual([known.status, known.body]);
    const message = await next;
    expect(mail.messages.length).toBe(sent + 1);
    expect(message).toMatchObject({ kind: 'passwordReset', to: { email: 'sophie.becker@demo.local' } });
    expect(message.link).toMatch(/\/reset-password\?token=/);

    const reset = 'mutation($t: String!) { resetPassword(input: { token: $t, newPassword: "another-password" }) { email userErrors { field code message } } }';
    expect((await server.anonymous.ok(reset, { t: tokenOf(message) })).resetPassword.email).toBe('sophie.becker@demo.local');
    expect(errorOf(await server.client({ authorization: `Bearer ${oldSession}` }).gql('{ viewer { email } }')).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await signIn('sophie.becker@demo.local', 'demo')).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await signIn('sophie.becker@demo.local', 'another-password')).code).toBeUndefined();
    expect(userErrorOf(await server.anonymous.gql(reset, { t: tokenOf(message) })).fields).toEqual(['token']);
  });

  it('requires a successor for a rep with work, then hands customers, tasks and tickets over at once', async () => {
    const leaver = await userByEmail('li.wei@demo.local');
    const successor = await userByEmail('rep@demo.local');
    const leaverId = (await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'li.wei@demo.local' } })).id;
    const successorId = (await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'rep@demo.local' } })).id;
    const owned = await server.db.prisma.customer.count({ where: { ownerId: leaverId } });
    const openTasks = await server.db.prisma.activity.count({ where: { completedAt: null, dueAt: { not: null }, OR: [{ ownerId: leaverId }, { assigneeId: leaverId }] } });
    expect(owned).toBeGreaterThan(0);
    const customer = await server.db.prisma.customer.findFirstOrThrow({ where: { ownerId: leaverId } });
    const ticket = (
      await server.ok('mutation($c: ID!, $a: ID!) { openTicket(input: { customerId: $c, assigneeId: $a, subject: "Pump leaks", type: REPAIR, channel: PHONE }) { ticket { id } userErrors { field code message } } }', {
        c: Buffer.from(`Customer:${customer.id}`).toString('base64'),
        a: leaver.id,
      })
    ).openTicket.ticket;

    const missing = await server.gql(DEACTIVATE, { input: { id: leaver.id } });
    expect(userErrorOf(missing)).toMatchObject({ fields: ['successorId'] });
    expect(userErrorOf(await server.gql(DEACTIVATE, { input: { id: leaver.id, successorId: leaver.id } })).fields).toEqual(['successorId']);
    expect((await userByEmail('li.wei@demo.local')).active).toBe(true);

    const { deactivateUser } = await server.ok(DEACTIVATE, { input: { id: leaver.id, successorId: successor.id, version: leaver.version } });
    expect(deactivateUser).toMatchObject({
      user: { active: false },
      successor: { email: 'rep@demo.local' },
      handOver: { customersToSuccessor: owned, customersToPool: 0, openTasks, other: [{ kind: 'openTickets', count: 1 }] },
    });
    expect(await server.db.prisma.customer.count({ where: { ownerId: leaverId } })).toBe(0);
    const moved = await server.db.prisma.ticket.findUniqueOrThrow({ where: { id: Buffer.from(ticket.id, 'base64').toString().split(':')[1]! }, include: { events: true } });
    expect(moved.assigneeId).toBe(successorId);
    expect(moved.events.filter((e) => e.kind === 'ASSIGNED').at(-1)?.body).toMatch(/hand-over: Li Wei/);
    const actions = await server.db.prisma.auditEntry.groupBy({ by: ['action'], where: { action: { in: ['customer.handOver', 'activity.handOver', 'ticket.handOver', 'user.deactivate'] } }, _count: true });
    expect(Object.fromEntries(actions.map((a) => [a.action, a._count]))).toEqual({
      'customer.handOver': owned,
      ...(openTasks ? { 'activity.handOver': openTasks } : {}),
      'ticket.handOver': 1,
      'user.deactivate': 1,
    });
    expect(errorOf(await signIn('li.wei@demo.local', 'demo')).message).toBe('该账号已停用');

    const back = await server.ok('mutation($id: ID!) { reactivateUser(input: { id: $id }) { user { active } userErrors { field code message } } }', { id: leaver.id });
    expect(back.reactivateUser.user.active).toBe(true);
    expect(errorOf(await signIn('li.wei@demo.local', 'demo')).code).toBeUndefined();
    expect(await server.db.prisma.customer.count({ where: { ownerId: leaverId } })).toBe(0);
  });

  it('keeps the deployment administrable: no deactivating yourself, no demoting the last admin', async () => {
    const admin = await userByEmail('admin@demo.local');
    expect(userErrorOf(await server.gql(DEACTIVATE, { input: { id: admin.id } })).fields).toEqual(['id']);
    expect(userErrorOf(await server.gql(UPDATE_USER, { input: { id: admin.id, version: admin.version, role: 'MANAGER' } })).fields).toEqual(['role']);
  });

  it('creates and changes teams, their manager and members', async () => {
    const createTeam = 'mutation($input: CreateTeamInput!) { createTeam(input: $input) { team { id version name manager { email } } userErrors { field code message } } }';
    const manager = await userByEmail('zhang.min@demo.local');
    const rep = await userByEmail('chen.jing@demo.local');
    expect(userErrorOf(await server.gql(createTeam, { input: { name: 'East Sales' } })).fields).toEqual(['name']);
    expect(userErrorOf(await server.gql(createTeam, { input: { name: 'South Sales', managerId: rep.id } })).fields).toEqual(['managerId']);
    const team = (await server.ok(createTeam, { input: { name: '华南销售部', managerId: manager.id } })).createTeam.team;
    expect(team.manager.email).toBe('zhang.min@demo.local');

    const update = 'mutation($input: UpdateTeamInput!) { updateTeam(input: $input) { team { name version manager { email } } userErrors { field code message } } }';
    const renamed = (await server.ok(update, { input: { id: team.id, version: team.version, name: 'South Sales', managerId: null } })).updateTeam.team;
    expect(renamed).toEqual({ name: 'South Sales', version: 2, manager: null });
    expect(userErrorOf(await server.gql(update, { input: { id: team.id, version: 1, name: 'Stale' } })).codes).toEqual(['STALE_VERSION']);

    const add = 'mutation($t: ID!, $u: ID!) { addTeamMember(input: { teamId: $t, userId: $u }) { user { team { name } } team { members { email } } userErrors { field code message } } }';
    const remove = 'mutation($t: ID!, $u: ID!) { removeTeamMember(input: { teamId: $t, userId: $u }) { user { team { name } } userErrors { field code message } } }';
    const added = (await server.ok(add, { t: team.id, u: rep.id })).addTeamMember;
    expect(added).toEqual({ user: { team: { name: 'South Sales' } }, team: { members: [{ email: 'chen.jing@demo.local' }] }, userErrors: [] });
    expect(errorOf(await server.as('manager@demo.local').gql(add, { t: (await userByEmail('manager@demo.local')).team.id, u: rep.id })).code).toBe('FORBIDDEN');
    expect((await server.ok(remove, { t: team.id, u: rep.id })).removeTeamMember.user.team).toBeNull();
    expect(userErrorOf(await server.gql(remove, { t: team.id, u: rep.id })).fields).toEqual(['userId']);
  });
});

describe.each(kinds)('hand-over at the per-owner maximum on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, env: { RAPPORT_POOL_MAX_CUSTOMERS: '3' } });
  });
  afterAll(() => server?.close());

  it('gives the successor what fits and releases the surplus to the public pool, reported and recorded', async () => {
    await createAdmin(server.db.prisma, { email: 'root@acme.cn', name: 'Root', password: 'root-password' }, { clock: server.clock, by: 'test' });
    const token = (await server.anonymous.ok(LOGIN, { email: 'root@acme.cn', password: 'root-password' })).login.accessToken;
    const admin = server.client({ authorization: `Bearer ${token}` });
    const make = async (email: string) => (await admin.ok(CREATE_USER, { input: { name: email, email, password: 'a-long-password' } })).createUser.user;
    const [leaver, successor] = [await make('leaver@acme.cn'), await make('successor@acme.cn')];
    const as = async (email: string): Promise<TestClient> =>
      server.client({ authorization: `Bearer ${(await server.anonymous.ok(LOGIN, { email, password: 'a-long-password' })).login.accessToken}` });
    const addCustomers = async (client: TestClient, names: string[]) => {
      for (const name of names) await client.ok('mutation($n: String!) { createCustomer(input: { name: $n }) { customer { id } userErrors { field code message } } }', { n: name });
    };
    await addCustomers(await as('leaver@acme.cn'), ['甲公司', '乙公司', '丙公司']);
    await addCustomers(await as('successor@acme.cn'), ['丁公司', '戊公司']);

    const result = (await admin.ok(DEACTIVATE, { input: { id: leaver.id, successorId: successor.id } })).deactivateUser;
    expect(result.handOver).toEqual({ customersToSuccessor: 1, customersToPool: 2, openTasks: 0, other: [] });
    const successorId = (await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'successor@acme.cn' } })).id;
    expect(await server.db.prisma.customer.count({ where: { ownerId: successorId } })).toBe(3);
    expect(await server.db.prisma.customer.count({ where: { ownerId: null } })).toBe(2);
    const transfers = await server.db.prisma.customerTransfer.groupBy({ by: ['kind'], _count: true });
    expect(Object.fromEntries(transfers.map((t) => [t.kind, t._count]))).toEqual({ RELEASE: 2, HAND_OVER: 1 });
    const released = await server.db.prisma.auditEntry.findMany({ where: { action: 'customer.release' } });
    expect(released.map((e) => (e.after as any).reason)).toEqual([expect.stringMatching(/most one may \(3\)/), expect.stringMatching(/most one may \(3\)/)]);
  });
});

describe.each(kinds)('sign-in lock-out on %s', (database) => {
  let server: TestServer;
  const from = (ip: string) => server.client({ email: null, headers: { 'x-forwarded-for': ip } });
  const attempt = (ip: string, email: string, password: string) => from(ip).raw(LOGIN, { email, password });

  beforeAll(async () => {
    server = await startTestServer({
      database,
      customers: 1,
      env: { RAPPORT_TRUST_PROXY: 'true', RAPPORT_SIGN_IN_MAX_FAILURES: '3', RAPPORT_SIGN_IN_IP_MAX_FAILURES: '5', RAPPORT_SIGN_IN_LOCK_SECONDS: '60' },
    });
  });
  afterAll(() => server?.close());

  it('locks an account after too many failures, even for the right password, until the lock runs out', async () => {
    for (let i = 0; i < 2; i++) expect(errorOf((await attempt('198.51.100.1', 'rep@demo.local', 'guess')).body).code).toBe('UNAUTHENTICATED');
    const third = await attempt('198.51.100.2', 'rep@demo.local', 'guess');
    expect([third.status, third.headers.get('retry-after'), errorOf(third.body).code]).toEqual([429, '60', 'SIGN_IN_LOCKED']);
    expect(third.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(60);
    const locked = await server.db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'auth.signInLocked' } });
    expect(locked.after).toEqual({ email: 'rep@demo.local', ip: '198.51.100.2', retryAfterSeconds: 60 });
    server.clock.advance(30_000);
    const right = await attempt('198.51.100.3', 'rep@demo.local', 'demo');
    expect([errorOf(right.body).code, right.body.errors?.[0]?.extensions?.retryAfterSeconds]).toEqual(['SIGN_IN_LOCKED', 30]);
    expect(errorOf((await attempt('198.51.100.3', 'manager@demo.local', 'demo')).body).code).toBeUndefined();
    server.clock.advance(30_000);
    expect(errorOf((await attempt('198.51.100.3', 'rep@demo.local', 'demo')).body).code).toBeUndefined();
  });

  it('forgets counters whose window and lock are over (the cleanup job)', async () => {
    await attempt('192.0.2.77', 'cleanup@x.cn', 'guess');
    const key = { key: 'account:cleanup@x.cn' };
    expect(await server.db.prisma.signInThrottle.count({ where: key })).toBe(1);
    server.clock.advance(61_000);
    expect(await server.app.jobs.runDue()).toContain('core.sign-in-throttle-cleanup');
    expect(await server.db.prisma.signInThrottle.count({ where: key })).toBe(0);
  });

  it('forgets an account’s failures on success', async () => {
    for (let i = 0; i < 2; i++) await attempt('198.51.100.4', 'agent@demo.local', 'guess');
    expect(errorOf((await attempt('198.51.100.4', 'agent@demo.local', 'demo')).body).code).toBeUndefined();
    for (let i = 0; i < 2; i++) expect(errorOf((await attempt('198.51.100.4', 'agent@demo.local', 'guess')).body).code).toBe('UNAUTHENTICATED');
  });

  it('locks a client IP that fails across many accounts, and only that IP', async () => {
    const emails = ['a@x.cn', 'b@x.cn', 'c@x.cn', 'd@x.cn'];
    for (const email of emails) expect(errorOf((await attempt('203.0.113.9', email, 'guess')).body).code).toBe('UNAUTHENTICATED');
    expect(errorOf((await attempt('203.0.113.9', 'e@x.cn', 'guess')).body).code).toBe('SIGN_IN_LOCKED');
    expect(errorOf((await attempt('203.0.113.9', 'admin@demo.local', 'demo')).body).code).toBe('SIGN_IN_LOCKED');
    expect(errorOf((await attempt('203.0.113.10', 'admin@demo.local', 'demo')).body).code).toBeUndefined();
  });
});

describe.runIf(kinds.includes('postgres'))('sign-in lock-out across instances on postgres', () => {
  let servers: TestServer[];
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const pg = (await createTestDatabase('rapport_lockout'))!;
    drop = pg.drop;
    const env = { RAPPORT_SIGN_IN_MAX_FAILURES: '3' };
    const first = await startTestServer({ database: 'postgres', existing: { databaseUrl: pg.url }, customers: 1, env });
    servers = [first, await startTestServer({ database: 'postgres', existing: { databaseUrl: pg.url }, env })];
  });
  afterAll(async () => {
    for (const s of servers ?? []) await s.close();
    await drop?.();
  });

  it('counts failures on one instance towards a lock on the other', async () => {
    const [a, b] = servers;
    await a!.anonymous.gql(LOGIN, { email: 'rep@demo.local', password: 'guess' });
    await b!.anonymous.gql(LOGIN, { email: 'rep@demo.local', password: 'guess' });
    expect(errorOf(await a!.anonymous.gql(LOGIN, { email: 'rep@demo.local', password: 'guess' })).code).toBe('SIGN_IN_LOCKED');
    expect(errorOf(await b!.anonymous.gql(LOGIN, { email: 'rep@demo.local', password: 'demo' })).code).toBe('SIGN_IN_LOCKED');
  });
});

describe.each(kinds)('a hand-over that fails on %s', (database) => {
  let server: TestServer;
  // A plugin whose part of the hand-over fails: everything before it in the transaction must vanish.
  const failing = definePlugin({
    name: 'failing-hand-over',
    version: '0.0.1',
    register() {},
    async onUserHandOver() {
      throw new Error('the ticket system is down');
    },
  });
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 12, plugins: resolvePlugins([failing], ['failing-hand-over']) });
  });
  afterAll(() => server?.close());

  it('writes nothing at all: the user stays active, keeps customers, tasks and sessions', async () => {
    const leaver = await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'li.wei@demo.local' } });
    const successor = await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'rep@demo.local' } });
    const session = server.as('li.wei@demo.local');
    await session.ok('{ viewer { email } }');
    await server.ok('{ viewer { email } }');
    const owned = await server.db.prisma.customer.count({ where: { ownerId: leaver.id } });
    const audits = await server.db.prisma.auditEntry.count();
    const id = (raw: string) => Buffer.from(`User:${raw}`).toString('base64');
    const result = await server.gql(DEACTIVATE, { input: { id: id(leaver.id), successorId: id(successor.id) } });
    expect(errorOf(result).code).toBe('INTERNAL_SERVER_ERROR');
    expect(await server.db.prisma.user.findUniqueOrThrow({ where: { id: leaver.id } })).toMatchObject({ active: true, version: leaver.version });
    expect(await server.db.prisma.customer.count({ where: { ownerId: leaver.id } })).toBe(owned);
    expect(await server.db.prisma.customerTransfer.count({ where: { kind: 'HAND_OVER' } })).toBe(0);
    expect(await server.db.prisma.auditEntry.count()).toBe(audits);
    expect((await session.ok('{ viewer { email } }')).viewer.email).toBe('li.wei@demo.local');
  });
});
