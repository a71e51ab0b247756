import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import {
  AlertScheduler,
  authenticate,
  authSettings,
  buildSchema,
  followUpJob,
  customerRuleJobs,
  InProcessAlertBus,
  JobRunner,
  pluginJobs,
  pluginRoutes,
  systemClock,
  type AlertBus,
  type Clock,
  type Database,
  type EnabledPlugin,
  type RapportConfig,
  type RapportContext,
} from '@rapport/core';
import { credentialsOf, requestIdentity, useAnonymousIntrospectionGuard, type InitialContext } from './auth.js';
import { maskError } from './errors.js';
import { usePluginRoutes } from './plugin-routes.js';
import { usePageSizeLimit } from './limits.js';
import { useOperationLimits } from './operation-limits.js';
import { persistedQueryOver, usePersistedOperationsOnly, type PersistedOperations } from './persisted-operations.js';
import { InProcessRateLimitStore, useRateLimit, type RateLimitStore } from './rate-limit.js';

export interface AppOptions {
  config: RapportConfig;
  db: Database;
  plugins?: readonly EnabledPlugin[];
  clock?: Clock;
  /** Start the periodic jobs and the alert scheduler (tests run them by hand instead). */
  runJobs?: boolean;
  /** Fan-out of fired alerts; in-process unless the deployment shares one (Redis). */
  alertBus?: AlertBus;
  /** Rate-limit counters; in-process unless the deployment shares them (Redis). */
  rateLimitStore?: RateLimitStore;
  /** When given, only these operations run (RAPPORT_PERSISTED_OPERATIONS). */
  persistedOperations?: PersistedOperations;
  log?: (line: string) => void;
}

export interface RapportApp {
  yoga: YogaServerInstance<Record<string, unknown>, RapportContext>;
  schema: GraphQLSchema;
  server: Server;
  jobs: JobRunner;
  alerts: AlertScheduler;
  alertBus: AlertBus;
  listen(port?: number, host?: string): Promise<string>;
  /** Stops taking requests, lets in-flight ones finish (up to the grace period), closes the database. */
  close(): Promise<void>;
}

async function databaseStatus(db: Database): Promise<'ready' | 'database unavailable'> {
  try {
    await db.prisma.$queryRaw`SELECT 1`;
    return 'ready';
  } catch {
    return 'database unavailable';
  }
}

export function createApp({
  config,
  db,
  plugins = [],
  clock = systemClock,
  runJobs = false,
  alertBus = new InProcessAlertBus(),
  rateLimitStore = new InProcessRateLimitStore(),
  persistedOperations,
  log,
}: AppOptions): RapportApp {
  const schema = buildSchema({ plugins, maxPageSize: config.maxPageSize, defaultPageSize: config.defaultPageSize });
  const coreJobs = [{ job: followUpJob, config: { followUpAfterDays: config.followUpAfterDays } }, ...customerRuleJobs(config.customerRules)];
  const jobs = new JobRunner({ prisma: db.prisma, clock, jobs: [...coreJobs, ...pluginJobs(plugins)], ...(log ? { log } : {}) });
  const alerts = new AlertScheduler({ prisma: db.prisma, bus: alertBus, clock, intervalMs: config.alertIntervalMs, ...(log ? { log } : {}) });
  const routes = pluginRoutes(plugins);
  const auth = authSettings(config);
  const identify = requestIdentity(db.prisma, auth, clock, config.trustProxy);
  let draining = false;

  const yoga = createYoga<Record<string, unknown>, RapportContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: config.env !== 'production',
    maskedErrors: { maskError, isDev: config.env === 'development' },
    logging: config.env === 'test' ? 'error' : 'info',
    context: async (initial) => ({ prisma: db.prisma, clock, config, alertBus, ...(await identify(initial as InitialContext)) }),
    plugins: [
      usePluginRoutes(routes, { prisma: db.prisma, clock, log: log ?? (() => {}) }),
      ...(persistedOperations ? [usePersistedOperationsOnly(persistedOperations)] : []),
      useOperationLimits(config),
      useRateLimit({ store: rateLimitStore, limit: config.rateLimit, windowSeconds: config.rateLimitWindowSeconds, clock, ...(log ? { log } : {}) }),
      ...(config.env === 'production' ? [useAnonymousIntrospectionGuard()] : []),
      usePageSizeLimit(config.maxPageSize),
      {
        async onRequest({ url, endResponse, fetchAPI }) {
          if (url.pathname === '/healthz') endResponse(new fetchAPI.Response('ok', { status: 200 }));
          if (url.pathname === '/readyz') {
            const status = draining ? 'draining' : await databaseStatus(db);
            endResponse(new fetchAPI.Response(status, { status: status === 'ready' ? 200 : 503 }));
          }
        },
      },
    ],
  });

  const server = createServer(yoga);
  const wss = new WebSocketServer({ server, path: yoga.graphqlEndpoint });
  const wsServer = useServer(
    {
      execute: (args: any) => args.rootValue.execute(args),
      subscribe: (args: any) => args.rootValue.subscribe(args),
      // connection_init `{ authorization: 'Bearer …' }`: refused credentials close the socket (4403);
      // none leave it open for operations that answer UNAUTHENTICATED. Each operation re-authenticates.
      onConnect: async (ctx) => {
        const credentials = credentialsOf({ connectionParams: ctx.connectionParams ?? {} });
        if (!credentials.authorization && !credentials.apiKey) return true;
        return (await authenticate(db.prisma, auth, credentials, clock.now())).viewer !== null;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const query = persistedOperations ? persistedQueryOver(persistedOperations, payload) : payload.query;
        if (query instanceof GraphQLError) return [query];
        const params = { ...payload, query };
        const { schema: s, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
        });
        // Validation (and the limits checked with it) before the context: a refused operation costs no SQL.
        const document = parse(query);
        const errors = validate(s, document);
        if (errors.length) return errors;
        return {
          schema: s,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
      },
    },
    wss,
  );

  return {
    yoga,
    schema,
    server,
    jobs,
    alerts,
    alertBus,
    listen(port = config.port, host = config.host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          if (runJobs) {
            jobs.start();
            alerts.start();
          }
          const { port: bound } = server.address() as AddressInfo;
          resolve(`http://${host === '0.0.0.0' ? 'localhost' : host}:${bound}${yoga.graphqlEndpoint}`);
        });
      });
    },
    async close() {
      draining = true;
      await jobs.stop();
      await alerts.stop();
      await wsServer.dispose();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
      await closed;
      clearTimeout(timer);
      await alertBus.close();
      await rateLimitStore.close();
      await db.close();
    },
  };
}
