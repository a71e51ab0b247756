import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlugins, seedPlugins } from '@rapport/core';
import callcenterPlugin, { lookupSqlForExplain, signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER, WEBHOOK_PATH } from '@rapport/plugin-callcenter';
import servicePlugin from '@rapport/plugin-service';
import { databaseKinds, describeOnDatabases, errorOf, userErrorOf, startTestServer, TEST_NOW, type TestServer } from '@rapport/core/testing';

const kinds = await databaseKinds();
const SECRET = 'telephony-test-secret-of-at-least-32-chars';
const MINUTE = 60_000;

/**
 * A known-answer vector computed outside the product, once, by hand:
 *   printf '%s' "1793610000.$KAT_BODY" | openssl dgst -sha256 -hmac "$SECRET" -hex
 * so a change to how the server signs (field order, separator, encoding, algorithm) fails here even
 * when the product's own signer changes along with it.
 */
const KAT_TIMESTAMP = '1793610000'; // 2026-11-02T09:00:00Z, the suites' TEST_NOW
const KAT_BODY =
  '{"id":"evt-kat-1","type":"call.started","occurredAt":"2026-11-02T09:00:00.000Z","call":{"id":"kat-1","direction":"INBOUND","from":"+86 138-0013-8000","to":"+86 21 6000 8000","queue":"Service Desk"}}';
const KAT_SIGNATURE = 'sha256=d626b62cd311b934e174c57fa4584807b8ad4c5959d2d4bce9946b17133186c1';

/** The database id inside a global id (base64 of `Type:id`). */
const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;
const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

const plugins = () =>
  resolvePlugins([servicePlugin, callcenterPlugin], ['service', 'callcenter'], { callcenter: { webhook: { secret: SECRET } } });

const CALL = /* GraphQL */ `
  id source direction fromNumber fromRaw toNumber startedAt answeredAt endedAt ringSeconds talkSeconds disposition outcome
  recordingUrl notes version customer { name } contact { name } agent { email } queue { name }
  legs { position agent { email } queue { name } startedAt endedAt }
  callbacks { automatic doneOnTime task { id subject dueAt remindAt completedAt assignee { email } } }
`;

interface Delivery {
  timestamp?: number;
  secret?: string;
  signature?: string | null;
  contentType?: string;
}

describe('the telephony webhook without a secret', () => {
  it('answers 503 WEBHOOK_NOT_CONFIGURED to any request, signed or not, and writes nothing', async () => {
    const server = await startTestServer({ database: 'pglite', plugins: resolvePlugins([servicePlugin, callcenterPlugin], ['service', 'callcenter']) });
    try {
      const url = server.url.replace('/graphql', WEBHOOK_PATH);
      for (const signature of [KAT_SIGNATURE, null]) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: KAT_TIMESTAMP, ...(signature ? { [SIGNATURE_HEADER]: signature } : {}) },
          body: KAT_BODY,
        });
        expect([response.status, ((await response.json()) as any).error]).toEqual([503, 'WEBHOOK_NOT_CONFIGURED']);
      }
      expect(await server.db.prisma.callEvent.count()).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describeOnDatabases(kinds)('call center on %s', (database) => {
  let server: TestServer;
  let webhookUrl: string;
  let users: Record<string, string>;
  let lotus: { id: string; contactId: string };

  /** POSTs a body to the webhook, signed with the secret at the server's time unless told otherwise. */
  async function deliver(body: unknown, options: Delivery = {}) {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const timestamp = String(options.timestamp ?? Math.floor(server.clock.now().getTime() / 1000));
    const signature = options.signature === undefined ? signWebhook(options.secret ?? SECRET, timestamp, raw) : options.signature;
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': options.contentType ?? 'application/json',
        [TIMESTAMP_HEADER]: timestamp,
        ...(signature ? { [SIGNATURE_HEADER]: signature } : {}),
      },
      body: raw,
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  let sequence = 0;
  /** A telephony event of call `callId`, `secondsAfter` the server's current time. */
  function telephonyEvent(callId: string, type: string, secondsAfter: number, call: Record<string, unknown> = {}, extra: object = {}) {
    sequence += 1;
    return {
      id: `evt-${callId}-${type}-${sequence}`,
      type,
      occurredAt: new Date(server.clock.now().getTime() + secondsAfter * 1000).toISOString(),
      call: { id: callId, direction: 'INBOUND', from: '+86 138-0013-8000', to: '+86 21 6000 8000', queue: 'Service Desk', ...call },
      ...extra,
    };
  }

  const callByExternalId = async (externalId: string) => {
    const row = await server.db.prisma.call.findUniqueOrThrow({ where: { externalId } });
    return (await server.ok(`query($id: ID!) { call(id: $id) { ${CALL} } }`, { id: globalId('Call', row.id) })).call;
  };

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 40, plugins: plugins() });
    webhookUrl = server.url.replace('/graphql', WEBHOOK_PATH);
    const list = await server.ok(`{ users(first: 100) { edges { node { id email } } } }`);
    users = Object.fromEntries(list.users.edges.map((e: any) => [e.node.email, e.node.id]));
    const created = await server.ok(
      `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id contacts { id } } userErrors { field code message } } }`,
      {
        input: {
          name: 'Hangzhou Lotus Tea',
          phone: '021-6123-4567',
          ownerId: users['rep@demo.local'],
          contacts: [{ name: 'Wang Fang', phone: '+86 138-0013-8000', isPrimary: true }],
        },
      },
    );
    lotus = { id: created.createCustomer.customer.id, contactId: created.createCustomer.customer.contacts[0].id };
  });
  afterAll(() => server?.close());

  describe('telephony webhook', () => {
    it('accepts a request signed as the known-answer vector says, and nothing signed otherwise', async () => {
      const resume = server.clock.now();
      server.clock.set(TEST_NOW);
      try {
        expect(String(server.clock.now().getTime() / 1000)).toBe(KAT_TIMESTAMP);
        expect(signWebhook(SECRET, KAT_TIMESTAMP, KAT_BODY)).toBe(KAT_SIGNATURE);
        const flipped = KAT_SIGNATURE.slice(0, -1) + (KAT_SIGNATURE.endsWith('1') ? '0' : '1');
        expect(await deliver(KAT_BODY, { timestamp: Number(KAT_TIMESTAMP), signature: flipped })).toMatchObject({ status: 401, body: { error: 'SIGNATURE_INVALID' } });
        expect(await deliver(KAT_BODY, { timestamp: Number(KAT_TIMESTAMP), signature: KAT_SIGNATURE.toUpperCase() })).toMatchObject({ status: 401 });
        expect(await server.db.prisma.call.count({ where: { externalId: 'kat-1' } })).toBe(0);
        expect(await deliver(KAT_BODY, { timestamp: Number(KAT_TIMESTAMP), signature: KAT_SIGNATURE })).toMatchObject({ status: 200, body: { status: 'accepted', eventId: 'evt-kat-1' } });
        expect(await server.db.prisma.call.count({ where: { externalId: 'kat-1' } })).toBe(1);
      } finally {
        server.clock.set(resume);
      }
    });

    it('refuses a body over the limit (413) whether or not it declares its length, and takes one at the limit', async () => {
      const limit = 65_536;
      const event = JSON.stringify(telephonyEvent('limit', 'call.started', 0));
      const atLimit = event + ' '.repeat(limit - Buffer.byteLength(event));
      expect(await deliver(`${atLimit} `)).toMatchObject({ status: 413, body: { error: 'BODY_TOO_LARGE' } });
      // Chunked, without Content-Length: counted as it is read.
      const timestamp = String(Math.floor(server.clock.now().getTime() / 1000));
      const chunked = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signWebhook(SECRET, timestamp, `${atLimit} `) },
        body: new Blob([atLimit, ' ']).stream(),
        duplex: 'half',
      } as RequestInit);
      expect([chunked.status, ((await chunked.json()) as any).error]).toEqual([413, 'BODY_TOO_LARGE']);
      expect(await server.db.prisma.call.count({ where: { externalId: 'limit' } })).toBe(0);
      expect(await deliver(atLimit)).toMatchObject({ status: 200, body: { status: 'accepted' } });
    });

    it('refuses a missing or bad signature, a tampered body and another secret, writing nothing', async () => {
      const event = telephonyEvent('bad-sig', 'call.started', 0);
      expect(await deliver(event, { signature: null })).toMatchObject({ status: 401, body: { error: 'SIGNATURE_MISSING' } });
      expect(await deliver(event, { signature: 'sha256=00' })).toMatchObject({ status: 401, body: { error: 'SIGNATURE_INVALID' } });
      expect(await deliver(event, { secret: 'another-secret-that-is-32-characters-long' })).toMatchObject({
        status: 401,
        body: { error: 'SIGNATURE_INVALID' },
      });
      const timestamp = Math.floor(server.clock.now().getTime() / 1000);
      const signedOther = signWebhook(SECRET, String(timestamp), JSON.stringify({ ...event, id: 'other' }));
      expect(await deliver(event, { timestamp, signature: signedOther })).toMatchObject({ status: 401, body: { error: 'SIGNATURE_INVALID' } });
      expect(await server.db.prisma.callEvent.count({ where: { callId: undefined, eventId: event.id } })).toBe(0);
      expect(await server.db.prisma.call.count({ where: { externalId: 'bad-sig' } })).toBe(0);
    });

    it('answers malformed and invalid bodies, wrong media types and methods with clear 4xx codes', async () => {
      expect(await deliver('{not json')).toMatchObject({ status: 400, body: { error: 'MALFORMED_JSON' } });
      const invalid = await deliver({ ...telephonyEvent('invalid', 'call.rang', 0), occurredAt: 'yesterday' });
      expect(invalid.status).toBe(422);
      expect(invalid.body.error).toBe('INVALID_EVENT');
      expect(invalid.body.fields.map((f: any) => f.field).sort()).toEqual(['occurredAt', 'type']);
      expect(await deliver(telephonyEvent('media', 'call.started', 0), { contentType: 'text/plain' })).toMatchObject({ status: 415 });
      const get = await fetch(webhookUrl);
      expect(get.status).toBe(405);
      expect(get.headers.get('allow')).toBe('POST');
    });

    it('rejects old and future timestamps; an exact replay within the window changes nothing', async () => {
      const event = telephonyEvent('replay', 'call.started', 0);
      const now = Math.floor(server.clock.now().getTime() / 1000);
      expect(await deliver(event, { timestamp: now - 301 })).toMatchObject({ status: 401, body: { error: 'TIMESTAMP_OUT_OF_TOLERANCE' } });
      expect(await deliver(event, { timestamp: now + 301 })).toMatchObject({ status: 401, body: { error: 'TIMESTAMP_OUT_OF_TOLERANCE' } });
      expect(await server.db.prisma.call.count({ where: { externalId: 'replay' } })).toBe(0);

      const raw = JSON.stringify(event);
      const signature = signWebhook(SECRET, String(now), raw);
      expect(await deliver(raw, { timestamp: now, signature })).toMatchObject({ status: 200, body: { status: 'accepted' } });
      const before = await server.db.prisma.call.findUniqueOrThrow({ where: { externalId: 'replay' } });
      server.clock.advance(60_000);
      expect(await deliver(raw, { timestamp: now, signature })).toMatchObject({ status: 200, body: { status: 'duplicate' } });
      const after = await server.db.prisma.call.findUniqueOrThrow({ where: { externalId: 'replay' } });
      expect(after).toEqual(before);
      // The same capture once the window has passed is refused outright.
      server.clock.advance(5 * MINUTE);
      expect(await deliver(raw, { timestamp: now, signature })).toMatchObject({ status: 401, body: { error: 'TIMESTAMP_OUT_OF_TOLERANCE' } });
    });

    it('is idempotent by event id: a redelivery is a no-op, the id with another body a conflict', async () => {
      const started = telephonyEvent('dup', 'call.started', 0);
      const answered = telephonyEvent('dup', 'call.answered', 5, { agent: 'agent@demo.local' });
      expect((await deliver(started)).body.status).toBe('accepted');
      expect((await deliver(answered)).body.status).toBe('accepted');
      const results = await Promise.all([deliver(answered), deliver(answered), deliver(started)]);
      expect(results.map((r) => [r.status, r.body.status])).toEqual([
        [200, 'duplicate'],
        [200, 'duplicate'],
        [200, 'duplicate'],
      ]);
      const call = await server.db.prisma.call.findUniqueOrThrow({ where: { externalId: 'dup' }, include: { events: true, legs: true } });
      expect(call.events).toHaveLength(2);
      expect(call.legs).toHaveLength(1);
      expect(await deliver({ ...answered, call: { ...answered.call, agent: 'emma.rossi@demo.local' } })).toMatchObject({
        status: 409,
        body: { error: 'EVENT_ID_REUSED' },
      });
    });

    it('builds the same call from events in any order, with matched customer, durations and transfer chain', async () => {
      const events = [
        telephonyEvent('ooo', 'call.started', 0),
        telephonyEvent('ooo', 'call.answered', 15, { agent: 'agent@demo.local' }),
        telephonyEvent('ooo', 'call.transferred', 75, { agent: 'agent@demo.local' }, { transfer: { toAgent: 'emma.rossi@demo.local', toQueue: 'East Sales' } }),
        telephonyEvent('ooo', 'call.ended', 315, { recordingUrl: 'https://rec.example/ooo.mp3' }),
      ];
      // ended first, then answered, then transfer, then started
      for (const index of [3, 1, 2, 0]) expect((await deliver(events[index])).status).toBe(200);
      const call = await callByExternalId('ooo');
      expect(call).toMatchObject({
        source: 'TELEPHONY',
        direction: 'INBOUND',
        fromNumber: '+8613800138000',
        fromRaw: '+86 138-0013-8000',
        toNumber: '+862160008000',
        ringSeconds: 15,
        talkSeconds: 300,
        disposition: 'ANSWERED',
        recordingUrl: 'https://rec.example/ooo.mp3',
        customer: { name: 'Hangzhou Lotus Tea' },
        contact: { name: 'Wang Fang' },
        agent: { email: 'emma.rossi@demo.local' },
        queue: { name: 'Service Desk' },
        callbacks: [],
      });
      expect(call.startedAt).toBe(events[0]!.occurredAt);
      expect(call.legs).toEqual([
        { position: 1, agent: { email: 'agent@demo.local' }, queue: { name: 'Service Desk' }, startedAt: events[0]!.occurredAt, endedAt: events[2]!.occurredAt },
        { position: 2, agent: { email: 'emma.rossi@demo.local' }, queue: { name: 'East Sales' }, startedAt: events[2]!.occurredAt, endedAt: events[3]!.occurredAt },
      ]);
    });

    it('turns a missed call into a callback task with alerts, and takes it back when a late answered event arrives', async () => {
      const started = telephonyEvent('missed', 'call.started', 0, { agent: 'agent@demo.local' });
      const ended = telephonyEvent('missed', 'call.ended', 40);
      await deliver(started);
      await deliver(ended);
      const missed = await callByExternalId('missed');
      expect(missed).toMatchObject({ disposition: 'MISSED', ringSeconds: 40, talkSeconds: 0 });
      expect(missed.callbacks).toHaveLength(1);
      const [callback] = missed.callbacks;
      expect(callback).toMatchObject({ automatic: true, doneOnTime: false, task: { subject: 'Call back Wang Fang (+86 138-0013-8000)', completedAt: null, assignee: { email: 'agent@demo.local' } } });
      const dueAt = Date.parse(ended.occurredAt) + 30 * MINUTE;
      expect(Date.parse(callback.task.dueAt)).toBe(dueAt);
      expect(Date.parse(callback.task.remindAt)).toBe(dueAt - 5 * MINUTE);
      const taskId = dbId(callback.task.id);
      const alerts = await server.db.prisma.alert.findMany({ where: { entityId: taskId }, orderBy: { fireAt: 'asc' } });
      expect(alerts.map((a) => [a.kind, a.recipientId, a.fireAt.getTime()])).toEqual([
        ['TASK_DUE_SOON', dbId(users['agent@demo.local']!), dueAt - 5 * MINUTE],
        ['TASK_OVERDUE', dbId(users['agent@demo.local']!), dueAt],
      ]);

      // The answer was sent before the end but arrives after it: the call was answered after all.
      await deliver(telephonyEvent('missed', 'call.answered', 10, { agent: 'agent@demo.local' }));
      const answered = await callByExternalId('missed');
      expect(answered).toMatchObject({ disposition: 'ANSWERED', ringSeconds: 10, talkSeconds: 30, callbacks: [] });
      expect(await server.db.prisma.activity.count({ where: { id: taskId } })).toBe(0);
      expect(await server.db.prisma.alert.count({ where: { entityId: taskId } })).toBe(0);
    });

    it('emits call.missed once per missed inbound call, however often its end is reported', async () => {
      const types = await server.ok('{ webhookEventTypes { type } }');
      expect(types.webhookEventTypes).toContainEqual({ type: 'call.missed' });
      // An endpoint subscribed to it (written directly: this suite's server refuses no URLs but sends nothing).
      const now = server.clock.now();
      await server.db.prisma.webhookEndpoint.create({ data: { url: 'https://hooks.example.com/rapport', eventTypes: ['call.missed'], secret: 'whsec_dGVzdA==', createdAt: now, updatedAt: now } });
      const ended = telephonyEvent('missed-event', 'call.ended', 30, { disposition: 'NO_ANSWER' });
      await deliver(telephonyEvent('missed-event', 'call.started', 0));
      await deliver(ended);
      await deliver(ended);
      await deliver(telephonyEvent('missed-event', 'call.ended', 31, { disposition: 'NO_ANSWER' }));
      await deliver(telephonyEvent('answered-event', 'call.started', 0));
      await deliver(telephonyEvent('answered-event', 'call.answered', 5, { agent: 'agent@demo.local' }));
      await deliver(telephonyEvent('answered-event', 'call.ended', 60));
      const call = await server.db.prisma.call.findUniqueOrThrow({ where: { externalId: 'missed-event' } });
      const events = await server.db.prisma.webhookEvent.findMany({ where: { type: 'call.missed' } });
      expect(events.map((e) => [e.entityType, e.entityId])).toEqual([['Call', call.id]]);
      expect((events[0]!.payload as any).data.call).toMatchObject({ id: globalId('Call', call.id), disposition: 'NO_ANSWER', from: '+8613800138000', customerId: lotus.id });
    });
  });

  describe('logCall, updateCall and scheduleCallback', () => {
    const LOG = `mutation($input: LogCallInput!) { logCall(input: $input) { call { ${CALL} } userErrors { field code message } } }`;
    const input = (extra: object = {}) => ({
      direction: 'OUTBOUND',
      from: '+86 21 6000 8000',
      to: '0086 13800138000',
      startedAt: new Date(server.clock.now().getTime() - 10 * MINUTE).toISOString(),
      answeredAt: new Date(server.clock.now().getTime() - 9 * MINUTE).toISOString(),
      endedAt: new Date(server.clock.now().getTime() - 4 * MINUTE).toISOString(),
      ...extra,
    });

    it('logs a call by hand, matched by number, with derived durations and a configured outcome', async () => {
      const { logCall } = await server.as('agent@demo.local').ok(LOG, { input: input({ outcome: 'Will Call Back', notes: 'Wants a quote' }) });
      expect(logCall.call).toMatchObject({
        source: 'MANUAL',
        toNumber: '+8613800138000',
        ringSeconds: 60,
        talkSeconds: 300,
        disposition: 'ANSWERED',
        outcome: 'will call back',
        notes: 'Wants a quote',
        customer: { name: 'Hangzhou Lotus Tea' },
        contact: { name: 'Wang Fang' },
        agent: { email: 'agent@demo.local' },
      });
      expect(logCall.call.legs).toHaveLength(1);
    });

    it('names every invalid field', async () => {
      const result = await server.gql(LOG, {
        input: input({ outcome: 'maybe later', disposition: 'BUSY', recordingUrl: 'ftp://x', endedAt: new Date(server.clock.now().getTime() + MINUTE).toISOString() }),
      });
      expect(userErrorOf(result)).toMatchObject({ fields: ['disposition', 'recordingUrl'] });
      expect(result.data.logCall.userErrors.map((e: { message: string }) => e.message).sort()).toEqual(['已接听的通话，结果只能是 ANSWERED 或 VOICEMAIL', '必须是 http(s) 网址'].sort());
      const references = await server.gql(LOG, { input: input({ outcome: 'maybe later', endedAt: new Date(server.clock.now().getTime() + MINUTE).toISOString() }) });
      expect(userErrorOf(references)).toMatchObject({ fields: ['endedAt', 'outcome'] });
    });

    it('updates notes and outcome on the version read; links a ticket of the same customer', async () => {
      const { logCall } = await server.as('agent@demo.local').ok(LOG, { input: input() });
      const ticket = await server.ok(
        `mutation($input: OpenTicketInput!) { openTicket(input: $input) { ticket { id } userErrors { field code message } } }`,
        { input: { customerId: lotus.id, subject: 'Tea arrived damp', type: 'COMPLAINT', channel: 'PHONE' } },
      );
      const UPDATE = `mutation($input: UpdateCallInput!) { updateCall(input: $input) { call { version notes outcome ticket { subject } } userErrors { field code message } } }`;
      const ok = await server.as('agent@demo.local').ok(UPDATE, {
        input: { id: logCall.call.id, version: logCall.call.version, notes: 'Complaint logged', outcome: 'complaint', ticketId: ticket.openTicket.ticket.id },
      });
      expect(ok.updateCall.call).toMatchObject({ notes: 'Complaint logged', outcome: 'complaint', ticket: { subject: 'Tea arrived damp' } });
      const stale = await server.as('agent@demo.local').gql(UPDATE, { input: { id: logCall.call.id, version: logCall.call.version, notes: 'x' } });
      expect(userErrorOf(stale).codes).toEqual(['STALE_VERSION']);
      const stranger = await server.as('chen.jing@demo.local').gql(UPDATE, { input: { id: logCall.call.id, version: 2, notes: 'x' } });
      expect(errorOf(stranger).code).toBe('NOT_FOUND');
    });

    it('schedules a callback as a core task whose alert fires at the reminder time; done on time counts', async () => {
      const { logCall } = await server.as('agent@demo.local').ok(LOG, { input: input() });
      const dueAt = new Date(server.clock.now().getTime() + 2 * 60 * MINUTE);
      const SCHEDULE = `mutation($input: ScheduleCallbackInput!) { scheduleCallback(input: $input) { task { id kind dueAt remindAt assignee { email } version } call { callbacks { automatic doneOnTime } } userErrors { field code message } } }`;
      const past = await server.as('agent@demo.local').gql(SCHEDULE, { input: { callId: logCall.call.id, dueAt: new Date(0).toISOString() } });
      expect(userErrorOf(past)).toMatchObject({ fields: ['dueAt'], message: '必须晚于现在' });
      // The same refusal to an agent who reads English.
      await server.db.prisma.user.update({ where: { email: 'agent@demo.local' }, data: { locale: 'en' } });
      try {
        const inEnglish = await server.as('agent@demo.local', { 'accept-language': 'en' }).gql(SCHEDULE, { input: { callId: logCall.call.id, dueAt: new Date(0).toISOString() } });
        expect(userErrorOf(inEnglish)).toMatchObject({ fields: ['dueAt'], message: 'must be in the future' });
      } finally {
        await server.db.prisma.user.update({ where: { email: 'agent@demo.local' }, data: { locale: 'zh-CN' } });
      }
      const { scheduleCallback } = await server.as('agent@demo.local').ok(SCHEDULE, {
        input: { callId: logCall.call.id, dueAt: dueAt.toISOString(), note: 'Send the price list first' },
      });
      expect(scheduleCallback.task).toMatchObject({ kind: 'CALL', assignee: { email: 'agent@demo.local' }, remindAt: new Date(dueAt.getTime() - 5 * MINUTE).toISOString() });
      expect(scheduleCallback.call.callbacks).toEqual([{ automatic: false, doneOnTime: false }]);

      server.clock.set(new Date(dueAt.getTime() - 5 * MINUTE));
      await server.app.alerts.fireDue();
      const fired = await server.db.prisma.alert.findMany({ where: { entityId: dbId(scheduleCallback.task.id), firedAt: { not: null } } });
      expect(fired.map((a) => a.kind)).toEqual(['TASK_DUE_SOON']);

      await server.as('agent@demo.local').ok(`mutation($input: CompleteActivityInput!) { completeActivity(input: $input) { activity { id } userErrors { field code message } } }`, {
        input: { id: scheduleCallback.task.id, version: scheduleCallback.task.version },
      });
      const after = await server.ok(`query($id: ID!) { call(id: $id) { callbacks { doneOnTime } } }`, { id: logCall.call.id });
      expect(after.call.callbacks).toEqual([{ doneOnTime: true }]);
    });
  });

  describe('callerLookup', () => {
    const LOOKUP = `query($phone: String!) { callerLookup(phone: $phone) {
      number matchedDigits
      contacts { name customer { name } }
      customers { name tickets(status: [NEW, OPEN, PENDING]) { totalCount edges { node { subject } } } activities(first: 3) { edges { node { subject } } } calls(first: 3) { totalCount } }
    } }`;

    it.each(['+86 138-0013-8000', '0086 138 0013 8000', '13800138000', '8613800138000', '138-0013-8000', '(+86)13800138000', '0013 8000'])(
      'finds Wang Fang and Hangzhou Lotus Tea from %s',
      async (phone) => {
        const { callerLookup } = await server.as('rep@demo.local').ok(LOOKUP, { phone });
        expect(callerLookup.contacts).toContainEqual({ name: 'Wang Fang', customer: { name: 'Hangzhou Lotus Tea' } });
        const customer = callerLookup.customers.find((c: any) => c.name === 'Hangzhou Lotus Tea');
        expect(customer.tickets.edges.map((e: any) => e.node.subject)).toContain('Tea arrived damp');
        expect(customer.calls.totalCount).toBeGreaterThan(0);
      },
    );

    it('finds a customer by its own landline, written either way', async () => {
      for (const phone of ['+86 21 6123 4567', '02161234567', '6123 4567']) {
        const { callerLookup } = await server.as('rep@demo.local').ok(LOOKUP, { phone });
        expect(callerLookup.customers.map((c: any) => c.name)).toContain('Hangzhou Lotus Tea');
      }
    });

    it('refuses fewer than 7 digits and shows only what the viewer may see', async () => {
      expect(errorOf(await server.gql(LOOKUP, { phone: '138 00' }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['phone'], message: '输入无效：phone: 至少需要 7 位数字' });
      const input = { name: 'North Private Ltd', ownerId: users['chen.jing@demo.local'], contacts: [{ name: 'Zhou Hidden', phone: '139 1234 5678' }] };
      await server.ok(`mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { field code message } } }`, { input });
      expect((await server.ok(LOOKUP, { phone: '+86 139 1234 5678' })).callerLookup.contacts).toEqual([
        { name: 'Zhou Hidden', customer: { name: 'North Private Ltd' } },
      ]);
      const rep = (await server.as('rep@demo.local').ok(LOOKUP, { phone: '+86 139 1234 5678' })).callerLookup;
      expect(rep).toMatchObject({ number: '+8613912345678', matchedDigits: '13912345678', contacts: [], customers: [] });
    });

    it('runs the same number of statements however many callers match', async () => {
      const statementsFor = async (phone: string) => {
        server.statements.length = 0;
        await server.ok(LOOKUP, { phone });
        return server.statements.length;
      };
      await statementsFor('+86 137 0000 1111');
      expect((await server.ok(LOOKUP, { phone: '13800138000' })).callerLookup.customers.length).toBe(1);
      const one = await statementsFor('+86 138-0013-8000');
      for (let i = 0; i < 4; i++) {
        await server.ok(`mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { field code message } } }`, {
          input: { name: `Shared Line ${i}`, contacts: [{ name: `Receptionist ${i}`, phone: `+86 138 0013 8000` }] },
        });
      }
      const many = await statementsFor('+86 138-0013-8000');
      expect((await server.ok(LOOKUP, { phone: '13800138000' })).callerLookup.customers.length).toBe(5);
      expect(many).toBe(one);
    });

    it('is served by the reversed-digits index', async () => {
      for (const table of ['Contact', 'Customer'] as const) {
        const plan = await server.db.prisma.$transaction(async (tx) => {
          // Small tables make a sequential scan cheaper; forbid it to see that the index serves the query.
          await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
          return tx.$queryRaw<Array<{ 'QUERY PLAN': string }>>(lookupSqlForExplain(table, '13800138000'));
        });
        expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain(`${table}_phoneDigits_reversed_idx`);
      }
    });
  });
});

interface CallRow {
  id: string;
  direction: string;
  disposition: string | null;
  agentId: string | null;
  queueId: string | null;
  customerId: string | null;
  startedAt: Date;
  ringSeconds: number | null;
  talkSeconds: number | null;
}
interface CallbackRow {
  assigneeId: string | null;
  dueAt: Date;
  completedAt: Date | null;
  call: CallRow;
}

/** The statistics' definitions, counted one row at a time. */
function bruteForce(calls: CallRow[], callbacks: CallbackRow[]) {
  const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
  const inbound = calls.filter((c) => c.direction === 'INBOUND');
  const answered = inbound.filter((c) => c.disposition === 'ANSWERED').length;
  const missed = inbound.filter((c) => c.disposition !== null && c.disposition !== 'ANSWERED').length;
  const onTime = callbacks.filter((cb) => cb.completedAt && cb.completedAt <= cb.dueAt).length;
  return {
    inbound: inbound.length,
    outbound: calls.length - inbound.length,
    answered,
    missed,
    answerRate: answered + missed ? answered / (answered + missed) : null,
    averageHandleSeconds: mean(calls.filter((c) => c.disposition === 'ANSWERED').map((c) => c.talkSeconds!)),
    averageWaitSeconds: mean(inbound.filter((c) => c.disposition !== null).map((c) => c.ringSeconds!)),
    callbacks: callbacks.length,
    callbacksDoneOnTime: onTime,
    callbackOnTimeRate: callbacks.length ? onTime / callbacks.length : null,
  };
}

function expectSameStats(actual: Record<string, number | null>, expected: Record<string, number | null>) {
  for (const [key, value] of Object.entries(expected)) {
    if (value === null || Number.isInteger(value)) expect([key, actual[key]]).toEqual([key, value]);
    else expect([key, actual[key]! - value]).toEqual([key, expect.closeTo(0, 6)]);
  }
}

/** Groups rows by a key and brute-forces each group. */
function grouped(calls: CallRow[], callbacks: CallbackRow[], callKey: (c: CallRow) => string | null, callbackKey: (cb: CallbackRow) => string | null) {
  const keys = new Set([...calls.map(callKey), ...callbacks.map(callbackKey)]);
  return new Map([...keys].map((key) => [key, bruteForce(calls.filter((c) => callKey(c) === key), callbacks.filter((cb) => callbackKey(cb) === key))]));
}

function periodStart(date: Date, period: 'DAY' | 'WEEK' | 'MONTH'): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  if (period === 'MONTH') day.setUTCDate(1);
  if (period === 'WEEK') day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString();
}

const STATS = 'inbound outbound answered missed answerRate averageHandleSeconds averageWaitSeconds callbacks callbacksDoneOnTime callbackOnTimeRate';
const STATISTICS = /* GraphQL */ `query($filter: CallStatisticsFilter) { callStatistics(filter: $filter) {
  overall { ${STATS} }
  perAgent { agent { id } stats { ${STATS} } }
  perQueue { queue { id } stats { ${STATS} } }
  day: perPeriod(period: DAY) { start stats { ${STATS} } }
  week: perPeriod(period: WEEK) { start stats { ${STATS} } }
  month: perPeriod(period: MONTH) { start stats { ${STATS} } }
} }`;

describeOnDatabases(kinds)('call statistics and visibility over the demo calls on %s', (database) => {
  let server: TestServer;
  let calls: CallRow[];
  let callbacks: CallbackRow[];
  let users: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ database, customers: 60, plugins: plugins() });
    await seedPlugins(server.db.prisma, plugins(), { now: server.clock.now() });
    calls = await server.db.prisma.call.findMany();
    const rows = await server.db.prisma.callCallback.findMany({ include: { activity: true, call: true } });
    callbacks = rows.map((r) => ({ assigneeId: r.activity.assigneeId, dueAt: r.activity.dueAt!, completedAt: r.activity.completedAt, call: r.call }));
    users = Object.fromEntries((await server.db.prisma.user.findMany()).map((u) => [u.email, u.id]));
  });
  afterAll(() => server?.close());

  it('seeds calls across agents, queues and dispositions, with callbacks done on time, late and open', () => {
    expect(calls.length).toBe(240);
    expect(new Set(calls.map((c) => c.agentId)).size).toBeGreaterThan(5);
    expect(new Set(calls.map((c) => c.queueId)).size).toBe(4);
    expect(new Set(calls.map((c) => c.disposition))).toEqual(new Set(['ANSWERED', 'MISSED', 'VOICEMAIL', 'BUSY', 'NO_ANSWER', 'FAILED']));
    expect(callbacks.length).toBeGreaterThan(10);
    const onTime = callbacks.filter((cb) => cb.completedAt && cb.completedAt <= cb.dueAt).length;
    const late = callbacks.filter((cb) => cb.completedAt && cb.completedAt > cb.dueAt).length;
    expect([onTime > 0, late > 0, callbacks.length - onTime - late > 0]).toEqual([true, true, true]);
  });

  it('equals brute-force counts overall, per agent, per queue and per day, week and month', async () => {
    const { callStatistics: stats } = await server.ok(STATISTICS);
    expectSameStats(stats.overall, bruteForce(calls, callbacks));

    const perAgent = grouped(calls, callbacks, (c) => c.agentId, (cb) => cb.assigneeId);
    expect(stats.perAgent).toHaveLength(perAgent.size);
    for (const row of stats.perAgent) expectSameStats(row.stats, perAgent.get(row.agent ? dbId(row.agent.id) : null)!);

    const perQueue = grouped(calls, callbacks, (c) => c.queueId, (cb) => cb.call.queueId);
    expect(stats.perQueue).toHaveLength(perQueue.size);
    for (const row of stats.perQueue) expectSameStats(row.stats, perQueue.get(row.queue ? dbId(row.queue.id) : null)!);

    for (const period of ['DAY', 'WEEK', 'MONTH'] as const) {
      const expected = grouped(calls, callbacks, (c) => periodStart(c.startedAt, period), (cb) => periodStart(cb.dueAt, period));
      const rows = stats[period.toLowerCase()];
      expect(rows.map((r: any) => r.start)).toEqual([...expected.keys()].sort());
      for (const row of rows) expectSameStats(row.stats, expected.get(row.start)!);
    }
  });

  it('equals brute-force counts within a filter', async () => {
    const from = new Date(server.clock.now().getTime() - 21 * 24 * 60 * MINUTE);
    const agents = [users['agent@demo.local']!, users['emma.rossi@demo.local']!];
    const filter = { from: from.toISOString(), agentIds: agents.map((id) => globalId('User', id)) };
    const { callStatistics: stats } = await server.ok(STATISTICS, { filter });
    expectSameStats(
      stats.overall,
      bruteForce(
        calls.filter((c) => c.startedAt >= from && agents.includes(c.agentId!)),
        callbacks.filter((cb) => cb.dueAt >= from && agents.includes(cb.assigneeId!)),
      ),
    );
    expect(errorOf(await server.gql(STATISTICS, { filter: { from: from.toISOString(), to: from.toISOString() } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['filter.to'],
      message: '输入无效：filter.to: 必须晚于 from',
    });
  });

  it("covers an agent's own calls and a manager's team's", async () => {
    const rep = users['rep@demo.local']!;
    const own = (await server.as('rep@demo.local').ok(STATISTICS)).callStatistics;
    expectSameStats(own.overall, bruteForce(calls.filter((c) => c.agentId === rep), callbacks.filter((cb) => cb.call.agentId === rep)));
    expect(own.perAgent.map((r: any) => r.agent?.id).filter((id: string | undefined) => id && dbId(id) !== rep)).toEqual([]);

    const team = await server.db.prisma.team.findFirstOrThrow({ where: { manager: { email: 'manager@demo.local' } }, include: { members: true } });
    const members = new Set(team.members.map((m) => m.id).concat(team.managerId!));
    const ofTeam = (c: CallRow) => (c.agentId !== null && members.has(c.agentId)) || c.queueId === team.id;
    const managed = (await server.as('manager@demo.local').ok(STATISTICS)).callStatistics;
    expectSameStats(managed.overall, bruteForce(calls.filter(ofTeam), callbacks.filter((cb) => ofTeam(cb.call))));
  });

  it('lists calls by the visibility rule: customers seen plus own calls; managers their team; readAll everything', async () => {
    const customers = await server.db.prisma.customer.findMany({ include: { shares: true, owner: true } });
    const legs = await server.db.prisma.callLeg.findMany();
    const tookPart = (c: CallRow, userId: string) => c.agentId === userId || legs.some((l) => l.callId === c.id && l.agentId === userId);
    const count = async (email: string) => (await server.as(email).ok(`{ calls(first: 1) { totalCount } }`)).calls.totalCount;

    const rep = users['rep@demo.local']!;
    const repSees = new Set(customers.filter((c) => c.ownerId === rep || c.ownerId === null || c.shares.some((s) => s.userId === rep)).map((c) => c.id));
    const forRep = calls.filter((c) => (c.customerId && repSees.has(c.customerId)) || tookPart(c, rep));
    expect(await count('rep@demo.local')).toBe(forRep.length);
    expect(forRep.length).toBeLessThan(calls.length);

    const manager = users['manager@demo.local']!;
    const team = await server.db.prisma.team.findFirstOrThrow({ where: { managerId: manager }, include: { members: true } });
    const memberIds = new Set(team.members.map((m) => m.id));
    const managerSees = new Set(
      customers
        .filter((c) => c.ownerId === manager || c.ownerId === null || c.shares.some((s) => s.userId === manager) || (c.owner && c.owner.teamId === team.id))
        .map((c) => c.id),
    );
    const forManager = calls.filter(
      (c) => (c.customerId && managerSees.has(c.customerId)) || tookPart(c, manager) || (c.agentId && memberIds.has(c.agentId)) || c.queueId === team.id,
    );
    expect(await count('manager@demo.local')).toBe(forManager.length);
    expect(await count('agent@demo.local')).toBe(calls.length);
    expect(await count('admin@demo.local')).toBe(calls.length);
  });

  it('lists calls with their relations in the same number of statements for 5 or 50 of them', async () => {
    const LIST = `query($first: Int!) { calls(first: $first) { totalCount edges { node {
      id disposition customer { name } contact { name } agent { email } queue { name } ticket { subject }
      legs { position agent { email } queue { name } } callbacks { doneOnTime task { subject assignee { email } } }
    } } } }`;
    for (const email of ['admin@demo.local', 'rep@demo.local']) {
      const client = server.as(email);
      await client.ok(LIST, { first: 1 }); // signs in first
      const counts = [];
      for (const first of [5, 50]) {
        server.statements.length = 0;
        const { calls: page } = await client.ok(LIST, { first });
        expect(page.edges).toHaveLength(first);
        counts.push(server.statements.length);
      }
      expect(counts[1]).toBe(counts[0]);
    }
  });

  it('orders calls by a CallOrder, newest first by default', async () => {
    const ORDERED = `query($orderBy: CallOrder) { calls(first: 10, orderBy: $orderBy) { nodes { startedAt } } }`;
    const starts = async (orderBy?: unknown) => (await server.ok(ORDERED, { orderBy })).calls.nodes.map((c: { startedAt: string }) => c.startedAt);
    const byDefault = await starts();
    expect(byDefault).toEqual([...byDefault].sort().reverse());
    const oldest = await starts({ field: 'STARTED_AT', direction: 'ASC' });
    expect(oldest).toEqual([...oldest].sort());
    expect(oldest[0]! < byDefault[0]!).toBe(true);
  });

  it('hides the customer of a call the viewer took but may not see', async () => {
    const rep = users['rep@demo.local']!;
    const hidden = await server.db.prisma.call.findFirst({
      where: { agentId: rep, customer: { ownerId: { notIn: [rep] }, NOT: { ownerId: null }, shares: { none: { userId: rep } } } },
    });
    if (!hidden) return expect.fail('the demo data should hold such a call');
    const { call } = await server.as('rep@demo.local').ok(`query($id: ID!) { call(id: $id) { agent { id } customer { id } contact { id } } }`, {
      id: globalId('Call', hidden.id),
    });
    expect(call).toEqual({ agent: { id: globalId('User', rep) }, customer: null, contact: null });
  });
});
