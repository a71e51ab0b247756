import { describe, expect, it } from 'vitest';
import { definePlugin, pluginRoutes, PluginConfigurationError, type EnabledPlugin, type PluginRoute } from './plugin.js';

const route = (path: string, method: PluginRoute['method'] = 'POST'): PluginRoute => ({ method, path, handler: async () => new Response('ok') });
const enabled = (name: string, routes: PluginRoute[], config: unknown = { name }): EnabledPlugin => ({
  plugin: definePlugin({ name, version: '1.0.0', register() {}, routes }),
  config,
});

describe('pluginRoutes', () => {
  it('mounts each enabled plugin’s routes with its configuration', () => {
    const mounted = pluginRoutes([enabled('a', [route('/hooks/a'), route('/hooks/a', 'GET')]), enabled('b', [route('/hooks/b')])]);
    expect(mounted.map((m) => [m.route.method, m.route.path, m.config])).toEqual([
      ['POST', '/hooks/a', { name: 'a' }],
      ['GET', '/hooks/a', { name: 'a' }],
      ['POST', '/hooks/b', { name: 'b' }],
    ]);
  });

  it("refuses a route taken by another plugin or by the server", () => {
    expect(() => pluginRoutes([enabled('a', [route('/hooks/x')]), enabled('b', [route('/hooks/x')])])).toThrow(
      new PluginConfigurationError('Plugin "b" route POST /hooks/x is already served by plugin "a"'),
    );
    expect(() => pluginRoutes([enabled('a', [route('/graphql')])])).toThrow(/route POST \/graphql is already served by the server/);
  });
});
