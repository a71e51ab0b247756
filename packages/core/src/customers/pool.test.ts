// The public pool's rules on an embedded database, called as services with an injected clock: the
// per-owner maximum on claims and transfers, give-back, the release of neglected customers (what counts
// as follow-up, exactly one alert and transfer each), and the kind of every owner change.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS, staffViewer } from '../auth/viewer.js';
import { ManualClock } from '../clock.js';
import type { Database } from '../db/client.js';
import { openMigratedEmbedded } from '../testing/prepared.js';
import type { UserRole } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { claimCustomer, recordOwnerChange, releaseCustomer, releaseNeglectedCustomers, transferCustomer, warnBeforeRelease } from './pool.js';
import { DEFAULT_CUSTOMER_RULES } from './rules-config.js';
import { storedMessage, storedMessageIn } from '../error-messages.js';
import { CORE_ALERT_MESSAGES } from '../alerts/core-messages.js';
import { renderAlert, type AlertParams } from '../alerts/messages.js';

const DAY = 86_400_000;
const MAX = 2;
const clock = new ManualClock('2026-06-01T09:00:00Z');
let db: Database;
const users = {} as Record<'rep' | 'colleague' | 'manager', { id: string; role: UserRole; email: string; name: string }>;

const rules = { ...DEFAULT_CUSTOMER_RULES, pool: { maxOwnedCustomers: MAX, releaseAfterDays: 30, warnBeforeReleaseDays: 7 } };
const ctxOf = (who: keyof typeof users): ServiceContext => ({
  prisma: db.prisma,
  clock,
  viewer: staffViewer(users[who], DEFAULT_ACCESS),
  config: { customerRules: rules },
});
const outcome = (work: Promise<unknown>) =>
  work.then(
    () => 'ok',
    (error: { code?: string; fields?: Array<{ field: string }> }) => [error.code, ...(error.fields ?? []).map((f) => f.field)].join(' '),
  );

let n = 0;
async function customer(ownerId: string | null, at = clock.now(), lastContactedAt: Date | null = null) {
  n += 1;
  return db.prisma.customer.create({ data: { name: `Customer ${n}`, nameKey: `customer ${n}`, ownerId, createdAt: at, lastContactedAt } });
}
/** An alert as an English reader in UTC reads it. */
const inEnglish = (a: { kind: string; params: unknown }) => renderAlert(CORE_ALERT_MESSAGES, a.kind, a.params as AlertParams, 'en', 'UTC')!;
const ownerOf = async (id: string) => (await db.prisma.customer.findUniqueOrThrow({ where: { id } })).ownerId;

beforeAll(async () => {
  db = await openMigratedEmbedded();
  for (const [key, role] of [['rep', 'SALES'], ['colleague', 'SALES'], ['manager', 'MANAGER']] as const) {
    const row = await db.prisma.user.create({ data: { email: `${key}@pool.test`, name: key, role } });
    users[key] = { id: row.id, role, email: row.email, name: row.name };
  }
  const team = await db.prisma.team.create({ data: { name: 'Pool team', managerId: users.manager.id } });
  await db.prisma.user.updateMany({ where: { id: { in: [users.rep.id, users.colleague.id] } }, data: { teamId: team.id } });
}, 120_000);
afterAll(() => db?.close());
beforeEach(async () => {
  await db.prisma.alert.deleteMany();
  await db.prisma.customerTransfer.deleteMany();
  await db.prisma.customer.deleteMany();
  clock.set('2026-06-01T09:00:00Z');
});

describe('claimCustomer', () => {
  it('takes a pool customer up to the maximum, then refuses and changes nothing', async () => {
    const [a, b, c] = [await customer(null), await customer(null), await customer(null)];
    expect(await outcome(claimCustomer(ctxOf('rep'), { customerId: a.id }))).toBe('ok');
    expect(await outcome(claimCustomer(ctxOf('rep'), { customerId: b.id }))).toBe('ok');
    expect(await outcome(claimCustomer(ctxOf('rep'), { customerId: c.id }))).toBe('BAD_USER_INPUT customerId');
    expect([await ownerOf(a.id), await ownerOf(b.id), await ownerOf(c.id)]).toEqual([users.rep.id, users.rep.id, null]);
    const transfers = await db.prisma.customerTransfer.findMany({ orderBy: { at: 'asc' } });
    expect(transfers.map((t) => [t.kind, t.fromUserId, t.toUserId, t.actorId])).toEqual([
      ['CLAIM', null, users.rep.id, users.rep.id],
      ['CLAIM', null, users.rep.id, users.rep.id],
    ]);
    expect((await db.prisma.customer.findUniqueOrThrow({ where: { id: a.id } })).version).toBe(2);
  });

  it('claims at the maximum when one is given back, both or neither', async () => {
    const [mine1, mine2, wanted] = [await customer(users.rep.id), await customer(users.rep.id), await customer(null)];
    const theirs = await customer(users.colleague.id);
    expect(await outcome(claimCustomer(ctxOf('rep'), { customerId: wanted.id, giveBackCustomerId: theirs.id }))).toBe('BAD_USER_INPUT giveBackCustomerId');
    expect(await outcome(claimCustomer(ctxOf('rep'), { customerId: wanted.id, giveBackCustomerId: 'not-an-id' }))).toBe('BAD_USER_INPUT giveBackCustomerId');
    expect(await ownerOf(wanted.id)).toBeNull();
    expect(await outcome(claimCustomer(ctxOf('rep'), { customerId: wanted.id, giveBackCustomerId: mine1.id, reason: 'swap' }))).toBe('ok');
    expect([await ownerOf(mine1.id), await ownerOf(mine2.id), await ownerOf(wanted.id)]).toEqual([null, users.rep.id, users.rep.id]);
    const kinds = await db.prisma.customerTransfer.findMany({ orderBy: { kind: 'asc' }, select: { kind: true, customerId: true, reason: true } });
    expect(kinds).toEqual([
      { kind: 'CLAIM', customerId: wanted.id, reason: 'swap' },
      { kind: 'RELEASE', customerId: mine1.id, reason: storedMessage('pool.givenBackFor', { customer: wanted.name }) },
    ]);
  });

  it("refuses an owned customer, an invisible one and one that is not an id", async () => {
    const owned = await customer(users.colleague.id);
    expect(await outcome(claimCustomer(ctxOf('manager'), { customerId: owned.id }))).toBe('BAD_USER_INPUT customerId');
    expect(await outcome(claimCustomer(ctxOf('rep'), { customerId: owned.id }))).toBe('NOT_FOUND');
    expect(await outcome(claimCustomer(ctxOf('rep'), { customerId: 'nope' }))).toBe('NOT_FOUND');
    expect(await outcome(claimCustomer({ ...ctxOf('rep'), viewer: null }, { customerId: owned.id }))).toMatch(/^(UNAUTHENTICATED|FORBIDDEN)$/);
  });
});

describe('releaseCustomer and transferCustomer', () => {
  it('releases an owned customer once, as RELEASE by its actor', async () => {
    const mine = await customer(users.rep.id);
    expect(await outcome(releaseCustomer(ctxOf('rep'), { customerId: mine.id }))).toBe('ok');
    expect(await ownerOf(mine.id)).toBeNull();
    expect(await outcome(releaseCustomer(ctxOf('rep'), { customerId: mine.id }))).toBe('FORBIDDEN');
    expect(await outcome(releaseCustomer(ctxOf('manager'), { customerId: mine.id }))).toBe('FORBIDDEN');
    const [transfer] = await db.prisma.customerTransfer.findMany();
    expect([transfer?.kind, transfer?.fromUserId, transfer?.toUserId, transfer?.actorId]).toEqual(['RELEASE', users.rep.id, null, users.rep.id]);
  });

  it("transfers within the receiver's maximum (the customer itself not counted), for customer.assign only", async () => {
    const moving = await customer(users.rep.id);
    await customer(users.colleague.id);
    expect(await outcome(transferCustomer(ctxOf('rep'), { customerId: moving.id, toUserId: users.colleague.id, reason: 'r' }))).toBe('FORBIDDEN');
    expect(await outcome(transferCustomer(ctxOf('manager'), { customerId: moving.id, toUserId: users.rep.id, reason: 'r' }))).toBe('BAD_USER_INPUT toUserId');
    expect(await outcome(transferCustomer(ctxOf('manager'), { customerId: moving.id, toUserId: users.colleague.id, reason: 'handover' }))).toBe('ok');
    expect(await ownerOf(moving.id)).toBe(users.colleague.id);
    // The colleague now owns two, the maximum: a third is refused naming the field.
    const third = await customer(users.rep.id);
    expect(await outcome(transferCustomer(ctxOf('manager'), { customerId: third.id, toUserId: users.colleague.id, reason: 'more' }))).toBe('BAD_USER_INPUT toUserId');
    expect(await ownerOf(third.id)).toBe(users.rep.id);
    const transfers = await db.prisma.customerTransfer.findMany();
    expect(transfers.map((t) => [t.kind, t.fromUserId, t.toUserId, t.actorId, t.reason])).toEqual([['TRANSFER', users.rep.id, users.colleague.id, users.manager.id, 'handover']]);
  });

  it('names each owner change by what it did', async () => {
    const c = await customer(null);
    const at = clock.now();
    const kindOf = async (fromUserId: string | null, toUserId: string | null, kind?: 'AUTO_RELEASE') =>
      (await recordOwnerChange(db.prisma, { customerId: c.id, fromUserId, toUserId, actorId: null, at, ...(kind ? { kind } : {}) })).kind;
    expect(await kindOf(null, users.rep.id)).toBe('CLAIM');
    expect(await kindOf(users.rep.id, null)).toBe('RELEASE');
    expect(await kindOf(users.rep.id, users.colleague.id)).toBe('TRANSFER');
    expect(await kindOf(users.rep.id, null, 'AUTO_RELEASE')).toBe('AUTO_RELEASE');
  });
});

describe('releaseNeglectedCustomers', () => {
  it('releases exactly the customers nobody followed up for the period, with one transfer and one alert each', async () => {
    const old = new Date(clock.now().getTime() - 40 * DAY);
    const silent = await customer(users.rep.id, old);
    const contactedLongAgo = await customer(users.rep.id, old, new Date(clock.now().getTime() - 31 * DAY));
    const contactedRecently = await customer(users.colleague.id, old, new Date(clock.now().getTime() - 29 * DAY));
    const createdRecently = await customer(users.rep.id, new Date(clock.now().getTime() - 10 * DAY));
    const claimedRecently = await customer(users.rep.id, old);
    await recordOwnerChange(db.prisma, { customerId: claimedRecently.id, fromUserId: null, toUserId: users.rep.id, actorId: users.rep.id, at: new Date(clock.now().getTime() - 5 * DAY) });
    const inPool = await customer(null, old);

    expect(await releaseNeglectedCustomers(db.prisma, rules.pool, clock.now())).toBe(2);
    const owners = Object.fromEntries(
      await Promise.all([silent, contactedLongAgo, contactedRecently, createdRecently, claimedRecently, inPool].map(async (c) => [c.name, await ownerOf(c.id)])),
    );
    expect(owners).toEqual({
      [silent.name]: null,
      [contactedLongAgo.name]: null,
      [contactedRecently.name]: users.colleague.id,
      [createdRecently.name]: users.rep.id,
      [claimedRecently.name]: users.rep.id,
      [inPool.name]: null,
    });
    const alerts = await db.prisma.alert.findMany({ orderBy: { title: 'asc' } });
    expect(alerts.map((a) => [a.kind, a.recipientId, a.entityId, inEnglish(a).title])).toEqual(
      [silent, contactedLongAgo]
        .map((c) => ['CUSTOMER_RELEASED_TO_POOL', users.rep.id, c.id, `Released to the public pool: ${c.name}`])
        .sort((x, y) => String(x[3]).localeCompare(String(y[3]))),
    );
    expect(alerts.map((a) => inEnglish(a).body)).toEqual([1, 2].map(() => 'Nobody followed this customer up for 30 days; colleagues may claim it now.'));
    const transfers = await db.prisma.customerTransfer.findMany({ where: { kind: 'AUTO_RELEASE' } });
    expect(transfers.map((t) => [t.customerId, t.fromUserId, t.toUserId, t.actorId, storedMessageIn('zh-CN', t.reason)]).sort()).toEqual(
      [silent, contactedLongAgo].map((c) => [c.id, users.rep.id, null, null, '30 天无跟进']).sort(),
    );
    // A second run finds nothing more: no second release, alert or transfer.
    expect(await releaseNeglectedCustomers(db.prisma, rules.pool, clock.now())).toBe(0);
    expect(await db.prisma.alert.count()).toBe(2);
    expect(await db.prisma.customerTransfer.count({ where: { kind: 'AUTO_RELEASE' } })).toBe(2);
  });

  it('keeps a customer contacted exactly at the cutoff, and releases more than one batch', async () => {
    const cutoff = new Date(clock.now().getTime() - 30 * DAY);
    const old = new Date(cutoff.getTime() - DAY);
    const atCutoff = await customer(users.rep.id, old, cutoff);
    await db.prisma.customer.createMany({
      data: Array.from({ length: 501 }, (_, i) => ({ name: `Bulk ${i}`, nameKey: `bulk ${i}`, ownerId: users.colleague.id, createdAt: old })),
    });
    expect(await releaseNeglectedCustomers(db.prisma, rules.pool, clock.now())).toBe(501);
    expect(await ownerOf(atCutoff.id)).toBe(users.rep.id);
    expect(await db.prisma.alert.count({ where: { recipientId: users.colleague.id } })).toBe(501);
  });
});

describe('warnBeforeRelease', () => {
  const ago = (days: number) => new Date(clock.now().getTime() - days * DAY);
  const warned = async () =>
    (await db.prisma.alert.findMany({ where: { kind: 'CUSTOMER_ABOUT_TO_BE_RELEASED' }, orderBy: { title: 'asc' } })).map((a) => [a.recipientId, a.entityId, inEnglish(a).title, inEnglish(a).body]);

  it('warns the owner of each customer the release takes within the warning days, once per silence', async () => {
    // Release after 30 days, warning 7 days before: silent for 23 days up to the release is warned.
    const dueSoon = await customer(users.rep.id, ago(100), ago(25));
    const justInside = await customer(users.colleague.id, ago(100), ago(23));
    const notYet = await customer(users.rep.id, ago(100), ago(22));
    const alreadyDue = await customer(users.rep.id, ago(100), ago(31));
    const claimed = await customer(users.rep.id, ago(100), ago(25));
    await recordOwnerChange(db.prisma, { customerId: claimed.id, fromUserId: null, toUserId: users.rep.id, actorId: users.rep.id, at: ago(3) });
    const inPool = await customer(null, ago(100), ago(25));

    expect(await warnBeforeRelease(db.prisma, rules.pool, clock.now())).toBe(2);
    expect(await warned()).toEqual([
      [users.rep.id, dueSoon.id, `About to be released to the public pool: ${dueSoon.name}`, expect.stringMatching(/goes back to the public pool in 5 days\.$/)],
      [users.colleague.id, justInside.id, `About to be released to the public pool: ${justInside.name}`, expect.stringMatching(/in 7 days\.$/)],
    ].sort((x, y) => String(x[2]).localeCompare(String(y[2]))));
    void [notYet, alreadyDue, inPool];

    // Again the next day: nothing new. A follow-up, then a new silence, warns again.
    clock.set(new Date(clock.now().getTime() + DAY));
    expect(await warnBeforeRelease(db.prisma, rules.pool, clock.now())).toBe(1); // notYet is now 23 days silent
    await db.prisma.customer.update({ where: { id: dueSoon.id }, data: { lastContactedAt: clock.now() } });
    clock.set(new Date(clock.now().getTime() + 24 * DAY));
    expect(await warnBeforeRelease(db.prisma, rules.pool, clock.now())).toBeGreaterThanOrEqual(1);
    expect(await db.prisma.alert.count({ where: { kind: 'CUSTOMER_ABOUT_TO_BE_RELEASED', entityId: dueSoon.id } })).toBe(2);
  });

  it('warns nobody when the warning is off', async () => {
    await customer(users.rep.id, ago(100), ago(25));
    expect(await warnBeforeRelease(db.prisma, { ...rules.pool, warnBeforeReleaseDays: 0 }, clock.now())).toBe(0);
    expect(await db.prisma.alert.count()).toBe(0);
  });
});
