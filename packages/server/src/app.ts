import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import {
  AlertScheduler,
  auditEveryMutation,
  authenticate,
  authSettings,
  buildSchema,
  customerRuleJobs,
  followUpJob,
  InProcessAlertBus,
  JobRunner,
  pluginEndpoints,
  pluginPermissions,
  withPluginPermissions,
  loadRoleSettings,
  pluginJobs,
  pluginRoutes,
  systemClock,
  type AlertBus,
  type AuthSettings,
  type PluginEndpoint,
  type Clock,
  type Database,
  type EnabledPlugin,
  type RapportConfig,
  type RapportContext,
} from '@rapport/core';
import {
  credentialsOf,
  requestIdentity,
  useAnonymousIntrospectionGuard,
  useNoIntrospection,
  type Authenticator,
  type InitialContext,
} from './auth.js';
import { maskError } from './errors.js';
import { consoleHandler, defaultConsoleDir } from './console.js';
import { usePluginRoutes } from './plugin-routes.js';
import { usePageSizeLimit } from './limits.js';
import { useNoSuggestions } from './suggestions.js';
import { useCredentialsPerEvent } from './subscription-credentials.js';
import { useStorableTextOnly } from './text-input.js';
import { useOperationLimits, validationErrors } from './operation-limits.js';
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
  /** The console's built assets, served at `/` (default: @rapport/console's dist when built; null: none). */
  consoleDir?: string | null;
}

export interface RapportApp {
  yoga: YogaServerInstance<Record<string, unknown>, RapportContext>;
  schema: GraphQLSchema;
  /** The plugins' extra endpoints by name, e.g. `partner-portal`. */
  endpoints: Record<string, { path: string; schema: GraphQLSchema }>;
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

/** What one GraphQL endpoint needs: its schema, how it tells who is asking, and its limits. */
interface EndpointSetup {
  path: string;
  schema: GraphQLSchema;
  authenticate: Authenticator;
  limits: { maxDepth: number; maxCost: number; maxAliases: number; rateLimit: number; rateLimitWindowSeconds: number };
  introspection: 'always' | 'signed-in' | 'never';
  /** Separates its rate-limit budget from other endpoints'. */
  rateKeyPrefix: string;
  extraPlugins?: Plugin<RapportContext>[];
}

interface Shared {
  config: RapportConfig;
  db: Database;
  clock: Clock;
  alertBus: AlertBus;
  rateLimitStore: RateLimitStore;
  persistedOperations: PersistedOperations | undefined;
  auth: AuthSettings;
  log: ((line: string) => void) | undefined;
}

type Yoga = YogaServerInstance<Record<string, unknown>, RapportContext>;

/** One GraphQL endpoint: yoga over HTTP (and SSE) plus graphql-ws on a socket server routed to its path. */
function serveEndpoint(setup: EndpointSetup, shared: Shared): { yoga: Yoga; wss: WebSocketServer; dispose: () => Promise<void> } {
  const { config, db, clock, alertBus, rateLimitStore, persistedOperations, auth, log } = shared;
  const identify = requestIdentity(db.prisma, auth, clock, config.trustProxy, setup.authenticate);
  const yoga = createYoga<Record<string, unknown>, RapportContext>({
    schema: setup.schema,
    graphqlEndpoint: setup.path,
    landingPage: false,
    graphiql: config.env !== 'production' && setup.introspection !== 'never',
    maskedErrors: { maskError, isDev: config.env === 'development' },
    logging: config.env === 'test' ? 'error' : 'info',
    context: async (initial) => ({ prisma: db.prisma, clock, config, alertBus, ...(await identify(initial as InitialContext)) }),
    plugins: [
      ...(config.env === 'production' ? [useNoSuggestions()] : []),
      ...(persistedOperations ? [usePersistedOperationsOnly(persistedOperations)] : []),
      ...(setup.introspection === 'never' ? [useNoIntrospection()] : []),
      useOperationLimits({ ...setup.limits, defaultPageSize: config.defaultPageSize }),
      useStorableTextOnly(),
      useRateLimit({
        store: rateLimitStore,
        limit: setup.limits.rateLimit,
        windowSeconds: setup.limits.rateLimitWindowSeconds,
        clock,
        keyPrefix: setup.rateKeyPrefix,
        ...(log ? { log } : {}),
      }),
      ...(setup.introspection === 'signed-in' ? [useAnonymousIntrospectionGuard()] : []),
      usePageSizeLimit(config.maxPageSize),
      useCredentialsPerEvent(
        (context, openedAt) => setup.authenticate(db.prisma, auth, credentialsOf(context as InitialContext), openedAt),
        () => clock.now(),
        config.subscriptionRecheckSeconds * 1000,
      ),
      ...(setup.extraPlugins ?? []),
    ],
  });

  const wss = new WebSocketServer({ noServer: true });
  const wsServer = useServer(
    {
      execute: (args: any) => args.rootValue.execute(args),
      subscribe: (args: any) => args.rootValue.subscribe(args),
      // connection_init `{ authorization: 'Bearer …' }`: refused credentials close the socket (4403);
      // none leave it open for operations that answer UNAUTHENTICATED. Each operation re-authenticates.
      onConnect: async (ctx) => {
        const credentials = credentialsOf({ connectionParams: ctx.connectionParams ?? {} });
        if (!credentials.authorization && !credentials.apiKey) return true;
        return (await setup.authenticate(db.prisma, auth, credentials, clock.now())).viewer !== null;
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
        const errors = validationErrors(() => validate(s, document));
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
  return { yoga, wss, dispose: async () => void (await wsServer.dispose()) };
}

/** A plugin endpoint's setup: its own limits where it sets them, the deployment's otherwise. */
function pluginEndpointSetup(endpoint: PluginEndpoint, config: RapportConfig): EndpointSetup {
  const schema = endpoint.buildSchema();
  auditEveryMutation(schema);
  return {
    path: endpoint.path,
    schema,
    authenticate: (prisma, settings, credentials, now) => endpoint.authenticate(prisma, settings, credentials, now),
    limits: {
      maxDepth: endpoint.limits?.maxDepth ?? config.maxDepth,
      maxCost: endpoint.limits?.maxCost ?? config.maxCost,
      maxAliases: endpoint.limits?.maxAliases ?? config.maxAliases,
      rateLimit: endpoint.limits?.rateLimit ?? config.rateLimit,
      rateLimitWindowSeconds: endpoint.limits?.rateLimitWindowSeconds ?? config.rateLimitWindowSeconds,
    },
    introspection: endpoint.introspection ? (config.env === 'production' ? 'signed-in' : 'always') : 'never',
    rateKeyPrefix: `${endpoint.name}:`,
  };
}

export function createApp({
  db,
  plugins = [],
  clock = systemClock,
  runJobs = false,
  alertBus = new InProcessAlertBus(),
  rateLimitStore = new InProcessRateLimitStore(),
  persistedOperations,
  log,
  config: loaded,
  consoleDir = defaultConsoleDir(),
}: AppOptions): RapportApp {
  // The enabled plugins' permissions join the catalog and the roles (RAPPORT_ROLE_PERMISSIONS checked now).
  const config = withPluginPermissions(loaded, pluginPermissions(plugins));
  const schema = buildSchema({ plugins, maxPageSize: config.maxPageSize, defaultPageSize: config.defaultPageSize });
  const coreJobs = [{ job: followUpJob, config: { followUpAfterDays: config.followUpAfterDays } }, ...customerRuleJobs(config.customerRules)];
  const jobs = new JobRunner({ prisma: db.prisma, clock, jobs: [...coreJobs, ...pluginJobs(plugins)], tickMs: config.jobTickMs, ...(log ? { log } : {}) });
  const alerts = new AlertScheduler({ prisma: db.prisma, bus: alertBus, clock, intervalMs: config.alertIntervalMs, ...(log ? { log } : {}) });
  const shared: Shared = { config, db, clock, alertBus, rateLimitStore, persistedOperations, auth: authSettings(config), log };
  const routes = pluginRoutes(plugins);
  let draining = false;

  const health: Plugin<RapportContext> = {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === '/healthz') endResponse(new fetchAPI.Response('ok', { status: 200 }));
      if (url.pathname === '/readyz') {
        const status = draining ? 'draining' : await databaseStatus(db);
        endResponse(new fetchAPI.Response(status, { status: status === 'ready' ? 200 : 503 }));
      }
    },
  };
  const main = serveEndpoint(
    {
      path: '/graphql',
      schema,
      authenticate,
      limits: config,
      introspection: config.env === 'production' ? 'signed-in' : 'always',
      rateKeyPrefix: '',
      extraPlugins: [health, usePluginRoutes(routes, { prisma: db.prisma, clock, log: log ?? (() => {}) })],
    },
    shared,
  );
  const extra = pluginEndpoints(plugins, config).map((endpoint) => {
    const setup = pluginEndpointSetup(endpoint, config);
    return { endpoint, schema: setup.schema, ...serveEndpoint(setup, shared) };
  });
  const byPath = new Map([[main.yoga.graphqlEndpoint, main], ...extra.map((e) => [e.endpoint.path, e] as const)]);
  const routed = (url: string | undefined) => byPath.get(new URL(url ?? '/', 'http://localhost').pathname);

  // The main endpoint also answers /healthz, /readyz and the plugins' HTTP routes; any other path is 404
  // (yoga alone would serve /graphql under any path ending in it, e.g. a disabled plugin's /partner/graphql).
  const mainPaths = new Set(['/healthz', '/readyz', ...routes.map(({ route }) => route.path)]);
  const serveConsole = consoleHandler(consoleDir);
  const server = createServer((req, res) => {
    const target = routed(req.url);
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (target || mainPaths.has(pathname)) return void (target ?? main).yoga(req, res);
    if (serveConsole(req, res)) return;
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  });
  server.on('upgrade', (req, socket, head) => {
    const target = routed(req.url);
    if (!target) return void socket.destroy();
    target.wss.handleUpgrade(req, socket, head, (ws) => target.wss.emit('connection', ws, req));
  });

  return {
    yoga: main.yoga,
    schema,
    endpoints: Object.fromEntries(extra.map((e) => [e.endpoint.name, { path: e.endpoint.path, schema: e.schema }])),
    server,
    jobs,
    alerts,
    alertBus,
    async listen(port = config.port, host = config.host) {
      // Role lists an admin set through the graph (setRolePermissions) apply from the first request.
      await loadRoleSettings(db.prisma, config);
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        // Node's default accept backlog (511) overflows when thousands of WebSocket clients connect
        // at once (a deploy, a network blip): the kernel then drops or resets them. Ask for more.
        server.listen({ port, host, backlog: config.listenBacklog }, () => {
          if (runJobs) {
            jobs.start();
            alerts.start();
          }
          const { port: bound } = server.address() as AddressInfo;
          resolve(`http://${host === '0.0.0.0' ? 'localhost' : host}:${bound}${main.yoga.graphqlEndpoint}`);
        });
      });
    },
    async close() {
      draining = true;
      await jobs.stop();
      await alerts.stop();
      await Promise.all([main, ...extra].map((e) => e.dispose()));
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
