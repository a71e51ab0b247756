// The graph of user administration: thin resolvers over users/admin.ts and users/accounts.ts.
import type { RapportBuilder } from '../schema/builder.js';
import { requestPasswordReset, setPasswordWithToken } from './accounts.js';
import {
  addTeamMember,
  createTeam,
  createUser,
  deactivateUser,
  inviteUser,
  reactivateUser,
  removeTeamMember,
  updateTeam,
  updateUser,
  type Deactivation,
} from './admin.js';
import type { HandOverPart, HandOverResult, UserHandOverHook } from './hand-over.js';
import { LOCALES } from './rules.js';
import type { UserRefs } from './schema.js';
import { payloadPerMutation, withUserErrors } from '../schema/user-errors.js';

type Id = { id: string } | null | undefined;

/** An input's optional reference: undefined leaves it, null clears it. */
function idOrNull(value: Id): string | null | undefined {
  return value === undefined ? undefined : (value?.id ?? null);
}

export function registerUserAdminSchema(builder: RapportBuilder, { User, Team, UserRole }: UserRefs, hooks: readonly UserHandOverHook[]) {
  const localeDescription = `BCP-47: ${LOCALES.join(' or ')}.`;
  const profileFields = (t: any, required: boolean) => ({
    name: t.string({ required }),
    email: t.string({ required }),
    phone: t.string(),
    code: t.string({ description: 'Owner code new customer codes carry (`{owner}` in RAPPORT_CUSTOMER_CODE_PATTERN, e.g. 01): 1–8 letters or digits, unique; null clears it.' }),
    role: t.field({ type: UserRole, description: required ? 'SALES unless given. Managers may not give ADMIN.' : 'Managers may not give ADMIN.' }),
    teamId: t.globalID({ for: Team, description: 'Managers: one of the teams they manage.' }),
    locale: t.string({ description: required ? `${localeDescription} zh-CN unless given.` : localeDescription }),
    timeZone: t.string({ description: required ? 'IANA zone, e.g. Asia/Shanghai (the default).' : 'IANA zone, e.g. Asia/Shanghai.' }),
  });
  const CreateUserInput = builder.inputType('CreateUserInput', {
    fields: (t) => ({
      ...profileFields(t, true),
      password: t.string({ description: 'A first password (8+ characters); without one the user needs an invitation or reset link.' }),
    }),
  });
  const InviteUserInput = builder.inputType('InviteUserInput', { fields: (t) => profileFields(t, true) });
  const UpdateUserInput = builder.inputType('UpdateUserInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: User }),
      version: t.int({ required: true, description: 'The version you read; a stale one is a CONFLICT.' }),
      ...profileFields(t, false),
    }),
  });
  const DeactivateUserInput = builder.inputType('DeactivateUserInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: User }),
      version: t.int({ description: 'The version you read; a stale one is a CONFLICT.' }),
      successorId: t.globalID({
        for: User,
        description: 'Receives their customers (up to the per-owner maximum; the rest go to the public pool), open tasks and open tickets. Required when they own customers or have open tasks.',
      }),
      reason: t.string(),
    }),
  });
  const UserIdInput = builder.inputType('ReactivateUserInput', { fields: (t) => ({ id: t.globalID({ required: true, for: User }) }) });
  const CreateTeamInput = builder.inputType('CreateTeamInput', {
    fields: (t) => ({ name: t.string({ required: true }), managerId: t.globalID({ for: User, description: 'An active MANAGER or ADMIN.' }) }),
  });
  const UpdateTeamInput = builder.inputType('UpdateTeamInput', {
    fields: (t) => ({
      id: t.globalID({ required: true, for: Team }),
      version: t.int({ required: true }),
      name: t.string(),
      managerId: t.globalID({ for: User, description: 'An active MANAGER or ADMIN; null: no manager.' }),
    }),
  });
  const MembershipInput = (name: string) =>
    builder.inputType(name, {
    fields: (t) => ({ teamId: t.globalID({ required: true, for: Team }), userId: t.globalID({ required: true, for: User }) }),
  });
  const TokenPasswordInput = (name: string) =>
    builder.inputType(name, { fields: (t) => ({ token: t.string({ required: true, description: 'From the link.' }), newPassword: t.string({ required: true }) }) });
  const AcceptInvitationInput = TokenPasswordInput('AcceptInvitationInput');
  const ResetPasswordInput = TokenPasswordInput('ResetPasswordInput');
  const RequestPasswordResetInput = builder.inputType('RequestPasswordResetInput', { fields: (t) => ({ email: t.string({ required: true }) }) });

  const UserPayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ user: { id: string } }>(name).implement({
    fields: (t) => ({ user: t.field({ nullable: true, type: User, resolve: (p) => p.user as never }) }),
  }),
  );
  const InviteUserPayload = builder.objectRef<{ user: { id: string }; invitationExpiresAt: Date }>('InviteUserPayload').implement({
    fields: (t) => ({
      user: t.field({ nullable: true, type: User, resolve: (p) => p.user as never }),
      invitationExpiresAt: t.expose('invitationExpiresAt', { nullable: true, type: 'DateTime', description: 'The link went to the user through the notification channel.' }),
    }),
  });
  withUserErrors(builder, InviteUserPayload);
  const HandOverPartRef = builder.objectRef<HandOverPart>('HandOverPart').implement({
    description: "A plugin's part of a hand-over, e.g. openTickets.",
    fields: (t) => ({ kind: t.exposeString('kind'), count: t.exposeInt('count') }),
  });
  const HandOverRef = builder.objectRef<HandOverResult>('HandOver').implement({
    description: 'What the successor received.',
    fields: (t) => ({
      customersToSuccessor: t.exposeInt('customersToSuccessor'),
      customersToPool: t.exposeInt('customersToPool', { description: 'Above the per-owner maximum: released to the public pool.' }),
      openTasks: t.exposeInt('openTasks'),
      other: t.field({ type: [HandOverPartRef], resolve: (h) => h.parts }),
    }),
  });
  const DeactivateUserPayload = builder.objectRef<Deactivation>('DeactivateUserPayload').implement({
    fields: (t) => ({
      user: t.field({ nullable: true, type: User, resolve: (p) => p.user as never }),
      successor: t.field({ type: User, nullable: true, resolve: (p) => p.successor as never }),
      handOver: t.field({ type: HandOverRef, nullable: true, resolve: (p) => p.handOver }),
      revokedSessions: t.exposeInt('revokedSessions', { nullable: true }),
      revokedApiKeys: t.exposeInt('revokedApiKeys', { nullable: true }),
    }),
  });
  withUserErrors(builder, DeactivateUserPayload);
  const TeamPayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ team: { id: string } }>(name).implement({
    fields: (t) => ({ team: t.field({ nullable: true, type: Team, resolve: (p) => p.team as never }) }),
  }),
  );
  const MembershipPayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ user: { id: string }; teamId: string }>(name).implement({
    fields: (t) => ({
      user: t.field({ nullable: true, type: User, resolve: (p) => p.user as never }),
      team: t.prismaField({ nullable: true, type: 'Team', resolve: (query, p, _args, ctx) => ctx.prisma.team.findUniqueOrThrow({ ...query, where: { id: p.teamId } }) }),
    }),
  }),
  );
  const PasswordSetPayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ email: string }>(name).implement({
    fields: (t) => ({ email: t.exposeString('email', { nullable: true, description: 'Sign in with this e-mail and the new password.' }) }),
  }),
  );
  const RequestPasswordResetPayload = builder.objectRef<{ accepted: boolean }>('RequestPasswordResetPayload').implement({
    fields: (t) => ({
      accepted: t.exposeBoolean('accepted', { nullable: true, description: 'Always true: whether the e-mail has an account is not revealed.' }),
    }),
  });
  withUserErrors(builder, RequestPasswordResetPayload);

  const profile = (input: any) => ({
    name: input.name ?? undefined,
    email: input.email ?? undefined,
    phone: input.phone,
    code: input.code,
    role: input.role ?? undefined,
    teamId: idOrNull(input.teamId),
    locale: input.locale ?? undefined,
    timeZone: input.timeZone ?? undefined,
  });

  builder.mutationFields((t) => ({
    createUser: t.field({
      type: UserPayload('CreateUserPayload'),
      description: 'Creates a user (user.manage; managers: in a team they manage).',
      args: { input: t.arg({ type: CreateUserInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ user: await createUser(ctx, { ...profile(input), password: input.password }) }),
    }),
    inviteUser: t.field({
      type: InviteUserPayload,
      description: 'Creates a user without a password and sends them a one-time link to set one.',
      args: { input: t.arg({ type: InviteUserInput, required: true }) },
      resolve: (_root, { input }, ctx) => inviteUser(ctx, profile(input)),
    }),
    updateUser: t.field({
      type: UserPayload('UpdateUserPayload'),
      description: 'Changes a user. Your own name, phone, locale and time zone need no permission.',
      args: { input: t.arg({ type: UpdateUserInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ user: await updateUser(ctx, { id: input.id.id, version: input.version, ...profile(input) }) }),
    }),
    deactivateUser: t.field({
      type: DeactivateUserPayload,
      description: 'Switches a user off at once (sessions and API keys revoked) and hands their work to a successor.',
      args: { input: t.arg({ type: DeactivateUserInput, required: true }) },
      resolve: (_root, { input }, ctx) =>
        deactivateUser(ctx, { id: input.id.id, version: input.version, successorId: input.successorId?.id ?? null, reason: input.reason }, hooks),
    }),
    reactivateUser: t.field({
      type: UserPayload('ReactivateUserPayload'),
      description: 'Lets a deactivated user sign in again; what was handed over stays with the successor.',
      args: { input: t.arg({ type: UserIdInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ user: await reactivateUser(ctx, { id: input.id.id }) }),
    }),
    createTeam: t.field({
      type: TeamPayload('CreateTeamPayload'),
      args: { input: t.arg({ type: CreateTeamInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ team: await createTeam(ctx, { name: input.name, managerId: input.managerId?.id ?? null }) }),
    }),
    updateTeam: t.field({
      type: TeamPayload('UpdateTeamPayload'),
      description: 'Renames a team or sets its manager.',
      args: { input: t.arg({ type: UpdateTeamInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        team: await updateTeam(ctx, { id: input.id.id, version: input.version, name: input.name ?? undefined, managerId: idOrNull(input.managerId) }),
      }),
    }),
    addTeamMember: t.field({
      type: MembershipPayload('AddTeamMemberPayload'),
      description: 'Puts a user in a team (moving them from their current one).',
      args: { input: t.arg({ type: MembershipInput('AddTeamMemberInput'), required: true }) },
      resolve: (_root, { input }, ctx) => addTeamMember(ctx, { teamId: input.teamId.id, userId: input.userId.id }),
    }),
    removeTeamMember: t.field({
      type: MembershipPayload('RemoveTeamMemberPayload'),
      args: { input: t.arg({ type: MembershipInput('RemoveTeamMemberInput'), required: true }) },
      resolve: (_root, { input }, ctx) => removeTeamMember(ctx, { teamId: input.teamId.id, userId: input.userId.id }),
    }),
    acceptInvitation: t.field({
      type: PasswordSetPayload('AcceptInvitationPayload'),
      skipTypeScopes: true,
      description: "Sets the first password with the invitation link's token; then sign in.",
      args: { input: t.arg({ type: AcceptInvitationInput, required: true }) },
      resolve: (_root, { input }, ctx) => setPasswordWithToken(ctx, 'INVITATION', input),
    }),
    requestPasswordReset: t.field({
      type: RequestPasswordResetPayload,
      skipTypeScopes: true,
      description: 'Sends a one-time reset link to the e-mail if it has an active account; answers the same either way.',
      args: { input: t.arg({ type: RequestPasswordResetInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        await requestPasswordReset(ctx, input);
        return { accepted: true };
      },
    }),
    resetPassword: t.field({
      type: PasswordSetPayload('ResetPasswordPayload'),
      skipTypeScopes: true,
      description: "Sets a new password with the reset link's token; every session of the account ends.",
      args: { input: t.arg({ type: ResetPasswordInput, required: true }) },
      resolve: (_root, { input }, ctx) => setPasswordWithToken(ctx, 'PASSWORD_RESET', input),
    }),
  }));
}
