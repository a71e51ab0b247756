import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

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
    expect(() => loadConfig({ RAPPORT_ROLE_PERMISSIONS: '{"SALES": ["customer.fly"]}' })).toThrow(/RAPPORT_ROLE_PERMISSIONS: SALES\.0/);
    expect(() => loadConfig({ RAPPORT_ROLE_PERMISSIONS: '{"INTERN": []}' })).toThrow(/RAPPORT_ROLE_PERMISSIONS: .*INTERN/);
    expect(() => loadConfig({ RAPPORT_AUTH_SECRET: 'short' })).toThrow(/RAPPORT_AUTH_SECRET: must be at least 32 characters/);
  });

  it('never lets the default page size exceed the maximum', () => {
    expect(loadConfig({ RAPPORT_MAX_PAGE_SIZE: '10', RAPPORT_DEFAULT_PAGE_SIZE: '50' }).defaultPageSize).toBe(10);
  });
});
