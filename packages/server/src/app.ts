import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { getOperationAST, GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import {
  changesOf,
  type CachedTable,
  AlertScheduler,
  allExporters,
  downloadExport,
  downloadToken,
  exportFile,
  exportScheduleJob,
  EXPORT_PATH,
  auditEveryMutation,
  authenticate,
  authenticatePrincipal,
  authSettings,
  buildSchema,
  customerRuleJobs,
  customerSearchJob,
  followUpJob,
  customerCareJob,
  InProcessAlertBus,
  JobRunner,
  logNotifier,
  smtpNotifier,
  createMailer,
  enqueueAlertNotifications,
  notificationJobs,
  alertCatalogueOf,
  pluginEndpoints,
  pluginPermissions,
  withPluginPermissions,
  loadRoleSettings,
  pluginJobs,
  pluginRoutes,
  signInThrottleCleanupJob,
  deliveryRetentionJob,
  systemClock,
  taskOverdueWebhookJob,
  WebhookDispatcher,
  type AlertBus,
  type AuthSettings,
  type PluginEndpoint,
  type Clock,
  type Database,
  type EnabledPlugin,
  type Notifier,
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
import { maskError, useLocalizedErrors } from './errors.js';
import { GRAPHIQL_EXAMPLE, offlineGraphiQL } from './graphiql.js';
import { createLogger, yogaLogger, type Logger } from './logger.js';
import { meteredAlertBus, RapportMetrics } from './metrics.js';
import { RequestObserver, type RequestTracing } from './request-observer.js';
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
  /** Delivers invitation and password-reset links; the log (links only outside production) when absent. */
  notifier?: Notifier;
  log?: (line: string) => void;
  /** Structured logs (request lines, yoga's errors); silent unless given. */
  logger?: Logger;
  /** OpenTelemetry spans per request; only when tracing is configured. */
  tracing?: RequestTracing;
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
  /** Sends outbound webhooks from the outbox (started with the jobs). */
  webhooks: WebhookDispatcher;
  alertBus: AlertBus;
  metrics: RapportMetrics;
  /** True from the start of close(): /readyz answers 503. */
  readonly draining: boolean;
  /** The separate metrics listener's URL when RAPPORT_METRICS_PORT is set. */
  metricsUrl: string | undefined;
  listen(port?: number, host?: string): Promise<string>;
  /**
   * Graceful stop: /readyz turns 503 for the shutdown delay while requests are still served; then the
   * listener closes, WebSocket and SSE streams are closed, in-flight requests finish (up to the grace
   * period), and jobs, bus and database close.
   */
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
  notifier: Notifier;
  log: ((line: string) => void) | undefined;
  logger: Logger;
  observer: RequestObserver;
}

type Yoga = YogaServerInstance<Record<string, unknown>, RapportContext>;

/** One GraphQL endpoint: yoga over HTTP (and SSE) plus graphql-ws on a socket server routed to its path. */
function serveEndpoint(setup: EndpointSetup, shared: Shared): { yoga: Yoga; wss: WebSocketServer; dispose: () => Promise<void> } {
  const { config, db, clock, alertBus, rateLimitStore, persistedOperations, auth, notifier, log, logger, observer } = shared;
  const graphiql = config.env !== 'production' && setup.introspection !== 'never';
  const identify = requestIdentity(db.prisma, auth, clock, config.trustProxy, setup.authenticate);
  const yoga = createYoga<Record<string, unknown>, RapportContext>({
    schema: setup.schema,
    graphqlEndpoint: setup.path,
    landingPage: false,
    graphiql: graphiql && (setup.path === '/graphql' ? { title: 'Rapport GraphiQL', defaultQuery: GRAPHIQL_EXAMPLE } : { title: `Rapport ${setup.path}` }),
    ...(graphiql ? { renderGraphiQL: offlineGraphiQL() } : {}),
    maskedErrors: { maskError, isDev: config.env === 'development' },
    logging: yogaLogger(logger),
    context: async (initial) => ({ prisma: db.prisma, reportDb: db.reportPrisma, clock, config, alertBus, notifier, ...(await identify(initial as InitialContext)) }),
    plugins: [
      ...(config.env === 'production' ? [useNoSuggestions()] : []),
      observer.plugin(),
      useLocalizedErrors(),
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
        if (errors.length) {
          observer.socketRefused(setup.path, payload.operationName ?? getOperationAST(document)?.name?.value, errors);
          return errors;
        }
        return {
          schema: s,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
      },
      onOperation: (_ctx, _id, _payload, args, result) => void observer.socketOperation(setup.path, args, result),
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
    authenticate: endpoint.principal
      ? (prisma, settings, credentials, now) => authenticatePrincipal(endpoint.principal!, prisma, settings, credentials, now)
      : (prisma, settings, credentials, now) => endpoint.authenticate!(prisma, settings, credentials, now),
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
  notifier,
  log,
  logger = createLogger({ logLevel: 'silent' }),
  tracing,
  config: loaded,
  consoleDir = defaultConsoleDir(),
}: AppOptions): RapportApp {
  // The enabled plugins' permissions join the catalog and the roles (RAPPORT_ROLE_PERMISSIONS checked now).
  const config = withPluginPermissions(loaded, pluginPermissions(plugins));
  const metrics = new RapportMetrics(db, () => alertBus.subscriberCount);
  alertBus = meteredAlertBus(alertBus, metrics);
  const stopForwardingChanges = forwardCacheChanges(db, alertBus);
  const schema = buildSchema({ plugins, maxPageSize: config.maxPageSize, defaultPageSize: config.defaultPageSize });
  const exporters = allExporters(plugins);
  const exportServices = { prisma: db.prisma, reportDb: db.reportPrisma, clock, config, exporters };
  const coreJobs = [
    { job: followUpJob, config: { followUpAfterDays: config.followUpAfterDays } },
    ...customerRuleJobs(config.customerRules, plugins.flatMap((p) => (p.plugin.openOpportunities ? [p.plugin.openOpportunities] : []))),
    { job: customerCareJob, config: { ...config.customerRules.care, timeZone: config.locale.timeZone, language: config.locale.language } },
    { job: signInThrottleCleanupJob, config: config.signIn },
    { job: deliveryRetentionJob, config: config.retention },
    { job: taskOverdueWebhookJob, config: undefined },
    ...notificationJobs({
      mailer: config.mail ? createMailer(config.mail) : null,
      from: config.mail?.from ?? '',
      webhooks: config.webhooks,
      catalogue: alertCatalogueOf(plugins),
      exports: {
        file: (run, now) => exportFile(exportServices, run, now),
        link: (id) => `${config.accounts.appUrl}${EXPORT_PATH}?token=${encodeURIComponent(downloadToken(id, config.authSecret!))}`,
      },
    }).map((job) => ({ job, config: undefined })),
    { job: exportScheduleJob({ prisma: db.prisma, config, email: !!config.mail }), config: undefined },
    { job: customerSearchJob, config: undefined },
  ];
  const jobs = new JobRunner({
    prisma: db.prisma,
    clock,
    jobs: [...coreJobs, ...pluginJobs(plugins)],
    tickMs: config.jobTickMs,
    onRun: (job, outcome, seconds) => metrics.jobRun(job, outcome, seconds),
    ...(log ? { log } : {}),
  });
  const alerts = new AlertScheduler({
    prisma: db.prisma,
    bus: alertBus,
    clock,
    intervalMs: config.alertIntervalMs,
    onFired: (ids, now) => enqueueAlertNotifications(db.prisma, ids, now, { email: !!config.mail }),
    ...(log ? { log } : {}),
  });
  const webhooks = new WebhookDispatcher({ prisma: db.prisma, clock, settings: config.webhooks, ...(log ? { log } : {}) });
  const observer = new RequestObserver(logger, metrics, tracing);
  const shared: Shared = {
    config,
    db,
    clock,
    alertBus,
    rateLimitStore,
    persistedOperations,
    auth: authSettings(config),
    notifier: notifier ?? (config.mail ? smtpNotifier(config.mail) : logNotifier(config.env, log)),
    log,
    logger,
    observer,
  };
  // Core's download route for exports sits beside the plugins' routes (same 405/500 handling).
  const exportRoute = {
    route: { method: 'GET' as const, path: EXPORT_PATH, handler: (request: Request) => downloadExport(request, exportServices) },
    config: undefined,
  };
  const routes = [exportRoute, ...pluginRoutes(plugins)];
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
      extraPlugins: [health, usePluginRoutes(routes, { prisma: db.prisma, clock, customerRules: config.customerRules, locale: config.locale, log: log ?? (() => {}) })],
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
  const streams = new Set<ServerResponse>();
  const serveMetrics = metricsHandler(metrics, config.metricsToken);
  const server = createServer((req, res) => {
    const target = routed(req.url);
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    observer.handle(req, res, target?.yoga.graphqlEndpoint, () => {
      // A draining instance asks keep-alive clients (and proxies) to reconnect, i.e. elsewhere.
      if (draining) res.setHeader('connection', 'close');
      if (target && isEventStream(req)) trackStream(streams, res);
      if (target || mainPaths.has(pathname)) return void (target ?? main).yoga(req, res);
      if (pathname === '/metrics' && config.metricsToken) return void serveMetrics(req, res);
      if (serveConsole(req, res)) return;
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    });
  });
  server.on('upgrade', (req, socket, head) => {
    const target = routed(req.url);
    if (!target || draining) return void socket.destroy();
    target.wss.handleUpgrade(req, socket, head, (ws) => target.wss.emit('connection', ws, req));
  });
  const metricsServer = config.metricsPort === undefined ? undefined : createServer(metricsHandler(metrics, config.metricsToken, true));
  if (metricsServer || config.metricsToken) metrics.collectProcessMetrics();
  let metricsUrl: string | undefined;

  return {
    yoga: main.yoga,
    schema,
    endpoints: Object.fromEntries(extra.map((e) => [e.endpoint.name, { path: e.endpoint.path, schema: e.schema }])),
    server,
    jobs,
    alerts,
    webhooks,
    alertBus,
    metrics,
    get draining() {
      return draining;
    },
    get metricsUrl() {
      return metricsUrl;
    },
    async listen(port = config.port, host = config.host) {
      // Role lists an admin set through the graph (setRolePermissions) apply from the first request.
      await loadRoleSettings(db.prisma, config);
      if (metricsServer) metricsUrl = await listenOn(metricsServer, config.metricsPort ?? 0, config.metricsHost, '/metrics');
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        // Node's default accept backlog (511) overflows when thousands of WebSocket clients connect
        // at once (a deploy, a network blip): the kernel then drops or resets them. Ask for more.
        server.listen({ port, host, backlog: config.listenBacklog }, () => {
          if (runJobs) {
            jobs.start();
            alerts.start();
            webhooks.start();
          }
          const { port: bound } = server.address() as AddressInfo;
          resolve(`http://${host === '0.0.0.0' ? 'localhost' : host}:${bound}${main.yoga.graphqlEndpoint}`);
        });
      });
    },
    async close() {
      if (draining) return;
      draining = true;
      // Load balancers polling /readyz stop sending here while this instance still answers everything.
      if (config.shutdownDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
      const closed = server.listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
      server.closeIdleConnections();
      // Subscriptions end now: graphql-ws closes with 1001 (Going Away), SSE responses end their stream.
      await Promise.all([main, ...extra].map((e) => e.dispose()));
      for (const stream of streams) stream.end();
      // Connections whose last request finished after the listener closed are idle now: close those too.
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      const timer = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
      await closed;
      clearInterval(idle);
      clearTimeout(timer);
      await jobs.stop();
      await alerts.stop();
      await webhooks.stop();
      if (metricsServer?.listening) await new Promise((resolve) => metricsServer.close(resolve));
      await tracing?.shutdown();
      stopForwardingChanges();
      await alertBus.close();
      await rateLimitStore.close();
      await db.close();
    },
  };
}

function isEventStream(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('text/event-stream');
}

/** SSE responses stay open until the client leaves; shutdown ends them (a write racing the end is harmless). */
function trackStream(streams: Set<ServerResponse>, res: ServerResponse): void {
  streams.add(res);
  res.on('error', () => {});
  res.once('close', () => streams.delete(res));
}

/** `/metrics` in Prometheus text format: with a token configured, only for `Authorization: Bearer <token>`. */
function metricsHandler(metrics: RapportMetrics, token: string | undefined, ownListener = false) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (ownListener && pathname !== '/metrics') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    if (token && !sameSecret(req.headers.authorization ?? '', `Bearer ${token}`)) {
      return void res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="metrics"' }).end('Unauthorized');
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
    );
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function listenOn(server: Server, port: number, host: string, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}${path}`));
  });
}

/**
 * Per-process caches (the checked sessions, custom field definitions) drop what they hold when this
 * instance writes their tables; over a cross-instance bus, the other instances drop it too, and while
 * that bus cannot deliver (Redis down) the caches are bypassed. A single instance needs nothing more.
 */
function forwardCacheChanges(db: Database, bus: AlertBus): () => void {
  if (!bus.publishChanges || !bus.onChanges) return () => {};
  const changes = changesOf(db.prisma);
  changes.remoteLive = () => bus.changesLive !== false;
  const offLocal = changes.on((tables, origin) => {
    if (origin === 'local') void bus.publishChanges!([...tables]);
  });
  const offRemote = bus.onChanges((tables) => changes.emit(new Set(tables as CachedTable[]), 'remote'));
  return () => {
    offLocal();
    offRemote();
    changes.remoteLive = () => true;
  };
}
