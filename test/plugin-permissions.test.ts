// A plugin declares its permissions (with default roles); they exist only while it is enabled, and
// RAPPORT_ROLE_PERMISSIONS can grant them like core's.
import { resolvePlugins } from '@rapport/core';
import marketingPlugin from '@rapport/plugin-marketing';
import { afterEach, describe, expect, it } from 'vitest';
import { errorOf, startTestServer, type TestServer } from './support/harness.js';

const CREATE_CAMPAIGN = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { campaign { name owner { email } } userErrors { field code message } } }`;
const INPUT = { name: 'Spring fair invitations', channel: 'EMAIL', startsAt: '2026-11-01T00:00:00Z', endsAt: '2026-12-01T00:00:00Z' };
const marketing = () => resolvePlugins([marketingPlugin], ['marketing']);

describe('plugin permissions', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("gives a plugin's permission to ADMIN and the roles it names, and not to others", async () => {
    server = await startTestServer({ database: 'pglite', plugins: marketing(), customers: 1 });
    const permissionsOf = async (email: string) => (await server!.as(email).ok('{ viewerPermissions }')).viewerPermissions as string[];
    expect(await permissionsOf('admin@demo.local')).toContain('CAMPAIGN_MANAGE');
    expect(await permissionsOf('manager@demo.local')).toContain('CAMPAIGN_MANAGE');
    expect(await permissionsOf('rep@demo.local')).not.toContain('CAMPAIGN_MANAGE');
    expect(errorOf(await server.as('rep@demo.local').gql(CREATE_CAMPAIGN, { input: INPUT })).code).toBe('FORBIDDEN');
  });

  it('lets RAPPORT_ROLE_PERMISSIONS grant a plugin permission to another role', async () => {
    const env = { RAPPORT_ROLE_PERMISSIONS: '{"SALES": ["customer.read", "customer.write", "campaign.manage"]}' };
    server = await startTestServer({ database: 'pglite', plugins: marketing(), customers: 1, env });
    const created = await server.as('rep@demo.local').ok(CREATE_CAMPAIGN, { input: INPUT });
    expect(created.createCampaign.campaign).toEqual({ name: INPUT.name, owner: { email: 'rep@demo.local' } });
  });

  it('knows no plugin permission while the plugin is off: none in the graph, and naming one stops start-up', async () => {
    server = await startTestServer({ database: 'pglite', customers: 1 });
    expect((await server.ok('{ viewerPermissions }')).viewerPermissions).not.toContain('CAMPAIGN_MANAGE');
    const values = (await server.ok('{ __type(name: "Permission") { enumValues { name } } }')).__type.enumValues.map((v: { name: string }) => v.name);
    expect(values).toContain('AUDIT_READ');
    expect(values).not.toContain('CAMPAIGN_MANAGE');
    await server.close();
    server = undefined;
    await expect(
      startTestServer({ database: 'pglite', env: { RAPPORT_ROLE_PERMISSIONS: '{"SALES": ["campaign.manage"]}' } }),
    ).rejects.toThrow(/RAPPORT_ROLE_PERMISSIONS: SALES\.0: unknown permission "campaign\.manage"/);
  });
});
