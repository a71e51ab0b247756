import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import {
  buildSchema,
  JobRunner,
  pluginJobs,
  systemClock,
  type Clock,
  type Database,
  type EnabledPlugin,
  type RapportConfig,
  type RapportContext,
  type Viewer,
} from '@rapport/core';
import { maskError } from './errors.js';
import { usePageSizeLimit } from './limits.js';

export interface AppOptions {
  config: RapportConfig;
  db: Database;
  plugins?: readonly EnabledPlugin[];
  clock?: Clock;
  /** Start the periodic jobs of enabled plugins (tests run them by hand instead). */
  runJobs?: boolean;
  log?: (line: string) => void;
}

export interface RapportApp {
  yoga: YogaServerInstance<Record<string, unknown>, RapportContext>;
  schema: GraphQLSchema;
  server: Server;
  jobs: JobRunner;
  listen(port?: number, host?: string): Promise<string>;
  /** Stops taking requests, lets in-flight ones finish (up to the grace period), closes the database. */
  close(): Promise<void>;
}

/** Until sign-in exists every request acts as the configured demo user (looked up once). */
function demoViewer(config: RapportConfig, db: Database): () => Promise<Viewer | null> {
  let found: Viewer | null = null;
  return async () => {
    if (found) return found;
    const user = await db.prisma.user.findUnique({ where: { email: config.demoUserEmail } });
    if (user?.active) found = { kind: 'user', id: user.id, role: user.role, email: user.email, name: user.name };
    return found;
  };
}

async function databaseStatus(db: Database): Promise<'ready' | 'database unavailable'> {
  try {
    await db.prisma.$queryRaw`SELECT 1`;
    return 'ready';
  } catch {
    return 'database unavailable';
  }
}

export function createApp({ config, db, plugins = [], clock = systemClock, runJobs = false, log }: AppOptions): RapportApp {
  const schema = buildSchema({ plugins, maxPageSize: config.maxPageSize, defaultPageSize: config.defaultPageSize });
  const jobs = new JobRunner({ prisma: db.prisma, clock, jobs: pluginJobs(plugins), ...(log ? { log } : {}) });
  const viewer = demoViewer(config, db);
  let draining = false;

  const yoga = createYoga<Record<string, unknown>, RapportContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: config.env !== 'production',
    maskedErrors: { maskError, isDev: config.env === 'development' },
    logging: config.env === 'test' ? 'error' : 'info',
    context: async () => ({ prisma: db.prisma, viewer: await viewer(), clock, config }),
    plugins: [
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
      onSubscribe: async (ctx, _id, params) => {
        const { schema: s, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
        });
        const args = {
          schema: s,
          operationName: params.operationName,
          document: parse(params.query),
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        return errors.length ? errors : args;
      },
    },
    wss,
  );

  return {
    yoga,
    schema,
    server,
    jobs,
    listen(port = config.port, host = config.host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          if (runJobs) jobs.start();
          const { port: bound } = server.address() as AddressInfo;
          resolve(`http://${host === '0.0.0.0' ? 'localhost' : host}:${bound}${yoga.graphqlEndpoint}`);
        });
      });
    },
    async close() {
      draining = true;
      await jobs.stop();
      await wsServer.dispose();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
      await closed;
      clearTimeout(timer);
      await db.close();
    },
  };
}
