import { ChatBotProvider, NotificationChannel, type ChatBot, type NotificationDefault } from '../../generated/prisma/client.js';
import { actingUserId, unauthenticated } from '../auth/viewer.js';
import type { RapportContext } from '../context.js';
import type { RapportBuilder } from '../schema/builder.js';
import { withUserErrors } from '../schema/user-errors.js';
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
  const Channel = builder.enumType(NotificationChannel, { name: 'NotificationChannel', description: 'Where an alert also goes, besides the alerts list and subscription.' });
  const Provider = builder.enumType(ChatBotProvider, { name: 'ChatBotProvider', description: 'The chat app whose webhook robot posts the messages.' });

  const Choice = builder.objectRef<KindChoice>('NotificationPreference').implement({
    description: 'The channels one alert kind goes out through for the viewer.',
    fields: (t) => ({
      kind: t.field({ type: AlertKind, resolve: (c) => c.kind as never }),
      channels: t.field({ type: [Channel], resolve: (c) => c.channels }),
      isDefault: t.exposeBoolean('isDefault', { description: "The admins' default applies: the viewer did not choose for this kind." }),
    }),
  });

  const Bot = builder.objectRef<Pick<ChatBot, 'provider' | 'url' | 'secret' | 'updatedAt'>>('ChatBot').implement({
    description: 'A chat robot messages go to. Its URL (it holds the robot key) and secret are never shown again: only the host and whether it signs.',
    fields: (t) => ({
      provider: t.field({ type: Provider, resolve: (b) => b.provider }),
      host: t.string({ description: 'The host of its webhook URL, e.g. oapi.dingtalk.com.', resolve: (b) => new URL(b.url).host }),
      signed: t.boolean({ description: 'A signing secret is set (DingTalk, Feishu).', resolve: (b) => b.secret !== null }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
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
      kind: t.field({ type: AlertKind, resolve: (d) => d.kind as never }),
      channels: t.field({ type: [Channel], resolve: (d) => d.channels }),
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

  builder.queryFields((t) => ({
    notificationSettings: t.field({ type: Settings, description: 'The viewer’s notification settings.', resolve: (_root, _args, ctx) => settingsOf(ctx) }),
    notificationDefaults: t.field({
      type: [Default],
      description: "The admins' defaults, per alert kind that has one (user.manage).",
      authScopes: { permission: 'user.manage' },
      resolve: (_root, _args, ctx) => ctx.prisma.notificationDefault.findMany({ orderBy: { kind: 'asc' } }),
    }),
  }));

  const PreferenceInput = builder.inputType('NotificationPreferenceInput', {
    fields: (t) => ({
      kind: t.field({ type: AlertKind, required: true }),
      channels: t.field({ type: [Channel], description: '[] for none; null returns the kind to the default.' }),
    }),
  });
  const UpdateInput = builder.inputType('UpdateNotificationSettingsInput', {
    description: 'Fields left out keep their value; null clears one.',
    fields: (t) => ({
      quietHoursStart: t.string({ description: 'HH:MM, local; with quietHoursEnd.' }),
      quietHoursEnd: t.string({ description: 'HH:MM, local.' }),
      digestHour: t.int({ description: '0–23, local; null: no digest.' }),
      preferences: t.field({ type: [PreferenceInput] }),
    }),
  });
  const SetBotInput = builder.inputType('SetChatBotInput', {
    fields: (t) => ({
      teamId: t.globalID({ for: refs.Team as never, description: "A team's bot (admins and its manager); absent: the viewer's own." }),
      provider: t.field({ type: Provider, required: true }),
      url: t.string({ required: true, description: 'The robot’s webhook URL as the chat app gives it (with its key or access_token).' }),
      secret: t.string({ description: 'DingTalk’s SEC… or Feishu’s signing secret, when the robot has signing on.' }),
    }),
  });
  const RemoveBotInput = builder.inputType('RemoveChatBotInput', {
    fields: (t) => ({ teamId: t.globalID({ for: refs.Team as never, description: "A team's bot; absent: the viewer's own." }) }),
  });
  const DefaultInput = builder.inputType('SetNotificationDefaultInput', {
    fields: (t) => ({
      kind: t.field({ type: AlertKind, required: true }),
      channels: t.field({ type: [Channel], required: true }),
      urgent: t.boolean({ description: 'Sent during quiet hours too (unchanged when absent; false at first).' }),
    }),
  });

  const UpdatePayload = builder.objectRef<{ settings: SettingsView | null }>('UpdateNotificationSettingsPayload').implement({
    fields: (t) => ({ settings: t.field({ type: Settings, nullable: true, resolve: (p) => p.settings }) }),
  });
  withUserErrors(builder, UpdatePayload);
  const SetBotPayload = builder.objectRef<{ chatBot: ChatBot | null }>('SetChatBotPayload').implement({
    fields: (t) => ({ chatBot: t.field({ type: Bot, nullable: true, resolve: (p) => p.chatBot }) }),
  });
  withUserErrors(builder, SetBotPayload);
  const RemoveBotPayload = builder.objectRef<{ removed: boolean | null }>('RemoveChatBotPayload').implement({
    fields: (t) => ({ removed: t.boolean({ nullable: true, description: 'False when there was none.', resolve: (p) => p.removed }) }),
  });
  withUserErrors(builder, RemoveBotPayload);
  const DefaultPayload = builder.objectRef<{ notificationDefault: NotificationDefault | null }>('SetNotificationDefaultPayload').implement({
    fields: (t) => ({ notificationDefault: t.field({ type: Default, nullable: true, resolve: (p) => p.notificationDefault }) }),
  });
  withUserErrors(builder, DefaultPayload);

  builder.mutationFields((t) => ({
    updateNotificationSettings: t.field({
      type: UpdatePayload,
      description: 'Changes the viewer’s channels per alert kind, quiet hours and digest hour.',
      args: { input: t.arg({ type: UpdateInput, required: true }) },
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
      args: { input: t.arg({ type: SetBotInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        chatBot: await setChatBot(context(ctx), { teamId: input.teamId?.id ?? null, provider: input.provider, url: input.url, secret: input.secret ?? null }),
      }),
    }),
    removeChatBot: t.field({
      type: RemoveBotPayload,
      args: { input: t.arg({ type: RemoveBotInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ removed: await removeChatBot(context(ctx), { teamId: input.teamId?.id ?? null }) }),
    }),
    setNotificationDefault: t.field({
      type: DefaultPayload,
      description: 'Sets the channels an alert kind goes out through for users who did not choose (user.manage).',
      args: { input: t.arg({ type: DefaultInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        notificationDefault: await setNotificationDefault(context(ctx), { kind: input.kind as string, channels: input.channels, ...(input.urgent != null ? { urgent: input.urgent } : {}) }),
      }),
    }),
  }));
}
