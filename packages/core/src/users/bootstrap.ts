// The first admin of a real deployment: `npm run admin:create`, or RAPPORT_BOOTSTRAP_ADMIN_* at start-up.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { recordAudit, type Actor } from '../audit/service.js';
import { hashPassword } from '../auth/passwords.js';
import type { Clock } from '../clock.js';
import type { PrismaClient } from '../db/client.js';
import { parseInput, rules } from '../validation.js';
import { newPasswordRule } from './accounts.js';

const adminInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('must be a valid e-mail address')),
  name: rules.requiredText(200),
  password: newPasswordRule,
});

/** A password to print once: 24 URL-safe characters (144 random bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

export type AdminCreation = { created: true; userId: string } | { created: false; reason: string };

/**
 * Creates an active ADMIN with this password. `onlyIfNoAdmin` (the bootstrap variables) makes it do
 * nothing once any admin exists; an e-mail already in use is refused either way, never promoted.
 */
export async function createAdmin(
  prisma: PrismaClient,
  input: z.input<typeof adminInput>,
  options: { clock: Clock; by: string; onlyIfNoAdmin?: boolean },
): Promise<AdminCreation> {
  const { email, name, password } = parseInput(adminInput, input);
  const passwordHash = await hashPassword(password);
  const actor: Actor = { kind: 'system', id: '', label: options.by };
  return prisma.$transaction(async (tx) => {
    // Instances starting together each try: the lock makes the check-then-create one at a time.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7268201)`;
    if (options.onlyIfNoAdmin && (await tx.user.count({ where: { role: 'ADMIN' } })) > 0) {
      return { created: false, reason: 'an admin exists already' };
    }
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      return { created: false, reason: `a user with the e-mail ${email} exists already` };
    }
    const user = await tx.user.create({ data: { email, name, role: 'ADMIN', passwordHash } });
    await recordAudit(tx, { viewer: null, clock: options.clock }, { action: 'user.create', entity: { type: 'User', id: user.id }, after: user }, actor);
    return { created: true, userId: user.id };
  });
}

/** RAPPORT_BOOTSTRAP_ADMIN_EMAIL / _PASSWORD: honoured only while the database has no admin. */
export async function bootstrapAdmin(
  prisma: PrismaClient,
  admin: { email: string; password: string; name: string } | undefined,
  clock: Clock,
  log: (line: string) => void,
): Promise<void> {
  if (!admin) return;
  const result = await createAdmin(prisma, admin, { clock, by: 'RAPPORT_BOOTSTRAP_ADMIN_EMAIL', onlyIfNoAdmin: true });
  log(result.created ? `Created the first admin ${admin.email} (RAPPORT_BOOTSTRAP_ADMIN_EMAIL)` : `RAPPORT_BOOTSTRAP_ADMIN_EMAIL ignored: ${result.reason}`);
}
