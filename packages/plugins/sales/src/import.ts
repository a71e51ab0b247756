// Opportunities from a spreadsheet (core's import registry): the sales ledger a team arrives with. Each
// row names its customer by code or exact name among the customers the importer may change; the
// pipeline and stage by name (else the default pipeline's first open stage). Rows become OPEN
// opportunities with their creation in the stage history, as createOpportunity writes them; owners
// are not alerted one by one (the import is audited once, by core).
import {
  actingUserId,
  can,
  canViewFinancials,
  customersEditableBy,
  normalizeName,
  parseCustomerCode,
  parseDate,
  parseMoney,
  RapportError,
  type BatchOutcome,
  type Importer,
  type ImportRun,
  type MappedRow,
  type Prisma,
  type RowProblem,
  type Messages,
  type Parsed,
  type StoredRecord,
} from '@rapport/core';
import { addDays, calendarDay } from './access.js';
import type { SalesConfig } from './config.js';

type Tx = Prisma.TransactionClient;

const FIELDS = [
  { field: 'customer', label: '客户', aliases: ['客户名称', '客户编号', '公司名称', 'Customer', 'Customer code', 'Company'], required: true },
  { field: 'name', label: '商机名称', aliases: ['商机', '机会名称', 'Opportunity', 'Name'], required: true },
  { field: 'amount', label: '金额', aliases: ['商机金额', '预计金额', 'Amount'] },
  { field: 'currency', label: '币种', aliases: ['货币', 'Currency'] },
  { field: 'pipeline', label: '业务类型', aliases: ['销售流程', 'Pipeline'] },
  { field: 'stage', label: '阶段', aliases: ['销售阶段', 'Stage'] },
  { field: 'probability', label: '赢率', aliases: ['成交概率', 'Probability'] },
  { field: 'expectedCloseDate', label: '预计成交日期', aliases: ['预计成交', 'Expected close', 'Close date'] },
  { field: 'source', label: '来源', aliases: ['商机来源', 'Source'] },
  { field: 'competitor', label: '竞争对手', aliases: ['Competitor'] },
  { field: 'owner', label: '负责人', aliases: ['负责人邮箱', 'Owner', 'Owner email'] },
];

async function lookups(run: ImportRun, config: SalesConfig, rows: readonly MappedRow[]) {
  const prefix = (run.ctx.config as { customerCodePrefix?: string } | undefined)?.customerCodePrefix ?? 'CUS-';
  const texts = rows.map((r) => r.cells.customer?.value ?? '').filter(Boolean);
  const emails = rows.map((r) => r.cells.owner?.value.trim().toLowerCase() ?? '').filter(Boolean);
  const [customers, users, pipelines] = await Promise.all([
    run.tx.customer.findMany({
      where: {
        AND: [
          { OR: [{ number: { in: texts.map((t) => parseCustomerCode(prefix, t)).filter((n): n is number => n !== null) } }, { nameKey: { in: texts.map(normalizeName) } }] },
          customersEditableBy(run.ctx.viewer),
        ],
      },
      select: { id: true, number: true, nameKey: true },
    }),
    emails.length ? run.tx.user.findMany({ where: { email: { in: emails, mode: 'insensitive' }, active: true }, select: { id: true, email: true, teamId: true } }) : [],
    run.tx.salesPipeline.findMany({ where: { active: true }, include: { stages: { orderBy: { position: 'asc' } } } }),
  ]);
  const byNumber = new Map(customers.map((c) => [c.number, c.id]));
  const byKey = new Map<string, string | null>();
  for (const c of customers) byKey.set(c.nameKey, byKey.has(c.nameKey) ? null : c.id);
  return {
    customer: (text: string) => {
      const n = parseCustomerCode(prefix, text);
      return n !== null && byNumber.has(n) ? byNumber.get(n)! : byKey.get(normalizeName(text)); // null: ambiguous
    },
    user: (email: string) => users.find((u) => u.email.toLowerCase() === email.trim().toLowerCase()),
    pipeline: (name: string | undefined) => (name ? pipelines.find((p) => p.name === name.trim()) : pipelines.find((p) => p.isDefault)),
    defaultCurrency: config.defaultCurrency,
  };
}

async function importBatch(config: SalesConfig, run: ImportRun, rows: readonly MappedRow[]): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { problems: [], records: [], created: 0, merged: 0, skipped: 0, duplicates: [] };
  const find = await lookups(run, config, rows);
  const now = run.ctx.clock.now();
  const me = actingUserId(run.ctx.viewer)!;
  const myTeam = (await run.tx.user.findUnique({ where: { id: me }, select: { teamId: true } }))?.teamId ?? null;
  const opportunities: Prisma.OpportunityCreateManyInput[] = [];
  for (const row of rows) {
    const problems: RowProblem[] = [];
    const cell = (field: string) => row.cells[field]?.value.trim() ?? '';
    const fail = (field: string, message: string, messages?: Messages) => {
      problems.push({ row: row.number, field, column: row.cells[field]?.column ?? null, value: row.cells[field]?.value ?? null, message, ...(messages ? { messages } : {}) });
      return undefined;
    };
    const customerId = !cell('customer')
      ? fail('customer', 'is required: the customer code or name')
      : (find.customer(cell('customer')) ?? fail('customer', find.customer(cell('customer')) === null ? 'several customers you may change have this name; give the code' : 'is not the code or name of a customer you may change'));
    const name = cell('name') ? (cell('name').length <= 200 ? cell('name') : fail('name', 'must be at most 200 characters')) : fail('name', 'is required');
    const amount = cell('amount') ? (canViewFinancials(run.ctx.viewer) ? parsed('amount', parseMoney(cell('amount')), fail) : fail('amount', 'needs customer.viewFinancials')) : '0';
    const currency = cell('currency') ? (/^[A-Z]{3}$/.test(cell('currency').toUpperCase()) ? cell('currency').toUpperCase() : fail('currency', 'must be a 3-letter ISO 4217 code, e.g. CNY')) : find.defaultCurrency;
    const pipeline = find.pipeline(cell('pipeline') || undefined) ?? fail('pipeline', cell('pipeline') ? 'is not the name of a pipeline in use' : 'no default pipeline is defined');
    const stage = pipeline && (cell('stage') ? pipeline.stages.find((s) => s.name === cell('stage') && s.outcome === 'OPEN') : pipeline.stages.find((s) => s.outcome === 'OPEN'));
    if (pipeline && !stage) fail('stage', `is not an open stage of ${pipeline.name}`);
    const probability = cell('probability') ? percent(cell('probability')) ?? fail('probability', 'must be a whole percentage from 0 to 100') : null;
    const expectedCloseDate = cell('expectedCloseDate') ? parsed('expectedCloseDate', parseDate(cell('expectedCloseDate')), fail) : addDays(calendarDay(now, config.timeZone), 30);
    const owner = cell('owner') ? find.user(cell('owner')) ?? fail('owner', 'is not the e-mail of an active user') : { id: me, teamId: myTeam };
    if (owner && owner.id !== me && !can(run.ctx.viewer, 'customer.assign')) fail('owner', 'giving an opportunity to someone else needs customer.assign');
    outcome.problems.push(...problems);
    if (problems.length || !customerId || !name || amount === undefined || !currency || !stage || !pipeline || probability === undefined || !expectedCloseDate || !owner) continue;
    opportunities.push({
      id: crypto.randomUUID(),
      name,
      customerId,
      pipelineId: pipeline.id,
      stageId: stage.id,
      amount,
      currency,
      probability,
      expectedCloseDate,
      source: cell('source').slice(0, 200) || null,
      competitor: cell('competitor').slice(0, 200) || null,
      ownerId: owner.id,
      teamId: owner.teamId,
      lastActivityAt: now,
      createdAt: now,
    });
  }
  if (opportunities.length) {
    await run.tx.opportunity.createMany({ data: opportunities });
    await run.tx.opportunityStageChange.createMany({ data: opportunities.map((o) => ({ opportunityId: o.id!, toStageId: o.stageId, changedById: me, changedAt: now })) });
  }
  outcome.records.push(...opportunities.map((o) => ({ entityType: 'Opportunity', recordId: o.id!, created: true, versionAfter: 1 })));
  outcome.created = opportunities.length;
  return outcome;
}

function parsed<T>(field: string, result: Parsed<T>, fail: (field: string, message: string, messages?: Messages) => undefined): T | undefined {
  return 'error' in result ? fail(field, result.error.en, result.error) : result.value;
}

/** 30, 30% or 0.3 as a whole percentage, or null. */
function percent(text: string): number | null {
  const value = Number(text.replace(/%$/, ''));
  const whole = !text.endsWith('%') && value > 0 && value < 1 ? Math.round(value * 100) : value;
  return Number.isInteger(whole) && whole >= 0 && whole <= 100 ? whole : null;
}

/** Takes the imported opportunities back while none has changed or gathered quotes, contracts or activities. */
async function undo(tx: Tx, _ctx: unknown, records: readonly StoredRecord[]): Promise<void> {
  const ids = records.map((r) => r.recordId);
  const touched = await tx.opportunity.count({
    where: { id: { in: ids }, OR: [{ version: { not: 1 } }, { quotes: { some: {} } }, { contracts: { some: {} } }, { activityLinks: { some: {} } }, { lead: { isNot: null } }] },
  });
  if (touched) throw new RapportError('CONFLICT', `The import cannot be undone: ${touched} opportunity record(s) changed since it ran`, { changed: 'Opportunity' });
  await tx.opportunity.deleteMany({ where: { id: { in: ids } } });
}

export function opportunityImporter(config: SalesConfig): Importer {
  return {
    entity: 'OPPORTUNITY',
    description: 'Open sales opportunities of customers you may change, each row naming its customer by code or name.',
    permission: 'customer.write',
    fields: async () => FIELDS,
    importBatch: (run, rows) => importBatch(config, run, rows),
    undo,
  };
}
