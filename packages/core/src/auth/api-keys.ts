import { z } from 'zod';
import { recordAudit } from '../audit/service.js';
import { errorMessages } from '../error-messages.js';
import { fieldError, InputError, notFound, RapportError } from '../errors.js';
import type { ServiceContext } from '../service-context.js';
import { isUuid } from '../shared/ids.js';
import { parseInput, rules } from '../validation.js';
import type { Permission } from './permissions.js';
import { newApiKey, sha256 } from './tokens.js';
import { requirePermission } from './viewer.js';

const createApiKeyInput = z.object({
  name: rules.requiredText(100),
  scopes: z
    // The graph's Permission enum admits only the deployment's permissions; beyond the viewer's is refused below.
    .array(z.string().transform((name) => name as Permission))
    .min(1, 'apiKey.atLeastOneScope')
    .transform((scopes) => [...new Set(scopes)]),
});

/** Public columns: the secret's hash never leaves the database. */
const PUBLIC = { id: true, name: true, prefix: true, scopes: true, userId: true, revokedAt: true, createdAt: true } as const;

/**
 * Creates a key that acts as the viewer, narrowed to `scopes` (never more than the viewer holds).
 * The full key is returned once; only its hash is stored.
 */
export async function createApiKey(ctx: ServiceContext, input: z.input<typeof createApiKeyInput>) {
  requirePermission(ctx.viewer, 'apiKey.manage');
  if (ctx.viewer?.kind !== 'staff') throw RapportError.of('FORBIDDEN', 'apiKey.staffOnly');
  const { name, scopes } = parseInput(createApiKeyInput, input);
  const beyond = scopes.filter((scope) => !ctx.viewer!.permissions.has(scope));
  if (beyond.length) throw RapportError.of('FORBIDDEN', 'apiKey.beyondPermissions', { permissions: beyond.join(', ') }, { fields: [{ field: 'scopes', message: errorMessages('apiKey.scopesExceed').en }] });
  const { key, prefix, secret } = newApiKey();
  const userId = ctx.viewer.id;
  return ctx.prisma.$transaction(async (tx) => {
    const apiKey = await tx.apiKey.create({ data: { name, prefix, secretHash: sha256(secret), scopes, userId, createdAt: ctx.clock.now() }, select: PUBLIC });
    await recordAudit(tx, ctx, { action: 'apiKey.create', entity: { type: 'ApiKey', id: apiKey.id }, after: apiKey });
    return { apiKey, key };
  });
}

export async function revokeApiKey(ctx: ServiceContext, input: { id: string }) {
  requirePermission(ctx.viewer, 'apiKey.manage');
  const before = isUuid(input.id) ? await ctx.prisma.apiKey.findUnique({ where: { id: input.id }, select: PUBLIC }) : null;
  if (!before) throw notFound('ApiKey');
  if (before.revokedAt) throw new InputError([fieldError('id', 'apiKey.alreadyRevoked')]);
  return ctx.prisma.$transaction(async (tx) => {
    const apiKey = await tx.apiKey.update({ where: { id: before.id }, data: { revokedAt: ctx.clock.now() }, select: PUBLIC });
    await recordAudit(tx, ctx, { action: 'apiKey.revoke', entity: { type: 'ApiKey', id: apiKey.id }, before, after: apiKey });
    return apiKey;
  });
}
