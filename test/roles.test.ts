// Roles' permissions are data: an admin grants a plugin permission to a role through the graph, and
// the role's users hold it from their next request; the change is audited.
import { resolvePlugins } from '@rapport/core';
import marketingPlugin from '@rapport/plugin-marketing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestServer, userErrorOf, type TestServer } from './support/harness.js';

const ROLES = '{ roles { role permissions pinned version } }';
const SET = 'mutation($input: SetRolePermissionsInput!) { setRolePermissions(input: $input) { role { role permissions version } userErrors { field code message } } }';
const CREATE_CAMPAIGN = 'mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { campaign { name owner { email } } userErrors { field code message } } }';
const CAMPAIGN = { name: 'Double Eleven mailing', channel: 'EMAIL', startsAt: '2026-11-01T00:00:00Z', endsAt: '2026-11-12T00:00:00Z' };

describe('role administration', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: 'pglite', plugins: resolvePlugins([marketingPlugin], ['marketing']), customers: 1 });
  });
  afterAll(() => server?.close());

  const sales = async () => (await server.ok(ROLES)).roles.find((r: { role: string }) => r.role === 'SALES');

  it("grants a plugin permission to a role; the role's signed-in users can use it at once, audited", async () => {
    const rep = server.as('rep@demo.local');
    expect(errorOf(await rep.gql(CREATE_CAMPAIGN, { input: CAMPAIGN })).code).toBe('FORBIDDEN');
    const before = await sales();
    expect(before).toEqual({ role: 'SALES', permissions: ['CUSTOMER_READ', 'CUSTOMER_WRITE'], pinned: false, version: 0 });

    const granted = await server.ok(SET, { input: { role: 'SALES', permissions: [...before.permissions, 'CAMPAIGN_MANAGE'], version: 0 } });
    expect(granted.setRolePermissions).toEqual({ role: { role: 'SALES', permissions: ['CUSTOMER_READ', 'CUSTOMER_WRITE', 'CAMPAIGN_MANAGE'], version: 1 }, userErrors: [] });

    // The same client, signed in before the change: no new sign-in needed.
    const created = await rep.ok(CREATE_CAMPAIGN, { input: CAMPAIGN });
    expect(created.createCampaign.campaign).toEqual({ name: CAMPAIGN.name, owner: { email: 'rep@demo.local' } });
    expect((await rep.ok('{ viewerPermissions }')).viewerPermissions).toContain('CAMPAIGN_MANAGE');

    const entries = await server.db.prisma.auditEntry.findMany({ where: { action: 'role.update' } });
    expect(entries).toEqual([
      expect.objectContaining({
        entityType: 'Role',
        entityId: 'SALES',
        actorLabel: expect.stringContaining('admin@demo.local'),
        before: { permissions: ['customer.read', 'customer.write'] },
        after: { permissions: ['customer.read', 'customer.write', 'campaign.manage'] },
      }),
    ]);
  });

  it('takes a permission away again, refusing a stale version and anyone without role.manage', async () => {
    const stale = await server.gql(SET, { input: { role: 'SALES', permissions: ['CUSTOMER_READ'], version: 0 } });
    expect(stale.data!.setRolePermissions.role).toBeNull();
    expect(userErrorOf(stale)).toMatchObject({ fields: ['version'], codes: ['STALE_VERSION'] });
    const byRep = await server.as('rep@demo.local').gql(SET, { input: { role: 'SALES', permissions: ['CUSTOMER_READ', 'CAMPAIGN_MANAGE', 'ROLE_MANAGE'], version: 1 } });
    expect(errorOf(byRep).code).toBe('FORBIDDEN');
    expect(errorOf(await server.as('rep@demo.local').gql(ROLES)).code).toBe('FORBIDDEN');
    expect((await sales()).version).toBe(1);

    await server.ok(SET, { input: { role: 'SALES', permissions: ['CUSTOMER_READ', 'CUSTOMER_WRITE'], version: 1 } });
    expect(errorOf(await server.as('rep@demo.local').gql(CREATE_CAMPAIGN, { input: CAMPAIGN })).code).toBe('FORBIDDEN');
    const lockout = await server.gql(SET, { input: { role: 'ADMIN', permissions: ['CUSTOMER_READ'], version: 0 } });
    expect(userErrorOf(lockout).fields).toEqual(['permissions']);
  });
});

describe('a role pinned by RAPPORT_ROLE_PERMISSIONS', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: 'pglite', customers: 1, env: { RAPPORT_ROLE_PERMISSIONS: '{"SALES": ["customer.read"]}' } });
  });
  afterAll(() => server?.close());

  it('is reported pinned and cannot be changed through the graph', async () => {
    const roles = (await server.ok(ROLES)).roles;
    expect(roles.find((r: { role: string }) => r.role === 'SALES')).toEqual({ role: 'SALES', permissions: ['CUSTOMER_READ'], pinned: true, version: 0 });
    const refused = await server.gql(SET, { input: { role: 'SALES', permissions: ['CUSTOMER_READ', 'CUSTOMER_WRITE'], version: 0 } });
    expect(userErrorOf(refused).fields).toEqual(['role']);
    expect(await server.db.prisma.roleSetting.count()).toBe(0);
  });
});
