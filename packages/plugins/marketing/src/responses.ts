import { z } from 'zod';
import {
  actingUserId,
  alertMessage,
  emitAlerts,
  InputError,
  isUuid,
  LANGUAGES,
  parseInput,
  Prisma,
  recordAudit,
  rules,
  type AlertInput,
  type ErrorParams,
  type FieldError,
  type Messages,
  type ServiceContext,
} from '@rapport/core';
import { CAMPAIGN_MEMBER_RESPONDED, MARKETING_ALERT_MESSAGES } from './alerts.js';
import { campaignToChange, type Campaign } from './campaigns.js';
import { parseCsv } from './csv.js';
import { membersVisibleTo, recordOptOuts } from './members.js';
import { milestonesAfter, type Milestones } from './statuses.js';
import { marketing, type MarketingMessageKey } from './messages.js';

/** Records a row's problem at `field` and gives nothing in place of the value. */
type Fail = (field: string, key: MarketingMessageKey, params?: ErrorParams) => null;

type MemberStatus = Prisma.CampaignMemberStatusModel;

/** One response as given: the member by contact id (or global id) or by contact e-mail. */
export interface ResponseRow {
  contactId?: unknown;
  email?: unknown;
  status?: unknown;
  respondedAt?: unknown;
  revenue?: unknown;
  note?: unknown;
}

export interface RowError {
  /** 1-based position among the data rows (a CSV header is not a row). */
  row: number;
  /** The CSV line the row starts on; null for JSON. */
  line: number | null;
  field: string;
  /** The English text; `messages` holds it in every language (the reader's is served). */
  message: string;
  messages?: Messages | null;
}

export interface ImportResult {
  /** False when invalid rows stopped the import: then nothing was written. */
  applied: boolean;
  imported: number;
  skipped: number;
  errors: RowError[];
}

const COLUMNS = ['contactId', 'email', 'status', 'respondedAt', 'revenue', 'note'] as const;

interface Member {
  id: string;
  contactId: string;
  statusId: string;
  version: number;
  sentAt: Date | null;
  respondedAt: Date | null;
  convertedAt: Date | null;
  optedOutAt: Date | null;
  contact: { email: string | null; name: string; customer: { ownerId: string | null; name: string } };
}

interface ValidRow {
  member: Member;
  status: MemberStatus;
  respondedAt: Date;
  revenue: string | null;
  note: string | null;
}

/** A contact's database id from a raw id or a global id (base64 of `Contact:<id>`). */
function contactIdOf(value: string): string | null {
  if (isUuid(value)) return value;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const [type, id] = decoded.split(':');
  return type === 'Contact' && id && isUuid(id) ? id : null;
}

const text = (value: unknown) => (value === undefined || value === null ? '' : typeof value === 'string' ? value.trim() : String(value));

/** What the rows need from the database, in two queries whatever their number. */
async function lookups(ctx: ServiceContext, campaign: Campaign, rows: ResponseRow[]) {
  const contactIds = rows.flatMap((r) => (text(r.contactId) ? [contactIdOf(text(r.contactId))] : [])).filter((id): id is string => id !== null);
  const emails = rows.map((r) => text(r.email).toLowerCase()).filter(Boolean);
  const [statuses, members] = await Promise.all([
    ctx.prisma.campaignMemberStatus.findMany({ where: { campaignId: campaign.id }, orderBy: { position: 'asc' } }),
    ctx.prisma.campaignMember.findMany({
      where: {
        AND: [
          { campaignId: campaign.id },
          { OR: [{ contactId: { in: contactIds } }, { contact: { email: { in: emails } } }] },
          membersVisibleTo(ctx.viewer),
        ],
      },
      include: { contact: { select: { email: true, name: true, customer: { select: { ownerId: true, name: true } } } } },
    }),
  ]);
  const byEmail = new Map<string, Member[]>();
  for (const m of members) if (m.contact.email) byEmail.set(m.contact.email, [...(byEmail.get(m.contact.email) ?? []), m]);
  return {
    statuses: new Map(statuses.map((s) => [s.name, s])),
    byContact: new Map(members.map((m) => [m.contactId, m as Member])),
    byEmail,
  };
}

type Lookups = Awaited<ReturnType<typeof lookups>>;

/** Validates one row; every problem is reported with the field it is about. */
function validateRow(row: ResponseRow, campaign: Campaign, found: Lookups, now: Date): { value: ValidRow | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail: Fail = (field, key, params) => {
    errors.push(marketing.field(field, key, params));
    return null;
  };
  const member = memberOf(row, found, fail);
  const statusName = text(row.status).toUpperCase();
  const status = !statusName
    ? fail('status', 'marketing.response.required')
    : (found.statuses.get(statusName) ?? fail('status', 'marketing.response.unknownStatus', { statuses: [...found.statuses.keys()].join(', ') }));
  const respondedAt = dateOf(row.respondedAt, campaign, now, fail);
  const revenueText = text(row.revenue);
  let revenue: string | null = null;
  if (revenueText) {
    if (!rules.money.safeParse(revenueText).success) fail('revenue', 'marketing.response.revenueFormat');
    else if (status && !status.countsAsConversion) fail('revenue', 'marketing.response.revenueOnConversion', { status: status.name });
    else revenue = revenueText;
  }
  const note = text(row.note);
  if (note.length > 2000) fail('note', 'marketing.response.noteTooLong', { max: '2000' });
  if (errors.length || !member || !status || !respondedAt) return { value: null, errors };
  return { value: { member, status, respondedAt, revenue, note: note || null }, errors };
}

function memberOf(row: ResponseRow, found: Lookups, fail: Fail): Member | null {
  const rawContact = text(row.contactId);
  const email = text(row.email).toLowerCase();
  if (rawContact) {
    const contactId = contactIdOf(rawContact);
    if (!contactId) return fail('contactId', 'marketing.response.notContactId');
    return found.byContact.get(contactId) ?? fail('contactId', 'marketing.response.notMember');
  }
  if (!email) return fail('contactId', 'marketing.response.contactOrEmail');
  const matches = found.byEmail.get(email) ?? [];
  if (matches.length === 0) return fail('email', 'marketing.response.noMemberWithEmail');
  if (matches.length > 1) return fail('email', 'marketing.response.sharedEmail', { count: matches.length });
  return matches[0]!;
}

function dateOf(value: unknown, campaign: Campaign, now: Date, fail: Fail): Date | null {
  const raw = text(value);
  if (!raw) return now;
  const date = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw) ? new Date(raw) : null;
  if (!date || Number.isNaN(date.getTime())) return fail('respondedAt', 'marketing.response.dateFormat');
  if (date > now) return fail('respondedAt', 'marketing.response.notInFuture');
  if (date < campaign.startsAt) return fail('respondedAt', 'marketing.response.beforeStart');
  return date;
}

function rejectIfNotStarted(campaign: Campaign): void {
  if (campaign.status === 'PLANNED') marketing.refuse('campaignId', 'marketing.campaign.notStarted');
}

/**
 * Writes valid responses: the response rows, each member's new status and milestones (folded in
 * the order given), opt-outs that hold for every campaign, and an alert to the owner of each
 * responding contact's customer. Call inside the caller's transaction.
 */
async function applyResponses(tx: Prisma.TransactionClient, ctx: ServiceContext, campaign: Campaign, rows: ValidRow[]) {
  const now = ctx.clock.now();
  const recordedById = actingUserId(ctx.viewer);
  const responses = await tx.campaignResponse.createManyAndReturn({
    data: rows.map((r) => ({
      campaignId: campaign.id,
      memberId: r.member.id,
      statusId: r.status.id,
      respondedAt: r.respondedAt,
      revenue: r.revenue,
      note: r.note,
      recordedById,
      createdAt: now,
    })),
  });
  const after = new Map<string, { member: Member; statusId: string; milestones: Milestones }>();
  for (const r of rows) {
    const current = after.get(r.member.id) ?? { member: r.member, statusId: r.member.statusId, milestones: r.member };
    after.set(r.member.id, { member: r.member, statusId: r.status.id, milestones: milestonesAfter(current.milestones, r.status, r.respondedAt) });
  }
  await updateMembers(tx, [...after.values()]);
  const optOuts = rows.filter((r) => r.status.countsAsOptOut);
  await recordOptOuts(tx, optOuts.map((r) => ({ contactId: r.member.contactId, campaignId: campaign.id, reason: r.note })), ctx, now);
  await emitAlerts(tx, responseAlerts(ctx, campaign, rows, responses), now);
  return responses;
}

const UPDATE_BATCH = 500;

/** One UPDATE per batch of members rather than one per member: an import of thousands stays quick. */
async function updateMembers(tx: Prisma.TransactionClient, updates: Array<{ member: Member; statusId: string; milestones: Milestones }>) {
  const at = (date: Date | null) => Prisma.sql`${date}::timestamp(3)`;
  for (let i = 0; i < updates.length; i += UPDATE_BATCH) {
    const values = updates
      .slice(i, i + UPDATE_BATCH)
      .map(({ member, statusId, milestones: m }) =>
        Prisma.sql`(${member.id}::uuid, ${statusId}::uuid, ${at(m.sentAt)}, ${at(m.respondedAt)}, ${at(m.convertedAt)}, ${at(m.optedOutAt)})`,
      );
    await tx.$executeRaw`
      UPDATE "CampaignMember" AS m
      SET "statusId" = v.status_id, "sentAt" = v.sent_at, "respondedAt" = v.responded_at,
          "convertedAt" = v.converted_at, "optedOutAt" = v.opted_out_at, version = m.version + 1
      FROM (VALUES ${Prisma.join(values)}) AS v(id, status_id, sent_at, responded_at, converted_at, opted_out_at)
      WHERE m.id = v.id`;
  }
}

function responseAlerts(ctx: ServiceContext, campaign: Campaign, rows: ValidRow[], responses: Array<{ id: string }>): AlertInput[] {
  const actor = actingUserId(ctx.viewer);
  return rows.flatMap((r, i) => {
    const ownerId = r.member.contact.customer.ownerId;
    // Public-pool customers have nobody to tell; nobody needs an alert about what they recorded themselves.
    if (!r.status.countsAsResponse || !ownerId || ownerId === actor) return [];
    const response = responses[i]!;
    return [
      {
        recipientId: ownerId,
        ...alertMessage(MARKETING_ALERT_MESSAGES, CAMPAIGN_MEMBER_RESPONDED, {
          contact: r.member.contact.name,
          customer: r.member.contact.customer.name,
          campaign: campaign.name,
          status: r.status.name,
          note: r.note,
        }),
        entity: { type: 'CampaignResponse', id: response.id },
        dedupeKey: `campaign-response:${response.id}`,
      },
    ];
  });
}

const recordInput = z.object({
  campaignId: z.string(),
  contactId: z.string(),
  status: z.string(),
  respondedAt: z.date().nullish(),
  revenue: z.string().nullish(),
  note: z.string().nullish(),
});
export type RecordCampaignResponseInput = z.input<typeof recordInput>;

/** Records one member's response (their new status) with the same rules as an imported row. */
export async function recordCampaignResponse(ctx: ServiceContext, input: RecordCampaignResponseInput) {
  const { campaignId, respondedAt, ...row } = parseInput(recordInput, input);
  const campaign = await campaignToChange(ctx, campaignId);
  rejectIfNotStarted(campaign);
  const rowInput: ResponseRow = { ...row, respondedAt: respondedAt?.toISOString() };
  const { value, errors } = validateRow(rowInput, campaign, await lookups(ctx, campaign, [rowInput]), ctx.clock.now());
  if (!value) throw new InputError(errors);
  return ctx.prisma.$transaction(async (tx) => {
    const [response] = await applyResponses(tx, ctx, campaign, [value]);
    await recordAudit(tx, ctx, { action: 'campaign.recordResponse', entity: { type: 'CampaignResponse', id: response!.id }, after: response });
    return response!;
  });
}

const importInput = z.object({
  campaignId: z.string(),
  format: z.enum(['CSV', 'JSON']),
  data: z.string().max(10_000_000, marketing.key('marketing.maxCharacters')),
  skipInvalid: z.boolean().default(false),
});
export type ImportCampaignResponsesInput = z.input<typeof importInput>;

/** The rows of an import, or an error about the file as a whole (named `data`). */
export function rowsOf(format: 'CSV' | 'JSON', data: string, maxRows: number): Array<{ line: number | null; row: ResponseRow }> {
  const rows = format === 'CSV' ? csvRows(data) : jsonRows(data);
  if (rows.length === 0) marketing.refuse('data', 'marketing.import.noRows');
  if (rows.length > maxRows) marketing.refuse('data', 'marketing.import.tooManyRows', { rows: String(rows.length), max: String(maxRows) });
  return rows;
}

/** The CSV reader's problem (in each language) inside the import's own. */
function badCsv(reason: Messages): FieldError {
  const messages = Object.fromEntries(LANGUAGES.map((language) => [language, marketing.texts('marketing.import.badCsv', { reason: reason[language] })[language]])) as Messages;
  return { field: 'data', message: messages.en, messages };
}

function csvRows(data: string) {
  const { records, error } = parseCsv(data);
  if (error) throw new InputError([badCsv(error)]);
  const [header, ...body] = records;
  if (!header) return [];
  const columns = header.fields.map((name) => COLUMNS.find((c) => c.toLowerCase() === name.trim().toLowerCase()));
  const unknown = header.fields.filter((_, i) => !columns[i]);
  if (unknown.length) marketing.refuse('data', 'marketing.import.unknownColumns', { unknown: unknown.join(', '), columns: COLUMNS.join(', ') });
  if (!columns.includes('status')) marketing.refuse('data', 'marketing.import.statusColumn');
  return body.map(({ line, fields }) => ({
    line,
    row: Object.fromEntries(columns.map((c, i) => [c!, fields[i] ?? ''])) as ResponseRow,
  }));
}

function jsonRows(data: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch (error) {
    marketing.refuse('data', 'marketing.import.badJson', { reason: (error as Error).message });
  }
  if (!Array.isArray(parsed) || parsed.some((r) => typeof r !== 'object' || r === null || Array.isArray(r))) {
    marketing.refuse('data', 'marketing.import.jsonShape', { columns: COLUMNS.join(', ') });
  }
  return (parsed as ResponseRow[]).map((row) => ({ line: null, row }));
}

/**
 * Imports responses, validating every row first. With an invalid row nothing is written unless
 * `skipInvalid` is set; then the valid rows are written and the invalid ones reported. Either way
 * the writes are one transaction: all of them or none.
 */
export async function importCampaignResponses(ctx: ServiceContext, maxRows: number, input: ImportCampaignResponsesInput): Promise<ImportResult> {
  const { campaignId, format, data, skipInvalid } = parseInput(importInput, input);
  const campaign = await campaignToChange(ctx, campaignId);
  rejectIfNotStarted(campaign);
  const rows = rowsOf(format, data, maxRows);
  const found = await lookups(ctx, campaign, rows.map((r) => r.row));
  const now = ctx.clock.now();
  const valid: ValidRow[] = [];
  const errors: RowError[] = [];
  rows.forEach(({ line, row }, i) => {
    const checked = validateRow(row, campaign, found, now);
    if (checked.value) valid.push(checked.value);
    for (const e of checked.errors) errors.push({ row: i + 1, line, ...e });
  });
  const skipped = rows.length - valid.length;
  if ((errors.length && !skipInvalid) || valid.length === 0) return { applied: false, imported: 0, skipped: rows.length, errors };
  await ctx.prisma.$transaction(async (tx) => {
    await applyResponses(tx, ctx, campaign, valid);
    await recordAudit(tx, ctx, { action: 'campaign.importResponses', entity: { type: 'Campaign', id: campaign.id }, after: { format, rows: rows.length, imported: valid.length, skipped } });
  });
  return { applied: true, imported: valid.length, skipped, errors };
}
