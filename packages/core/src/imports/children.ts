// Importing contacts and activities: each row names its customer by code (CUS-000123) or by its exact
// name, among the customers the viewer may change; one query per batch finds them.
import type { z } from 'zod';
import { actingUserId } from '../auth/viewer.js';
import { customersEditableBy } from '../auth/visibility.js';
import { parseCustomerCode } from '../customers/code.js';
import { applyCustomFieldInputs, type CustomFieldInput } from '../custom-fields/rules.js';
import { customFieldDefinitions } from '../custom-fields/service.js';
import { ActivityKind, type CustomFieldEntity, type Prisma } from '../../generated/prisma/client.js';
import { uuidv7 } from '../shared/ids.js';
import { normalizeName, phoneDigits } from '../shared/normalize.js';
import { rules } from '../validation.js';
import { customFieldInputOf, parseDate, type Parsed } from './cells.js';
import { customImportFields } from './customers.js';
import { emptyOutcome, memoised, type BatchOutcome, type Importer, type ImportRun, type MappedRow, type RowProblem, issueMessages, textsOf } from './importer.js';
import type { ImportField } from './mapping.js';
import { undoRecords } from './undo.js';
import { refreshCustomerSearch } from '../customers/search.js';
import { errorMessages } from '../error-messages.js';
import type { Messages } from '../shared/locale.js';

const CUSTOMER_REF: ImportField = { field: 'customer', label: '客户', aliases: ['客户名称', '客户编号', '公司名称', 'Customer', 'Customer code', 'Company'], required: true };

/** The customers the rows name, by code and by name key; a name two customers share finds neither. */
async function customersNamed(run: ImportRun, rows: readonly MappedRow[]) {
  const prefix = run.ctx.config && 'customerCodePrefix' in run.ctx.config ? String((run.ctx.config as { customerCodePrefix: string }).customerCodePrefix) : 'CUS-';
  const texts = rows.map((r) => r.cells.customer?.value ?? '').filter(Boolean);
  const numbers = texts.map((t) => parseCustomerCode(prefix, t)).filter((n): n is number => n !== null);
  const keys = texts.map(normalizeName);
  const found = await run.tx.customer.findMany({
    where: { AND: [{ OR: [{ number: { in: numbers } }, { nameKey: { in: keys } }] }, customersEditableBy(run.ctx.viewer)] },
    select: { id: true, number: true, nameKey: true },
  });
  const byKey = new Map<string, string | null>();
  for (const c of found) byKey.set(c.nameKey, byKey.has(c.nameKey) ? null : c.id);
  const byNumber = new Map(found.map((c) => [c.number, c.id]));
  return (textValue: string): string | null | undefined => {
    const n = parseCustomerCode(prefix, textValue);
    if (n !== null && byNumber.has(n)) return byNumber.get(n)!;
    return byKey.get(normalizeName(textValue)); // null: ambiguous; undefined: none
  };
}

function problemsOf(row: MappedRow) {
  const problems: RowProblem[] = [];
  const fail = (field: string, messages: Messages) => {
    const c = row.cells[field];
    problems.push({ row: row.number, field, column: c?.column ?? null, value: c?.value ?? null, message: messages.en, messages });
    return undefined;
  };
  const given = (field: string) => (row.cells[field]?.value ?? '') !== '';
  const checked = <T>(field: string, schema: z.ZodType<T>): T | undefined => {
    const c = row.cells[field];
    if (!c || c.value === '') return undefined;
    const result = schema.safeParse(c.value);
    return result.success ? result.data : fail(field, issueMessages(result.error.issues[0]!));
  };
  const typed = <T>(field: string, parse: (t: string) => Parsed<T>): T | undefined => {
    if (!given(field)) return undefined;
    const result = parse(row.cells[field]!.value);
    return 'error' in result ? fail(field, result.error) : result.value;
  };
  return { problems, fail, given, checked, typed };
}

async function customValues(run: ImportRun, entity: CustomFieldEntity, row: MappedRow, fail: (field: string, messages: Messages) => undefined) {
  const definitions = await memoised(run, `definitions-${entity}`, () => customFieldDefinitions(run.ctx, entity, run.tx));
  const inputs: CustomFieldInput[] = [];
  for (const d of definitions) {
    const value = row.cells[`custom.${d.key}`]?.value;
    if (!value) continue;
    const input = customFieldInputOf(d, value);
    if ('error' in input) fail(`custom.${d.key}`, input.error);
    else inputs.push(input.value);
  }
  const applied = applyCustomFieldInputs(definitions, {}, inputs, { mode: 'create', entity, prefix: 'custom' });
  for (const e of applied.errors) fail(e.field, textsOf(e));
  return applied.values as Prisma.InputJsonObject;
}

function resolveCustomer(lookup: (t: string) => string | null | undefined, row: MappedRow, fail: (field: string, messages: Messages) => undefined) {
  const value = row.cells.customer?.value ?? '';
  if (!value) return fail('customer', errorMessages('import.row.customerRequired'));
  const id = lookup(value);
  if (id === null) return fail('customer', errorMessages('import.row.customerAmbiguous'));
  if (id === undefined) return fail('customer', errorMessages('import.row.customerUnknown'));
  return id;
}

async function importContactBatch(run: ImportRun, rows: readonly MappedRow[]): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  const lookup = await customersNamed(run, rows);
  const now = run.ctx.clock.now();
  const data: Prisma.ContactCreateManyInput[] = [];
  for (const row of rows) {
    const { problems, fail, given, checked, typed } = problemsOf(row);
    const customerId = resolveCustomer(lookup, row, fail);
    const name = given('name') ? checked('name', rules.requiredText(120)) : fail('name', errorMessages('import.row.required'));
    const phone = checked('phone', rules.phone);
    const fields = {
      title: checked('title', rules.optionalText(120)) ?? null,
      department: checked('department', rules.optionalText(120)) ?? null,
      email: checked('email', rules.email) ?? null,
      phone: phone ?? null,
      phoneDigits: phoneDigits(phone ?? null),
      birthday: typed('birthday', parseDate) ?? null,
    };
    const customFields = await customValues(run, 'CONTACT', row, fail);
    outcome.problems.push(...problems);
    if (problems.length || !customerId || !name) continue;
    data.push({ id: uuidv7(now.getTime()), customerId, name, ...fields, customFields, createdAt: now });
  }
  if (data.length) await run.tx.contact.createMany({ data });
  await refreshCustomerSearch(run.tx, data.map((c) => c.customerId));
  outcome.records.push(...data.map((c) => ({ entityType: 'Contact', recordId: c.id!, created: true, versionAfter: 1 })));
  outcome.created += data.length;
  return outcome;
}

const KINDS: Record<string, ActivityKind> = {
  电话: 'CALL', 通话: 'CALL', 邮件: 'EMAIL', 会议: 'MEETING', 拜访: 'VISIT', 消息: 'MESSAGE', 微信: 'MESSAGE', 备注: 'NOTE', 任务: 'TASK', 关怀: 'CARE',
  ...Object.fromEntries(Object.values(ActivityKind).map((k) => [k.toLowerCase(), k])),
};

async function importActivityBatch(run: ImportRun, rows: readonly MappedRow[]): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  const lookup = await customersNamed(run, rows);
  const now = run.ctx.clock.now();
  const ownerId = actingUserId(run.ctx.viewer)!;
  const data: Prisma.ActivityCreateManyInput[] = [];
  for (const row of rows) {
    const { problems, fail, given, checked, typed } = problemsOf(row);
    const customerId = resolveCustomer(lookup, row, fail);
    const kindText = row.cells.kind?.value.trim().toLowerCase() ?? '';
    const kind = kindText ? KINDS[kindText] : 'NOTE';
    if (!kind) fail('kind', errorMessages('import.row.activityKind', { kinds: Object.values(ActivityKind).join(', ') }));
    const subject = given('subject') ? checked('subject', rules.requiredText(200)) : fail('subject', errorMessages('import.row.required'));
    const dueAt = typed('dueAt', parseDate) ?? null;
    const completedAt = typed('completedAt', parseDate) ?? null;
    if (completedAt && completedAt > now) fail('completedAt', errorMessages('import.row.notInFuture'));
    const fields = { body: checked('body', rules.optionalText(20_000)) ?? null, outcome: checked('outcome', rules.optionalText(2_000)) ?? null };
    const customFields = await customValues(run, 'ACTIVITY', row, fail);
    outcome.problems.push(...problems);
    if (problems.length || !customerId || !subject || !kind) continue;
    data.push({ id: uuidv7(now.getTime()), customerId, kind, subject, ...fields, dueAt, completedAt, ownerId, customFields, createdAt: completedAt ?? now });
  }
  if (data.length) await run.tx.activity.createMany({ data });
  outcome.records.push(...data.map((a) => ({ entityType: 'Activity', recordId: a.id!, created: true, versionAfter: 1 })));
  outcome.created += data.length;
  return outcome;
}

export const contactImporter: Importer = {
  entity: 'CONTACT',
  description: "Contacts of customers you may change, each row naming its customer by code or name.",
  permission: 'customer.write',
  async fields(ctx, db) {
    return [
      CUSTOMER_REF,
      { field: 'name', label: '姓名', aliases: ['联系人', '联系人姓名', 'Name', 'Contact'], required: true },
      { field: 'title', label: '职务', aliases: ['职位', 'Title'] },
      { field: 'department', label: '部门', aliases: ['Department'] },
      { field: 'phone', label: '手机', aliases: ['电话', '联系电话', 'Phone', 'Mobile'] },
      { field: 'email', label: '邮箱', aliases: ['Email', 'E-mail'] },
      { field: 'birthday', label: '生日', aliases: ['出生日期', 'Birthday'] },
      ...(await customImportFields(ctx, db, 'CONTACT')),
    ];
  },
  importBatch: importContactBatch,
  undo: undoRecords,
};

export const activityImporter: Importer = {
  entity: 'ACTIVITY',
  description: 'Activities (calls, visits, notes, tasks) on customers you may change; imported history does not move follow-up dates.',
  permission: 'customer.write',
  async fields(ctx, db) {
    return [
      CUSTOMER_REF,
      { field: 'kind', label: '类型', aliases: ['活动类型', 'Kind', 'Type'] },
      { field: 'subject', label: '主题', aliases: ['标题', 'Subject', 'Title'], required: true },
      { field: 'body', label: '内容', aliases: ['详情', '描述', 'Body', 'Description'] },
      { field: 'outcome', label: '结果', aliases: ['Outcome', 'Result'] },
      { field: 'dueAt', label: '截止时间', aliases: ['到期', 'Due', 'Due at'] },
      { field: 'completedAt', label: '完成时间', aliases: ['日期', 'Completed', 'Completed at', 'Date'] },
      ...(await customImportFields(ctx, db, 'ACTIVITY')),
    ];
  },
  importBatch: importActivityBatch,
  undo: undoRecords,
};
