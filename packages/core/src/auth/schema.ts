import { ShareAccess } from '../../generated/prisma/client.js';
import type { RapportBuilder } from '../schema/builder.js';
import type { CustomerRefs } from '../customers/schema.js';
import type { UserRefs } from '../users/schema.js';
import { createApiKey, revokeApiKey } from './api-keys.js';
import { authSettings } from './authenticate.js';
import type { Permission } from './permissions.js';
import { registerRoleSchema } from './roles-schema.js';
import { changePassword, login, logout, refreshSession, type SignIn } from './sessions.js';
import { shareCustomer, unshareCustomer } from './sharing.js';
import { can } from './viewer.js';
import { NOTHING } from './visibility.js';
import { payloadPerMutation, withUserErrors } from '../schema/user-errors.js';

/** customer.viewFinancials → CUSTOMER_VIEW_FINANCIALS */
function enumName(permission: Permission): string {
  return permission.replace(/([a-z])([A-Z])/g, '$1_$2').replace('.', '_').toUpperCase();
}

export function registerAuthSchema(
  builder: RapportBuilder,
  { User, UserRole }: UserRefs,
  { Customer }: CustomerRefs,
  permissions: ReadonlyMap<Permission, string>,
) {
  const PermissionRef = builder.enumType('Permission', {
    description: 'What a role (or an API key) may do; see docs/security.md. Row rules apply on top.',
    values: Object.fromEntries([...permissions].map(([p, description]) => [enumName(p), { value: p, description }])) as Record<
      string,
      { value: Permission }
    >,
  });
  const ShareAccessRef = builder.enumType(ShareAccess, { name: 'ShareAccess' });

  registerSignIn(builder, User);
  registerRoleSchema(builder, { Permission: PermissionRef, UserRole });

  builder.prismaObject('CustomerShare', {
    description: 'A colleague a customer is shared with.',
    fields: (t) => ({
      user: t.relation('user'),
      access: t.expose('access', { type: ShareAccessRef }),
      grantedBy: t.relation('grantedBy', { nullable: true }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });
  builder.prismaObjectField(Customer, 'shares', (t) =>
    t.relation('shares', { description: 'Colleagues this customer is shared with.', query: { orderBy: { createdAt: 'asc' } } }),
  );

  const ApiKey = builder.prismaNode('ApiKey', {
    id: { field: 'id' },
    description: 'A credential for an integration: it acts as its creator, narrowed to its scopes.',
    findUnique: (id, ctx) => ({ id, AND: [can(ctx.viewer, 'apiKey.manage') ? {} : NOTHING] }),
    fields: (t) => ({
      name: t.exposeString('name'),
      prefix: t.exposeString('prefix', { description: 'The public start of the key (rk_<prefix>_…), to tell keys apart.' }),
      scopes: t.field({ type: [PermissionRef], resolve: (key) => key.scopes as Permission[] }),
      user: t.relation('user', { description: 'Whom the key acts as.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    }),
  });

  builder.queryFields((t) => ({
    viewerPermissions: t.field({
      type: [PermissionRef],
      description: 'What the viewer may do, to show or hide actions.',
      resolve: (_root, _args, ctx) => [...(ctx.viewer?.permissions ?? [])],
    }),
    apiKeys: t.prismaConnection(
      {
        type: 'ApiKey',
        cursor: 'id',
        authScopes: { permission: 'apiKey.manage' },
        resolve: (query, _root, _args, ctx) => ctx.prisma.apiKey.findMany({ ...query, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
        totalCount: (_connection, _args, ctx) => ctx.prisma.apiKey.count(),
      },
      { name: 'ApiKeyConnection' },
      { name: 'ApiKeyEdge' },
    ),
  }));

  const ShareInput = builder.inputType('ShareCustomerInput', {
    fields: (t) => ({
      customerId: t.globalID({ required: true, for: Customer }),
      userId: t.globalID({ required: true, for: User }),
      access: t.field({ type: ShareAccessRef, defaultValue: 'READ', description: 'EDIT also lets them change it.' }),
    }),
  });
  const UnshareInput = builder.inputType('UnshareCustomerInput', {
    fields: (t) => ({
      customerId: t.globalID({ required: true, for: Customer }),
      userId: t.globalID({ required: true, for: User }),
    }),
  });
  const CustomerPayload = payloadPerMutation(builder, (name: string) =>
    builder.objectRef<{ customerId: string }>(name).implement({
    fields: (t) => ({
      customer: t.prismaField({ nullable: true,
        type: 'Customer',
        resolve: (query, p, _args, ctx) => ctx.prisma.customer.findUniqueOrThrow({ ...query, where: { id: p.customerId } }),
      }),
    }),
  }),
  );
  const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
    fields: (t) => ({
      name: t.string({ required: true }),
      scopes: t.field({ type: [PermissionRef], required: true, description: 'At most the permissions you hold.' }),
    }),
  });
  const CreateApiKeyPayload = builder.objectRef<{ apiKey: { id: string }; key: string }>('CreateApiKeyPayload').implement({
    fields: (t) => ({
      apiKey: t.field({ nullable: true, type: ApiKey, resolve: (p) => p.apiKey as never }),
      key: t.exposeString('key', { nullable: true, description: 'The key itself (send it as `Authorization: ApiKey <key>`). Shown only now.' }),
    }),
  });
  withUserErrors(builder, CreateApiKeyPayload);
  const RevokeApiKeyInput = builder.inputType('RevokeApiKeyInput', { fields: (t) => ({ id: t.globalID({ required: true, for: ApiKey }) }) });
  const ApiKeyPayload = builder.objectRef<{ apiKey: { id: string } }>('RevokeApiKeyPayload').implement({
    fields: (t) => ({ apiKey: t.field({ nullable: true, type: ApiKey, resolve: (p) => p.apiKey as never }) }),
  });
  withUserErrors(builder, ApiKeyPayload);

  builder.mutationFields((t) => ({
    shareCustomer: t.field({
      type: CustomerPayload('ShareCustomerPayload'),
      description: "Shares a customer with a colleague (the owner, the owner's manager or an admin may).",
      args: { input: t.arg({ type: ShareInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        await shareCustomer(ctx, { customerId: input.customerId.id, userId: input.userId.id, access: input.access ?? 'READ' });
        return { customerId: input.customerId.id };
      },
    }),
    unshareCustomer: t.field({
      type: CustomerPayload('UnshareCustomerPayload'),
      args: { input: t.arg({ type: UnshareInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({
        customerId: await unshareCustomer(ctx, { customerId: input.customerId.id, userId: input.userId.id }),
      }),
    }),
    createApiKey: t.field({
      type: CreateApiKeyPayload,
      args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
      resolve: (_root, { input }, ctx) => createApiKey(ctx, input),
    }),
    revokeApiKey: t.field({
      type: ApiKeyPayload,
      args: { input: t.arg({ type: RevokeApiKeyInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ apiKey: await revokeApiKey(ctx, { id: input.id.id }) }),
    }),
  }));

  return { Permission: PermissionRef, ShareAccess: ShareAccessRef, ApiKey };
}

function registerSignIn(builder: RapportBuilder, User: UserRefs['User']) {
  // login and refreshToken each have their own payload (docs/graph-conventions.md), with the same fields.
  const signInPayload = (name: string, description: string) => {
    const ref = builder.objectRef<SignIn>(name).implement({
      description,
      fields: (t) => ({
        accessToken: t.exposeString('accessToken', { nullable: true, description: 'Send as `Authorization: Bearer <token>`; short-lived.' }),
        accessTokenExpiresAt: t.expose('accessTokenExpiresAt', { type: 'DateTime', nullable: true, description: 'When the access token stops working.' }),
        refreshToken: t.exposeString('refreshToken', { nullable: true, description: 'Trade it for a new pair with refreshToken; it works once.' }),
        user: t.field({ type: User, nullable: true, description: 'Who signed in.', resolve: (p, _args, ctx) => ctx.prisma.user.findUniqueOrThrow({ where: { id: p.userId } }) }),
      }),
    });
    withUserErrors(builder, ref);
    return ref;
  };
  const LoginPayload = signInPayload('LoginPayload', 'A new session: its access and refresh tokens.');
  const RefreshTokenPayload = signInPayload('RefreshTokenPayload', 'The session’s next access and refresh tokens.');
  const sessionsPayload = (name: string, description: string) => {
    const ref = builder.objectRef<{ revokedSessions: number }>(name).implement({
      description,
      fields: (t) => ({ revokedSessions: t.exposeInt('revokedSessions', { nullable: true, description: 'How many sessions ended.' }) }),
    });
    withUserErrors(builder, ref);
    return ref;
  };
  const LogoutPayload = sessionsPayload('LogoutPayload', 'The sessions signed out.');
  const ChangePasswordPayload = sessionsPayload('ChangePasswordPayload', 'The password changed; your other sessions ended.');
  const LoginInput = builder.inputType('LoginInput', {
    fields: (t) => ({ email: t.string({ required: true }), password: t.string({ required: true }) }),
  });
  const RefreshTokenInput = builder.inputType('RefreshTokenInput', { fields: (t) => ({ refreshToken: t.string({ required: true }) }) });
  const LogoutInput = builder.inputType('LogoutInput', {
    fields: (t) => ({ allSessions: t.boolean({ defaultValue: false, description: 'End every session of yours, not only this one.' }) }),
  });
  const ChangePasswordInput = builder.inputType('ChangePasswordInput', {
    fields: (t) => ({ currentPassword: t.string({ required: true }), newPassword: t.string({ required: true }) }),
  });

  builder.mutationFields((t) => ({
    login: t.field({
      type: LoginPayload,
      skipTypeScopes: true,
      description: 'Signs in: a short-lived access token and a refresh token. A wrong e-mail or password is UNAUTHENTICATED in `errors` (not a user error): it names no field, so as not to tell which was wrong.',
      args: { input: t.arg({ type: LoginInput, required: true }) },
      resolve: (_root, { input }, ctx) => login(ctx, authSettings(ctx.config), input),
    }),
    refreshToken: t.field({
      type: RefreshTokenPayload,
      skipTypeScopes: true,
      description: 'A new access and refresh token for a refresh token; reusing one ends its session.',
      args: { input: t.arg({ type: RefreshTokenInput, required: true }) },
      resolve: (_root, { input }, ctx) => refreshSession(ctx, authSettings(ctx.config), input),
    }),
    logout: t.field({
      type: LogoutPayload,
      args: { input: t.arg({ type: LogoutInput }) },
      resolve: async (_root, { input }, ctx) => ({ revokedSessions: await logout(ctx, { allSessions: input?.allSessions }) }),
    }),
    changePassword: t.field({
      type: ChangePasswordPayload,
      description: 'Sets a new password; your other sessions end.',
      args: { input: t.arg({ type: ChangePasswordInput, required: true }) },
      resolve: async (_root, { input }, ctx) => ({ revokedSessions: await changePassword(ctx, input) }),
    }),
  }));
}
