import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customersVisibleTo, resolvePlugins, seedPlugins, staffViewer, type Prisma } from '@rapport/core';
import servicePlugin, { recordSlaBreaches } from '@rapport/plugin-service';
import { databaseKinds, describeOnDatabases, errorOf, userErrorOf, startTestServer, type GraphQLResponse, type TestServer } from '@rapport/core/testing';

const kinds = await databaseKinds();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The database id inside a global id (base64 of `Type:id`). */
const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

const TICKET = /* GraphQL */ `
  id code number status priority version escalationLevel breached
  firstResponseDueAt resolutionDueAt firstRespondedAt resolvedAt closedAt firstResponseBreachedAt resolutionBreachedAt
  resolution satisfactionRating satisfactionComment assignee { email } queue { name } customer { id } contact { id }
`;
const mutation = (name: string, inputType: string, selection = `ticket { ${TICKET} }`) =>
  `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} userErrors { field code message } } }`;
const OPEN = mutation('openTicket', 'OpenTicketInput');
const ASSIGN = mutation('assignTicket', 'AssignTicketInput');
const COMMENT = mutation('commentOnTicket', 'CommentOnTicketInput', `ticket { ${TICKET} } comment { id kind body visibility author { email } }`);
const CHANGE_STATUS = mutation('changeTicketStatus', 'ChangeTicketStatusInput');
const ESCALATE = mutation('escalateTicket', 'EscalateTicketInput');
const RESOLVE = mutation('resolveTicket', 'ResolveTicketInput');
const CLOSE = mutation('closeTicket', 'CloseTicketInput');
const REOPEN = mutation('reopenTicket', 'ReopenTicketInput');
const RATE = mutation('rateTicket', 'RateTicketInput');
const TIMELINE = /* GraphQL */ `
  query($id: ID!) { ticket(id: $id) { timeline(first: 100) { totalCount edges { node {
    kind author { email } body visibility fromStatus toStatus assignee { email } queue { name } escalationLevel slaTarget rating createdAt
  } } } } }
`;

const plugins = () => resolvePlugins([servicePlugin], ['service']);

interface Cast {
  agent: string;
  otherAgent: string;
  manager: string;
  serviceDesk: string;
  customer: string;
  contact: string;
  foreignContact: string;
}

async function castOf(server: TestServer): Promise<Cast> {
  const data = await server.ok(`{
    users(first: 100) { edges { node { id email } } }
    teams { id name manager { id } }
    customers(first: 2, orderBy: { field: CODE }) { edges { node { id contacts { id } } } }
  }`);
  const user = (email: string) => data.users.edges.find((e: any) => e.node.email === email).node.id;
  const desk = data.teams.find((t: any) => t.name === 'Service Desk');
  const [first, second] = data.customers.edges.map((e: any) => e.node);
  return {
    agent: user('agent@demo.local'),
    otherAgent: user('emma.rossi@demo.local'),
    manager: user('huang.li@demo.local'),
    serviceDesk: desk.id,
    customer: first.id,
    contact: first.contacts[0].id,
    foreignContact: second.contacts[0].id,
  };
}

describeOnDatabases(kinds)('service tickets on %s', (database) => {
  let server: TestServer;
  let cast: Cast;

  const open = async (input: Record<string, unknown> = {}) =>
    (
      await server.ok(OPEN, {
        input: { customerId: cast.customer, contactId: cast.contact, subject: 'Machine stops after ten minutes', type: 'REPAIR', channel: 'PHONE', ...input },
      })
    ).openTicket.ticket;
  const timeline = async (id: string) => (await server.ok(TIMELINE, { id })).ticket.timeline.edges.map((e: any) => e.node);
  const alertsOf = (ticketId: string, kind: string) =>
    server.db.prisma.alert.findMany({ where: { entityId: dbId(ticketId), kind }, orderBy: { dedupeKey: 'asc' } });

  beforeAll(async () => {
    server = await startTestServer({ database, plugins: plugins(), customers: 8 });
    cast = await castOf(server);
  });
  afterAll(() => server?.close());

  it('runs a ticket through its whole life, every step on the timeline', async () => {
    const openedAt = server.clock.now();
    const opened = await open({ priority: 'HIGH', type: 'COMPLAINT', queueId: cast.serviceDesk, description: 'Stops with error E42.' });
    expect(opened).toMatchObject({
      status: 'NEW',
      priority: 'HIGH',
      version: 1,
      escalationLevel: 0,
      breached: false,
      assignee: null,
      queue: { name: 'Service Desk' },
      customer: { id: cast.customer },
      contact: { id: cast.contact },
      firstResponseDueAt: new Date(openedAt.getTime() + 2 * HOUR).toISOString(),
      resolutionDueAt: new Date(openedAt.getTime() + 24 * HOUR).toISOString(),
    });
    expect(opened.code).toBe(`T-${String(opened.number).padStart(6, '0')}`);
    const id = opened.id;

    server.clock.advance(10 * MINUTE);
    const assigned = (await server.ok(ASSIGN, { input: { id, version: 1, assigneeId: cast.agent } })).assignTicket.ticket;
    expect(assigned).toMatchObject({ status: 'OPEN', version: 2, assignee: { email: 'agent@demo.local' }, queue: { name: 'Service Desk' } });
    const assignedAlerts = await alertsOf(id, 'TICKET_ASSIGNED');
    expect(assignedAlerts.map((a) => a.recipientId)).toEqual([dbId(cast.agent)]);

    server.clock.advance(5 * MINUTE);
    const note = (await server.ok(COMMENT, { input: { id, body: 'Checked the order: shipped on time.', visibility: 'INTERNAL' } })).commentOnTicket;
    expect(note.ticket).toMatchObject({ firstRespondedAt: null, version: 2 });
    expect(note.comment).toMatchObject({ kind: 'COMMENTED', visibility: 'INTERNAL', author: { email: 'admin@demo.local' } });

    server.clock.advance(15 * MINUTE);
    const respondedAt = server.clock.now().toISOString();
    const reply = (await server.ok(COMMENT, { input: { id, body: 'A technician will call you.', visibility: 'PUBLIC' } })).commentOnTicket;
    expect(reply.ticket).toMatchObject({ firstRespondedAt: respondedAt, version: 3, breached: false });
    const second = (await server.ok(COMMENT, { input: { id, body: 'Any news?', visibility: 'PUBLIC' } })).commentOnTicket;
    expect(second.ticket).toMatchObject({ firstRespondedAt: respondedAt, version: 3 });

    server.clock.advance(HOUR);
    const pending = (await server.ok(CHANGE_STATUS, { input: { id, version: 3, status: 'PENDING', note: 'Waiting for a photo.' } })).changeTicketStatus.ticket;
    expect(pending).toMatchObject({ status: 'PENDING', version: 4 });
    server.clock.advance(HOUR);
    const reopenedWork = (await server.ok(CHANGE_STATUS, { input: { id, version: 4, status: 'OPEN' } })).changeTicketStatus.ticket;
    expect(reopenedWork).toMatchObject({ status: 'OPEN', version: 5 });

    server.clock.advance(HOUR);
    const resolvedAt = server.clock.now().toISOString();
    const resolved = (await server.ok(RESOLVE, { input: { id, version: 5, resolution: 'Replaced the sensor.' } })).resolveTicket.ticket;
    expect(resolved).toMatchObject({ status: 'RESOLVED', version: 6, resolvedAt, resolution: 'Replaced the sensor.', firstRespondedAt: respondedAt });

    server.clock.advance(HOUR);
    const rated = (await server.ok(RATE, { input: { id, version: 6, rating: 4, comment: 'Quick and friendly.' } })).rateTicket.ticket;
    expect(rated).toMatchObject({ satisfactionRating: 4, satisfactionComment: 'Quick and friendly.', version: 7 });

    server.clock.advance(HOUR);
    const closedAt = server.clock.now().toISOString();
    const closed = (await server.ok(CLOSE, { input: { id, version: 7 } })).closeTicket.ticket;
    expect(closed).toMatchObject({ status: 'CLOSED', closedAt, version: 8 });

    server.clock.advance(HOUR);
    const reopened = (await server.ok(REOPEN, { input: { id, version: 8, reason: 'The machine stopped again.' } })).reopenTicket.ticket;
    expect(reopened).toMatchObject({ status: 'OPEN', resolvedAt: null, closedAt: null, resolution: null, satisfactionRating: 4, version: 9 });

    server.clock.advance(HOUR);
    const again = (await server.ok(RESOLVE, { input: { id, version: 9, resolution: 'Replaced the controller board.' } })).resolveTicket.ticket;
    expect(again).toMatchObject({ status: 'RESOLVED', version: 10, breached: false, escalationLevel: 0 });

    const events = await timeline(id);
    expect(events.map((e: any) => [e.kind, e.fromStatus, e.toStatus])).toEqual([
      ['OPENED', null, 'NEW'],
      ['ASSIGNED', null, null],
      ['STATUS_CHANGED', 'NEW', 'OPEN'],
      ['COMMENTED', null, null],
      ['COMMENTED', null, null],
      ['COMMENTED', null, null],
      ['STATUS_CHANGED', 'OPEN', 'PENDING'],
      ['STATUS_CHANGED', 'PENDING', 'OPEN'],
      ['STATUS_CHANGED', 'OPEN', 'RESOLVED'],
      ['RATED', null, null],
      ['STATUS_CHANGED', 'RESOLVED', 'CLOSED'],
      ['STATUS_CHANGED', 'CLOSED', 'OPEN'],
      ['STATUS_CHANGED', 'OPEN', 'RESOLVED'],
    ]);
    expect(events[0]).toMatchObject({ author: { email: 'admin@demo.local' }, queue: { name: 'Service Desk' }, createdAt: openedAt.toISOString() });
    expect(events[1]).toMatchObject({ assignee: { email: 'agent@demo.local' }, queue: { name: 'Service Desk' } });
    expect(events.slice(3, 6).map((e: any) => [e.visibility, e.body])).toEqual([
      ['INTERNAL', 'Checked the order: shipped on time.'],
      ['PUBLIC', 'A technician will call you.'],
      ['PUBLIC', 'Any news?'],
    ]);
    expect(events[6].body).toBe('Waiting for a photo.');
    expect(events[8].body).toBe('Replaced the sensor.');
    expect(events[9]).toMatchObject({ rating: 4, body: 'Quick and friendly.' });
    expect(events[11].body).toBe('The machine stopped again.');
    expect(events.length).toBeGreaterThan(0);
    expect(events.filter((e: any) => !(e.author?.email === 'admin@demo.local'))).toEqual([]);

    const rateAgain = await server.gql(RATE, { input: { id, version: 10, rating: 5 } });
    expect(userErrorOf(rateAgain)).toMatchObject({ fields: ['rating'], message: '该工单已评价过' });
    // A reader whose locale is English gets the same refusal in English.
    await server.db.prisma.user.update({ where: { email: 'admin@demo.local' }, data: { locale: 'en' } });
    try {
      expect(userErrorOf(await server.gql(RATE, { input: { id, version: 10, rating: 5 } })).message).toBe('ticket was already rated');
    } finally {
      await server.db.prisma.user.update({ where: { email: 'admin@demo.local' }, data: { locale: 'zh-CN' } });
    }
  });

  describe('rejected changes', () => {
    async function snapshot(id: string) {
      const ticket = await server.db.prisma.ticket.findUniqueOrThrow({ where: { id: dbId(id) } });
      return {
        ticket,
        events: await server.db.prisma.ticketEvent.count({ where: { ticketId: dbId(id) } }),
        alerts: await server.db.prisma.alert.count(),
      };
    }
    /** `code: 'USER_ERROR'`: refused in the payload's userErrors (input and rule errors); other codes: in `errors`. */
    async function expectRejected(query: string, input: Record<string, unknown>, expected: { code: string; fields?: string[]; message?: RegExp }) {
      const before = await snapshot(input.id as string);
      const result: GraphQLResponse = await server.gql(query, { input });
      const user = userErrorOf(result);
      const error = user.codes.length ? { ...user, code: 'USER_ERROR' } : errorOf(result);
      expect(error.code).toBe(expected.code);
      if (expected.fields) expect(error.fields).toEqual(expected.fields);
      if (expected.message) expect(error.message).toMatch(expected.message);
      expect(await snapshot(input.id as string)).toEqual(before);
    }

    it('keeps a NEW ticket from being closed, rated, reopened or resolved the wrong way', async () => {
      const { id } = await open();
      await expectRejected(CLOSE, { id, version: 1 }, { code: 'USER_ERROR', fields: ['id'], message: /NEW 状态的工单不能改为 CLOSED/ });
      await expectRejected(RATE, { id, version: 1, rating: 5 }, { code: 'USER_ERROR', fields: ['rating'], message: /后才能评价，当前状态为 NEW/ });
      await expectRejected(REOPEN, { id, version: 1, reason: 'x' }, { code: 'USER_ERROR', fields: ['id'] });
      await expectRejected(CHANGE_STATUS, { id, version: 1, status: 'RESOLVED' }, { code: 'USER_ERROR', fields: ['status'], message: /resolveTicket/ });
      await expectRejected(CHANGE_STATUS, { id, version: 1, status: 'CLOSED' }, { code: 'USER_ERROR', fields: ['status'] });
      await expectRejected(CHANGE_STATUS, { id, version: 1, status: 'NEW' }, { code: 'USER_ERROR', fields: ['status'], message: /工单已是 NEW 状态/ });
      await expectRejected(RESOLVE, { id, version: 1, resolution: '  ' }, { code: 'USER_ERROR', fields: ['resolution'] });
    });

    it('checks inputs and references, reporting every offending field', async () => {
      const { id } = await open();
      await expectRejected(RATE, { id, version: 1, rating: 6 }, { code: 'USER_ERROR', fields: ['rating'] });
      await expectRejected(ASSIGN, { id, version: 1, assigneeId: cast.customer }, { code: 'USER_ERROR' });
      const nobody = Buffer.from('User:00000000-0000-7000-8000-000000000000').toString('base64');
      const noTeam = Buffer.from('Team:00000000-0000-7000-8000-000000000000').toString('base64');
      await expectRejected(ASSIGN, { id, version: 1, assigneeId: nobody, queueId: noTeam }, { code: 'USER_ERROR', fields: ['assigneeId', 'queueId'] });

      const before = await server.db.prisma.ticket.count();
      const foreign = await server.gql(OPEN, {
        input: { customerId: cast.customer, contactId: cast.foreignContact, subject: ' ', type: 'INQUIRY', channel: 'EMAIL', assigneeId: nobody },
      });
      expect(userErrorOf(foreign)).toMatchObject({ fields: ['subject'] });
      const references = await server.gql(OPEN, {
        input: { customerId: cast.customer, contactId: cast.foreignContact, subject: 'x', type: 'INQUIRY', channel: 'EMAIL', assigneeId: nobody },
      });
      expect(userErrorOf(references)).toMatchObject({ fields: ['assigneeId', 'contactId'] });
      const missing = await server.gql(OPEN, {
        input: { customerId: Buffer.from('Customer:00000000-0000-7000-8000-000000000000').toString('base64'), subject: 'x', type: 'INQUIRY', channel: 'EMAIL' },
      });
      expect(errorOf(missing).code).toBe('NOT_FOUND');
      expect(await server.db.prisma.ticket.count()).toBe(before);
    });

    it('answers a stale version with CONFLICT and the current version', async () => {
      const { id } = await open();
      await server.ok(ASSIGN, { input: { id, version: 1, assigneeId: cast.agent } });
      const before = await snapshot(id);
      const stale = await server.gql(ASSIGN, { input: { id, version: 1, assigneeId: cast.otherAgent, reason: 'Ava is away' } });
      expect(userErrorOf(stale)).toMatchObject({ fields: ['version'], codes: ['STALE_VERSION'], message: expect.stringContaining('当前版本 2') });
      expect(await snapshot(id)).toEqual(before);
      const same = await server.gql(ASSIGN, { input: { id, version: 2, assigneeId: cast.agent } });
      expect(userErrorOf(same)).toMatchObject({ fields: ['assigneeId'] });

      const reassigned = (await server.ok(ASSIGN, { input: { id, version: 2, assigneeId: cast.otherAgent, reason: 'Ava is away' } })).assignTicket.ticket;
      expect(reassigned).toMatchObject({ status: 'OPEN', version: 3, assignee: { email: 'emma.rossi@demo.local' } });
      const last = (await timeline(id)).at(-1);
      expect(last).toMatchObject({ kind: 'ASSIGNED', body: 'Ava is away', assignee: { email: 'emma.rossi@demo.local' } });
    });

    it('keeps a CLOSED ticket read-only until reopened, and a resolved one from escalating', async () => {
      const { id } = await open();
      await server.ok(RESOLVE, { input: { id, version: 1, resolution: 'Answered by phone.' } });
      await expectRejected(ESCALATE, { id, version: 2, reason: 'x' }, { code: 'USER_ERROR', fields: ['id'] });
      await expectRejected(CHANGE_STATUS, { id, version: 2, status: 'OPEN' }, { code: 'USER_ERROR', fields: ['status'], message: /reopenTicket/ });
      await server.ok(CLOSE, { input: { id, version: 2, note: 'Confirmed by the customer.' } });
      await expectRejected(COMMENT, { id, body: 'One more thing', visibility: 'INTERNAL' }, { code: 'USER_ERROR', fields: ['id'] });
      await expectRejected(CLOSE, { id, version: 3 }, { code: 'USER_ERROR', fields: ['id'], message: /工单已是 CLOSED 状态/ });
      await expectRejected(ASSIGN, { id, version: 3, assigneeId: cast.agent }, { code: 'USER_ERROR', fields: ['id'] });
    });
  });

  it('escalates by hand, handing the ticket over, and counts a resolution before any reply as the first response', async () => {
    const { id } = await open({ assigneeId: cast.agent, queueId: cast.serviceDesk });
    const escalated = (await server.ok(ESCALATE, { input: { id, version: 1, reason: 'Needs the team lead.', assigneeId: cast.manager } })).escalateTicket.ticket;
    expect(escalated).toMatchObject({ escalationLevel: 1, status: 'OPEN', assignee: { email: 'huang.li@demo.local' }, version: 2 });
    expect((await timeline(id)).map((e: any) => e.kind)).toEqual(['OPENED', 'ASSIGNED', 'STATUS_CHANGED', 'ESCALATED', 'ASSIGNED']);
    expect((await alertsOf(id, 'TICKET_ASSIGNED')).map((a) => a.recipientId).sort()).toEqual([dbId(cast.agent), dbId(cast.manager)].sort());

    server.clock.advance(MINUTE);
    const resolved = (await server.ok(RESOLVE, { input: { id, version: 2, resolution: 'Refund approved.' } })).resolveTicket.ticket;
    expect(resolved.firstRespondedAt).toBe(server.clock.now().toISOString());
  });

  it('records SLA breaches on the clock: escalates once per target and alerts the assignee and the queue manager once', async () => {
    const { id, firstResponseDueAt, resolutionDueAt } = await open({ priority: 'URGENT', assigneeId: cast.agent, queueId: cast.serviceDesk });
    const openedAt = server.clock.now().getTime();
    expect(new Date(firstResponseDueAt).getTime() - openedAt).toBe(30 * MINUTE);
    expect(new Date(resolutionDueAt).getTime() - openedAt).toBe(4 * HOUR);
    const state = async () => (await server.ok(`query($id: ID!) { ticket(id: $id) { ${TICKET} } }`, { id })).ticket;
    const breachAlerts = async () => (await alertsOf(id, 'TICKET_SLA_BREACHED')).map((a) => [a.recipientId, a.title]);

    expect(await server.app.jobs.runDue()).toContain('service.sla-breaches');
    expect(await state()).toMatchObject({ breached: false, escalationLevel: 0 });

    server.clock.set(new Date(openedAt + 31 * MINUTE));
    expect(await server.app.jobs.runDue()).toContain('service.sla-breaches');
    const breachedAt = server.clock.now().toISOString();
    expect(await state()).toMatchObject({ breached: true, escalationLevel: 1, firstResponseBreachedAt: breachedAt, resolutionBreachedAt: null, version: 2 });
    const firstAlerts = [
      [dbId(cast.agent), '首次响应已超时：Machine stops after ten minutes'],
      [dbId(cast.manager), '首次响应已超时：Machine stops after ten minutes'],
    ].sort();
    expect((await breachAlerts()).sort()).toEqual(firstAlerts);

    // Again at the same instant, and on the next round: nothing more.
    expect(await recordSlaBreaches(server.db.prisma, server.clock.now())).toBe(0);
    server.clock.advance(MINUTE);
    expect(await server.app.jobs.runDue()).toContain('service.sla-breaches');
    expect(await state()).toMatchObject({ escalationLevel: 1, version: 2 });
    expect((await breachAlerts()).sort()).toEqual(firstAlerts);

    // The resolution target passes too: one more escalation, once.
    server.clock.set(new Date(openedAt + 4 * HOUR + MINUTE));
    await server.app.jobs.runDue();
    server.clock.advance(MINUTE);
    await server.app.jobs.runDue();
    expect(await state()).toMatchObject({ escalationLevel: 2, resolutionBreachedAt: new Date(openedAt + 4 * HOUR + MINUTE).toISOString() });
    expect(await breachAlerts()).toHaveLength(4);

    const breaches = (await timeline(id)).filter((e: any) => e.kind === 'SLA_BREACHED' || e.kind === 'ESCALATED');
    expect(breaches.map((e: any) => [e.kind, e.slaTarget, e.escalationLevel, e.author])).toEqual([
      ['SLA_BREACHED', 'FIRST_RESPONSE', null, null],
      ['ESCALATED', null, 1, null],
      ['SLA_BREACHED', 'RESOLUTION', null, null],
      ['ESCALATED', null, 2, null],
    ]);
  });

  it('records a late first response as a breach when the job has not caught it, without escalating', async () => {
    const { id } = await open({ priority: 'NORMAL', assigneeId: cast.agent, queueId: cast.serviceDesk });
    server.clock.advance(8 * HOUR + MINUTE);
    const reply = (await server.ok(COMMENT, { input: { id, body: 'Sorry for the wait.', visibility: 'PUBLIC' } })).commentOnTicket.ticket;
    expect(reply).toMatchObject({ breached: true, firstResponseBreachedAt: server.clock.now().toISOString(), escalationLevel: 0 });
    server.clock.advance(MINUTE);
    await server.app.jobs.runDue();
    expect((await server.db.prisma.ticket.findUniqueOrThrow({ where: { id: dbId(id) } })).escalationLevel).toBe(0);
    expect(await alertsOf(id, 'TICKET_SLA_BREACHED')).toEqual([]);
    expect((await timeline(id)).map((e: any) => e.kind).slice(-2)).toEqual(['COMMENTED', 'SLA_BREACHED']);
  });

  it('reads tickets by global id through node()', async () => {
    const { id, code } = await open();
    const [event] = await timeline(id);
    const data = await server.ok(`query($id: ID!) { node(id: $id) { id ... on Ticket { code timeline(first: 1) { edges { node { id kind } } } } } }`, { id });
    expect(data.node).toMatchObject({ id, code, timeline: { edges: [{ node: { kind: event.kind } }] } });
    const eventId = data.node.timeline.edges[0].node.id;
    const byEventId = await server.ok(`query($id: ID!) { node(id: $id) { ... on TicketEvent { kind ticket { id } } } }`, { id: eventId });
    expect(byEventId.node).toEqual({ kind: 'OPENED', ticket: { id } });
    const unknown = Buffer.from('Ticket:00000000-0000-7000-8000-000000000000').toString('base64');
    expect(errorOf(await server.gql(`query($id: ID!) { ticket(id: $id) { id } }`, { id: unknown })).code).toBe('NOT_FOUND');
  });
});

describeOnDatabases(kinds)('ticket lists, Customer.tickets and metrics over seeded tickets on %s', (database) => {
  let server: TestServer;
  let cast: Cast;
  let tickets: Array<Prisma.TicketModel & { assignee: { email: string } | null; queue: { name: string } | null }>;

  beforeAll(async () => {
    server = await startTestServer({ database, plugins: plugins(), customers: 40 });
    await seedPlugins(server.db.prisma, plugins(), { now: server.clock.now() });
    cast = await castOf(server);
    tickets = await server.db.prisma.ticket.findMany({ include: { assignee: { select: { email: true } }, queue: { select: { name: true } } } });
  });
  afterAll(() => server?.close());

  it('seeds about sixty tickets across statuses and priorities, some breached and escalated, some rated', () => {
    expect(tickets.length).toBe(60);
    expect(new Set(tickets.map((t) => t.status))).toEqual(new Set(['NEW', 'OPEN', 'PENDING', 'RESOLVED', 'CLOSED']));
    expect(new Set(tickets.map((t) => t.priority)).size).toBe(4);
    expect(tickets.filter((t) => t.firstResponseBreachedAt || t.resolutionBreachedAt).length).toBeGreaterThan(3);
    expect(tickets.filter((t) => t.escalationLevel > 0).length).toBeGreaterThan(3);
    expect(tickets.filter((t) => t.satisfactionRating !== null).length).toBeGreaterThan(5);
    expect(tickets.some((t) => t.assignee?.email === 'agent@demo.local')).toBe(true);
  });

  it('filters and orders tickets, with totalCount', async () => {
    const query = `query($filter: TicketFilter, $orderBy: TicketOrder) { tickets(first: 100, filter: $filter, orderBy: $orderBy) {
      totalCount edges { node { id code status priority breached assignee { email } queue { name } customer { id } } } } }`;
    const list = async (filter: Record<string, unknown>, orderBy?: Record<string, unknown>) => (await server.ok(query, { filter, orderBy })).tickets;
    const count = (where: (t: (typeof tickets)[number]) => boolean) => tickets.filter(where).length;

    const active = await list({ status: ['OPEN', 'PENDING'], priority: ['HIGH', 'URGENT', 'NORMAL'] });
    expect(active.totalCount).toBe(count((t) => ['OPEN', 'PENDING'].includes(t.status) && t.priority !== 'LOW'));
    expect(active.edges.length).toBe(active.totalCount);

    const breached = await list({ breached: true });
    expect(breached.totalCount).toBe(count((t) => !!(t.firstResponseBreachedAt || t.resolutionBreachedAt)));
    expect(breached.edges.length).toBeGreaterThan(0);
    expect(breached.edges.filter((e: any) => !(e.node.breached))).toEqual([]);
    expect((await list({ breached: false })).totalCount).toBe(tickets.length - breached.totalCount);

    const ava = await list({ assigneeIds: [cast.agent], queueIds: [cast.serviceDesk] });
    expect(ava.totalCount).toBe(count((t) => t.assignee?.email === 'agent@demo.local' && t.queue?.name === 'Service Desk'));

    const sample = tickets[7]!;
    const byCustomer = await list({ customerId: Buffer.from(`Customer:${sample.customerId}`).toString('base64'), type: [sample.type] });
    expect(byCustomer.totalCount).toBe(count((t) => t.customerId === sample.customerId && t.type === sample.type));
    const byCode = await list({ search: `t-${String(sample.number).padStart(6, '0')}` });
    expect(byCode.edges.map((e: any) => dbId(e.node.id))).toContain(sample.id);
    expect((await list({ search: sample.subject.slice(2, 12).toUpperCase() })).totalCount).toBe(
      count((t) => t.subject.toLowerCase().includes(sample.subject.slice(2, 12).toLowerCase()) || !!t.description?.toLowerCase().includes(sample.subject.slice(2, 12).toLowerCase())),
    );

    const byPriority = await list({}, { field: 'PRIORITY', direction: 'DESC' });
    const rank = { URGENT: 3, HIGH: 2, NORMAL: 1, LOW: 0 } as Record<string, number>;
    const ranks = byPriority.edges.map((e: any) => rank[e.node.priority]);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));

    expect((await list({ assigneeIds: [Buffer.from('User:not-a-uuid').toString('base64')] })).totalCount).toBe(0);
  });

  it('shows a ticket only to who may see its customer, and lets only them change it', async () => {
    const rep = await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'rep@demo.local' } });
    const repSees = customersVisibleTo(staffViewer(rep));
    const hidden = await server.db.prisma.ticket.findFirstOrThrow({ where: { NOT: { customer: repSees }, status: { not: 'CLOSED' } } });
    const id = Buffer.from(`Ticket:${hidden.id}`).toString('base64');
    const asRep = server.as('rep@demo.local');
    const asAgent = server.as('agent@demo.local');

    const visibleToRep = await server.db.prisma.ticket.count({ where: { customer: repSees } });
    expect(visibleToRep).toBeLessThan(tickets.length);
    expect((await asRep.ok(`{ tickets(first: 100) { totalCount edges { node { id } } } }`)).tickets.totalCount).toBe(visibleToRep);
    expect((await asAgent.ok(`{ tickets(first: 1) { totalCount } }`)).tickets.totalCount).toBe(tickets.length);
    expect(errorOf(await asRep.gql(`query($id: ID!) { ticket(id: $id) { id } }`, { id })).code).toBe('NOT_FOUND');
    expect((await asRep.ok(`query($id: ID!) { node(id: $id) { id } }`, { id })).node).toBeNull();
    expect(errorOf(await asRep.gql(COMMENT, { input: { id, body: 'Hello', visibility: 'INTERNAL' } })).code).toBe('NOT_FOUND');
    const customerId = Buffer.from(`Customer:${hidden.customerId}`).toString('base64');
    const opened = await asRep.gql(OPEN, { input: { customerId, subject: 'x', type: 'INQUIRY', channel: 'EMAIL' } });
    expect(errorOf(opened).code).toBe('NOT_FOUND');
    expect(await server.db.prisma.ticket.count()).toBe(tickets.length);

    const comment = await asAgent.ok(COMMENT, { input: { id, body: 'Looking into it.', visibility: 'INTERNAL' } });
    expect(comment.commentOnTicket.comment.author).toEqual({ email: 'agent@demo.local' });
    expect((await server.anonymous.gql(`{ tickets(first: 1) { totalCount } }`)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lists a customer’s and a contact’s tickets', async () => {
    const sample = tickets.find((t) => t.contactId)!;
    const data = await server.ok(
      `query($customer: ID!, $contact: ID!) {
        customer(id: $customer) { tickets(first: 50) { totalCount edges { node { id createdAt } } } open: tickets(first: 50, status: [NEW, OPEN, PENDING]) { totalCount } }
        node(id: $contact) { ... on Contact { tickets(first: 50) { totalCount } } }
      }`,
      { customer: Buffer.from(`Customer:${sample.customerId}`).toString('base64'), contact: Buffer.from(`Contact:${sample.contactId}`).toString('base64') },
    );
    const ofCustomer = tickets.filter((t) => t.customerId === sample.customerId);
    expect(data.customer.tickets.totalCount).toBe(ofCustomer.length);
    expect(data.customer.tickets.edges.map((e: any) => dbId(e.node.id)).sort()).toEqual(ofCustomer.map((t) => t.id).sort());
    const times = data.customer.tickets.edges.map((e: any) => e.node.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(data.customer.open.totalCount).toBe(ofCustomer.filter((t) => ['NEW', 'OPEN', 'PENDING'].includes(t.status)).length);
    expect(data.node.tickets.totalCount).toBe(tickets.filter((t) => t.contactId === sample.contactId).length);
  });

  it('loads Customer.tickets for a page of customers with a constant number of statements', async () => {
    const page = `query($first: Int!) { customers(first: $first, orderBy: { field: CODE }) { edges { node {
      id tickets(first: 3) { totalCount edges { node { code status assignee { name } queue { name manager { name } } contact { name } } } }
    } } } }`;
    const statementsFor = async (first: number) => {
      server.statements.length = 0;
      const data = await server.ok(page, { first });
      expect(data.customers.edges).toHaveLength(first);
      return server.statements.length;
    };
    await statementsFor(5);
    const counts = [await statementsFor(5), await statementsFor(20), await statementsFor(40)];
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBeLessThanOrEqual(10);
  });

  describe('ticketMetrics', () => {
    type Row = (typeof tickets)[number];
    const seconds = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000;
    const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

    function bruteStats(rows: Row[]) {
      const breached = rows.filter((t) => t.firstResponseBreachedAt || t.resolutionBreachedAt).length;
      const rated = rows.filter((t) => t.satisfactionRating !== null);
      return {
        tickets: rows.length,
        open: rows.filter((t) => ['NEW', 'OPEN', 'PENDING'].includes(t.status)).length,
        resolved: rows.filter((t) => t.resolvedAt).length,
        breached,
        breachRate: rows.length ? breached / rows.length : null,
        averageFirstResponseSeconds: mean(rows.filter((t) => t.firstRespondedAt).map((t) => seconds(t.createdAt, t.firstRespondedAt!))),
        averageResolutionSeconds: mean(rows.filter((t) => t.resolvedAt).map((t) => seconds(t.createdAt, t.resolvedAt!))),
        rated: rated.length,
        satisfactionAverage: mean(rated.map((t) => t.satisfactionRating!)),
      };
    }
    function expectStats(actual: Record<string, number | null>, expected: ReturnType<typeof bruteStats>) {
      for (const [key, value] of Object.entries(expected)) {
        if (value === null || Number.isInteger(value)) expect(actual[key], key).toBe(value);
        else expect(actual[key], key).toBeCloseTo(value, 3);
      }
    }
    const groupBy = <K>(rows: Row[], key: (t: Row) => K) => {
      const groups = new Map<K, Row[]>();
      for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
      return groups;
    };
    const periodStart = (date: Date, period: string) => {
      const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), period === 'MONTH' ? 1 : date.getUTCDate()));
      if (period === 'WEEK') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
      return d.toISOString();
    };

    const STATS = 'tickets open resolved breached breachRate averageFirstResponseSeconds averageResolutionSeconds rated satisfactionAverage';
    const METRICS = `query($filter: TicketMetricsFilter, $period: TicketMetricsPeriod!) { ticketMetrics(filter: $filter) {
      openByStatus { status count } openByPriority { priority count } overall { ${STATS} }
      perAgent { agent { email } stats { ${STATS} } } perTeam { team { name } stats { ${STATS} } }
      perPeriod(period: $period) { start stats { ${STATS} } }
    } }`;

    async function expectMetricsOf(rows: Row[], filter: Record<string, unknown> | null, period: string) {
      const metrics = (await server.ok(METRICS, { filter, period })).ticketMetrics;
      const open = rows.filter((t) => ['NEW', 'OPEN', 'PENDING'].includes(t.status));
      expect(metrics.openByStatus).toEqual(['NEW', 'OPEN', 'PENDING'].map((status) => ({ status, count: open.filter((t) => t.status === status).length })));
      expect(metrics.openByPriority).toEqual(
        ['URGENT', 'HIGH', 'NORMAL', 'LOW'].map((priority) => ({ priority, count: open.filter((t) => t.priority === priority).length })),
      );
      expectStats(metrics.overall, bruteStats(rows));

      const perAgent = groupBy(rows, (t) => t.assignee?.email ?? null);
      expect(metrics.perAgent.map((r: any) => r.agent?.email ?? null).sort()).toEqual([...perAgent.keys()].sort());
      for (const row of metrics.perAgent) expectStats(row.stats, bruteStats(perAgent.get(row.agent?.email ?? null)!));
      const tickets = metrics.perAgent.map((r: any) => r.stats.tickets);
      expect(tickets).toEqual([...tickets].sort((a, b) => b - a));

      const perTeam = groupBy(rows, (t) => t.queue?.name ?? null);
      expect(metrics.perTeam.map((r: any) => r.team?.name ?? null).sort()).toEqual([...perTeam.keys()].sort());
      for (const row of metrics.perTeam) expectStats(row.stats, bruteStats(perTeam.get(row.team?.name ?? null)!));

      const perPeriod = groupBy(rows, (t) => periodStart(t.createdAt, period));
      expect(metrics.perPeriod.map((r: any) => r.start)).toEqual([...perPeriod.keys()].sort());
      for (const row of metrics.perPeriod) expectStats(row.stats, bruteStats(perPeriod.get(row.start)!));
    }

    it('equals brute-force counts over all tickets, per agent, team and day, week and month', async () => {
      for (const period of ['DAY', 'WEEK', 'MONTH']) await expectMetricsOf(tickets, null, period);
    });

    it('equals brute-force counts within a window, for a team and agents', async () => {
      const now = server.clock.now().getTime();
      const from = new Date(now - 20 * 24 * HOUR);
      const to = new Date(now - 2 * 24 * HOUR);
      const inWindow = tickets.filter((t) => t.createdAt >= from && t.createdAt < to);
      await expectMetricsOf(inWindow, { from: from.toISOString(), to: to.toISOString() }, 'WEEK');
      const agents = [cast.agent, cast.otherAgent];
      const theirs = tickets.filter((t) => ['agent@demo.local', 'emma.rossi@demo.local'].includes(t.assignee?.email ?? ''));
      await expectMetricsOf(theirs, { teamIds: [cast.serviceDesk], assigneeIds: agents }, 'DAY');
    });

    it('rejects a window that ends before it starts', async () => {
      const result = await server.gql(`{ ticketMetrics(filter: { from: "2026-10-01T00:00:00Z", to: "2026-09-01T00:00:00Z" }) { overall { tickets } } }`);
      expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['filter.to'] });
    });
  });
});

describeOnDatabases(kinds)('configured service plugin on %s', (database) => {
  let server: TestServer;

  beforeAll(async () => {
    const configured = resolvePlugins([servicePlugin], ['service'], {
      service: { ticketCodePrefix: 'SR-', breachCheckIntervalSeconds: 300, sla: { URGENT: { firstResponseMinutes: 10 } } },
    });
    server = await startTestServer({ database, plugins: configured, customers: 3 });
  });
  afterAll(() => server?.close());

  it('uses the configured code prefix, SLA targets and breach check interval', async () => {
    const { customers } = await server.ok(`{ customers(first: 1) { edges { node { id } } } }`);
    const { openTicket } = await server.ok(OPEN, {
      input: { customerId: customers.edges[0].node.id, subject: 'Line down', type: 'REPAIR', channel: 'PHONE', priority: 'URGENT' },
    });
    const openedAt = server.clock.now().getTime();
    expect(openTicket.ticket.code).toMatch(/^SR-\d{6}$/);
    expect(new Date(openTicket.ticket.firstResponseDueAt).getTime() - openedAt).toBe(10 * MINUTE);
    expect(new Date(openTicket.ticket.resolutionDueAt).getTime() - openedAt).toBe(4 * HOUR);

    expect(await server.app.jobs.runDue()).toContain('service.sla-breaches');
    server.clock.advance(4 * MINUTE + 59_000);
    expect(await server.app.jobs.runDue()).not.toContain('service.sla-breaches');
    server.clock.advance(1_000);
    expect(await server.app.jobs.runDue()).toContain('service.sla-breaches');
  });
});
