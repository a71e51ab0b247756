// Demo calls: plausible telephony histories over the last eight weeks, folded by the same rule the
// webhook uses (so ring, talk and disposition are what real events would give), written in bulk.
// Missed inbound calls from known customers get the callback task the missed-call rule would give.
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient, Rng, SeedContext } from '@rapport/core';
import type { CallcenterConfig } from './config.js';
import { foldCall, type FoldableEvent, type FoldedCall } from './fold.js';
import { matchParties } from './matching.js';
import { normalizePhone } from './phone.js';

const CALLS = 240;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const OUR_LINE = '+86 21 6000 8000';
const FAILURES = [['MISSED', 60], ['VOICEMAIL', 15], ['BUSY', 10], ['NO_ANSWER', 10], ['FAILED', 5]] as const;
const NOTES = ['Asked about delivery dates.', 'Wants a quote for next quarter.', 'Reported a fault; ticket opened.', 'Confirmed the visit.'];

interface Cast {
  agents: Array<{ id: string; teamId: string | null }>;
  queues: string[];
  numbers: string[];
}

async function castOf({ prisma }: SeedContext<CallcenterConfig>): Promise<Cast | null> {
  const agents = await prisma.user.findMany({
    where: { active: true, role: { in: ['SERVICE', 'SALES'] } },
    orderBy: { email: 'asc' },
    select: { id: true, teamId: true },
  });
  const queues = await prisma.team.findMany({ where: { name: { in: ['Service Desk', 'East Sales', 'Key Accounts'] } }, orderBy: { name: 'asc' } });
  const contacts = await prisma.contact.findMany({
    where: { phone: { not: null } },
    orderBy: [{ customer: { number: 'asc' } }, { name: 'asc' }],
    select: { phone: true },
    take: 120,
  });
  if (!agents.length || !queues.length || !contacts.length) return null;
  return { agents, queues: queues.map((q) => q.id), numbers: contacts.map((c) => c.phone!) };
}

/** The events of one call: start, then an answer and maybe a transfer, or an unanswered end. */
function history(rng: Rng, cast: Cast, index: number, startedAt: Date): FoldableEvent[] {
  const direction = rng.chance(0.7) ? 'INBOUND' : 'OUTBOUND';
  const known = rng.chance(0.85);
  const party = known ? rng.pick(cast.numbers) : `+86 139 ${rng.int(1000, 9999)} ${rng.int(1000, 9999)}`;
  const agent = rng.pick(cast.agents);
  const queueId = direction === 'INBOUND' ? rng.pick(cast.queues) : null;
  const base = {
    direction,
    from: direction === 'INBOUND' ? party : OUR_LINE,
    to: direction === 'INBOUND' ? OUR_LINE : party,
    agentId: null,
    queueId,
    disposition: null,
    recordingUrl: null,
    transferAgentId: null,
    transferQueueId: null,
  } as const;
  const at = (seconds: number) => new Date(startedAt.getTime() + seconds * 1000);
  const event = (kind: FoldableEvent['kind'], seconds: number, extra: Partial<FoldableEvent> = {}): FoldableEvent => ({
    ...base,
    eventId: `demo-${index}-${kind}`,
    kind,
    occurredAt: at(seconds),
    ...extra,
  });
  const ring = rng.int(3, direction === 'INBOUND' ? 90 : 30);
  if (rng.chance(direction === 'INBOUND' ? 0.72 : 0.6)) {
    const talk = rng.int(20, 900);
    const events = [event('STARTED', 0), event('ANSWERED', ring, { agentId: agent.id }), event('ENDED', ring + talk, { recordingUrl: `https://recordings.demo.local/${index}.mp3` })];
    if (rng.chance(0.1)) events.push(event('TRANSFERRED', ring + Math.floor(talk / 2), { agentId: agent.id, transferAgentId: rng.pick(cast.agents).id }));
    return events;
  }
  return [event('STARTED', 0, { agentId: direction === 'OUTBOUND' ? agent.id : null }), event('ENDED', ring, { disposition: rng.weighted(FAILURES) })];
}

export async function seedCalls(ctx: SeedContext<CallcenterConfig>): Promise<void> {
  const { prisma, rng, now, config, log } = ctx;
  const cast = await castOf(ctx);
  if (!cast) return;
  const folded = Array.from({ length: CALLS }, (_, i) => {
    const day = new Date(now.getTime() - rng.int(1, 56) * DAY);
    const startedAt = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), rng.int(1, 10), rng.int(0, 59), rng.int(0, 59)));
    return foldCall(history(rng, cast, i, startedAt));
  });
  const partyOf = (call: Pick<FoldedCall, 'direction' | 'fromRaw' | 'toRaw'>) => (call.direction === 'INBOUND' ? call.fromRaw : call.toRaw);
  const parties = await matchParties(prisma, folded.map(partyOf), config.defaultCountry, {});
  const calls = folded.map(({ legs, ...call }) => {
    const party = parties.get(partyOf(call)) ?? { customerId: null, contactId: null };
    const answered = call.disposition === 'ANSWERED';
    return {
      call: {
        id: randomUUID(),
        ...call,
        ...party,
        source: 'MANUAL' as const,
        fromNumber: normalizePhone(call.fromRaw, config.defaultCountry)?.e164 ?? null,
        toNumber: normalizePhone(call.toRaw, config.defaultCountry)?.e164 ?? null,
        outcome: answered && rng.chance(0.6) ? rng.pick(config.outcomes) : null,
        notes: answered && rng.chance(0.4) ? rng.pick(NOTES) : null,
        createdAt: call.endedAt ?? call.startedAt,
      } satisfies Prisma.CallCreateManyInput,
      legs,
    };
  });
  await insertRows(prisma, 'Call', CALL_COLUMNS, calls.map((c) => ({ ...c.call, updatedAt: c.call.createdAt })));
  await insertRows(prisma, 'CallLeg', LEG_COLUMNS, calls.flatMap(({ call, legs }) => legs.map((leg) => ({ ...leg, id: randomUUID(), callId: call.id }))));
  const callbacks = await seedCallbacks(ctx, calls.map((c) => c.call.id));
  log(`Seeded ${calls.length} calls and ${callbacks} callbacks`);
}

/** SQL type of each column written; keyed by Prisma's input types, so schema changes surface here. */
type Columns<R> = Record<Exclude<keyof R, 'version' | 'externalId' | 'ticketId' | 'missedEventAt'>, string>;

const CALL_COLUMNS: Columns<Prisma.CallCreateManyInput> = {
  id: 'uuid', source: '"CallSource"', direction: '"CallDirection"', fromRaw: 'text', fromNumber: 'text', toRaw: 'text',
  toNumber: 'text', customerId: 'uuid', contactId: 'uuid', agentId: 'uuid', queueId: 'uuid', startedAt: 'timestamp(3)',
  answeredAt: 'timestamp(3)', endedAt: 'timestamp(3)', ringSeconds: 'int', talkSeconds: 'int', disposition: '"CallDisposition"',
  outcome: 'text', recordingUrl: 'text', notes: 'text', createdAt: 'timestamp(3)', updatedAt: 'timestamp(3)',
};

const LEG_COLUMNS: Columns<Prisma.CallLegCreateManyInput> = {
  id: 'uuid', callId: 'uuid', position: 'int', agentId: 'uuid', queueId: 'uuid', startedAt: 'timestamp(3)', endedAt: 'timestamp(3)',
};

/** One INSERT from json_to_recordset per table, as core's demo seed does: createMany is far slower per row. */
async function insertRows(prisma: PrismaClient, table: string, columns: Record<string, string>, rows: readonly object[]): Promise<void> {
  const names = Object.keys(columns).map((column) => `"${column}"`).join(', ');
  const definitions = Object.entries(columns).map(([column, type]) => `"${column}" ${type}`).join(', ');
  await prisma.$executeRawUnsafe(
    `INSERT INTO "${table}" (${names}) SELECT ${names} FROM json_to_recordset($1::json) AS t(${definitions})`,
    JSON.stringify(rows),
  );
}

/**
 * What the missed-call rule makes of the seeded missed calls (see syncMissedCallCallback), written in
 * bulk like core's demo activities: one callback task each, most done, on time or late.
 */
async function seedCallbacks({ prisma, rng, now, config }: SeedContext<CallcenterConfig>, ids: string[]): Promise<number> {
  const missed = await prisma.call.findMany({
    where: { id: { in: ids }, direction: 'INBOUND', disposition: { not: 'ANSWERED' }, customerId: { not: null } },
    include: { customer: { select: { name: true, ownerId: true } }, contact: { select: { name: true } }, queue: { select: { managerId: true } } },
    orderBy: { startedAt: 'asc' },
  });
  const tasks: Prisma.ActivityCreateManyInput[] = [];
  const callbacks: Prisma.CallCallbackCreateManyInput[] = [];
  for (const call of missed) {
    const recipientId = call.agentId ?? call.customer!.ownerId ?? call.queue?.managerId;
    if (!recipientId || !call.endedAt) continue;
    const dueAt = new Date(call.endedAt.getTime() + config.missedCallCallback.dueAfterMinutes * MINUTE);
    const done = dueAt <= now && rng.chance(0.85);
    const late = done && rng.chance(0.25);
    const completedAt = done ? new Date(dueAt.getTime() + (late ? rng.int(10, 600) : -rng.int(1, 25)) * MINUTE) : null;
    const id = randomUUID();
    tasks.push({
      id,
      customerId: call.customerId!,
      contactId: call.contactId,
      kind: 'CALL',
      subject: `Call back ${call.contact?.name ?? call.customer!.name} (${call.fromRaw})`,
      body: `Missed call at ${call.endedAt.toISOString()}.`,
      outcome: completedAt ? (late ? 'Called back late' : 'Called back') : null,
      ownerId: recipientId,
      assigneeId: recipientId,
      dueAt,
      remindAt: new Date(dueAt.getTime() - config.callbackReminderMinutes * MINUTE),
      completedAt: completedAt && completedAt > now ? now : completedAt,
      createdAt: call.endedAt,
    });
    callbacks.push({ callId: call.id, activityId: id, automatic: true, createdAt: call.endedAt });
  }
  await prisma.activity.createMany({ data: tasks });
  await prisma.callCallback.createMany({ data: callbacks });
  return callbacks.length;
}
