// Demo tickets, made by replaying plausible histories through the ticket rules on a manual clock, so
// every status, timeline, SLA breach and escalation in the demo is one the real services produce.
import {
  ManualClock,
  staffViewer,
  type Rng,
  type SeedContext,
  type ServiceContext,
  type TicketChannel,
  type TicketPriority,
  type TicketType,
} from '@rapport/core';
import { recordSlaBreaches } from './breaches.js';
import type { ServiceConfig, SlaPolicy } from './config.js';
import {
  assignTicket,
  type OpenTicketInput,
  changeTicketStatus,
  closeTicket,
  commentOnTicket,
  escalateTicket,
  openTicket,
  rateTicket,
  reopenTicket,
  resolveTicket,
} from './service.js';

const TICKETS = 60;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const SUBJECTS: Record<TicketType, readonly string[]> = {
  INQUIRY: ['Question about the last invoice', 'Lead time for spare parts', 'How to export the monthly report',
    'Warranty terms for the new model', 'Price list for next year'],
  COMPLAINT: ['Late delivery of order', 'Damaged packaging on arrival', 'Wrong items delivered',
    'Invoice amount does not match the quote', 'Nobody called back as promised'],
  REPAIR: ['Machine stops after ten minutes', 'Display shows error E42', 'Motor overheating under load',
    'Sensor readings drift after calibration', 'Hydraulic seal leaking'],
  REQUEST: ['Send the installation manual', 'Schedule on-site training', 'Add a second user account',
    'Change the delivery address', 'Copy of the certificate of conformity'],
};
const RESOLUTIONS: Record<TicketType, readonly string[]> = {
  INQUIRY: ['Answered by phone and confirmed by e-mail.', 'Sent the requested document.'],
  COMPLAINT: ['Replacement shipped with express delivery; credit note issued.', 'Apologised and corrected the invoice.'],
  REPAIR: ['Technician replaced the faulty part on site.', 'Firmware update fixed the issue; customer confirmed.'],
  REQUEST: ['Done as requested.', 'Scheduled and confirmed with the customer.'],
};
const PUBLIC_REPLIES = ['Thank you for reporting this; we are looking into it.', 'Could you send a photo of the serial number plate?',
  'A technician will call you tomorrow morning.', 'We have forwarded this to our logistics partner and will update you today.'];
const INTERNAL_NOTES = ['Checked the order history: shipped on time from our side.', 'Asked the warehouse for the tracking details.',
  'Known issue with batch 2026-07, see the quality report.', 'Customer is a key account: handle with priority.'];
const RATING_COMMENTS = ['Quick and friendly, thank you.', 'Solved, but it took too long.', 'Still not fully happy with the outcome.',
  'Excellent support.'];

const PRIORITIES: ReadonlyArray<readonly [TicketPriority, number]> = [['LOW', 20], ['NORMAL', 48], ['HIGH', 22], ['URGENT', 10]];
const TYPES: ReadonlyArray<readonly [TicketType, number]> = [['INQUIRY', 35], ['COMPLAINT', 20], ['REPAIR', 30], ['REQUEST', 15]];
const CHANNELS: ReadonlyArray<readonly [TicketChannel, number]> = [
  ['PHONE', 35], ['EMAIL', 30], ['WEB', 15], ['CHAT', 10], ['VISIT', 5], ['SOCIAL', 5],
];

type Staff = ReturnType<typeof staffViewer>;

/**
 * Who acts. Agents see every customer (customer.readAll); the desk's manager and the reps see only
 * their own and their teams' customers, so the manager receives escalations but agents act on them,
 * and a rep logs complaints only for customers they own.
 */
interface Cast {
  agents: Staff[];
  manager: Staff;
  /** Sales reps by id, who log complaints from the customer view. */
  reps: Map<string, Staff>;
  queueId: string;
  customers: Array<{ id: string; ownerId: string | null; contactIds: string[] }>;
}

/** One thing someone does at a time: opening ticket number `ticket` of the plan, or acting on it (as last read). */
type Step = { at: number; ticket: number; by: Staff } & (
  | { open: OpenTicketInput }
  | { act(ctx: ServiceContext, current: { id: string; version: number }): Promise<unknown> }
);

export async function seedTickets({ prisma, now, config, rng, log }: SeedContext<ServiceConfig>): Promise<void> {
  const cast = await loadCast(prisma);
  if (!cast) {
    log('service: no demo users or customers, no tickets seeded');
    return;
  }
  const steps = Array.from({ length: TICKETS }, (_, ticket) => planTicket(rng, ticket, now.getTime(), config.sla, cast))
    .flat()
    .filter((step) => step.at <= now.getTime())
    .sort((a, b) => a.at - b.at || a.ticket - b.ticket);
  const clock = new ManualClock(now);
  const ids = new Map<number, string>();
  for (const step of steps) {
    clock.set(new Date(step.at));
    // The breach job, had it been running all along.
    await recordSlaBreaches(prisma, clock.now());
    const ctx: ServiceContext = { prisma, clock, viewer: step.by };
    if ('open' in step) {
      ids.set(step.ticket, (await openTicket(ctx, config.sla, step.open)).id);
    } else {
      const current = await prisma.ticket.findUniqueOrThrow({ where: { id: ids.get(step.ticket)! }, select: { id: true, version: true } });
      await step.act(ctx, current);
    }
  }
  await recordSlaBreaches(prisma, now);
  log(`service: seeded ${ids.size} tickets (${steps.length} actions)`);
}

async function loadCast(prisma: SeedContext['prisma']): Promise<Cast | null> {
  const team = await prisma.team.findUnique({
    where: { name: 'Service Desk' },
    include: { manager: true, members: { where: { role: 'SERVICE', active: true }, orderBy: { email: 'asc' } } },
  });
  const reps = await prisma.user.findMany({ where: { role: 'SALES', active: true } });
  const customers = await prisma.customer.findMany({
    where: { contacts: { some: {} } },
    orderBy: { number: 'asc' },
    take: 80,
    select: { id: true, ownerId: true, contacts: { select: { id: true }, orderBy: [{ isPrimary: 'desc' }, { name: 'asc' }] } },
  });
  if (!team?.manager || team.members.length === 0 || customers.length === 0) return null;
  return {
    agents: team.members.map((u) => staffViewer(u)),
    manager: staffViewer(team.manager),
    reps: new Map(reps.map((u) => [u.id, staffViewer(u)])),
    queueId: team.id,
    customers: customers.map((c) => ({ id: c.id, ownerId: c.ownerId, contactIds: c.contacts.map((contact) => contact.id) })),
  };
}

/**
 * A whole plausible history, every random choice made here so the demo is the same for the same seed.
 * Steps after `now` are not played yet, which leaves recent tickets mid-way.
 */
function planTicket(rng: Rng, ticket: number, now: number, sla: SlaPolicy, cast: Cast): Step[] {
  const openedAt = now - (rng.chance(0.35) ? rng.int(10 * MINUTE, 3 * DAY) : rng.int(3 * DAY, 45 * DAY));
  const type = rng.weighted(TYPES);
  const priority = rng.weighted(PRIORITIES);
  const target = sla[priority];
  const customer = rng.pick(cast.customers);
  const agent = rng.pick(cast.agents);
  const owner = customer.ownerId ? cast.reps.get(customer.ownerId) : undefined;
  const opener = type === 'COMPLAINT' && owner && rng.chance(0.6) ? owner : agent;
  const dispatcher = cast.agents.find((a) => a !== agent) ?? agent;
  const selfAssigned = opener === agent && rng.chance(0.5);
  // Some tickets sit unnoticed, some are answered or solved late: what the SLA job is for.
  const neglected = rng.chance(0.1);
  const responseFactor = neglected ? rng.int(300, 800) : rng.chance(0.12) ? rng.int(110, 250) : rng.int(10, 90);
  const resolutionFactor = rng.chance(0.15) ? rng.int(110, 200) : rng.int(30, 95);
  const respondAt = openedAt + Math.round((target.firstResponseMinutes * MINUTE * responseFactor) / 100);
  const resolveAt = Math.max(respondAt + HOUR, openedAt + Math.round((target.resolutionMinutes * MINUTE * resolutionFactor) / 100));
  const working = resolveAt - respondAt;

  const steps: Step[] = [];
  const at = (time: number, by: Staff, act: Extract<Step, { act: unknown }>['act']) => steps.push({ at: Math.round(time), ticket, by, act });
  const channel = rng.weighted(CHANNELS);
  const open: OpenTicketInput = {
    customerId: customer.id,
    contactId: rng.pick(customer.contactIds),
    subject: rng.pick(SUBJECTS[type]),
    description: `Came in by ${channel.toLowerCase()}; logged by ${opener.name}.`,
    type,
    channel,
    priority,
    queueId: cast.queueId,
    assigneeId: selfAssigned ? agent.id : null,
  };
  steps.push({ at: openedAt, ticket, by: opener, open });
  if (!selfAssigned) {
    const assignAt = neglected ? respondAt - 2 * MINUTE : openedAt + Math.round(((respondAt - openedAt) * rng.int(10, 60)) / 100);
    at(assignAt, dispatcher, (ctx, current) => assignTicket(ctx, { ...current, assigneeId: agent.id }));
  }
  if (rng.chance(0.4)) {
    const body = rng.pick(INTERNAL_NOTES);
    at(respondAt - MINUTE, agent, (ctx, { id }) => commentOnTicket(ctx, { id, body, visibility: 'INTERNAL' }));
  }
  const reply = rng.pick(PUBLIC_REPLIES);
  at(respondAt, agent, (ctx, { id }) => commentOnTicket(ctx, { id, body: reply, visibility: 'PUBLIC' }));
  if (rng.chance(0.35)) {
    at(respondAt + working * 0.2, agent, (ctx, current) => changeTicketStatus(ctx, { ...current, status: 'PENDING', note: 'Waiting for the customer.' }));
    at(respondAt + working * 0.7, agent, (ctx, current) => changeTicketStatus(ctx, { ...current, status: 'OPEN', note: 'Customer replied.' }));
  }
  const escalated = rng.chance(0.12);
  if (escalated) {
    const reason = 'Needs a decision from the team lead.';
    at(respondAt + working * 0.8, agent, (ctx, current) => escalateTicket(ctx, { ...current, reason, assigneeId: cast.manager.id }));
  }
  const resolution = rng.pick(RESOLUTIONS[type]);
  at(resolveAt, agent, (ctx, current) => resolveTicket(ctx, { ...current, resolution }));

  let resolvedAt = resolveAt;
  if (rng.chance(0.08)) {
    const reopenAt = resolveAt + rng.int(HOUR, DAY);
    resolvedAt = reopenAt + rng.int(2 * HOUR, 2 * DAY);
    at(reopenAt, agent, (ctx, current) => reopenTicket(ctx, { ...current, reason: 'Customer reports the problem is back.' }));
    at(resolvedAt, agent, (ctx, current) => resolveTicket(ctx, { ...current, resolution: 'Fixed for good after a second visit.' }));
  }
  let closeAt = resolvedAt + rng.int(2 * DAY, 6 * DAY);
  if (rng.chance(0.6)) {
    const rating = type === 'COMPLAINT' ? rng.int(1, 5) : rng.weighted([[5, 45], [4, 35], [3, 12], [2, 5], [1, 3]] as const);
    const comment = rng.chance(0.5) ? RATING_COMMENTS[rating >= 4 ? rng.pick([0, 3]) : rating === 3 ? 1 : 2]! : null;
    const rateAt = resolvedAt + rng.int(HOUR, 2 * DAY);
    closeAt = Math.max(closeAt, rateAt + HOUR);
    at(rateAt, agent, (ctx, current) => rateTicket(ctx, { ...current, rating, comment }));
  }
  if (rng.chance(0.85)) at(closeAt, agent, (ctx, current) => closeTicket(ctx, current));
  return steps;
}
