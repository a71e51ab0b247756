import type { Viewer } from '../auth/viewer.js';
import type { Clock } from '../clock.js';
import { Prisma } from '../../generated/prisma/client.js';
import { uuidv7 } from '../shared/ids.js';

/** Where a request came from, for the audit log. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

export interface Actor {
  /** `system`: a command-line tool or start-up (admin:create, RAPPORT_BOOTSTRAP_ADMIN_*). */
  /** Or the name of a principal kind a plugin registered (e.g. a portal's users). */
  kind: 'staff' | 'apiKey' | 'anonymous' | 'system' | (string & {});
  id: string;
  label: string;
}

export interface AuditedChange {
  /** `<entity>.<verb>`, e.g. customer.update, auth.login. */
  action: string;
  entity?: { type: string; id: string } | null;
  /** Row snapshots; secrets (password, token and key hashes) are dropped before they are stored. */
  before?: unknown;
  after?: unknown;
}

export interface AuditContext {
  viewer: Viewer | null;
  clock: Clock;
  origin?: RequestOrigin | undefined;
}

export function actorOf(viewer: Viewer | null | undefined): Actor {
  if (!viewer) return { kind: 'anonymous', id: '', label: 'anonymous' };
  if (viewer.kind === 'principal') return { kind: viewer.principal, id: viewer.id, label: viewer.label };
  return { kind: viewer.kind, id: viewer.kind === 'apiKey' ? viewer.keyId : viewer.id, label: viewer.label };
}

const SECRET_KEY = /password|secret|token|hash/i;

/** JSON as stored: dates as ISO strings, decimals as strings, secret-looking keys removed at any depth. */
export function auditSnapshot(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value), (key, inner: unknown) => (SECRET_KEY.test(key) ? undefined : inner));
}

/** The same snapshot as JSON text (for a raw statement), or null. */
function snapshotJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, inner: unknown) => (SECRET_KEY.test(key) ? undefined : inner));
}

/** How many entries each request context has written: the mutation guard reads it (mutations.ts). */
const written = new WeakMap<object, number>();

export function auditEntriesWritten(ctx: object): number {
  return written.get(ctx) ?? 0;
}

/**
 * Writes one audit entry. Pass the transaction of the change, so the entry exists if and only if the
 * change does.
 */
export async function recordAudit(
  db: Prisma.TransactionClient,
  ctx: AuditContext,
  change: AuditedChange,
  actor: Actor = actorOf(ctx.viewer),
): Promise<void> {
  await recordAuditMany(db, ctx, [change], actor);
}

/** Writes one entry per change in one statement (a bulk move records every row it moved). */
export async function recordAuditMany(
  db: Prisma.TransactionClient,
  ctx: AuditContext,
  changes: readonly AuditedChange[],
  actor: Actor = actorOf(ctx.viewer),
): Promise<void> {
  if (changes.length === 0) return;
  const at = ctx.clock.now();
  await db.auditEntry.createMany({
    data: changes.map((change) => ({
      at,
      actorKind: actor.kind,
      actorId: actor.id,
      actorLabel: actor.label,
      action: change.action,
      entityType: change.entity?.type ?? null,
      entityId: change.entity?.id ?? null,
      before: auditSnapshot(change.before),
      after: auditSnapshot(change.after),
      ip: ctx.origin?.ip ?? null,
      userAgent: ctx.origin?.userAgent?.slice(0, 500) ?? null,
    })),
  });
  written.set(ctx, auditEntriesWritten(ctx) + changes.length);
}

/**
 * The INSERT of `recordAuditMany`, as SQL for the caller to run inside one of its own statements (a
 * data-modifying CTE: see `reclassify`'s `alongside`), so the entry costs no statement of its own. The
 * entries count as written from here: the caller runs it in the change's transaction, which fails
 * as a whole if the statement does.
 */
export function auditInsertSql(ctx: AuditContext, changes: readonly AuditedChange[], actor: Actor = actorOf(ctx.viewer)): Prisma.Sql {
  const at = ctx.clock.now();
  const rows = changes.map(
    (change) => Prisma.sql`(${uuidv7()}::uuid, ${at}, ${actor.kind}, ${actor.id}, ${actor.label}, ${change.action},
      ${change.entity?.type ?? null}, ${change.entity?.id ?? null}, ${snapshotJson(change.before)}::jsonb, ${snapshotJson(change.after)}::jsonb,
      ${ctx.origin?.ip ?? null}, ${ctx.origin?.userAgent?.slice(0, 500) ?? null})`,
  );
  written.set(ctx, auditEntriesWritten(ctx) + changes.length);
  return Prisma.sql`INSERT INTO "AuditEntry" ("id", "at", "actorKind", "actorId", "actorLabel", "action", "entityType", "entityId", "before", "after", "ip", "userAgent")
    VALUES ${Prisma.join(rows)}`;
}
