import type { Plugin } from 'graphql-yoga';
import type { Clock, CustomerRules, DeploymentLocale, MountedRoute, PrismaClient } from '@rapport/core';

const json = (status: number, body: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/**
 * Serves the plugins' HTTP routes (webhooks and the like) before GraphQL sees the request. A known
 * path with another method is 405; a handler that throws is a 500 that names nothing internal.
 */
export function usePluginRoutes<Context extends Record<string, any>>(
  routes: readonly MountedRoute[],
  services: { prisma: PrismaClient; clock: Clock; customerRules: CustomerRules; locale: DeploymentLocale; log: (line: string) => void },
): Plugin<Context> {
  return {
    async onRequest({ request, url, endResponse }) {
      const atPath = routes.filter(({ route }) => route.path === url.pathname);
      if (atPath.length === 0) return;
      const mounted = atPath.find(({ route }) => route.method === request.method);
      if (!mounted) {
        const allow = atPath.map(({ route }) => route.method).join(', ');
        endResponse(json(405, { error: 'METHOD_NOT_ALLOWED', message: `Use ${allow}` }, { allow }));
        return;
      }
      try {
        endResponse(await mounted.route.handler(request, { ...services, config: mounted.config }));
      } catch (error) {
        services.log(`route ${mounted.route.method} ${mounted.route.path} failed: ${(error as Error).message}`);
        endResponse(json(500, { error: 'INTERNAL_SERVER_ERROR', message: 'Unexpected error' }));
      }
    },
  };
}
