// Readable customer codes. Today's customers keep the code derived from their number (CUS-000123);
// new ones get the deployment's pattern, e.g. 004's JRN01001 = company JR, N domestic (W foreign),
// owner code 01, sequence 001: `JR{region}{owner:2}{seq:3}`.
import { pinyin } from 'pinyin-pro';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';

/** The readable customer code shown to people, e.g. CUS-000123, derived from the customer's number. */
export function customerCode(prefix: string, number: number): string {
  return `${prefix}${String(number).padStart(6, '0')}`;
}

/** The number behind a code typed by a person (prefix optional, case-insensitive), or null. */
export function parseCustomerCode(prefix: string, text: string): number | null {
  const trimmed = text.trim().toUpperCase();
  const digits = trimmed.startsWith(prefix.toUpperCase()) ? trimmed.slice(prefix.length) : trimmed;
  if (!/^\d{1,9}$/.test(digits)) return null;
  return Number(digits);
}

/** Today's code and the default pattern: the prefix and the number in six digits. */
export const DEFAULT_CUSTOMER_CODE_PATTERN = '{prefix}{number:6}';

const TOKEN = /\{(prefix|region|province|owner|number|seq)(?::(\d{1,2}))?\}/g;

/** What is wrong with a code pattern, or null: literal text (A–Z, 0–9, -, _) and the tokens in docs/customer-rules.md. */
export function codePatternProblem(pattern: string): string | null {
  const literal = pattern.replace(TOKEN, '');
  if (/\{|\}/.test(literal)) return 'unknown token (one of {prefix} {region} {province} {owner:N} {number:N} {seq:N})';
  if (!/^[A-Za-z0-9_-]*$/.test(literal)) return `literal text may hold only A-Z, 0-9, - and _ (found "${literal}")`;
  const tokens = [...pattern.matchAll(TOKEN)].map((m) => m[1]);
  if (!tokens.includes('number') && !tokens.includes('seq')) return 'needs {number:N} or {seq:N}, which make codes unique';
  if (tokens.filter((t) => t === 'seq').length > 1) return 'takes {seq:N} once';
  return null;
}

export interface CodeFacts {
  /** RAPPORT_CUSTOMER_CODE_PREFIX. */
  prefix: string;
  number: number;
  /** Domestic (China, or no country given) or foreign: 004's N and W. */
  domestic: boolean;
  province: string | null;
  /** The owner's code (User.code); null for a pool customer or an owner without one. */
  ownerCode: string | null;
}

export interface CodeLetters {
  domestic: string;
  foreign: string;
}

/**
 * The pattern rendered for one customer: `before` + sequence + `after` when it has `{seq:N}` (the
 * sequence runs per `before + after`, so each owner and region counts on its own), else `code`.
 */
export function renderCodePattern(pattern: string, facts: CodeFacts, letters: CodeLetters = { domestic: 'N', foreign: 'W' }): { code: string } | { key: string; before: string; after: string; width: number } {
  let width = 0;
  const rendered = pattern.replace(TOKEN, (_m, token: string, n?: string) => {
    const size = n ? Number(n) : 0;
    switch (token) {
      case 'prefix':
        return facts.prefix;
      case 'region':
        return facts.domestic ? letters.domestic : letters.foreign;
      case 'province':
        return provinceLetter(facts.province);
      case 'owner':
        return (facts.ownerCode ?? '').toUpperCase().padStart(size || 2, '0');
      case 'number':
        return String(facts.number).padStart(size, '0');
      default:
        width = size || 3;
        return '\u0000';
    }
  });
  if (!rendered.includes('\u0000')) return { code: rendered };
  const [before, after] = rendered.split('\u0000') as [string, string];
  return { key: `${before}{seq}${after}`, before, after, width };
}

/** The first letter of the province's pinyin (浙江省 → Z), X when unknown. */
export function provinceLetter(province: string | null): string {
  const name = province?.trim();
  if (!name) return 'X';
  if (/^[A-Za-z]/.test(name)) return name[0]!.toUpperCase();
  const first = pinyin(name[0]!, { toneType: 'none', pattern: 'first' });
  return /^[a-z]$/i.test(first) ? first.toUpperCase() : 'X';
}

const CHINA = new Set(['中国', 'china', 'cn', 'chn', 'prc', '中华人民共和国']);

/** Domestic: no country, China by any common spelling, or a region that resolved to a division. */
export function isDomestic(country: string | null, regionCode: string | null): boolean {
  return regionCode !== null || !country?.trim() || CHINA.has(country.trim().toLowerCase());
}

export interface CustomerCodeSettings {
  prefix: string;
  pattern: string;
  letters?: CodeLetters;
}

type Db = Prisma.TransactionClient | PrismaClient;

/** The deployment's code settings from a service context; today's codes when absent (seeds, scripts). */
export function codeSettingsOf(ctx: ServiceContext): CustomerCodeSettings {
  return {
    prefix: ctx.config?.customerCodePrefix ?? 'CUS-',
    pattern: ctx.config?.customerCodePattern ?? DEFAULT_CUSTOMER_CODE_PATTERN,
    ...(ctx.config?.customerCodeLetters ? { letters: ctx.config.customerCodeLetters } : {}),
  };
}

/**
 * Gives every listed customer without a code one from the pattern, inside the creating transaction.
 * The sequence comes from an upsert of the prefix's counter row, which PostgreSQL locks until commit,
 * so concurrent creations never take the same number; a code someone already holds (an imported
 * one, a legacy one) is skipped.
 */
export async function assignCustomerCodes(tx: Db, settings: CustomerCodeSettings, customerIds: readonly string[]): Promise<void> {
  if (!customerIds.length) return;
  const rows = await tx.customer.findMany({
    where: { id: { in: [...customerIds] }, code: null },
    select: { id: true, number: true, country: true, province: true, regionCode: true, owner: { select: { code: true } } },
    orderBy: { number: 'asc' },
  });
  const codes: Array<{ id: string; code: string }> = [];
  for (const row of rows) {
    const rendered = renderCodePattern(
      settings.pattern,
      { prefix: settings.prefix, number: row.number, domestic: isDomestic(row.country, row.regionCode), province: row.province, ownerCode: row.owner?.code ?? null },
      settings.letters,
    );
    let code: string;
    if ('code' in rendered) code = rendered.code;
    else {
      for (;;) {
        const [{ last }] = await tx.$queryRaw<[{ last: number }]>`
          INSERT INTO "CustomerCodeSequence" ("prefix", "last") VALUES (${rendered.key}, 1)
          ON CONFLICT ("prefix") DO UPDATE SET "last" = "CustomerCodeSequence"."last" + 1
          RETURNING "last"`;
        code = `${rendered.before}${String(last).padStart(rendered.width, '0')}${rendered.after}`;
        if (!(await tx.customer.findUnique({ where: { code }, select: { id: true } }))) break;
      }
    }
    codes.push({ id: row.id, code });
  }
  if (!codes.length) return;
  // One statement for the lot (an import's batch is hundreds of customers); updatedAt as Prisma's @updatedAt sets it.
  await tx.$executeRaw`
    UPDATE "Customer" AS c SET "code" = v."code", "updatedAt" = ${new Date()}
    FROM jsonb_to_recordset(${JSON.stringify(codes)}::jsonb) AS v("id" uuid, "code" text)
    WHERE c."id" = v."id"`;
}

/** Stores the code derived from the number on customers written before codes were stored (start-up). */
export async function fillLegacyCustomerCodes(prisma: PrismaClient, prefix: string): Promise<number> {
  return prisma.$executeRaw`UPDATE "Customer" SET "code" = ${prefix} || CASE WHEN "number" >= 1000000 THEN "number"::text ELSE lpad("number"::text, 6, '0') END WHERE "code" IS NULL`;
}
