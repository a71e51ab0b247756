// The row rules of visibility.ts (and their SQL twin) over a small world on an embedded database: for
// each kind of viewer, exactly which customers, contacts and activities they see, change and share,
// and which refusal (NOT_FOUND or FORBIDDEN) a write gets. Fast enough for mutation testing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { openMigratedEmbedded } from '../testing/prepared.js';
import type { UserRole } from '../../generated/prisma/client.js';
import { DEFAULT_ACCESS, staffViewer, type Viewer } from './viewer.js';
import {
  activitiesEditableBy,
  activitiesVisibleTo,
  activityToChange,
  contactsVisibleTo,
  contactToChange,
  customersEditableBy,
  customersShareableBy,
  customersVisibleTo,
  customerToChange,
  customerToShare,
  requireCustomerEditable,
} from './visibility.js';
import { customersEditableSql, customersVisibleSql } from './visibility-sql.js';

type Person = 'admin' | 'manager' | 'rep' | 'colleague' | 'outsider' | 'service';
/** Customers by name: whose they are and who they are shared with. */
type Name = 'repOwn' | 'colleagueOwn' | 'outsiderOwn' | 'pool' | 'sharedRead' | 'sharedEdit';

let db: Database;
const users = {} as Record<Person, { id: string; role: UserRole; email: string; name: string }>;
const customers = {} as Record<Name, string>;
const contacts = {} as Record<Name, string>;
/** On colleagueOwn: one the rep owns, one assigned to the rep, one nobody in particular's. */
const activities = {} as Record<'repOwned' | 'repAssigned' | 'other', string>;

const viewer = (person: Person): Viewer => staffViewer(users[person], DEFAULT_ACCESS);
/** The same user with a permission taken away, as a role override or an API key's scopes would. */
const without = (person: Person, ...permissions: string[]): Viewer => {
  const base = viewer(person);
  return { ...base, permissions: new Set([...base.permissions].filter((p) => !permissions.includes(p))) } as Viewer;
};
const nameOf = (id: string) => (Object.entries(customers).find(([, value]) => value === id) ?? [id])[0];

async function visible(v: Viewer | null): Promise<string[]> {
  const rows = await db.prisma.customer.findMany({ where: customersVisibleTo(v), select: { id: true } });
  return rows.map((r) => nameOf(r.id)).sort();
}
async function visibleBySql(v: Viewer | null): Promise<string[]> {
  const rows = await db.prisma.$queryRaw<Array<{ id: string }>>`SELECT c."id" FROM "Customer" c WHERE ${customersVisibleSql(v)}`;
  return rows.map((r) => nameOf(r.id)).sort();
}
async function editable(v: Viewer | null): Promise<string[]> {
  return (await db.prisma.customer.findMany({ where: customersEditableBy(v), select: { id: true } })).map((r) => nameOf(r.id)).sort();
}
async function editableBySql(v: Viewer | null): Promise<string[]> {
  const rows = await db.prisma.$queryRaw<Array<{ id: string }>>`SELECT c."id" FROM "Customer" c WHERE ${customersEditableSql(v)}`;
  return rows.map((r) => nameOf(r.id)).sort();
}
async function shareable(v: Viewer | null): Promise<string[]> {
  return (await db.prisma.customer.findMany({ where: customersShareableBy(v), select: { id: true } })).map((r) => nameOf(r.id)).sort();
}
const contactNames = async (v: Viewer | null) =>
  (await db.prisma.contact.findMany({ where: contactsVisibleTo(v), select: { name: true } })).map((c) => c.name).sort();
const activitySubjects = async (where: object) =>
  (await db.prisma.activity.findMany({ where, select: { subject: true } })).map((a) => a.subject).sort();

/** The error code a write path throws, or 'ok'. */
const outcome = (work: Promise<unknown>) => work.then(() => 'ok', (error: { code?: string }) => error.code ?? String(error));

beforeAll(async () => {
  db = await openMigratedEmbedded();
  const person = async (key: Person, role: UserRole) => {
    const row = await db.prisma.user.create({ data: { email: `${key}@vis.test`, name: key, role } });
    users[key] = { id: row.id, role, email: row.email, name: row.name };
  };
  await person('admin', 'ADMIN');
  await person('manager', 'MANAGER');
  await person('rep', 'SALES');
  await person('colleague', 'SALES');
  await person('outsider', 'SALES');
  await person('service', 'SERVICE');
  // The manager leads the rep's and the colleague's team; the outsider is in none.
  const team = await db.prisma.team.create({ data: { name: 'East', managerId: users.manager.id } });
  await db.prisma.user.updateMany({ where: { id: { in: [users.rep.id, users.colleague.id] } }, data: { teamId: team.id } });

  const customer = async (key: Name, ownerId: string | null) => {
    const row = await db.prisma.customer.create({ data: { name: key, nameKey: key.toLowerCase(), ownerId } });
    customers[key] = row.id;
    contacts[key] = (await db.prisma.contact.create({ data: { customerId: row.id, name: `contact of ${key}` } })).id;
  };
  await customer('repOwn', users.rep.id);
  await customer('colleagueOwn', users.colleague.id);
  await customer('outsiderOwn', users.outsider.id);
  await customer('pool', null);
  await customer('sharedRead', users.outsider.id);
  await customer('sharedEdit', users.outsider.id);
  await db.prisma.customerShare.create({ data: { customerId: customers.sharedRead, userId: users.rep.id, access: 'READ' } });
  await db.prisma.customerShare.create({ data: { customerId: customers.sharedEdit, userId: users.rep.id, access: 'EDIT' } });

  const activity = async (key: keyof typeof activities, ownerId: string, assigneeId: string | null) => {
    const row = await db.prisma.activity.create({ data: { customerId: customers.outsiderOwn, kind: 'TASK', subject: key, ownerId, assigneeId } });
    activities[key] = row.id;
  };
  await activity('repOwned', users.rep.id, null);
  await activity('repAssigned', users.outsider.id, users.rep.id);
  await activity('other', users.outsider.id, users.outsider.id);
}, 120_000);
afterAll(() => db?.close());

const ALL: Name[] = ['colleagueOwn', 'outsiderOwn', 'pool', 'repOwn', 'sharedEdit', 'sharedRead'];

describe('customersVisibleTo and its SQL twin', () => {
  it.each([
    ['admin', ALL],
    ['service', ALL],
    ['manager', ['colleagueOwn', 'pool', 'repOwn']],
    ['rep', ['pool', 'repOwn', 'sharedEdit', 'sharedRead']],
    ['colleague', ['colleagueOwn', 'pool']],
    ['outsider', ['outsiderOwn', 'pool', 'sharedEdit', 'sharedRead']],
  ] as Array<[Person, Name[]]>)('shows %s exactly %j', async (person, expected) => {
    expect(await visible(viewer(person))).toEqual(expected);
    expect(await visibleBySql(viewer(person))).toEqual(expected);
  });

  it('shows nobody and nothing without customer.read; a manager without customer.team sees no team', async () => {
    for (const v of [null, without('admin', 'customer.read'), without('rep', 'customer.read')]) {
      expect(await visible(v)).toEqual([]);
      expect(await visibleBySql(v)).toEqual([]);
    }
    expect(await visible(without('manager', 'customer.team'))).toEqual(['pool']);
    expect(await visibleBySql(without('manager', 'customer.team'))).toEqual(['pool']);
    expect(await visible(without('admin', 'customer.readAll', 'customer.team'))).toEqual(['pool']);
  });

  it('derives contacts and activities from their customer', async () => {
    expect(await contactNames(viewer('colleague'))).toEqual(['contact of colleagueOwn', 'contact of pool']);
    expect(await contactNames(viewer('admin'))).toHaveLength(6);
    expect(await contactNames(null)).toEqual([]);
    expect(await activitySubjects(activitiesVisibleTo(viewer('rep')))).toEqual([]);
    expect(await activitySubjects(activitiesVisibleTo(viewer('outsider')))).toEqual(['other', 'repAssigned', 'repOwned']);
  });
});

describe('customersEditableBy (and its SQL twin) and customersShareableBy', () => {
  it.each([
    ['admin', ALL, ALL],
    ['manager', ['colleagueOwn', 'repOwn'], ['colleagueOwn', 'repOwn']],
    // An EDIT share lets the rep change the customer, never share it on.
    ['rep', ['repOwn', 'sharedEdit'], ['repOwn']],
    ['colleague', ['colleagueOwn'], ['colleagueOwn']],
    ['service', [], []],
  ] as Array<[Person, Name[], Name[]]>)('lets %s change %j and share %j', async (person, canEdit, canShare) => {
    expect(await editable(viewer(person))).toEqual(canEdit);
    expect(await editableBySql(viewer(person))).toEqual(canEdit);
    expect(await shareable(viewer(person))).toEqual(canShare);
  });

  it('lets nobody change anything without customer.write, whatever else they hold', async () => {
    for (const v of [null, without('admin', 'customer.write'), without('rep', 'customer.write')]) {
      expect(await editable(v)).toEqual([]);
      expect(await editableBySql(v)).toEqual([]);
      expect(await shareable(v)).toEqual([]);
    }
    expect(await editable(without('manager', 'customer.team'))).toEqual([]);
    expect(await editableBySql(without('manager', 'customer.team'))).toEqual([]);
  });
});

describe('the write paths', () => {
  it('answers NOT_FOUND for a customer one cannot see, FORBIDDEN for one one sees but may not change', async () => {
    const change = (person: Person, name: Name) => outcome(customerToChange(db.prisma, viewer(person), customers[name]));
    expect(await change('rep', 'repOwn')).toBe('ok');
    expect(await change('rep', 'sharedEdit')).toBe('ok');
    expect(await change('rep', 'sharedRead')).toBe('FORBIDDEN');
    expect(await change('rep', 'pool')).toBe('FORBIDDEN');
    expect(await change('rep', 'colleagueOwn')).toBe('NOT_FOUND');
    expect(await change('manager', 'repOwn')).toBe('ok');
    expect(await change('service', 'repOwn')).toBe('FORBIDDEN');
    expect(await change('admin', 'outsiderOwn')).toBe('ok');
    expect(await outcome(customerToChange(db.prisma, viewer('rep'), 'not-a-uuid'))).toBe('NOT_FOUND');
    expect(await outcome(customerToChange(db.prisma, without('rep', 'customer.write'), customers.repOwn))).toBe('FORBIDDEN');
    expect(await outcome(requireCustomerEditable(db.prisma, viewer('admin'), customers.pool))).toBe('ok');
  });

  it('lets only the owner, their manager or an admin share', async () => {
    const share = (person: Person, name: Name) => outcome(customerToShare(db.prisma, viewer(person), customers[name]));
    expect(await share('rep', 'repOwn')).toBe('ok');
    expect(await share('rep', 'sharedEdit')).toBe('FORBIDDEN');
    expect(await share('rep', 'colleagueOwn')).toBe('NOT_FOUND');
    expect(await share('manager', 'colleagueOwn')).toBe('ok');
    expect(await share('admin', 'sharedRead')).toBe('ok');
  });

  it('changes a contact as its customer allows', async () => {
    const change = (person: Person, name: Name) => outcome(contactToChange(db.prisma, viewer(person), contacts[name]));
    expect(await change('rep', 'repOwn')).toBe('ok');
    expect(await change('rep', 'sharedEdit')).toBe('ok');
    expect(await change('rep', 'sharedRead')).toBe('FORBIDDEN');
    expect(await change('rep', 'colleagueOwn')).toBe('NOT_FOUND');
    expect(await outcome(contactToChange(db.prisma, viewer('rep'), 'nope'))).toBe('NOT_FOUND');
    expect(await outcome(contactToChange(db.prisma, without('admin', 'customer.write'), contacts.repOwn))).toBe('FORBIDDEN');
  });

  it("lets a user change their own or assigned activity on a customer they may see but not edit, nobody else's", async () => {
    // The rep sees outsiderOwn only once it is shared READ with them.
    await db.prisma.customerShare.create({ data: { customerId: customers.outsiderOwn, userId: users.rep.id, access: 'READ' } });
    try {
      const change = (person: Person, key: keyof typeof activities) => outcome(activityToChange(db.prisma, viewer(person), activities[key]));
      expect(await change('rep', 'repOwned')).toBe('ok');
      expect(await change('rep', 'repAssigned')).toBe('ok');
      expect(await change('rep', 'other')).toBe('FORBIDDEN');
      expect(await change('colleague', 'repOwned')).toBe('NOT_FOUND');
      expect(await change('outsider', 'other')).toBe('ok');
      expect(await change('admin', 'other')).toBe('ok');
      expect(await outcome(activityToChange(db.prisma, viewer('rep'), 'nope'))).toBe('NOT_FOUND');
      expect(await activitySubjects(activitiesEditableBy(viewer('rep')))).toEqual(['repAssigned', 'repOwned']);
      expect(await activitySubjects(activitiesEditableBy(without('rep', 'customer.write')))).toEqual([]);
      expect(await activitySubjects(activitiesEditableBy(viewer('admin')))).toEqual(['other', 'repAssigned', 'repOwned']);
    } finally {
      await db.prisma.customerShare.deleteMany({ where: { customerId: customers.outsiderOwn, userId: users.rep.id } });
    }
  });

  it('hands back the very row asked for, and says what was refused and why', async () => {
    // Mutation testing found both unchecked: another visible row, and empty refusals, passed.
    expect((await customerToChange(db.prisma, viewer('rep'), customers.sharedEdit)).id).toBe(customers.sharedEdit);
    expect((await contactToChange(db.prisma, viewer('rep'), contacts.sharedEdit)).id).toBe(contacts.sharedEdit);
    const refusal = (work: Promise<unknown>) => work.then(() => 'ok', (error: Error) => error.message);
    expect(await refusal(customerToChange(db.prisma, viewer('rep'), customers.colleagueOwn))).toBe('Customer not found');
    expect(await refusal(contactToChange(db.prisma, viewer('rep'), contacts.colleagueOwn))).toBe('Contact not found');
    expect(await refusal(activityToChange(db.prisma, viewer('rep'), 'nope'))).toBe('Activity not found');
    expect(await refusal(customerToChange(db.prisma, viewer('rep'), customers.sharedRead))).toMatch(/may see this customer but not change it/);
    expect(await refusal(customerToShare(db.prisma, viewer('rep'), customers.sharedEdit))).toMatch(/Only the customer's owner/);
    await db.prisma.customerShare.create({ data: { customerId: customers.outsiderOwn, userId: users.rep.id, access: 'READ' } });
    try {
      expect((await activityToChange(db.prisma, viewer('rep'), activities.repAssigned)).id).toBe(activities.repAssigned);
      expect(await refusal(activityToChange(db.prisma, viewer('rep'), activities.other))).toMatch(/may see this activity but not change it/);
    } finally {
      await db.prisma.customerShare.deleteMany({ where: { customerId: customers.outsiderOwn, userId: users.rep.id } });
    }
  });
});

describe('public pools in customersVisibleTo and its SQL twin', () => {
  it('shows a pool customer only to the members of its pool (user or team), the default pool to everyone', async () => {
    const teamId = (await db.prisma.user.findUniqueOrThrow({ where: { id: users.rep.id } })).teamId!;
    const eastPool = await db.prisma.publicPool.create({ data: { name: 'east pool', rules: {}, members: { create: [{ teamId }] } } });
    const outsiderPool = await db.prisma.publicPool.create({ data: { name: 'outsider pool', rules: {}, members: { create: [{ userId: users.outsider.id, role: 'ADMIN' }] } } });
    const inEast = await db.prisma.customer.create({ data: { name: 'inEast', nameKey: 'ineast', ownerId: null, poolId: eastPool.id } });
    const inOutsider = await db.prisma.customer.create({ data: { name: 'inOutsider', nameKey: 'inoutsider', ownerId: null, poolId: outsiderPool.id } });
    // A customer owned again keeps no pool's rule: poolId is meaningless while owned.
    const owned = await db.prisma.customer.create({ data: { name: 'ownedOnce', nameKey: 'ownedonce', ownerId: users.colleague.id, poolId: outsiderPool.id } });
    const pooled = async (v: Viewer) => {
      const names = (await visible(v)).filter((n) => [inEast.id, inOutsider.id, owned.id].includes(n)).map((id) => ({ [inEast.id]: 'inEast', [inOutsider.id]: 'inOutsider', [owned.id]: 'ownedOnce' })[id]);
      const bySql = (await visibleBySql(v)).filter((n) => [inEast.id, inOutsider.id, owned.id].includes(n)).map((id) => ({ [inEast.id]: 'inEast', [inOutsider.id]: 'inOutsider', [owned.id]: 'ownedOnce' })[id]);
      expect(bySql.sort()).toEqual(names.sort());
      return names.sort();
    };
    try {
      expect(await pooled(viewer('rep'))).toEqual(['inEast']);
      expect(await pooled(viewer('colleague'))).toEqual(['inEast', 'ownedOnce']);
      expect(await pooled(viewer('outsider'))).toEqual(['inOutsider']);
      expect(await pooled(viewer('manager'))).toEqual(['ownedOnce']); // manages the team, is not on its pool
      expect(await pooled(viewer('admin'))).toEqual(['inEast', 'inOutsider', 'ownedOnce']);
      expect((await visible(viewer('rep'))).includes('pool')).toBe(true);
    } finally {
      await db.prisma.customer.deleteMany({ where: { id: { in: [inEast.id, inOutsider.id, owned.id] } } });
      await db.prisma.publicPool.deleteMany({ where: { id: { in: [eastPool.id, outsiderPool.id] } } });
    }
  });
});
