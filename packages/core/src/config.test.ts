import { describe, expect, it } from 'vitest';
import type { PermissionDefinition } from './auth/permissions.js';
import { loadConfig, withPluginPermissions } from './config.js';

describe('loadConfig', () => {
  it('uses defaults for unset and empty variables', () => {
    const config = loadConfig({ PORT: '' });
    expect(config).toMatchObject({ port: 4000, databaseUrl: undefined, plugins: undefined, maxPageSize: 100, seedDemo: 'auto' });
  });

  it('reads plugin lists, where set-but-empty means none', () => {
    expect(loadConfig({ RAPPORT_PLUGINS: ' service , marketing,' }).plugins).toEqual(['service', 'marketing']);
    expect(loadConfig({ RAPPORT_PLUGINS: '' }).plugins).toEqual([]);
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'x', DATABASE_URL: 'not a url', RAPPORT_SEED_DEMO: 'sometimes' })).toThrow(
      /PORT: .*DATABASE_URL: .*RAPPORT_SEED_DEMO: /,
    );
  });

  it('replaces the permissions of the roles RAPPORT_ROLE_PERMISSIONS names, and names it when invalid', () => {
    const config = loadConfig({ RAPPORT_ROLE_PERMISSIONS: '{"SALES": ["customer.read", "customer.viewFinancials"]}' });
    expect([...config.rolePermissions.SALES]).toEqual(['customer.read', 'customer.viewFinancials']);
    expect(config.rolePermissions.ADMIN.has('audit.read')).toBe(true);
    // Permission names are checked once the enabled plugins' are known (createApp).
    const misspelt = loadConfig({ RAPPORT_ROLE_PERMISSIONS: '{"SALES": ["customer.fly"]}' });
    expect(() => withPluginPermissions(misspelt, [])).toThrow(/RAPPORT_ROLE_PERMISSIONS: SALES\.0: unknown permission "customer\.fly"/);
    expect(() => loadConfig({ RAPPORT_ROLE_PERMISSIONS: '{"INTERN": []}' })).toThrow(/RAPPORT_ROLE_PERMISSIONS: .*INTERN/);
    expect(() => loadConfig({ RAPPORT_AUTH_SECRET: 'short' })).toThrow(/RAPPORT_AUTH_SECRET: must be at least 32 characters/);
  });

  it("adds a plugin's permissions to ADMIN and the roles it names, unless RAPPORT_ROLE_PERMISSIONS replaces a role", () => {
    // A name no plugin of this program declares: cast, as a plugin's declaration merging would type it.
    const declared = [{ name: 'probe.use', description: 'Use the probe.', roles: ['SALES'] }] as unknown as PermissionDefinition[];
    const probe = declared[0]!.name;
    const config = withPluginPermissions(loadConfig({ RAPPORT_ROLE_PERMISSIONS: '{"MANAGER": ["customer.read", "probe.use"]}' }), declared);
    expect(config.permissions.get(probe)).toBe('Use the probe.');
    expect(config.rolePermissions.ADMIN.has(probe)).toBe(true);
    expect(config.rolePermissions.SALES.has(probe)).toBe(true);
    expect([...config.rolePermissions.MANAGER]).toEqual(['customer.read', probe]);
    expect(config.rolePermissions.SERVICE.has(probe)).toBe(false);
    expect(withPluginPermissions(loadConfig({}), []).permissions.has(probe)).toBe(false);
    expect(() => withPluginPermissions(loadConfig({}), [...declared, ...declared])).toThrow(/probe\.use is declared twice/);
  });

  it('reads a read replica, which needs PostgreSQL as the primary', () => {
    expect(loadConfig({}).databaseReplicaUrl).toBeUndefined();
    const both = { DATABASE_URL: 'postgresql://db/rapport', DATABASE_REPLICA_URL: 'postgresql://replica/rapport' };
    expect(loadConfig(both).databaseReplicaUrl).toBe('postgresql://replica/rapport');
    expect(() => loadConfig({ DATABASE_REPLICA_URL: 'postgresql://replica/rapport' })).toThrow(/DATABASE_REPLICA_URL: a read replica needs DATABASE_URL/);
  });

  it('never lets the default page size exceed the maximum', () => {
    expect(loadConfig({ RAPPORT_MAX_PAGE_SIZE: '10', RAPPORT_DEFAULT_PAGE_SIZE: '50' }).defaultPageSize).toBe(10);
  });
});
