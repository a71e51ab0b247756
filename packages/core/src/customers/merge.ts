// mergeCustomers: one customer survives, the others' related rows move to it, and they are deleted.
// Every table that references Customer is found in the database catalog at merge time, so tables
// added later (plugins included) are covered without being listed here.
import { z } from 'zod';
import { recordAudit } from '../audit/service.js';
import { actingUserId, requirePermission, type Viewer } from '../auth/viewer.js';
import { customerToChange } from '../auth/visibility.js';
import { conflict, fieldError, notFound, RapportError } from '../errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { parseInput, throwIfAny } from '../validation.js';
import { deleteRefusal } from './archive.js';
import { customerCode } from './code.js';
import { reclassifyCustomer } from './overrides.js';
import { refreshCustomerSearch } from './search.js';

type Tx = Prisma.TransactionClient;

export interface CustomerMerge {
  survivorId: string;
  /** In the order the caller gave them: the first fills a survivor's gap before the next. */
  mergedIds: readonly string[];
  now: Date;
  viewer: Viewer | null;
}

/** A plugin's part of a merge (see RapportPlugin.onCustomerMerge). */
export type CustomerMergeHook = (tx: Tx, merge: CustomerMerge) => Promise<void>;

/** A single-column foreign key to Customer, as the catalog describes it. */
export interface CustomerReference {
  schema: string;
  table: string;
  column: string;
  /** The Customer column it references (normally id). */
  referenced: string;
}

export interface MovedRows {
  table: string;
  column: string;
  count: number;
}

const mergeInput = z
  .object({
    survivorId: z.string(),
    survivorVersion: z.number().int().min(1),
    merged: z
      .array(z.object({ id: z.string(), version: z.number().int().min(1) }))
      .min(1, 'merge.atLeastOne')
      .max(20, 'merge.atMost'),
  })
  .refine((i) => new Set([i.survivorId, ...i.merged.map((m) => m.id)]).size === i.merged.length + 1, {
    message: 'merge.repeated',
    path: ['merged'],
  });

export type MergeCustomersInput = z.input<typeof mergeInput>;

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** Every foreign key to Customer, from pg_constraint (PostgreSQL and PGlite alike). */
export async function customerReferences(db: Tx): Promise<CustomerReference[]> {
  const rows = await db.$queryRaw<Array<CustomerReference & { columns: number }>>`
    SELECT ns.nspname AS "schema", cl.relname AS "table", a.attname AS "column", ra.attname AS "referenced",
           array_length(c.conkey, 1) AS "columns"
    FROM pg_constraint c
    JOIN pg_class cl ON cl.oid = c.conrelid
    JOIN pg_namespace ns ON ns.oid = cl.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
    WHERE c.contype = 'f' AND c.confrelid = '"Customer"'::regclass
    ORDER BY cl.relname, a.attname`;
  const composite = rows.filter((r) => r.columns !== 1);
  if (composite.length) {
    throw new Error(`mergeCustomers cannot repoint multi-column foreign keys: ${composite.map((r) => r.table).join(', ')}`);
  }
  return rows.map(({ schema, table, column, referenced }) => ({ schema, table, column, referenced }));
}

/**
 * Merges customers into a survivor in one transaction: everything that references them moves to the
 * survivor, the survivor's empty fields are filled from them (see fillSurvivorGaps), a CustomerMerge
 * row records where each went, and they are deleted. Needs customer.merge and the right to change
 * every customer named.
 */
export async function mergeCustomers(
  ctx: ServiceContext,
  input: MergeCustomersInput,
  options: { codePrefix: string; hooks?: readonly CustomerMergeHook[] },
) {
  const { survivorId, survivorVersion, merged } = parseInput(mergeInput, input);
  requirePermission(ctx.viewer, 'customer.merge');
  const mergedIds = merged.map((m) => m.id);
  return ctx.prisma.$transaction(async (tx) => {
    const before = await customerToChange(tx, ctx.viewer, survivorId);
    const absorbed = [];
    for (const id of mergedIds) absorbed.push(await customerToChange(tx, ctx.viewer, id));
    // A merge deletes the absorbed customers, and an archived customer is kept (see deleteRefusal).
    if (absorbed.some((c) => deleteRefusal(c))) throwIfAny([fieldError('merged', 'customer.archivedNotMergeable', {}, 'CONFLICT')]);
    await lockAtVersions(tx, [{ id: survivorId, version: survivorVersion }, ...merged]);
    const merge: CustomerMerge = { survivorId, mergedIds, now: ctx.clock.now(), viewer: ctx.viewer };
    await fillSurvivorGaps(tx, merge);
    await combineCoreRows(tx, merge, absorbed.map((c) => c.ownerId));
    for (const hook of options.hooks ?? []) await hook(tx, merge);
    const moved = await repointReferences(tx, merge);
    await tx.customerMerge.createMany({
      data: absorbed.map((c) => ({
        mergedId: c.id,
        mergedCode: customerCode(options.codePrefix, c.number),
        mergedName: c.name,
        survivorId,
        snapshot: JSON.parse(JSON.stringify(c)) as Prisma.InputJsonObject,
        mergedById: actingUserId(ctx.viewer),
        mergedAt: merge.now,
      })),
    });
    await tx.customer.deleteMany({ where: { id: { in: mergedIds } } });
    await reclassifyCustomer(tx, ctx, survivorId);
    const after = await tx.customer.update({ where: { id: survivorId }, data: { version: { increment: 1 } } });
    await recordAudit(tx, ctx, {
      action: 'customer.merge',
      entity: { type: 'Customer', id: survivorId },
      before: { survivor: before, merged: absorbed },
      after: { survivor: after, moved },
    });
    return { customer: after, mergedIds, moved };
  });
}

/** Locks the customers (in id order, so concurrent merges cannot deadlock) and checks each version. */
async function lockAtVersions(tx: Tx, expected: Array<{ id: string; version: number }>): Promise<void> {
  const ids = expected.map((e) => e.id);
  const rows = await tx.$queryRaw<Array<{ id: string; version: number }>>`
    SELECT "id", "version" FROM "Customer" WHERE "id" = ANY(${ids}::uuid[]) ORDER BY "id" FOR UPDATE`;
  for (const { id, version } of expected) {
    const row = rows.find((r) => r.id === id);
    if (!row) throw notFound('Customer');
    if (row.version !== version) throw conflict('Customer', row.version);
  }
}

/**
 * The documented gap rule: every nullable column the survivor leaves empty takes the first merged
 * customer's value (in the order given); tags are the union; custom fields keep the survivor's values
 * and add the keys it lacks; lastContactedAt is the latest; an annual contract value of 0 takes the
 * first non-zero one. Columns come from the catalog, so fields added later follow the same rule.
 */
async function fillSurvivorGaps(tx: Tx, { survivorId, mergedIds }: CustomerMerge): Promise<void> {
  const special = new Set(['lastContactedAt', 'tags', 'customFields', 'annualContractValue', 'id']);
  const nullable = await tx.$queryRaw<Array<{ name: string }>>`
    SELECT column_name AS "name" FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'Customer' AND is_nullable = 'YES'
    ORDER BY ordinal_position`;
  const firstMerged = (expression: string, condition: string) =>
    `(SELECT ${expression} FROM "Customer" m WHERE m."id" = ANY($2::uuid[]) AND ${condition} ORDER BY array_position($2::uuid[], m."id") LIMIT 1)`;
  const gaps = nullable
    .filter((c) => !special.has(c.name))
    .map(({ name }) => `${quote(name)} = COALESCE(s.${quote(name)}, ${firstMerged(`m.${quote(name)}`, `m.${quote(name)} IS NOT NULL`)})`);
  const sets = [
    ...gaps,
    `"lastContactedAt" = GREATEST(s."lastContactedAt", (SELECT max(m."lastContactedAt") FROM "Customer" m WHERE m."id" = ANY($2::uuid[])))`,
    `"tags" = ARRAY(SELECT DISTINCT t FROM "Customer" m, unnest(m."tags") t WHERE m."id" = s."id" OR m."id" = ANY($2::uuid[]) ORDER BY t)`,
    `"customFields" = (SELECT COALESCE(jsonb_object_agg(e.key, e.value), '{}'::jsonb) FROM (
        SELECT DISTINCT ON (f.key) f.key, f.value
        FROM "Customer" m, jsonb_each(m."customFields") f
        WHERE m."id" = s."id" OR m."id" = ANY($2::uuid[])
        ORDER BY f.key, CASE WHEN m."id" = s."id" THEN 0 ELSE 1 END, array_position($2::uuid[], m."id")) e)`,
    `"annualContractValue" = CASE WHEN s."annualContractValue" > 0 THEN s."annualContractValue"
        ELSE COALESCE(${firstMerged('m."annualContractValue"', 'm."annualContractValue" > 0')}, s."annualContractValue") END`,
  ];
  await tx.$executeRawUnsafe(`UPDATE "Customer" s SET ${sets.join(', ')} WHERE s."id" = $1::uuid`, survivorId, mergedIds);
}

/**
 * Core's own rows that cannot simply move: one share per customer and user (the stronger access
 * wins), one primary contact, and alerts that name a customer by id in text. Previous owners of the
 * merged customers get an EDIT share, so nobody loses sight of the history they own.
 */
async function combineCoreRows(tx: Tx, { survivorId, mergedIds }: CustomerMerge, previousOwners: Array<string | null>) {
  const all = [survivorId, ...mergedIds];
  const survivor = await tx.customer.findUniqueOrThrow({ where: { id: survivorId }, select: { ownerId: true } });
  const shares = await tx.customerShare.findMany({ where: { customerId: { in: all } } });
  const owners = previousOwners.filter((o): o is string => o !== null && o !== survivor.ownerId);
  const byUser = new Map<string, { keep: (typeof shares)[number] | null; edit: boolean; drop: string[] }>();
  for (const owner of owners) byUser.set(owner, { keep: null, edit: true, drop: [] });
  for (const share of shares) {
    const entry = byUser.get(share.userId) ?? { keep: null, edit: false, drop: [] };
    entry.edit ||= share.access === 'EDIT';
    if (!entry.keep || share.customerId === survivorId) {
      if (entry.keep) entry.drop.push(entry.keep.id);
      entry.keep = share;
    } else entry.drop.push(share.id);
    byUser.set(share.userId, entry);
  }
  for (const [userId, { keep, edit, drop }] of byUser) {
    if (userId === survivor.ownerId) {
      drop.push(...(keep ? [keep.id] : []));
    } else if (keep) {
      await tx.customerShare.update({ where: { id: keep.id }, data: { access: edit ? 'EDIT' : keep.access } });
    } else {
      await tx.customerShare.create({ data: { customerId: survivorId, userId, access: 'EDIT' } });
    }
    if (drop.length) await tx.customerShare.deleteMany({ where: { id: { in: drop } } });
  }
  if (await tx.contact.count({ where: { customerId: survivorId, isPrimary: true } })) {
    await tx.contact.updateMany({ where: { customerId: { in: [...mergedIds] }, isPrimary: true }, data: { isPrimary: false, version: { increment: 1 } } });
  }
  await tx.alert.updateMany({ where: { entityType: 'Customer', entityId: { in: [...mergedIds] } }, data: { entityId: survivorId } });
  await keepOneOverride(tx, survivorId, mergedIds);
  await refreshCustomerSearch(tx, [survivorId]);
  await tx.churnRisk.deleteMany({ where: { customerId: { in: [...mergedIds] } } });
}

/**
 * A customer has one set of manual decisions: the survivor's stands; without one, the first merged
 * customer's (in the order given) moves with the other rows. Churn verdicts are re-judged by their job.
 */
async function keepOneOverride(tx: Tx, survivorId: string, mergedIds: readonly string[]): Promise<void> {
  const overrides = await tx.customerOverride.findMany({ where: { customerId: { in: [survivorId, ...mergedIds] } }, select: { customerId: true } });
  const holders = new Set(overrides.map((o) => o.customerId));
  const kept = holders.has(survivorId) ? survivorId : mergedIds.find((id) => holders.has(id));
  await tx.customerOverride.deleteMany({ where: { customerId: { in: mergedIds.filter((id) => id !== kept) } } });
}

/** Points every foreign key that names a merged customer at the survivor; counts per table. */
async function repointReferences(tx: Tx, { survivorId, mergedIds }: CustomerMerge): Promise<MovedRows[]> {
  const moved: MovedRows[] = [];
  for (const ref of await customerReferences(tx)) {
    const table = `${quote(ref.schema)}.${quote(ref.table)}`;
    const [column, referenced] = [quote(ref.column), quote(ref.referenced)];
    const sql = `UPDATE ${table} SET ${column} = (SELECT ${referenced} FROM "Customer" WHERE "id" = $1::uuid)
      WHERE ${column} IN (SELECT ${referenced} FROM "Customer" WHERE "id" = ANY($2::uuid[]))`;
    try {
      const count = await tx.$executeRawUnsafe(sql, survivorId, mergedIds);
      if (count > 0) moved.push({ table: ref.table, column: ref.column, count });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw RapportError.of('CONFLICT', 'merge.uniqueRows', { table: ref.table }, { table: ref.table });
    }
  }
  return moved;
}

function isUniqueViolation(error: unknown): boolean {
  const text = `${String((error as Error)?.message)} ${JSON.stringify(error)}`;
  return text.includes('23505') || /unique constraint/i.test(text);
}

/** Where a merged customer went: the CustomerMerge row (its survivor is live: later merges repoint it). */
export function mergeRecordOf(db: Tx, mergedId: string) {
  return db.customerMerge.findUnique({ where: { mergedId } });
}
