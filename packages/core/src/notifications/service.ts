// A user's notification choices (channels per alert kind, quiet hours, digest hour), chat bots of a
// user or a team, and the admins' defaults. A chat bot's URL (it holds the robot's key) and secret are
// written here and only read by the delivery job: nothing returns or audits them.
import { z } from 'zod';
import { recordAudit } from '../audit/service.js';
import { actingUserId, can, requirePermission, unauthenticated } from '../auth/viewer.js';
import { fieldError, InputError, notFound, RapportError } from '../errors.js';
import type { ServiceContext } from '../service-context.js';
import { isUuid } from '../shared/ids.js';
import { parseInput } from '../validation.js';
import { endpointUrlProblem } from '../webhooks/ssrf.js';
import type { ChatBotProvider, NotificationChannel } from '../../generated/prisma/client.js';

export interface NotificationContext extends ServiceContext {
  /** The alert kinds of this deployment (core's and the enabled plugins'). */
  alertKinds: readonly string[];
  /** RAPPORT_WEBHOOK_ALLOW_PRIVATE: chat bots on private addresses (on-premises, tests). */
  allowPrivate: boolean;
}

const CHANNELS = ['EMAIL', 'CHAT'] as const;
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'rule.timeOfDay');
const channelList = z.array(z.enum(CHANNELS)).max(CHANNELS.length).transform((list) => [...new Set(list)]);

const settingsInput = z.object({
  quietHoursStart: timeOfDay.nullish(),
  quietHoursEnd: timeOfDay.nullish(),
  digestHour: z.number().int().min(0, 'notification.hour').max(23, 'notification.hour').nullish(),
  preferences: z.array(z.object({ kind: z.string().trim(), channels: channelList.nullable() })).max(200).optional(),
});

const chatBotInput = z.object({
  teamId: z.string().nullish(),
  provider: z.enum(['WECOM', 'DINGTALK', 'FEISHU']),
  url: z.string().trim().min(1, 'rule.notEmpty').max(2_000, 'webhook.urlMaxCharacters'),
  secret: z.string().trim().max(500, 'webhook.urlMaxCharacters').nullish(),
});

const defaultInput = z.object({ kind: z.string().trim(), channels: channelList, urgent: z.boolean().optional() });

function viewerId(ctx: ServiceContext): string {
  const id = actingUserId(ctx.viewer);
  if (!id) throw unauthenticated();
  return id;
}

function checkKind(ctx: NotificationContext, kind: string, field: string): void {
  if (!ctx.alertKinds.includes(kind)) throw new InputError([fieldError(field, 'notification.unknownAlertKind', { kind }, 'NOT_ALLOWED_VALUE')]);
}

export interface KindChoice {
  kind: string;
  channels: NotificationChannel[];
  /** The admins' default applies (the user did not choose for this kind). */
  isDefault: boolean;
}

/** Per alert kind of the deployment, the channels that apply to the user: their choice, else the default. */
export async function effectiveChoices(ctx: NotificationContext, userId: string): Promise<KindChoice[]> {
  const [settings, defaults] = await Promise.all([
    ctx.prisma.notificationSettings.findUnique({ where: { userId }, select: { channels: true } }),
    ctx.prisma.notificationDefault.findMany(),
  ]);
  const chosen = (settings?.channels ?? {}) as Record<string, NotificationChannel[]>;
  const byKind = new Map(defaults.map((d) => [d.kind, d.channels]));
  return ctx.alertKinds.map((kind) =>
    kind in chosen ? { kind, channels: chosen[kind] ?? [], isDefault: false } : { kind, channels: byKind.get(kind) ?? [], isDefault: true },
  );
}

/** Changes the viewer's own settings; a preference with `channels: null` returns that kind to the default. */
export async function updateNotificationSettings(ctx: NotificationContext, input: z.input<typeof settingsInput>) {
  const userId = viewerId(ctx);
  const fields = parseInput(settingsInput, input);
  for (const [index, p] of (fields.preferences ?? []).entries()) checkKind(ctx, p.kind, `preferences.${index}.kind`);
  const now = ctx.clock.now();
  return ctx.prisma.$transaction(async (tx) => {
    const before = await tx.notificationSettings.findUnique({ where: { userId } });
    const start = fields.quietHoursStart !== undefined ? fields.quietHoursStart : (before?.quietHoursStart ?? null);
    const end = fields.quietHoursEnd !== undefined ? fields.quietHoursEnd : (before?.quietHoursEnd ?? null);
    if (!start !== !end) throw new InputError([fieldError(start ? 'quietHoursEnd' : 'quietHoursStart', 'notification.quietHoursBoth', {}, 'REQUIRED')]);
    const channels = { ...((before?.channels ?? {}) as Record<string, NotificationChannel[]>) };
    for (const p of fields.preferences ?? []) {
      if (p.channels === null) delete channels[p.kind];
      else channels[p.kind] = p.channels;
    }
    const data = {
      quietHoursStart: start,
      quietHoursEnd: end,
      digestHour: fields.digestHour !== undefined ? fields.digestHour : (before?.digestHour ?? null),
      channels,
      updatedAt: now,
    };
    const after = await tx.notificationSettings.upsert({ where: { userId }, create: { userId, ...data }, update: { ...data, version: { increment: 1 } } });
    await recordAudit(tx, ctx, { action: 'notificationSettings.update', entity: { type: 'User', id: userId }, before, after });
    return after;
  });
}

/** Whose chat bot: the viewer's own (no teamId) or a team's, for admins and that team's manager. */
async function chatBotOwner(ctx: ServiceContext, teamId: string | null | undefined): Promise<{ userId: string } | { teamId: string }> {
  const userId = viewerId(ctx);
  if (!teamId) return { userId };
  const team = isUuid(teamId) ? await ctx.prisma.team.findUnique({ where: { id: teamId }, select: { id: true, managerId: true } }) : null;
  if (!team) throw notFound('Team');
  if (!can(ctx.viewer, 'user.manage') && !(can(ctx.viewer, 'user.manageTeam') && team.managerId === userId)) {
    throw RapportError.of('FORBIDDEN', 'notification.chatBotManagers');
  }
  return { teamId: team.id };
}

/** Sets (replaces) a chat bot. The URL is checked like a webhook endpoint's (no private addresses unless allowed). */
export async function setChatBot(ctx: NotificationContext, input: z.input<typeof chatBotInput>) {
  const fields = parseInput(chatBotInput, input);
  const owner = await chatBotOwner(ctx, fields.teamId);
  const problem = await endpointUrlProblem(fields.url, ctx.allowPrivate);
  if (problem) throw new InputError([{ field: 'url', message: problem }]);
  const now = ctx.clock.now();
  const data = { provider: fields.provider as ChatBotProvider, url: fields.url, secret: fields.secret || null, updatedAt: now };
  const where = 'userId' in owner ? { userId: owner.userId } : { teamId: owner.teamId };
  return ctx.prisma.$transaction(async (tx) => {
    const bot = await tx.chatBot.upsert({ where, create: { ...owner, ...data, createdAt: now }, update: data });
    await recordAudit(tx, ctx, { action: 'chatBot.set', entity: { type: 'ChatBot', id: bot.id }, after: { ...owner, provider: bot.provider, signed: bot.secret !== null } });
    return bot;
  });
}

export async function removeChatBot(ctx: NotificationContext, input: { teamId?: string | null | undefined }): Promise<boolean> {
  const owner = await chatBotOwner(ctx, input.teamId);
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.chatBot.deleteMany({ where: owner });
    await recordAudit(tx, ctx, { action: 'chatBot.remove', after: { ...owner, removed: count > 0 } });
    return count > 0;
  });
}

/** The admins' channels for a kind (user.manage), for users who did not choose; `urgent` ignores quiet hours. */
export async function setNotificationDefault(ctx: NotificationContext, input: z.input<typeof defaultInput>) {
  requirePermission(ctx.viewer, 'user.manage');
  const fields = parseInput(defaultInput, input);
  checkKind(ctx, fields.kind, 'kind');
  const now = ctx.clock.now();
  return ctx.prisma.$transaction(async (tx) => {
    const before = await tx.notificationDefault.findUnique({ where: { kind: fields.kind } });
    const data = { channels: fields.channels, urgent: fields.urgent ?? before?.urgent ?? false, updatedAt: now };
    const after = await tx.notificationDefault.upsert({ where: { kind: fields.kind }, create: { kind: fields.kind, ...data }, update: data });
    await recordAudit(tx, ctx, { action: 'notificationDefault.set', before, after });
    return after;
  });
}
