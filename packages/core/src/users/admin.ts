// User administration: create and invite users, change them, deactivate (with hand-over) and reactivate
// them, create teams and set their manager and members. Admins (user.manage) act on everyone; managers
// (user.manageTeam) on the members of the teams they manage, never making anyone an admin.
import { z } from 'zod';
import { recordAudit } from '../audit/service.js';
import { hashPassword } from '../auth/passwords.js';
import { actingUserId, unauthenticated } from '../auth/viewer.js';
import type { CustomerRules } from '../customers/rules-config.js';
import type { ErrorMessageKey } from '../error-messages.js';
import { fieldError, InputError, notFound, RapportError, type FieldError } from '../errors.js';
import { UserRole, type Prisma } from '../../generated/prisma/client.js';
import { isUuid } from '../shared/ids.js';
import { throwMissingOrStale } from '../shared/versioning.js';
import { parseInput, rules, throwIfAny } from '../validation.js';
import { deliver, issueAccountToken, newPasswordRule, type AccountContext } from './accounts.js';
import { handOver, pendingHandOver, type HandOverResult, type UserHandOverHook } from './hand-over.js';
import { assignmentErrors, localeRule, outsideScope, timeZoneRule, userAdminScope, type UserAdminScope } from './rules.js';

type Db = Prisma.TransactionClient;

export type UserAdminContext = AccountContext & { config: { customerRules: Pick<CustomerRules, 'pool'> } };

const id = z.string();
const roleRule = z.enum(UserRole);
const profile = {
  name: rules.requiredText(200),
  email: z.string().trim().toLowerCase().pipe(z.email('must be a valid e-mail address')).pipe(z.string().max(320)),
  phone: rules.phone,
  /** The owner code customer codes carry (`{owner}`); null clears it. */
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{1,8}$/, 'rule.ownerCode').nullish(),
  role: roleRule,
  teamId: id.nullish(),
  locale: localeRule,
  timeZone: timeZoneRule,
};

const createInput = z.object({
  ...profile,
  role: roleRule.default('SALES'),
  locale: localeRule.default('zh-CN'),
  timeZone: timeZoneRule.default('Asia/Shanghai'),
  password: newPasswordRule.nullish(),
});
const inviteInput = createInput.omit({ password: true });
const updateInput = z.object({
  id,
  version: z.number().int(),
  name: profile.name.optional(),
  email: profile.email.optional(),
  phone: profile.phone,
  code: profile.code,
  role: roleRule.optional(),
  teamId: profile.teamId,
  locale: localeRule.optional(),
  timeZone: timeZoneRule.optional(),
});
const deactivateInput = z.object({ id, version: z.number().int().nullish(), successorId: id.nullish(), reason: rules.optionalText(500) });
const teamInput = z.object({ name: rules.requiredText(100), managerId: id.nullish() });
const updateTeamInput = z.object({ id, version: z.number().int(), name: rules.requiredText(100).optional(), managerId: id.nullish() });
const membershipInput = z.object({ teamId: id, userId: id });

/** The viewer's scope, reading the teams they manage only when that is what the scope rests on. */
async function scopeOf(db: Db | AccountContext['prisma'], ctx: AccountContext): Promise<UserAdminScope> {
  if (!ctx.viewer) throw unauthenticated();
  const managesTeams = !ctx.viewer.permissions.has('user.manage') && ctx.viewer.permissions.has('user.manageTeam');
  const teams = managesTeams ? await db.team.findMany({ where: { managerId: ctx.viewer.id }, select: { id: true } }) : [];
  return userAdminScope(ctx.viewer, teams.map((t) => t.id));
}

function requireSomeScope(scope: UserAdminScope): void {
  if (scope.kind === 'none') throw RapportError.of('FORBIDDEN', 'user.needsAdminScope', {}, { permission: 'user.manage' });
}

function requireAll(ctx: AccountContext): void {
  if (!ctx.viewer) throw unauthenticated();
  if (!ctx.viewer.permissions.has('user.manage')) throw RapportError.of('FORBIDDEN', 'auth.needsPermission', { permission: 'user.manage' }, { permission: 'user.manage' });
}

/** A user the scope may act on: NOT_FOUND for no such user, FORBIDDEN outside the scope. */
async function managedUser(db: Db, scope: UserAdminScope, userId: string) {
  const user = isUuid(userId) ? await db.user.findUnique({ where: { id: userId } }) : null;
  if (!user) throw notFound('User');
  const problem = outsideScope(scope, user);
  if (problem) throw RapportError.of('FORBIDDEN', problem);
  return user;
}

async function teamError(db: Db, field: string, teamId: string | null | undefined): Promise<FieldError | null> {
  if (!teamId) return null;
  const team = isUuid(teamId) ? await db.team.findUnique({ where: { id: teamId }, select: { id: true } }) : null;
  return team ? null : fieldError(field, 'user.noSuchTeam');
}

async function emailError(db: Db, email: string | undefined, exceptUserId?: string): Promise<FieldError | null> {
  if (!email) return null;
  const taken = await db.user.findFirst({ where: { email, ...(exceptUserId ? { id: { not: exceptUserId } } : {}) }, select: { id: true } });
  return taken ? fieldError('email', 'user.emailTaken') : null;
}

async function codeError(db: Db, code: string | null | undefined, exceptUserId?: string): Promise<FieldError | null> {
  if (!code) return null;
  const taken = await db.user.findFirst({ where: { code, ...(exceptUserId ? { id: { not: exceptUserId } } : {}) }, select: { id: true } });
  return taken ? fieldError('code', 'user.codeTaken') : null;
}

/** Refuses what would leave the deployment with no active admin (demoting or deactivating the last one). */
async function requireAnotherAdmin(db: Db, userId: string, field: string): Promise<void> {
  const others = await db.user.count({ where: { role: 'ADMIN', active: true, id: { not: userId } } });
  if (others === 0) throw new InputError([fieldError(field, 'user.lastAdmin')]);
}

async function createUserRow(tx: Db, ctx: AccountContext, input: z.output<typeof inviteInput>, passwordHash: string | null) {
  const scope = await scopeOf(tx, ctx);
  requireSomeScope(scope);
  throwIfAny([
    ...assignmentErrors(scope, { role: input.role, teamId: input.teamId ?? null }),
    await teamError(tx, 'teamId', input.teamId),
    await emailError(tx, input.email),
    await codeError(tx, input.code),
  ]);
  const user = await tx.user.create({
    data: {
      email: input.email,
      name: input.name,
      phone: input.phone ?? null,
      code: input.code ?? null,
      role: input.role,
      teamId: input.teamId ?? null,
      locale: input.locale,
      timeZone: input.timeZone,
      passwordHash,
    },
  });
  return user;
}

/** Creates a user, with a first password or none (then they need an invitation or a reset link). */
export async function createUser(ctx: AccountContext, input: z.input<typeof createInput>) {
  const { password, ...fields } = parseInput(createInput, input);
  const passwordHash = password ? await hashPassword(password) : null;
  return ctx.prisma.$transaction(async (tx) => {
    const user = await createUserRow(tx, ctx, fields, passwordHash);
    await recordAudit(tx, ctx, { action: 'user.create', entity: { type: 'User', id: user.id }, after: { ...user, canSignIn: passwordHash !== null } });
    return user;
  });
}

/** Creates a user without a password and sends them a one-time link to set one. */
export async function inviteUser(ctx: AccountContext, input: z.input<typeof inviteInput>) {
  const fields = parseInput(inviteInput, input);
  const { user, message } = await ctx.prisma.$transaction(async (tx) => {
    const created = await createUserRow(tx, ctx, fields, null);
    const issued = await issueAccountToken(tx, ctx, created, 'INVITATION');
    await recordAudit(tx, ctx, { action: 'user.invite', entity: { type: 'User', id: created.id }, after: { ...created, invitationExpiresAt: issued.expiresAt } });
    return { user: created, message: issued };
  });
  await deliver(ctx, message);
  return { user, invitationExpiresAt: message.expiresAt };
}

const SELF_SERVICE = new Set(['name', 'phone', 'locale', 'timeZone']);

/**
 * Changes a user. Anyone may change their own name, phone, locale and time zone; the rest (and other
 * people) needs the scope. Takes the version read: a stale one is CONFLICT.
 */
export async function updateUser(ctx: AccountContext, input: z.input<typeof updateInput>) {
  const { id: userId, version, ...patch } = parseInput(updateInput, input);
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<typeof patch>;
  return ctx.prisma.$transaction(async (tx) => {
    const selfService = userId === actingUserId(ctx.viewer) && Object.keys(changes).every((k) => SELF_SERVICE.has(k));
    const scope = selfService ? null : await scopeOf(tx, ctx);
    const before = scope ? await managedUser(tx, scope, userId) : await tx.user.findUniqueOrThrow({ where: { id: userId } });
    if (scope) {
      throwIfAny([
        ...assignmentErrors(scope, { role: changes.role, teamId: changes.teamId }),
        await teamError(tx, 'teamId', changes.teamId),
        await emailError(tx, changes.email, userId),
        await codeError(tx, changes.code, userId),
      ]);
    }
    if (before.role === 'ADMIN' && changes.role && changes.role !== 'ADMIN' && before.active) await requireAnotherAdmin(tx, userId, 'role');
    const { count } = await tx.user.updateMany({ where: { id: userId, version }, data: { ...changes, version: { increment: 1 } } });
    if (count === 0) await throwMissingOrStale('User', tx.user.findUnique({ where: { id: userId }, select: { version: true } }));
    const after = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    await recordAudit(tx, ctx, { action: 'user.update', entity: { type: 'User', id: userId }, before, after });
    return after;
  });
}

export interface Deactivation {
  user: { id: string };
  successor: { id: string } | null;
  handOver: HandOverResult | null;
  revokedSessions: number;
  revokedApiKeys: number;
}

/**
 * Switches a user off at once: sessions and API keys revoked, unused links retired, sign-in refused.
 * Someone who owns customers or has open tasks needs a successor, who receives them (and what plugins
 * hand over) in the same transaction.
 */
export async function deactivateUser(
  ctx: UserAdminContext,
  input: z.input<typeof deactivateInput>,
  hooks: readonly UserHandOverHook[] = [],
): Promise<Deactivation> {
  const { id: userId, version, successorId, reason } = parseInput(deactivateInput, input);
  const now = ctx.clock.now();
  return ctx.prisma.$transaction(async (tx) => {
    const scope = await scopeOf(tx, ctx);
    requireSomeScope(scope);
    const before = await managedUser(tx, scope, userId);
    if (userId === actingUserId(ctx.viewer)) throw new InputError([fieldError('id', 'user.cannotDeactivateSelf')]);
    if (!before.active) throw new InputError([fieldError('id', 'user.alreadyDeactivated')]);
    if (version != null && version !== before.version) await throwMissingOrStale('User', Promise.resolve(before));
    if (before.role === 'ADMIN') await requireAnotherAdmin(tx, userId, 'id');
    const successor = successorId ? await successorOf(tx, scope, successorId, userId, actingUserId(ctx.viewer)) : null;
    const pending = await pendingHandOver(tx, userId);
    if (!successor && (pending.customers > 0 || pending.openTasks > 0)) {
      throw new InputError([fieldError('successorId', 'user.successorRequired', { customers: pending.customers, openTasks: pending.openTasks })]);
    }
    const { count } = await tx.user.updateMany({ where: { id: userId, version: before.version }, data: { active: false, deactivatedAt: now, version: { increment: 1 } } });
    if (count === 0) await throwMissingOrStale('User', tx.user.findUnique({ where: { id: userId }, select: { version: true } }));
    const { count: revokedSessions } = await tx.authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
    const { count: revokedApiKeys } = await tx.apiKey.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
    await tx.accountToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    const people = successor ? { from: before, to: successor, actorId: actingUserId(ctx.viewer), at: now } : null;
    const moved = people ? await handOver(tx, ctx, people, ctx.config.customerRules.pool.maxOwnedCustomers, hooks) : null;
    const after = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    await recordAudit(tx, ctx, {
      action: 'user.deactivate',
      entity: { type: 'User', id: userId },
      before,
      after: { ...after, successorId: successor?.id ?? null, reason: reason ?? null, handOver: moved, revokedSessions, revokedApiKeys },
    });
    return { user: after, successor, handOver: moved, revokedSessions, revokedApiKeys };
  });
}

/** The successor: an active user other than the departing one, within the scope (or the manager themselves). */
async function successorOf(tx: Db, scope: UserAdminScope, successorId: string, departingId: string, viewerId: string | null) {
  const user = isUuid(successorId) ? await tx.user.findUnique({ where: { id: successorId } }) : null;
  const problem: ErrorMessageKey | null = !user
    ? 'user.noSuchUser'
    : user.id === departingId
      ? 'user.successorSelf'
      : !user.active
        ? 'user.isDeactivated'
        : scope.kind === 'teams' && outsideScope(scope, user) && user.id !== viewerId
          ? 'user.successorOutsideTeams'
          : null;
  if (problem) throw new InputError([fieldError('successorId', problem)]);
  return user!;
}

/** Lets a deactivated user sign in again (with a new sign-in: sessions and API keys stay revoked). */
export async function reactivateUser(ctx: AccountContext, input: { id: string }) {
  return ctx.prisma.$transaction(async (tx) => {
    const scope = await scopeOf(tx, ctx);
    requireSomeScope(scope);
    const before = await managedUser(tx, scope, input.id);
    if (before.active) throw new InputError([fieldError('id', 'user.alreadyActive')]);
    const after = await tx.user.update({ where: { id: before.id }, data: { active: true, deactivatedAt: null, version: { increment: 1 } } });
    await recordAudit(tx, ctx, { action: 'user.reactivate', entity: { type: 'User', id: before.id }, before, after });
    return after;
  });
}

/** A team's manager must be an active MANAGER or ADMIN, so the role's permissions come with the team. */
async function managerError(db: Db, managerId: string | null | undefined): Promise<FieldError | null> {
  if (!managerId) return null;
  const user = isUuid(managerId) ? await db.user.findUnique({ where: { id: managerId }, select: { active: true, role: true } }) : null;
  if (!user) return fieldError('managerId', 'user.noSuchUser');
  if (!user.active) return fieldError('managerId', 'user.isDeactivated');
  if (user.role !== 'MANAGER' && user.role !== 'ADMIN') return fieldError('managerId', 'user.managerRole');
  return null;
}

async function teamNameError(db: Db, name: string | undefined, exceptTeamId?: string): Promise<FieldError | null> {
  if (!name) return null;
  const taken = await db.team.findFirst({ where: { name, ...(exceptTeamId ? { id: { not: exceptTeamId } } : {}) }, select: { id: true } });
  return taken ? fieldError('name', 'user.teamNameTaken') : null;
}

export async function createTeam(ctx: AccountContext, input: z.input<typeof teamInput>) {
  requireAll(ctx);
  const { name, managerId } = parseInput(teamInput, input);
  return ctx.prisma.$transaction(async (tx) => {
    throwIfAny([await teamNameError(tx, name), await managerError(tx, managerId)]);
    const team = await tx.team.create({ data: { name, managerId: managerId ?? null } });
    await recordAudit(tx, ctx, { action: 'team.create', entity: { type: 'Team', id: team.id }, after: team });
    return team;
  });
}

/** Renames a team or sets its manager (null: none); takes the version read. */
export async function updateTeam(ctx: AccountContext, input: z.input<typeof updateTeamInput>) {
  requireAll(ctx);
  const { id: teamId, version, ...patch } = parseInput(updateTeamInput, input);
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return ctx.prisma.$transaction(async (tx) => {
    const before = isUuid(teamId) ? await tx.team.findUnique({ where: { id: teamId } }) : null;
    if (!before) throw notFound('Team');
    throwIfAny([await teamNameError(tx, patch.name, teamId), await managerError(tx, patch.managerId)]);
    const { count } = await tx.team.updateMany({ where: { id: teamId, version }, data: { ...changes, version: { increment: 1 } } });
    if (count === 0) await throwMissingOrStale('Team', tx.team.findUnique({ where: { id: teamId }, select: { version: true } }));
    const after = await tx.team.findUniqueOrThrow({ where: { id: teamId } });
    await recordAudit(tx, ctx, { action: 'team.update', entity: { type: 'Team', id: teamId }, before, after });
    return after;
  });
}

/**
 * Puts a user in a team (a user is in one team at most: this moves them). A manager moves only members
 * of teams they manage, and only into those.
 */
export async function addTeamMember(ctx: AccountContext, input: z.input<typeof membershipInput>) {
  const { teamId, userId } = parseInput(membershipInput, input);
  return changeTeam(ctx, userId, teamId, 'team.addMember');
}

/** Takes a user out of a team; the team's manager may, as may admins. */
export async function removeTeamMember(ctx: AccountContext, input: z.input<typeof membershipInput>) {
  const { teamId, userId } = parseInput(membershipInput, input);
  return changeTeam(ctx, userId, null, 'team.removeMember', teamId);
}

async function changeTeam(ctx: AccountContext, userId: string, teamId: string | null, action: string, leavingTeamId?: string) {
  return ctx.prisma.$transaction(async (tx) => {
    const scope = await scopeOf(tx, ctx);
    requireSomeScope(scope);
    const before = await managedUser(tx, scope, userId);
    if (leavingTeamId !== undefined && before.teamId !== leavingTeamId) throw new InputError([fieldError('userId', 'user.notTeamMember')]);
    if (teamId !== null) throwIfAny([...assignmentErrors(scope, { teamId }), await teamError(tx, 'teamId', teamId)]);
    const after = await tx.user.update({ where: { id: userId }, data: { teamId, version: { increment: 1 } } });
    await recordAudit(tx, ctx, { action, entity: { type: 'User', id: userId }, before, after });
    return { user: after, teamId: teamId ?? leavingTeamId! };
  });
}
