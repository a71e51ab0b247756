import { encodeGlobalID } from '@pothos/plugin-relay';
import { can } from '../auth/viewer.js';
import { NOTHING } from '../auth/visibility.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { RapportBuilder } from '../schema/builder.js';

interface AuditLogFilter {
  entityType?: string | null;
  entityId?: { typename: string; id: string } | null;
  actorId?: { id: string } | null;
  action?: string | null;
  from?: Date | null;
  to?: Date | null;
}

function auditWhere(filter: AuditLogFilter | null | undefined): Prisma.AuditEntryWhereInput {
  if (!filter) return {};
  const entityType = filter.entityType ?? filter.entityId?.typename;
  return {
    ...(entityType ? { entityType } : {}),
    ...(filter.entityId ? { entityId: filter.entityId.id } : {}),
    ...(filter.actorId ? { actorId: filter.actorId.id } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.from || filter.to ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
  };
}

export function registerAuditSchema(builder: RapportBuilder) {
  const AuditActor = builder.objectRef<{ actorKind: string; actorId: string; actorLabel: string }>('AuditActor').implement({
    fields: (t) => ({
      kind: t.exposeString('actorKind', { description: 'staff, apiKey, anonymous, system, or the name of a principal kind a plugin registered (its own users, e.g. a portal’s).' }),
      id: t.id({
        description: 'Global id of the User or ApiKey that acted.',
        resolve: (a) => (a.actorKind === 'apiKey' ? encodeGlobalID('ApiKey', a.actorId) : encodeGlobalID('User', a.actorId)),
      }),
      label: t.exposeString('actorLabel', { description: 'E-mail or key name at the time.' }),
    }),
  });

  builder.prismaNode('AuditEntry', {
    id: { field: 'id' },
    description: 'One change: who, when, from where, to what, and the row before and after.',
    findUnique: (id, ctx) => ({ id, AND: [can(ctx.viewer, 'audit.read') ? {} : NOTHING] }),
    fields: (t) => ({
      at: t.expose('at', { type: 'DateTime' }),
      actor: t.field({ type: AuditActor, resolve: (entry) => entry }),
      action: t.exposeString('action', { description: 'e.g. customer.update, auth.login.' }),
      entityType: t.exposeString('entityType', { nullable: true }),
      entityId: t.id({
        nullable: true,
        description: 'Global id of the changed entity (it may since have been deleted).',
        resolve: (entry) => (entry.entityType && entry.entityId ? encodeGlobalID(entry.entityType, entry.entityId) : null),
      }),
      before: t.expose('before', { type: 'JSON', nullable: true }),
      after: t.expose('after', { type: 'JSON', nullable: true }),
      ip: t.exposeString('ip', { nullable: true }),
      userAgent: t.exposeString('userAgent', { nullable: true }),
    }),
  });

  const Filter = builder.inputType('AuditLogFilter', {
    fields: (t) => ({
      entityType: t.string({ description: 'e.g. Customer.' }),
      entityId: t.globalID({ description: 'The changed entity.' }),
      actorId: t.globalID({ description: 'The User or ApiKey that acted.' }),
      action: t.string(),
      from: t.field({ type: 'DateTime', description: 'At or after.' }),
      to: t.field({ type: 'DateTime', description: 'Before.' }),
    }),
  });

  builder.queryField('auditLog', (t) =>
    t.prismaConnection(
      {
        type: 'AuditEntry',
        cursor: 'id',
        description: 'Every recorded change, newest first (audit.read).',
        authScopes: { permission: 'audit.read' },
        args: { filter: t.arg({ type: Filter }) },
        resolve: (query, _root, args, ctx) =>
          ctx.prisma.auditEntry.findMany({ ...query, where: auditWhere(args.filter), orderBy: [{ at: 'desc' }, { id: 'desc' }] }),
        totalCount: (_connection, args, ctx) => ctx.prisma.auditEntry.count({ where: auditWhere(args.filter) }),
      },
      { name: 'AuditEntryConnection' },
      { name: 'AuditEntryEdge' },
    ),
  );
}
