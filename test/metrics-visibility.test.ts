// Ticket and campaign metrics are aggregates over rows, so they follow the rows' rule: a viewer's
// numbers count exactly the tickets and campaign members they may list. Service agents and admins
// (customer.readAll) get service- and marketing-wide figures because they see every customer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlugins, seedPlugins } from '@rapport/core';
import marketingPlugin from '@rapport/plugin-marketing';
import servicePlugin from '@rapport/plugin-service';
import { databaseKinds, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();
const ROLES = ['admin@demo.local', 'manager@demo.local', 'rep@demo.local', 'agent@demo.local'];
const TICKETS = `{
  ticketMetrics { overall { tickets open resolved } openByStatus { count } openByPriority { count } perAgent { stats { tickets } } perTeam { stats { tickets } } perPeriod(period: MONTH) { stats { tickets } } }
  all: tickets { totalCount }
  open: tickets(filter: { status: [NEW, OPEN, PENDING] }) { totalCount }
  resolved: tickets(filter: { status: [RESOLVED, CLOSED] }) { totalCount }
}`;
const CAMPAIGNS = '{ campaigns(first: 50) { edges { node { name metrics { members } members { totalCount } } } } }';
const sum = (rows: Array<{ count?: number; stats?: { tickets: number } }>) => rows.reduce((total, r) => total + (r.count ?? r.stats!.tickets), 0);

describe.each(kinds)('metrics under the row rule on %s', (database) => {
  let server: TestServer;

  beforeAll(async () => {
    const plugins = resolvePlugins([servicePlugin, marketingPlugin], ['service', 'marketing']);
    server = await startTestServer({ database, customers: 30, plugins });
    await seedPlugins(server.db.prisma, plugins, { now: server.clock.now() });
  });
  afterAll(() => server?.close());

  it.each(ROLES)('ticketMetrics for %s counts the tickets they may list', async (email) => {
    const { ticketMetrics: m, all, open, resolved } = await server.as(email).ok(TICKETS);
    expect([m.overall.tickets, sum(m.perAgent), sum(m.perTeam), sum(m.perPeriod)]).toEqual(Array(4).fill(all.totalCount));
    expect([m.overall.open, sum(m.openByStatus), sum(m.openByPriority)]).toEqual(Array(3).fill(open.totalCount));
    expect(m.overall.resolved).toBe(resolved.totalCount);
  });

  it('the rep sees fewer tickets than the service desk, and the desk sees all of them', async () => {
    const total = await server.db.prisma.ticket.count();
    const desk = (await server.as('agent@demo.local').ok(TICKETS)).ticketMetrics.overall.tickets;
    const rep = (await server.as('rep@demo.local').ok(TICKETS)).ticketMetrics.overall.tickets;
    expect(desk).toBe(total);
    expect(rep).toBeLessThan(total);
  });

  it.each(ROLES)('campaign metrics for %s count the members they may list', async (email) => {
    const campaigns = (await server.as(email).ok(CAMPAIGNS)).campaigns.edges.map((e: any) => e.node);
    expect(campaigns.length).toBeGreaterThan(0);
    expect(campaigns.map((c: any) => [c.name, c.metrics.members])).toEqual(campaigns.map((c: any) => [c.name, c.members.totalCount]));
  });

  it('the rep counts fewer campaign members than exist', async () => {
    const members = await server.db.prisma.campaignMember.count();
    const campaigns = (await server.as('rep@demo.local').ok(CAMPAIGNS)).campaigns.edges.map((e: any) => e.node);
    expect(campaigns.reduce((total: number, c: any) => total + c.metrics.members, 0)).toBeLessThan(members);
  });
});
