// Operations: structured request logs, Prometheus metrics and OpenTelemetry tracing, through real HTTP.
import { createServer, type Server } from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, emitAlerts, loadConfig } from '@rapport/core';
import { createLogger, startRapport } from '@rapport/server';
import { subscribeSse, subscribeWs, wsClient } from './support/clients.js';
import { databaseKinds, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();
const METRICS_TOKEN = 'metrics-token-0123456789';

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A pino destination that keeps every line, parsed. */
function logCapture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, any>) };
}

async function post(url: string, body: object, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { response, body: (await response.json()) as any };
}

describe('request logs', () => {
  const capture = logCapture();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: 'pglite', customers: 3, logger: createLogger({ logLevel: 'info' }, capture.stream) });
  });
  afterAll(() => server?.close());

  it('writes one JSON line per request with request id, operation, viewer, duration and outcome; never a password, token or Bearer header', async () => {
    const login = await post(
      server.url,
      { query: 'mutation SignIn($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }', variables: { input: { email: DEMO_ACCOUNTS.admin, password: 'demo' } } },
      { 'x-request-id': 'req-login-1' },
    );
    expect(login.response.headers.get('x-request-id')).toBe('req-login-1');
    const { accessToken, refreshToken } = login.body.data.login;
    const wrong = await post(server.url, {
      query: 'mutation SignIn($input: LoginInput!) { login(input: $input) { accessToken } }',
      variables: { input: { email: DEMO_ACCOUNTS.rep, password: 'Wr0ng-Pa55word-xyz' } },
    });
    expect(wrong.body.errors).toBeDefined();
    const listed = await post(server.url, { query: 'query Customers { customers(first: 2) { totalCount } }' }, { authorization: `Bearer ${accessToken}`, 'x-request-id': 'bad id with spaces' });
    const generated = listed.response.headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    await post(server.url, { query: 'mutation Refresh($input: RefreshTokenInput!) { refreshToken(input: $input) { accessToken } }', variables: { input: { refreshToken } } });

    const admin = await server.db.prisma.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.admin } });
    const requests = capture.entries().filter((e) => e.msg === 'request');
    const byId = (id: string) => requests.find((e) => e.requestId === id);
    expect(byId('req-login-1')).toMatchObject({ method: 'POST', path: '/graphql', status: 200, operation: 'SignIn', operationType: 'mutation', outcome: 'ok', level: 30 });
    expect(byId('req-login-1')!.viewerId).toBeUndefined();
    expect(byId(generated!)).toMatchObject({ operation: 'Customers', operationType: 'query', outcome: 'ok', viewerId: admin.id });
    expect(typeof byId(generated!)!.durationMs).toBe('number');
    const failed = requests.filter((e) => e.operation === 'SignIn' && e.outcome !== 'ok');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.outcome).toMatch(/^[A-Z_]+$/);

    const everything = capture.lines.join('\n');
    expect(requests.length).toBeGreaterThanOrEqual(4);
    for (const secret of [accessToken, refreshToken, 'Wr0ng-Pa55word-xyz', '"demo"', 'Bearer ']) expect(everything).not.toContain(secret);
  });

  it('logs each graphql-ws operation with operation, viewer and outcome, without the connection credentials', async () => {
    const authorization = (await server.authorization())!;
    const client = wsClient(server.url, { authorization });
    const alerts = subscribeWs<any>(client, 'subscription LiveAlerts { alerts { id } }');
    await alerts.ready;
    const refused = subscribeWs<any>(client, 'subscription Broken { alerts { noSuchField } }');
    await until(() => capture.entries().filter((e) => e.msg === 'socket operation').length >= 2);
    const admin = await server.db.prisma.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.admin } });
    const lines = capture.entries().filter((e) => e.msg === 'socket operation');
    expect(lines.find((e) => e.operation === 'LiveAlerts')).toMatchObject({ transport: 'graphql-ws', operationType: 'subscription', viewerId: admin.id, outcome: 'stream' });
    expect(lines.find((e) => e.operation === 'Broken')?.outcome).toMatch(/^[A-Z_]+$/);
    expect(capture.lines.join('\n')).not.toContain(authorization.slice('Bearer '.length));
    await alerts.stop();
    await refused.stop();
    await client.dispose();
  });

  it('redacts credentials and variables a log call is handed by mistake', () => {
    const mistakes = logCapture();
    createLogger({ logLevel: 'info' }, mistakes.stream).info({ authorization: 'Bearer abc.def', variables: { password: 'p' }, user: { password: 'hunter2' } }, 'oops');
    expect(mistakes.lines.join('')).not.toMatch(/abc\.def|hunter2|"p"/);
    expect(mistakes.entries()[0]).toMatchObject({ authorization: '[redacted]', variables: '[redacted]', user: { password: '[redacted]' } });
  });
});

describe.each(kinds)('metrics on %s', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, customers: 3, env: { RAPPORT_METRICS_TOKEN: METRICS_TOKEN } });
  });
  afterAll(() => server?.close());
  const metricsUrl = () => new URL('/metrics', server.url).href;
  const scrape = async () => (await fetch(metricsUrl(), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();

  it('serves /metrics only with the token', async () => {
    expect((await fetch(metricsUrl())).status).toBe(401);
    expect((await fetch(metricsUrl(), { headers: { authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401);
    const ok = await fetch(metricsUrl(), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/text\/plain/);
  });

  it('counts operations by name and outcome with latency histograms, reports the pool, job runs, fired and delivered alerts', async () => {
    await server.ok('query Customers { customers(first: 1) { totalCount } }');
    await server.ok('query Customers { customers(first: 1) { totalCount } }');
    await server.anonymous.gql('query Customers { customers(first: 1) { totalCount } }');
    await server.app.jobs.runDue();

    const token = (await server.authorization())!;
    const sse = subscribeSse<any>(server.url, 'subscription { alerts { id } }', { authorization: token });
    await sse.ready;
    const admin = await server.db.prisma.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.admin } });
    await emitAlerts(server.db.prisma, [{ recipientId: admin.id, kind: 'TASK_DUE_SOON', title: 'metrics', dedupeKey: `metrics-${database}` }], server.clock.now());
    await server.app.alerts.fireDue();
    await sse.waitFor(1);
    await sse.stop();

    const text = await scrape();
    expect(text).toContain('rapport_graphql_operations_total{endpoint="/graphql",operation="Customers",outcome="ok"} 2');
    expect(text).toContain('rapport_graphql_operations_total{endpoint="/graphql",operation="Customers",outcome="UNAUTHENTICATED"} 1');
    expect(text).toMatch(/rapport_graphql_operation_duration_seconds_bucket\{le="0\.5",endpoint="\/graphql",operation="Customers"\} 3/);
    expect(text).toMatch(/rapport_graphql_operation_duration_seconds_count\{endpoint="\/graphql",operation="Customers"\} 3/);
    expect(text).toMatch(/rapport_job_runs_total\{job="core\.follow-up-needed",outcome="ok"\} 1/);
    expect(text).toMatch(/^rapport_alerts_fired_total [1-9]/m);
    expect(text).toMatch(/^rapport_alert_deliveries_total 1$/m);
    expect(text).toMatch(/^rapport_db_pool_max_connections \d+$/m);
    if (database === 'postgres') expect(text).toMatch(/^rapport_db_pool_connections [1-9]/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });
});

describe('metrics on a separate port', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: 'pglite', customers: 0, env: { RAPPORT_METRICS_PORT: '0' } });
  });
  afterAll(() => server?.close());

  it('serves /metrics there (no token configured) and not on the main port', async () => {
    expect(server.app.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const separate = await fetch(server.app.metricsUrl!);
    expect(separate.status).toBe(200);
    expect(await separate.text()).toContain('rapport_http_requests_in_flight');
    expect((await fetch(new URL('/metrics', server.url))).status).toBe(404);
    expect((await fetch(new URL('/graphql', server.app.metricsUrl))).status).toBe(404);
  });
});

describe('OpenTelemetry tracing', () => {
  const received: any[] = [];
  let receiver: Server;
  let endpoint: string;
  beforeAll(async () => {
    // A local OTLP/HTTP receiver (JSON encoding, what the exporter sends).
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (req.url === '/v1/traces') received.push(JSON.parse(body));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise((resolve) => receiver.close(resolve)));

  const spans = () => received.flatMap((r) => r.resourceSpans.flatMap((rs: any) => rs.scopeSpans.flatMap((ss: any) => ss.spans)));
  const start = (env: Record<string, string>) =>
    startRapport({
      config: loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', RAPPORT_DATA_DIR: 'memory://', RAPPORT_DEMO_CUSTOMERS: '0', RAPPORT_AUTH_SECRET: 'tracing-test-secret-0123456789abcdef', ...env }),
      logger: createLogger({ logLevel: 'silent' }),
      plugins: [],
    });

  it('is off without an endpoint: no tracer provider registered, nothing exported', async () => {
    const { app, url } = await start({});
    await post(url, { query: 'query Deployment { deployment { version } }' });
    await app.close();
    expect((globalThis as any)[Symbol.for('opentelemetry.js.api.1')]).toBeUndefined();
    expect(received).toEqual([]);
  });

  it('exports a server span per request, named after the operation, when OTEL_EXPORTER_OTLP_ENDPOINT is set', async () => {
    const { app, url } = await start({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
    await post(url, { query: 'query Deployment { deployment { version } }' }, { 'x-request-id': 'trace-me', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    await app.close(); // flushes the batch
    const span = spans().find((s: any) => s.name === 'query Deployment');
    expect(span).toBeDefined();
    expect(span.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(span.parentSpanId).toBe('b7ad6b7169203331');
    const attributes = Object.fromEntries(span.attributes.map((a: any) => [a.key, Object.values(a.value)[0]]));
    expect(attributes).toMatchObject({ 'graphql.operation.name': 'Deployment', 'rapport.request_id': 'trace-me', 'http.request.method': 'POST', 'rapport.outcome': 'UNAUTHENTICATED' });
  });
});
