import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin, resolvePlugins, type RapportPlugin } from './plugin.js';

const plugin = (name: string, requires: string[] = [], configSchema?: z.ZodType<unknown>): RapportPlugin<unknown> =>
  definePlugin({ name, version: '1.0.0', requires, configSchema, register: () => {} });

const names = (resolved: ReturnType<typeof resolvePlugins>) => resolved.map((p) => p.plugin.name);

describe('resolvePlugins', () => {
  const available = [plugin('service', ['knowledge?']), plugin('knowledge'), plugin('portal', ['service']), plugin('calls')];

  it('orders plugins after what they require, optional requirements included when enabled', () => {
    expect(names(resolvePlugins(available, ['portal', 'service', 'knowledge']))).toEqual(['knowledge', 'service', 'portal']);
    expect(names(resolvePlugins(available, ['service']))).toEqual(['service']);
  });

  it('names an unknown plugin', () => {
    expect(() => resolvePlugins(available, ['service', 'telepathy'])).toThrow(/Unknown plugin: telepathy/);
  });

  it('names a missing hard requirement', () => {
    expect(() => resolvePlugins(available, ['portal'])).toThrow('Plugin "portal" requires "service", which is not enabled');
  });

  it('names a cycle', () => {
    const cyclic = [plugin('a', ['b']), plugin('b', ['c']), plugin('c', ['a'])];
    expect(() => resolvePlugins(cyclic, ['a', 'b', 'c'])).toThrow('Plugin dependency cycle: a -> b -> c -> a');
  });

  it('validates each plugin configuration and applies its defaults', () => {
    const configured = [plugin('service', [], z.object({ urgentHours: z.number().int().positive().default(4) }))];
    expect(resolvePlugins(configured, ['service'])[0]?.config).toEqual({ urgentHours: 4 });
    expect(() => resolvePlugins(configured, ['service'], { service: { urgentHours: -1 } })).toThrow(
      /Invalid configuration for plugin "service": service.urgentHours: /,
    );
  });

  it('rejects a plugin name that is not a simple identifier', () => {
    expect(() => plugin('Bad Name')).toThrow(/lower-case/);
  });
});
