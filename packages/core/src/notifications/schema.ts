import { ChatBotProvider, NotificationChannel, NotificationDeliveryStatus, type ChatBot, type NotificationDefault } from '../../generated/prisma/client.js';
import { actingUserId, unauthenticated } from '../auth/viewer.js';
import type { RapportContext } from '../context.js';
import type { RapportBuilder } from '../schema/builder.js';
import { withUserErrors } from '../schema/user-errors.js';
import { notificationDeliveriesVisibleTo, redeliverNotification } from './deliveries.js';
import { effectiveChoices, removeChatBot, setChatBot, setNotificationDefault, updateNotificationSettings, type KindChoice, type NotificationContext } from './service.js';

interface SettingsView {
  userId: string;
  teamId: string | null;
  quietHoursStart: string | null;
  quietHoursEnd: string | null;
  digestHour: number | null;
}

/** Notification preferences (the viewer's own), chat bots and the admins' defaults. */
export function registerNotificationSchema(builder: RapportBuilder, refs: { AlertKind: unknown; Team: unknown }, alertKinds: readonly string[]) {
  const context = (ctx: RapportContext): NotificationContext => ({ ...ctx, alertKinds, allowPrivate: ctx.config.webhooks.allowPrivate });
  const AlertKind = refs.AlertKind as never;
  const Channel = builder.enumType('NotificationChannel', {
    description: 'Where an alert also goes, besides the alerts list and subscription.',
    values: { EMAIL: { value: NotificationChannel.EMAIL, description: 'An e-mail to the user’s address (needs RAPPORT_SMTP_URL).' }, CHAT: { value: NotificationChannel.CHAT, description: 'A message through the user’s or their team’s chat robot.' } } as const,
  });
  const Provider = builder.enumType('ChatBotProvider', {
    description: 'The chat app whose webhook robot posts the messages.',
    values: {
      WECOM: { value: ChatBotProvider.WECOM, description: '企业微信 (WeCom) group robot.' },
      DINGTALK: { value: ChatBotProvider.DINGTALK, description: '钉钉 (DingTalk) custom robot, signed when it has a secret.' },
      FEISHU: { value: ChatBotProvider.FEISHU, description: '飞书 (Feishu) custom bot, signed when it has a secret.' },
    } as const,
  });

  const Choice = builder.objectRef<KindChoice>('NotificationPreference').implement({
    description: 'The channels one alert kind goes out through for the viewer.',
    fields: (t) => ({
      kind: t.field({ type: AlertKind, description: 'The alert kind.', resolve: (c) => c.kind as never }),
      channels: t.field({ type: [Channel], description: 'The channels it goes out through; empty: none.', resolve: (c) => c.channels }),
      isDefault: t.exposeBoolean('isDefault', { description: "The admins' default applies: the viewer did not choose for this kind." }),
    }),
  });

  const Bot = builder.objectRef<Pick<ChatBot, 'provider' | 'url' | 'secret' | 'updatedAt'>>('ChatBot').implement({
    description: 'A chat robot messages go to. Its URL (it holds the robot key) and secret are never shown again: only the host and whether it signs.',
    fields: (t) => ({
      provider: t.field({ type: Provider, description: 'The chat app.', resolve: (b) => b.provider }),
      host: t.string({ description: 'The host of its webhook URL, e.g. oapi.dingtalk.com.', resolve: (b) => new URL(b.url).host }),
      signed: t.boolean({ description: 'A signing secret is set (DingTalk, Feishu).', resolve: (b) => b.secret !== null }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it was last set.' }),
    }),
  });

  const Settings = builder.objectRef<SettingsView>('NotificationSettings').implement({
    description: 'How alerts reach the viewer besides the alerts list: channels per kind, quiet hours, the daily digest, chat bots.',
    fields: (t) => ({
      quietHoursStart: t.exposeString('quietHoursStart', { nullable: true, description: 'HH:MM local time (the user’s timeZone): non-urgent notifications wait from here …' }),
      quietHoursEnd: t.exposeString('quietHoursEnd', { nullable: true, description: '… until here (an end before the start spans midnight).' }),
      digestHour: t.exposeInt('digestHour', { nullable: true, description: 'Local hour of the daily e-mail of unread alerts; null: none.' }),
      preferences: t.field({ type: [Choice], description: 'Every alert kind of the deployment with the channels that apply.', resolve: (s, _args, ctx) => effectiveChoices(context(ctx), s.userId) }),
      chatBot: t.field({ type: Bot, nullable: true, description: 'The viewer’s own chat bot (used before the team’s).', resolve: (s, _args, ctx) => ctx.prisma.chatBot.findUnique({ where: { userId: s.userId } }) }),
      teamChatBot: t.field({
        type: Bot,
        nullable: true,
        description: 'Their team’s chat bot, used when they have none of their own.',
        resolve: (s, _args, ctx) => (s.teamId ? ctx.prisma.chatBot.findUnique({ where: { teamId: s.teamId } }) : null),
      }),
    }),
  });

  const Default = builder.objectRef<NotificationDefault>('NotificationDefault').implement({
    description: "The admins' channels for an alert kind, for users who did not choose.",
    fields: (t) => ({
      kind: t.field({ type: AlertKind, description: 'The alert kind.', resolve: (d) => d.kind as never }),
      channels: t.field({ type: [Channel], description: 'The channels it goes out through by default.', resolve: (d) => d.channels }),
      urgent: t.exposeBoolean('urgent', { description: 'Sent during quiet hours too.' }),
    }),
  });

  const settingsOf = async (ctx: RapportContext): Promise<SettingsView> => {
    const userId = actingUserId(ctx.viewer);
    if (!userId) throw unauthenticated();
    const user = await ctx.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { teamId: true, notificationSettings: true } });
    const s = user.notificationSettings;
    return { userId, teamId: user.teamId, quietHoursStart: s?.quietHoursStart ?? null, quietHoursEnd: s?.quietHoursEnd ?? null, digestHour: s?.digestHour ?? null };
  };

  const DeliveryStatus = builder.enumType('NotificationDeliveryStatus', {
    description: 'Where a notification delivery stands.',
    values: {
      PENDING: { value: NotificationDeliveryStatus.PENDING, description: 'Not yet accepted: sent when nextAttemptAt comes (after quiet hours, after a retry delay).' },
      SENT: { value: NotificationDeliveryStatus.SENT, description: 'Accepted by the SMTP server or the chat app.' },
      FAILED: { value: NotificationDeliveryStatus.FAILED, description: 'Given up after the last retry (or at once, for a deactivated recipient).' },
    } as const,
  });
  // Shaped like the webhook delivery log (WebhookDelivery, redeliverWebhookDelivery).
  const Delivery = builder.prismaNode('NotificationDelivery', {
    id: { field: 'id', description: 'Global id of the delivery.' },
    description: 'One alert, digest or scheduled export for one channel of one user, with where its sending stands (user.manage: all; everyone: their own).',
    findUnique: (id, ctx) => ({ id, AND: [notificationDeliveriesVisibleTo(ctx.viewer)] }),
    fields: (t) => ({
      channel: t.field({ type: Channel, description: 'E-mail or chat bot.', resolve: (d) => d.channel }),
      status: t.field({ type: DeliveryStatus, description: 'PENDING until sent, or FAILED after the last retry.', resolve: (d) => d.status }),
      attemptCount: t.exposeInt('attemptCount', { description: 'Attempts made so far, redeliveries included.' }),
      lastError: t.exposeString('lastError', { nullable: true, description: 'Why the last attempt failed (the SMTP or chat app answer); null after a success.' }),
      nextAttemptAt: t.field({ type: 'DateTime', nullable: true, description: 'When it is tried next, while PENDING (after quiet hours or a retry delay).', resolve: (d) => (d.status === 'PENDING' ? d.nextAttemptAt : null) }),
      sentAt: t.expose('sentAt', { type: 'DateTime', nullable: true, description: 'When the SMTP server or chat app accepted it.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was queued.' }),
      what: t.string({
        description: 'ALERT, DIGEST or EXPORT: what it carries.',
        resolve: (d) => (d.alertId ? 'ALERT' : d.exportId ? 'EXPORT' : 'DIGEST'),
      }),
      alertKind: t.field({
        type: AlertKind,
        nullable: true,
        description: 'The alert kind, for an alert’s delivery.',
        select: { alert: { select: { kind: true } } },
        resolve: (d) => (d.alert?.kind ?? null) as never,
      }),
      recipient: t.relation('recipient', { description: 'Whom it goes to.' }),
    }),
  });

  builder.queryFields((t) => ({
    notificationDeliveries: t.prismaConnection(
      {
        type: 'NotificationDelivery',
        cursor: 'id',
        description: 'The notification delivery log, newest first: every user’s with user.manage, else the viewer’s own.',
        args: {
          status: t.arg({ type: DeliveryStatus, description: 'Only deliveries in this status.' }),
          channel: t.arg({ type: Channel, description: 'Only this channel.' }),
        },
        resolve: (query, _root, args, ctx) =>
          ctx.prisma.notificationDelivery.findMany({
            ...query,
            where: { AND: [notificationDeliveriesVisibleTo(ctx.viewer), args.status ? { status: args.status } : {}, args.channel ? { channel: args.channel } : {}] },
            orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          }),
        totalCount: (_connection, args, ctx) =>
          ctx.prisma.notificationDelivery.count({ where: { AND: [notificationDeliveriesVisibleTo(ctx.viewer), args.status ? { status: args.status } : {}, args.channel ? { channel: args.channel } : {}] } }),
      },
      { name: 'NotificationDeliveryConnection', description: 'A page of notification deliveries.' },
      { name: 'NotificationDeliveryEdge', description: 'One notification delivery of the page.' },
    ),
    notificationSettings: t.field({ type: Settings, description: 'The viewer’s notification settings.', resolve: (_root, _args, ctx) => settingsOf(ctx) }),
    notificationDefaults: t.field({
      type: [Default],
      description: "The admins' defaults, per alert kind that has one (user.manage).",
      authScopes: { permission: 'user.manage' },
      resolve: (_root, _args, ctx) => ctx.prisma.notificationDefault.findMany({ orderBy: { kind: 'asc' } }),
    }),
  }));

  const PreferenceInput = builder.inputType('NotificationPreferenceInput', {
    description: 'The viewer’s channels for one alert kind.',
    fields: (t) => ({
      kind: t.field({ type: AlertKind, required: true, description: 'The alert kind.' }),
      channels: t.field({ type: [Channel], description: '[] for none; null returns the kind to the default.' }),
    }),
  });
  const UpdateInput = builder.inputType('UpdateNotificationSettingsInput', {
    description: 'Fields left out keep their value; null clears one.',
    fields: (t) => ({
      quietHoursStart: t.string({ description: 'HH:MM, local; with quietHoursEnd.' }),
      quietHoursEnd: t.string({ description: 'HH:MM, local.' }),
      digestHour: t.int({ description: '0–23, local; null: no digest.' }),
      preferences: t.field({ type: [PreferenceInput], description: 'Channels per kind; kinds left out keep theirs.' }),
    }),
  });
  const SetBotInput = builder.inputType('SetChatBotInput', {
    description: 'A chat robot for the viewer or a team.',
    fields: (t) => ({
      teamId: t.globalID({ for: refs.Team as never, description: "A team's bot (admins and its manager); absent: the viewer's own." }),
      provider: t.field({ type: Provider, required: true, description: 'The chat app the robot belongs to.' }),
      url: t.string({ required: true, description: 'The robot’s webhook URL as the chat app gives it (with its key or access_token).' }),
      secret: t.string({ description: 'DingTalk’s SEC… or Feishu’s signing secret, when the robot has signing on.' }),
    }),
  });
  const RemoveBotInput = builder.inputType('RemoveChatBotInput', {
    description: 'Whose chat robot to remove.',
    fields: (t) => ({ teamId: t.globalID({ for: refs.Team as never, description: "A team's bot; absent: the viewer's own." }) }),
  });
  const DefaultInput = builder.inputType('SetNotificationDefaultInput', {
    description: 'The default channels of one alert kind.',
    fields: (t) => ({
      kind: t.field({ type: AlertKind, required: true, description: 'The alert kind.' }),
      channels: t.field({ type: [Channel], required: true, description: 'Its channels for users who did not choose; [] for none.' }),
      urgent: t.boolean({ description: 'Sent during quiet hours too (unchanged when absent; false at first).' }),
    }),
  });

  const UpdatePayload = builder.objectRef<{ settings: SettingsView | null }>('UpdateNotificationSettingsPayload').implement({
    description: 'The result of updateNotificationSettings.',
    fields: (t) => ({ settings: t.field({ type: Settings, nullable: true, description: 'The settings as saved; null with userErrors.', resolve: (p) => p.settings }) }),
  });
  withUserErrors(builder, UpdatePayload);
  const SetBotPayload = builder.objectRef<{ chatBot: ChatBot | null }>('SetChatBotPayload').implement({
    description: 'The result of setChatBot.',
    fields: (t) => ({ chatBot: t.field({ type: Bot, nullable: true, description: 'The robot as saved; null with userErrors.', resolve: (p) => p.chatBot }) }),
  });
  withUserErrors(builder, SetBotPayload);
  const RemoveBotPayload = builder.objectRef<{ removed: boolean | null }>('RemoveChatBotPayload').implement({
    description: 'The result of removeChatBot.',
    fields: (t) => ({ removed: t.boolean({ nullable: true, description: 'False when there was none.', resolve: (p) => p.removed }) }),
  });
  withUserErrors(builder, RemoveBotPayload);
  const DefaultPayload = builder.objectRef<{ notificationDefault: NotificationDefault | null }>('SetNotificationDefaultPayload').implement({
    description: 'The result of setNotificationDefault.',
    fields: (t) => ({ notificationDefault: t.field({ type: Default, nullable: true, description: 'The default as saved; null with userErrors.', resolve: (p) => p.notificationDefault }) }),
  });
  withUserErrors(builder, DefaultPayload);

  const RedeliverInput = builder.inputType('RedeliverNotificationInput', {
    description: 'The delivery to send again.',
    fields: (t) => ({ id: t.globalID({ required: true, for: Delivery, description: 'Global id of the delivery.' }) }),
  });
  const RedeliverPayload = builder.objectRef<{ delivery: { id: string } }>('RedeliverNotificationPayload').implement({
    description: 'The result of redeliverNotification.',
    fields: (t) => ({ delivery: t.field({ type: Delivery, nullable: true, description: 'The delivery, PENDING again; null when nothing was written.', resolve: (p) => p.delivery as never }) }),
  });
  withUserErrors(builder, RedeliverPayload);

  builder.mutationFields((t) => ({
    redeliverNotification: t.field({
      type: RedeliverPayload,
      description: 'Sends a sent or failed delivery again, due now, with the same Message-ID (user.manage, or the recipient). One still PENDING is left as it is.',
      args: { input: t.arg({ type: RedeliverInput, required: true, description: 'Which delivery.' }) },
      resolve: async (_root, { input }, ctx) => ({ delivery: await redeliverNotification(ctx, { id: input.id.id }) }),
    }),
    updateNotificationSettings: t.field({
      type: UpdatePayload,
      description: 'Changes the viewer’s channels per alert kind, quiet hours and digest hour.',
      args: { input: t.arg({ type: UpdateInput, required: true, description: 'What to change.' }) },
      resolve: async (_root, { input }, ctx) => {
        await updateNotificationSettings(context(ctx), {
          ...(input.quietHoursStart !== undefined ? { quietHoursStart: input.quietHoursStart } : {}),
          ...(input.quietHoursEnd !== undefined ? { quietHoursEnd: input.quietHoursEnd } : {}),
          ...(input.digestHour !== undefined ? { digestHour: input.digestHour } : {}),
          ...(input.preferences ? { preferences: input.preferences.map((p) => ({ kind: p.kind as string, channels: p.channels ?? null })) } : {}),
        });
        return { settings: await settingsOf(ctx) };
      },
    }),
    setChatBot: t.field({
      type: SetBotPayload,
      description: 'Sets the chat robot (WeCom, DingTalk, Feishu) of the viewer or of a team; replaces one set before.',
      args: { input: t.arg({ type: SetBotInput, required: true, description: 'The robot.' }) },
      resolve: async (_root, { input }, ctx) => ({
        chatBot: await setChatBot(context(ctx), { teamId: input.teamId?.id ?? null, provider: input.provider, url: input.url, secret: input.secret ?? null }),
      }),
    }),
    removeChatBot: t.field({
      type: RemoveBotPayload,
      description: 'Removes the chat robot of the viewer or of a team; messages then go to the team’s robot, if any.',
      args: { input: t.arg({ type: RemoveBotInput, required: true, description: 'Whose robot.' }) },
      resolve: async (_root, { input }, ctx) => ({ removed: await removeChatBot(context(ctx), { teamId: input.teamId?.id ?? null }) }),
    }),
    setNotificationDefault: t.field({
      type: DefaultPayload,
      description: 'Sets the channels an alert kind goes out through for users who did not choose (user.manage).',
      args: { input: t.arg({ type: DefaultInput, required: true, description: 'The kind and its channels.' }) },
      resolve: async (_root, { input }, ctx) => ({
        notificationDefault: await setNotificationDefault(context(ctx), { kind: input.kind as string, channels: input.channels, ...(input.urgent != null ? { urgent: input.urgent } : {}) }),
      }),
    }),
  }));
  return { NotificationChannel: Channel, NotificationDelivery: Delivery };
}
