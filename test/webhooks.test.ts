// Outbound webhooks through the public surface, against a real HTTP receiver (node:http) that checks
// every signature with standardwebhooks' Webhook.verify. The server runs its own loops (runJobs): the
// delivery worker and the job runner on short intervals; the tests poll for what they wait for and
// move the injected clock for retries, never sleeping in place of a condition.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import servicePlugin from '@rapport/plugin-service';
import { createCustomer, endpointUrlProblem, isPrivateAddress, joinTransaction, resolvePlugins, shouldPause, staffViewer, webhookRetryDelayMs } from '@rapport/core';
import { databaseKinds, describeOnDatabases, errorOf, startTestServer, userErrorOf, type TestClient, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();

interface Receipt {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  payload: any;
  /** What the receiver answered. */
  answered: number;
  /** Webhook.verify accepted it (with the endpoint's secret registered for the path). */
  verified: boolean;
}

/** A webhook receiver: answers 200 (500 on the paths in `failing`), verifies each signature, can go down and come back on the same port. */
class Receiver {
  receipts: Receipt[] = [];
  readonly failing = new Set<string>();
  readonly secrets = new Map<string, string>();
  private server: Server | null = null;
  port = 0;

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '/';
        let verified = false;
        const secret = this.secrets.get(path);
        try {
          if (secret) {
            new Webhook(secret).verify(body, req.headers as Record<string, string>);
            verified = true;
          }
        } catch {
          verified = false;
        }
        const answered = this.failing.has(path) ? 500 : 200;
        this.receipts.push({ path, headers: req.headers, body, payload: JSON.parse(body), answered, verified });
        res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered === 200 ? 'ok' : 'down');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** The port closes: connections are refused until start() again. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  get running(): boolean {
    return this.server !== null;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  at(path: string): Receipt[] {
    return this.receipts.filter((r) => r.path === path);
  }

  /** Receipts at `path` the receiver accepted, in arrival order. */
  accepted(path: string): Receipt[] {
    return this.at(path).filter((r) => r.answered === 200);
  }
}

/** Polls until `condition` holds; `step` runs between polls (e.g. moves the clock so retries come due). */
async function until(condition: () => boolean | Promise<boolean>, what: string, step?: () => void | Promise<void>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await step?.();
    await new Promise((r) => setTimeout(r, 25));
  }
}

const ENDPOINT_FIELDS = 'id url status eventTypes version consecutiveFailures pausedReason';
const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { ${ENDPOINT_FIELDS} } userErrors { field code message } } }`;
const DELIVERIES = `query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { status consecutiveFailures deliveries(first: 100) { nodes {
  id webhookId eventType status attemptCount deliveredAt payload attempts { succeeded statusCode responseTimeMs error } } } } } }`;

describe('webhook rules', () => {
  it('refuses private, loopback and link-local addresses unless allowed', async () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '1.1.1.1', '2606:4700:4700::1111']) expect(isPrivateAddress(address), address).toBe(false);
    expect(await endpointUrlProblem('http://127.0.0.1:8080/hook', false)).toMatch(/private/);
    expect(await endpointUrlProblem('http://[::1]/hook', false)).toMatch(/private/);
    expect(await endpointUrlProblem('http://localhost/hook', false)).toMatch(/private/);
    expect(await endpointUrlProblem('http://169.254.169.254/latest/meta-data', false)).toMatch(/private/);
    expect(await endpointUrlProblem('https://93.184.216.34/hook', false)).toBeNull();
    expect(await endpointUrlProblem('http://127.0.0.1:8080/hook', true)).toBeNull();
    expect(await endpointUrlProblem('ftp://93.184.216.34/hook', true)).toMatch(/http/);
    expect(await endpointUrlProblem('https://user:pw@93.184.216.34/hook', true)).toMatch(/password/);
  });

  it('backs off exponentially up to the cap, and pauses only after enough failures over enough time', () => {
    const settings = { retryBaseMs: 10_000, retryMaxMs: 3_600_000 };
    expect([1, 2, 3, 4, 5, 10, 20].map((n) => webhookRetryDelayMs(n, settings))).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 3_600_000, 3_600_000]);
    const pause = { pauseAfterFailures: 20, pauseAfterMs: 24 * 3_600_000 };
    const since = new Date('2026-11-01T00:00:00Z');
    expect(shouldPause(19, since, new Date('2026-11-03T00:00:00Z'), pause)).toBe(false);
    expect(shouldPause(20, since, new Date('2026-11-01T23:59:59Z'), pause)).toBe(false);
    expect(shouldPause(20, since, new Date('2026-11-02T00:00:00Z'), pause)).toBe(true);
  });
});

describeOnDatabases(kinds)('outbound webhooks on %s', (database) => {
  let server: TestServer;
  const receiver = new Receiver();
  let customerCount = 0;
  const plugins = resolvePlugins([servicePlugin], ['service']);

  beforeAll(async () => {
    await receiver.start();
    server = await startTestServer({
      database,
      customers: 6,
      plugins,
      runJobs: true,
      env: {
        RAPPORT_WEBHOOK_ALLOW_PRIVATE: '1',
        RAPPORT_WEBHOOK_INTERVAL_MS: '25',
        RAPPORT_WEBHOOK_RETRY_BASE_MS: '1000',
        RAPPORT_WEBHOOK_RETRY_MAX_MS: '60000',
        RAPPORT_WEBHOOK_PAUSE_AFTER_FAILURES: '4',
        RAPPORT_WEBHOOK_PAUSE_AFTER_MINUTES: '30',
        RAPPORT_JOB_TICK_MS: '50',
        RAPPORT_ALERT_INTERVAL_MS: '50',
        // Other jobs run too; none of them may move these customers while the clock moves.
        RAPPORT_FOLLOW_UP_DAYS: '3650',
        RAPPORT_POOL_RELEASE_DAYS: '3650',
      },
    });
  });
  // A failed test leaves the receiver up and answering for the next one.
  afterEach(async () => {
    receiver.failing.clear();
    if (!receiver.running) await receiver.start();
  });
  afterAll(async () => {
    await server?.close();
    await receiver.stop();
  });

  async function subscribe(path: string, eventTypes: string[]) {
    const { createWebhookEndpoint } = await server.ok(CREATE, { input: { url: receiver.url(path), description: `test ${path}`, eventTypes } });
    receiver.secrets.set(path, createWebhookEndpoint.secret);
    return createWebhookEndpoint as { secret: string; endpoint: { id: string; version: number } };
  }

  async function newCustomer(as: TestClient = server) {
    customerCount += 1;
    const { createCustomer } = await as.ok('mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id version name } } }', {
      input: { name: `Webhook Trading ${customerCount} 有限公司` },
    });
    return createCustomer.customer as { id: string; version: number; name: string };
  }

  async function rename(customer: { id: string; version: number }, name: string) {
    const { updateCustomer } = await server.ok('mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { id version } } }', {
      input: { id: customer.id, version: customer.version, name },
    });
    customer.version = updateCustomer.customer.version;
  }

  const deliveriesOf = async (endpointId: string) => (await server.ok(DELIVERIES, { id: endpointId })).node;
  /** The receiver records a request before answering it: the log shows the outcome once the worker recorded it. */
  const untilLogged = (endpointId: string, count: number) =>
    until(async () => {
      const nodes = (await deliveriesOf(endpointId)).deliveries.nodes;
      return nodes.length === count && nodes.every((d: any) => d.status === 'SUCCEEDED' && d.attempts.length === d.attemptCount);
    }, 'the delivery log to record every success');
  const advance = (ms: number) => () => server.clock.advance(ms);

  it('creates an endpoint with a whsec_ secret shown once, and sends each subscribed event signed', async () => {
    const { secret, endpoint } = await subscribe('/signed', ['customer.created', 'customer.updated', 'ticket.opened', 'ticket.resolved']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const listed = await server.ok('{ webhookEndpoints(first: 10) { nodes { id url status eventTypes } } }');
    expect(listed.webhookEndpoints.nodes).toContainEqual({ id: endpoint.id, url: receiver.url('/signed'), status: 'ACTIVE', eventTypes: ['customer.created', 'customer.updated', 'ticket.opened', 'ticket.resolved'] });
    // The secret is not readable afterwards.
    expect((await server.gql(`query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { secret } } }`, { id: endpoint.id })).errors?.[0]?.message).toMatch(/secret/);

    // A rep's change reaches the admin's endpoint.
    const customer = await newCustomer(server.as('rep@demo.local'));
    await rename(customer, 'Webhook Trading renamed');
    const { openTicket } = await server.ok('mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id version } } }', {
      input: { customerId: customer.id, subject: '打印机坏了', type: 'REPAIR', channel: 'PHONE' },
    });
    await server.ok('mutation($input: ResolveTicketInput!) { resolveTicket(input: $input) { ticket { id } } }', {
      input: { id: openTicket.ticket.id, version: openTicket.ticket.version, resolution: '换了硒鼓' },
    });
    await until(() => receiver.accepted('/signed').length >= 4, 'four signed deliveries');
    const received = receiver.accepted('/signed');
    // Ordered per entity (the customer's two, the ticket's two); the two entities' streams interleave freely.
    const ofEntity = (kind: string) => received.filter((r) => r.payload.type.startsWith(`${kind}.`));
    expect(ofEntity('customer').map((r) => r.payload.type)).toEqual(['customer.created', 'customer.updated']);
    expect(ofEntity('ticket').map((r) => r.payload.type)).toEqual(['ticket.opened', 'ticket.resolved']);
    expect(received.every((r) => r.verified)).toBe(true);
    expect(ofEntity('customer')[0]!.payload.data.customer).toMatchObject({ id: customer.id, name: customer.name });
    expect(ofEntity('customer')[1]!.payload.data.customer).toMatchObject({ id: customer.id, name: 'Webhook Trading renamed', version: 2 });
    expect(ofEntity('ticket')[0]!.payload.data.ticket).toMatchObject({ id: openTicket.ticket.id, subject: '打印机坏了', status: 'NEW' });
    expect(ofEntity('ticket')[1]!.payload.data.ticket).toMatchObject({ id: openTicket.ticket.id, status: 'RESOLVED', resolution: '换了硒鼓' });
    for (const r of received) {
      expect(r.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(Number(r.headers['webhook-timestamp'])).toBeGreaterThan(Date.now() / 1000 - 60);
      expect(r.headers['webhook-signature']).toMatch(/^v1,/);
      expect(r.payload.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    // A tampered body fails verification.
    expect(() => new Webhook(secret).verify(`${received[0]!.body} `, received[0]!.headers as Record<string, string>)).toThrow();

    // The delivery log: one successful attempt each, with the receiver's status and timing.
    await untilLogged(endpoint.id, 4);
    const log = await deliveriesOf(endpoint.id);
    expect(log.deliveries.nodes).toHaveLength(4);
    for (const d of log.deliveries.nodes) {
      expect(d).toMatchObject({ status: 'SUCCEEDED', attemptCount: 1 });
      expect(d.attempts).toEqual([{ succeeded: true, statusCode: 200, responseTimeMs: expect.any(Number), error: null }]);
    }
    expect(new Set(log.deliveries.nodes.map((d: any) => d.webhookId))).toEqual(new Set(received.map((r) => r.headers['webhook-id'])));
  });

  it('refuses unknown event types and bad URLs', async () => {
    const bad = await server.gql(CREATE, { input: { url: receiver.url('/x'), eventTypes: ['customer.created', 'customer.exploded'] } });
    expect(bad.data!.createWebhookEndpoint).toMatchObject({ endpoint: null, secret: null });
    expect(userErrorOf(bad)).toMatchObject({ fields: ['eventTypes.1'], message: '未知的事件类型 "customer.exploded"（参见 webhookEventTypes）' });
    const url = await server.gql(CREATE, { input: { url: 'gopher://example.com/', eventTypes: ['customer.created'] } });
    expect(userErrorOf(url).fields).toEqual(['url']);
  });

  it('writes the event in the transaction of the change: rolled back, nothing is stored or sent', async () => {
    const { endpoint } = await subscribe('/atomic', ['customer.created']);
    const endpointId = Buffer.from(endpoint.id, 'base64').toString('utf8').split(':')[1]!;
    const { prisma } = server.db;
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: 'admin@demo.local' } });
    const viewer = staffViewer(admin, server.config);
    await expect(
      prisma.$transaction(async (tx) => {
        await createCustomer({ prisma: joinTransaction(tx), viewer, clock: server.clock }, { name: 'Never Committed Ltd' });
        expect(await tx.webhookDelivery.count({ where: { endpointId } })).toBe(1);
        throw new Error('the caller fails after the change');
      }),
    ).rejects.toThrow('the caller fails after the change');
    expect(await prisma.customer.count({ where: { name: 'Never Committed Ltd' } })).toBe(0);
    expect(await prisma.webhookDelivery.count({ where: { endpointId } })).toBe(0);
    expect(await prisma.webhookEvent.count({ where: { payload: { path: ['data', 'customer', 'name'], equals: 'Never Committed Ltd' } } })).toBe(0);

    // Committed, the event is there as the mutation returns (before any delivery).
    const customer = await newCustomer();
    const stored = await prisma.webhookDelivery.findMany({ where: { endpointId }, include: { event: true } });
    expect(stored.map((d) => (d.event.payload as any).data.customer.id)).toEqual([customer.id]);
    await server.app.webhooks.deliverDue();
    await until(() => receiver.accepted('/atomic').length === 1, 'the committed event');
    expect(receiver.at('/atomic').map((r) => r.payload.data.customer.name)).toEqual([customer.name]);
  });

  it('keeps every event while the receiver is down, then delivers all of them, each entity in order', async () => {
    const { endpoint } = await subscribe('/outage', ['customer.created', 'customer.updated']);
    receiver.failing.add('/outage');
    const a = await newCustomer();
    const b = await newCustomer();
    await until(() => receiver.at('/outage').length >= 2, 'the first attempts to fail with 500');
    for (let i = 1; i <= 3; i++) {
      await rename(a, `A v${i + 1}`);
      await rename(b, `B v${i + 1}`);
    }
    // Retries come due as the clock moves; only each entity's first event is tried meanwhile.
    await until(() => receiver.at('/outage').length >= 6, 'retries answered 500', advance(5_000));
    // Then the port closes altogether: connections are refused.
    await receiver.stop();
    // Waits on the refused attempts themselves: an attempt sent just before the stop may still come
    // back 500 and count as a failure.
    const refusedAttempts = (log: any) => log.deliveries.nodes.flatMap((d: any) => d.attempts).filter((at: any) => at.statusCode === null);
    await until(async () => refusedAttempts(await deliveriesOf(endpoint.id)).length >= 2, 'refused connections', advance(5_000));
    const during = receiver.at('/outage');
    expect(during.every((r) => r.answered === 500)).toBe(true);
    expect(new Set(during.map((r) => r.payload.type))).toEqual(new Set(['customer.created']));
    const log = await deliveriesOf(endpoint.id);
    const refused = refusedAttempts(log);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(refused.some((at: any) => /ECONNREFUSED/.test(at.error))).toBe(true);
    expect(log.status).toBe('ACTIVE'); // not failing long enough (30 minutes) to pause

    // Back up: everything arrives, verified, once accepted per webhook-id, and per entity in order.
    receiver.failing.delete('/outage');
    await receiver.start();
    await until(() => receiver.accepted('/outage').length >= 8, 'every event after the outage', advance(5_000));
    const accepted = receiver.accepted('/outage');
    expect(accepted).toHaveLength(8);
    expect(accepted.every((r) => r.verified)).toBe(true);
    expect(new Set(accepted.map((r) => r.headers['webhook-id'])).size).toBe(8);
    for (const customer of [a, b]) {
      const versions = accepted.filter((r) => r.payload.data.customer.id === customer.id).map((r) => r.payload.data.customer.version);
      expect(versions).toEqual([1, 2, 3, 4]);
    }
    // A retried delivery keeps its webhook-id: the receiver can deduplicate.
    const firstOfA = receiver.at('/outage').filter((r) => r.payload.type === 'customer.created' && r.payload.data.customer.id === a.id);
    expect(firstOfA.length).toBeGreaterThan(1);
    expect(new Set(firstOfA.map((r) => r.headers['webhook-id'])).size).toBe(1);
    await untilLogged(endpoint.id, 8);
    const after = await deliveriesOf(endpoint.id);
    expect(after.consecutiveFailures).toBe(0);
    expect(after.deliveries.nodes.every((d: any) => d.status === 'SUCCEEDED')).toBe(true);
  });

  it('redelivers on request with the same webhook-id', async () => {
    const { endpoint } = await subscribe('/redeliver', ['customer.created']);
    await newCustomer();
    await until(() => receiver.accepted('/redeliver').length === 1, 'the first delivery');
    const [delivery] = (await deliveriesOf(endpoint.id)).deliveries.nodes;
    const { redeliverWebhookDelivery } = await server.ok(
      'mutation($input: RedeliverWebhookDeliveryInput!) { redeliverWebhookDelivery(input: $input) { delivery { id status } } }',
      { input: { id: delivery.id } },
    );
    expect(redeliverWebhookDelivery.delivery).toEqual({ id: delivery.id, status: 'PENDING' });
    await until(() => receiver.accepted('/redeliver').length === 2, 'the redelivery');
    const [first, again] = receiver.accepted('/redeliver');
    expect(again!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(again!.body).toBe(first!.body);
    expect(again!.verified).toBe(true);
    await until(async () => (await deliveriesOf(endpoint.id)).deliveries.nodes[0].attempts.length === 2, 'the redelivery to be logged');
    const log = (await deliveriesOf(endpoint.id)).deliveries.nodes[0];
    expect(log).toMatchObject({ status: 'SUCCEEDED', attemptCount: 2 });
    expect(log.attempts).toHaveLength(2);
  });

  it('pauses an endpoint failing continuously, alerts its creator, and catches up once resumed', async () => {
    const { endpoint } = await subscribe('/failing', ['customer.updated']);
    const failing = '/failing';
    receiver.failing.add(failing);
    const customer = await newCustomer();
    await rename(customer, 'Failing v2');
    await rename(customer, 'Failing v3');
    try {
      // Four failures in a row over more than 30 minutes (of the injected clock) pause it.
      await until(async () => (await deliveriesOf(endpoint.id)).status === 'PAUSED', 'the endpoint to be paused', advance(10 * 60_000));
    } finally {
      receiver.failing.delete(failing);
    }
    const paused = await server.ok(`query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { status pausedReason consecutiveFailures } } }`, { id: endpoint.id });
    expect(paused.node.status).toBe('PAUSED');
    expect(paused.node.consecutiveFailures).toBeGreaterThanOrEqual(4);
    expect(paused.node.pausedReason).toMatch(/起连续 \d+ 次投递失败/);
    // Its creator (the admin) is alerted through the alert mechanism.
    await until(
      async () => (await server.ok('{ alerts(first: 20, kinds: [WEBHOOK_ENDPOINT_PAUSED]) { nodes { title } } }')).alerts.nodes.length > 0,
      'the WEBHOOK_ENDPOINT_PAUSED alert',
    );
    const { alerts } = await server.ok('{ alerts(first: 20, kinds: [WEBHOOK_ENDPOINT_PAUSED]) { nodes { title entityId } } }');
    expect(alerts.nodes.map((n: any) => n.title)).toEqual([`Webhook 端点已暂停：${receiver.url(failing)}`]);

    // Paused, nothing is sent even though the receiver is back.
    const attemptsWhilePaused = receiver.at(failing).length;
    await rename(customer, 'Failing v4');
    server.clock.advance(60 * 60_000);
    await server.app.webhooks.deliverDue();
    expect(receiver.at(failing).length).toBe(attemptsWhilePaused);

    const { resumeWebhookEndpoint } = await server.ok(
      'mutation($input: ResumeWebhookEndpointInput!) { resumeWebhookEndpoint(input: $input) { endpoint { status consecutiveFailures } } }',
      { input: { id: endpoint.id } },
    );
    expect(resumeWebhookEndpoint.endpoint).toEqual({ status: 'ACTIVE', consecutiveFailures: 0 });
    await until(() => receiver.accepted(failing).length === 3, 'the waiting deliveries after resuming');
    expect(receiver.accepted(failing).map((r) => r.payload.data.customer.name)).toEqual(['Failing v2', 'Failing v3', 'Failing v4']);
  });

  it('tells transfers, releases to the pool and claims apart, in order', async () => {
    await subscribe('/pool', ['customer.transferred', 'customer.released_to_pool']);
    const customer = await newCustomer();
    const rep = server.as('rep@demo.local');
    const repId = (await rep.ok('{ viewer { id } }')).viewer.id;
    const call = (mutation: string, input: object, as: TestClient = server) => as.ok(`mutation($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { customer { id } } }`, { input });
    await call('transferCustomer', { customerId: customer.id, toUserId: repId, reason: 'territory' });
    await call('releaseCustomer', { customerId: customer.id, reason: 'no budget this year' }, rep);
    await call('claimCustomer', { customerId: customer.id }, rep);
    await until(() => receiver.accepted('/pool').length === 3, 'three owner changes');
    expect(receiver.accepted('/pool').map((r) => [r.payload.type, r.payload.data.transfer.kind, r.payload.data.customer.ownerId])).toEqual([
      ['customer.transferred', 'TRANSFER', repId],
      ['customer.released_to_pool', 'RELEASE', null],
      ['customer.transferred', 'CLAIM', repId],
    ]);
    expect(receiver.accepted('/pool')[1]!.payload.data.transfer).toMatchObject({ fromUserId: repId, toUserId: null, reason: 'no budget this year' });
  });

  it('emits task.overdue once when an open task passes its due time', async () => {
    await subscribe('/overdue', ['task.overdue', 'activity.completed']);
    const customer = await newCustomer();
    const dueAt = new Date(server.clock.now().getTime() + 5 * 60_000).toISOString();
    const { createActivity } = await server.ok('mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id version } } }', {
      input: { customerId: customer.id, kind: 'TASK', subject: 'Send the quote', dueAt },
    });
    await until(() => receiver.accepted('/overdue').length === 1, 'task.overdue', advance(2 * 60_000));
    const [overdue] = receiver.accepted('/overdue');
    expect(overdue!.payload).toMatchObject({ type: 'task.overdue', data: { activity: { id: createActivity.activity.id, subject: 'Send the quote', dueAt, completedAt: null } } });
    // The job runs again later; the same due time raises nothing new.
    const lease = () => server.db.prisma.jobLease.findUniqueOrThrow({ where: { name: 'core.webhook-task-overdue' } });
    const before = (await lease()).leasedUntil;
    server.clock.advance(2 * 60_000);
    await until(async () => (await lease()).leasedUntil > before, 'the overdue job to run again');
    await server.app.webhooks.deliverDue();
    expect(receiver.at('/overdue')).toHaveLength(1);

    await server.ok('mutation($input: CompleteActivityInput!) { completeActivity(input: $input) { activity { id } } }', {
      input: { id: createActivity.activity.id, version: createActivity.activity.version, outcome: 'sent' },
    });
    await until(() => receiver.accepted('/overdue').length === 2, 'activity.completed');
    expect(receiver.accepted('/overdue')[1]!.payload).toMatchObject({ type: 'activity.completed', data: { activity: { outcome: 'sent' } } });
  });

  it('lets only webhook.manage holders (admins) see and manage endpoints and their logs', async () => {
    const { endpoint } = await subscribe('/private', ['customer.created']);
    await newCustomer();
    await until(() => receiver.accepted('/private').length === 1, 'a delivery');
    const [delivery] = (await deliveriesOf(endpoint.id)).deliveries.nodes;
    const rep = server.as('rep@demo.local');
    const manager = server.as('manager@demo.local');
    for (const other of [rep, manager]) {
      expect(errorOf(await other.gql('{ webhookEndpoints(first: 5) { nodes { id } } }')).code).toBe('FORBIDDEN');
      expect(errorOf(await other.gql('{ webhookEventTypes { type } }')).code).toBe('FORBIDDEN');
      for (const id of [endpoint.id, delivery.id]) {
        expect(await other.ok('query($id: ID!) { node(id: $id) { id } nodes(ids: [$id]) { id } }', { id })).toEqual({ node: null, nodes: [null] });
      }
      expect(errorOf(await other.gql(CREATE, { input: { url: receiver.url('/mine'), eventTypes: ['customer.created'] } })).code).toBe('FORBIDDEN');
      expect(
        errorOf(await other.gql('mutation($input: PauseWebhookEndpointInput!) { pauseWebhookEndpoint(input: $input) { endpoint { id } } }', { input: { id: endpoint.id } })).code,
      ).toBe('FORBIDDEN');
      expect(
        errorOf(await other.gql('mutation($input: RedeliverWebhookDeliveryInput!) { redeliverWebhookDelivery(input: $input) { delivery { id } } }', { input: { id: delivery.id } }))
          .code,
      ).toBe('FORBIDDEN');
    }
    const types = (await server.ok('{ webhookEventTypes { type } }')).webhookEventTypes.map((t: any) => t.type);
    expect(types).toEqual(expect.arrayContaining(['customer.created', 'customer.transferred', 'customer.released_to_pool', 'task.overdue', 'ticket.opened', 'ticket.resolved']));

    // The admin updates and deletes it (audited); a stale version is refused.
    const update = 'mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { eventTypes version } userErrors { field code message } } }';
    const { updateWebhookEndpoint } = await server.ok(update, { input: { id: endpoint.id, version: endpoint.version, eventTypes: ['customer.updated'] } });
    expect(updateWebhookEndpoint).toEqual({ endpoint: { eventTypes: ['customer.updated'], version: 2 }, userErrors: [] });
    expect(userErrorOf(await server.gql(update, { input: { id: endpoint.id, version: 1, description: 'stale' } }))).toMatchObject({ fields: ['version'], codes: ['STALE_VERSION'] });
    const { deleteWebhookEndpoint } = await server.ok('mutation($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) { deletedId } }', { input: { id: endpoint.id } });
    expect(deleteWebhookEndpoint.deletedId).toBe(endpoint.id);
    expect(await server.ok('query($id: ID!) { node(id: $id) { id } }', { id: delivery.id })).toEqual({ node: null });
    const audit = await server.ok('{ auditLog(first: 5, filter: { action: "webhookEndpoint.delete" }) { edges { node { before } } } }');
    expect(JSON.stringify(audit.auditLog.edges)).not.toContain('whsec_');
    expect(audit.auditLog.edges).toHaveLength(1);
  });
});
