// Importing customers (with a first contact per row): validation per cell, the duplicate check against
// existing customers and earlier rows, and batch writes (a few statements per batch, not per row).
import { assignCustomerCodes, codeSettingsOf } from '../customers/code.js';
import type { z } from 'zod';
import { canViewFinancials } from '../auth/fields.js';
import { actingUserId, can, type Viewer } from '../auth/viewer.js';
import { customersEditableBy, customersVisibleTo } from '../auth/visibility.js';
import { reclassify, rulesOf } from '../customers/classification.js';
import { reasonsFor } from '../customers/duplicates.js';
import { resolveRegion } from '../customers/regions.js';
import { refreshCustomerSearch } from '../customers/search.js';
import { applyCustomFieldInputs, type CustomFieldInput, type StoredValues } from '../custom-fields/rules.js';
import { customFieldDefinitions, hiddenKeys } from '../custom-fields/service.js';
import type { CustomFieldEntity, Customer, CustomFieldDefinition, Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../service-context.js';
import { bulkInsert } from '../shared/bulk-insert.js';
import { uuidv7 } from '../shared/ids.js';
import { normalizeName, phoneDigits } from '../shared/normalize.js';
import { rules } from '../validation.js';
import { customFieldInputOf, parseKind, parseList, parseMoney, parseNature, parseSize, parseStage, parseTier, type Parsed } from './cells.js';
import { emptyOutcome, memoised, type BatchOutcome, type DuplicateDecision, type Importer, type ImportRun, type MappedRow, type RowProblem, issueMessages, textsOf } from './importer.js';
import type { ImportField } from './mapping.js';
import { undoRecords } from './undo.js';
import { errorMessages, storedMessage } from '../error-messages.js';
import type { Messages } from '../shared/locale.js';

const text = (max: number) => rules.optionalText(max);
const checks: Record<string, z.ZodType> = {
  name: rules.requiredText(200),
  industry: text(100),
  source: text(100),
  country: text(80),
  province: text(80),
  city: text(80),
  district: text(80),
  phone: rules.phone,
  email: rules.email,
  website: text(200),
  'contact.name': rules.requiredText(120),
  'contact.title': text(120),
  'contact.phone': rules.phone,
  'contact.email': rules.email,
};

export const CUSTOMER_FIELDS: ImportField[] = [
  { field: 'name', label: '客户名称', aliases: ['公司名称', '客户', '名称', '单位名称', '企业名称', 'Name', 'Customer', 'Company', 'Customer name', 'Company name'], required: true },
  { field: 'kind', label: '客户类型', aliases: ['类型', 'Kind', 'Type'] },
  { field: 'industry', label: '行业', aliases: ['所属行业', 'Industry'] },
  { field: 'source', label: '客户来源', aliases: ['来源', 'Source'] },
  { field: 'region', label: '地区', aliases: ['区域', '所在地区', '省市', 'Region'] },
  { field: 'country', label: '国家', aliases: ['Country'] },
  { field: 'province', label: '省份', aliases: ['省', 'Province', 'State'] },
  { field: 'city', label: '城市', aliases: ['市', 'City'] },
  { field: 'district', label: '区县', aliases: ['区', '县', '区/县', 'District', 'County'] },
  { field: 'nature', label: '客户性质', aliases: ['性质', '企业性质', 'Nature', 'Channel role'] },
  { field: 'size', label: '企业规模', aliases: ['规模', '公司规模', 'Size', 'Company size'] },
  { field: 'phone', label: '电话', aliases: ['公司电话', '座机', '联系电话', 'Phone', 'Tel', 'Telephone'] },
  { field: 'email', label: '邮箱', aliases: ['电子邮件', '邮件', 'Email', 'E-mail'] },
  { field: 'website', label: '网站', aliases: ['网址', 'Website', 'Web'] },
  { field: 'tier', label: '等级', aliases: ['客户等级', '级别', '客户级别', 'Tier', 'Level', 'Grade'] },
  { field: 'stage', label: '阶段', aliases: ['客户阶段', 'Stage'] },
  { field: 'owner', label: '负责人', aliases: ['销售', '业务员', '所属销售', '客户经理', 'Owner', 'Sales rep'] },
  { field: 'tags', label: '标签', aliases: ['Tags', 'Tag'] },
  { field: 'annualContractValue', label: '年合同额', aliases: ['合同金额', '年度合同额', 'Annual contract value', 'ACV'] },
  { field: 'contact.name', label: '联系人', aliases: ['联系人姓名', 'Contact', 'Contact name'] },
  { field: 'contact.title', label: '职务', aliases: ['职位', '联系人职务', 'Title', 'Job title'] },
  { field: 'contact.phone', label: '手机', aliases: ['联系人电话', '联系人手机', '手机号', 'Mobile', 'Contact phone'] },
  { field: 'contact.email', label: '联系人邮箱', aliases: ['Contact email'] },
];

/** The fields of custom-field definitions a viewer may set, as `custom.<key>` labelled by the definition's label. */
export async function customImportFields(ctx: ServiceContext, db: Prisma.TransactionClient, entity: CustomFieldEntity, prefix = 'custom'): Promise<ImportField[]> {
  const hidden = await hiddenKeys(ctx, entity, db);
  return (await customFieldDefinitions(ctx, entity, db))
    .filter((d) => !d.archivedAt && !hidden.includes(d.key))
    .map((d) => ({ field: `${prefix}.${d.key}`, label: d.label, aliases: [d.key], required: false }));
}

interface CustomerRow {
  number: number;
  id: string;
  data: Prisma.CustomerCreateManyInput;
  contact: Prisma.ContactCreateManyInput | null;
  tier: Customer['tier'] | null;
  stage: Customer['stage'] | null;
  customFields: StoredValues;
  nameKey: string;
  phones: string[];
  emails: string[];
}

interface Lookups {
  users: Map<string, string>;
  tags: Set<string>;
  definitions: CustomFieldDefinition[];
}

/** Users by e-mail and by name (a name two users share finds neither), the tag list, the definitions. */
async function lookups(run: ImportRun): Promise<Lookups> {
  return memoised(run, 'customer-lookups', async () => {
    const [users, tags, definitions] = await Promise.all([
      run.tx.user.findMany({ where: { active: true }, select: { id: true, email: true, name: true } }),
      run.tx.tag.findMany({ where: { archivedAt: null }, select: { name: true } }),
      customFieldDefinitions(run.ctx, 'CUSTOMER', run.tx),
    ]);
    const byKey = new Map<string, string>();
    const names = new Map<string, number>();
    for (const u of users) names.set(u.name, (names.get(u.name) ?? 0) + 1);
    for (const u of users) {
      byKey.set(u.email.toLowerCase(), u.id);
      if (names.get(u.name) === 1) byKey.set(u.name, u.id);
    }
    return { users: byKey, tags: new Set(tags.map((t) => t.name)), definitions };
  });
}

/** Splits 地区 such as "广东省 深圳市 南山区", "广东/深圳" or "广东-深圳" into province, city and district. */
export function splitRegion(value: string): { province: string | null; city: string | null; district: string | null } {
  const [province, city, district] = value.split(/[\s/\-－·,，]+/).filter(Boolean);
  return { province: province ?? null, city: city ?? null, district: district ?? null };
}

/** The region columns as a customer stores them: Chinese names resolved to their division (customers/regions.ts). */
function placeOf(typed: { country?: string | null; province?: string | null; city?: string | null; district?: string | null }) {
  return Object.values(typed).some((v) => v) ? resolveRegion(typed) : {};
}

function checkCustomerRow(row: MappedRow, found: Lookups, viewer: Viewer | null, now: Date): { value: CustomerRow | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const cell = (field: string) => row.cells[field];
  const fail = (field: string, messages: Messages) => {
    const c = cell(field);
    problems.push({ row: row.number, field, column: c?.column ?? null, value: c?.value ?? null, message: messages.en, messages });
    return undefined;
  };
  const given = (field: string) => (cell(field)?.value ?? '') !== '';
  const checked = (field: string): string | null | undefined => {
    const c = cell(field);
    if (!c) return undefined;
    if (c.value === '') return field === 'name' ? fail(field, errorMessages('import.row.required')) : null;
    const result = checks[field]!.safeParse(c.value);
    if (!result.success) return fail(field, issueMessages(result.error.issues[0]!));
    return result.data as string | null;
  };
  const typed = <T>(field: string, parse: (t: string) => Parsed<T>): T | undefined => {
    if (!given(field)) return undefined;
    const result = parse(cell(field)!.value);
    return 'error' in result ? fail(field, result.error) : result.value;
  };

  const name = checked('name');
  const region = given('region') ? splitRegion(cell('region')!.value) : { province: undefined, city: undefined, district: undefined };
  const tier = typed('tier', parseTier);
  const stage = typed('stage', parseStage);
  const kind = typed('kind', parseKind);
  const nature = typed('nature', parseNature);
  const size = typed('size', parseSize);
  const acv = typed('annualContractValue', parseMoney);
  if (acv !== undefined && !canViewFinancials(viewer)) fail('annualContractValue', errorMessages('import.row.needsFinancials'));
  const tags = given('tags') ? parseList(cell('tags')!.value).map((t) => t.toLowerCase()) : [];
  const unlisted = tags.filter((t) => !found.tags.has(t));
  if (unlisted.length) fail('tags', errorMessages('import.row.tagsUnlisted', { tags: unlisted.join(', '), count: unlisted.length }));

  const viewerId = actingUserId(viewer);
  let ownerId: string | null | undefined = viewerId;
  if (given('owner')) {
    const raw = cell('owner')!.value;
    ownerId = found.users.get(raw.includes('@') ? raw.toLowerCase() : raw);
    if (!ownerId) fail('owner', errorMessages('import.row.unknownOwner'));
    else if (ownerId !== viewerId && !can(viewer, 'customer.assign')) fail('owner', errorMessages('import.row.assignNeedsPermission'));
  }

  const inputs: CustomFieldInput[] = [];
  for (const definition of found.definitions) {
    const field = `custom.${definition.key}`;
    if (!given(field)) continue;
    const input = customFieldInputOf(definition, cell(field)!.value);
    if ('error' in input) fail(field, input.error);
    else inputs.push(input.value);
  }
  const applied = applyCustomFieldInputs(found.definitions, {}, inputs, { mode: 'create', entity: 'CUSTOMER', prefix: 'custom' });
  for (const e of applied.errors) fail(e.field, textsOf(e));

  const contactName = cell('contact.name') && given('contact.name') ? checked('contact.name') : undefined;
  const contactTitle = checked('contact.title');
  const contactPhone = checked('contact.phone');
  const contactEmail = checked('contact.email');
  const contactGiven = ['contact.title', 'contact.phone', 'contact.email'].some(given);
  if (contactGiven && !given('contact.name')) fail('contact.name', errorMessages('import.row.contactName'));
  const own = {
    industry: checked('industry'),
    source: checked('source'),
    ...placeOf({
      country: checked('country'),
      province: checked('province') ?? region.province,
      city: checked('city') ?? region.city,
      district: checked('district') ?? region.district,
    }),
    phone: checked('phone'),
    email: checked('email'),
    website: checked('website'),
  };
  if (problems.length || !name) return { value: null, problems };

  const id = uuidv7(now.getTime());
  const definedOnly = Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined && v !== null));
  const data: Prisma.CustomerCreateManyInput = {
    id,
    name,
    nameKey: normalizeName(name),
    ...definedOnly,
    phoneDigits: phoneDigits(own.phone ?? null),
    ...(kind ? { kind } : {}),
    ...(nature ? { nature } : {}),
    ...(size ? { size } : {}),
    ...(tier ? { tier } : {}),
    ...(stage ? { stage } : {}),
    ...(acv !== undefined ? { annualContractValue: acv } : {}),
    ownerId: ownerId ?? null,
    tags,
    customFields: applied.values as Prisma.InputJsonObject,
    createdAt: now,
  };
  const contact = contactName
    ? { id: uuidv7(now.getTime()), customerId: id, name: contactName, title: contactTitle ?? null, phone: contactPhone ?? null, phoneDigits: phoneDigits(contactPhone ?? null), email: contactEmail ?? null, isPrimary: true, createdAt: now }
    : null;
  const phones = [data.phoneDigits, contact?.phoneDigits].filter((p): p is string => !!p && p.length >= 6);
  const emails = [data.email, contact?.email].filter((e): e is string => !!e);
  return {
    value: { number: row.number, id, data, contact, tier: tier ?? null, stage: stage ?? null, customFields: applied.values, nameKey: data.nameKey, phones, emails },
    problems,
  };
}

interface Candidate {
  id: string;
  nameKey: string | null;
  phoneDigits: string | null;
  email: string | null;
}

/** Existing customers and contacts that match any row of the batch: two queries per batch. */
async function candidates(tx: Prisma.TransactionClient, rows: readonly CustomerRow[]) {
  const nameKeys = rows.map((r) => r.nameKey);
  const phones = rows.flatMap((r) => r.phones);
  const emails = rows.flatMap((r) => r.emails);
  const reach = [...(phones.length ? [{ phoneDigits: { in: phones } }] : []), ...(emails.length ? [{ email: { in: emails } }] : [])];
  const [customers, contacts] = await Promise.all([
    tx.customer.findMany({ where: { OR: [{ nameKey: { in: nameKeys } }, ...reach] }, select: { id: true, nameKey: true, phoneDigits: true, email: true }, orderBy: { id: 'asc' } }),
    reach.length ? tx.contact.findMany({ where: { OR: reach }, select: { customerId: true, phoneDigits: true, email: true }, orderBy: { id: 'asc' } }) : [],
  ]);
  return [...customers, ...contacts.map((c) => ({ id: c.customerId, nameKey: null, phoneDigits: c.phoneDigits, email: c.email }))] as Candidate[];
}

function matchesOf(row: CustomerRow, pool: readonly Candidate[]) {
  const found = new Map<string, Set<'NAME' | 'PHONE' | 'EMAIL'>>();
  for (const c of pool) {
    const reasons = reasonsFor({ nameKey: row.nameKey, phones: row.phones, emails: row.emails }, c);
    if (reasons.length) found.set(c.id, new Set([...(found.get(c.id) ?? []), ...reasons]));
  }
  return found;
}

/**
 * Candidates by name key, phone digits and (lower-cased) e-mail, so a row is compared with the few that
 * share one of its keys (the same matches as comparing with all: reasonsFor needs a shared key), in the
 * order they were added.
 */
class CandidateIndex {
  readonly #byKey = new Map<string, Array<{ at: number; candidate: Candidate }>>();
  #count = 0;
  constructor(candidates: readonly Candidate[]) {
    this.add(candidates);
  }
  add(candidates: readonly Candidate[]) {
    for (const candidate of candidates) {
      const entry = { at: this.#count++, candidate };
      const keys = [candidate.nameKey ? `n:${candidate.nameKey}` : null, candidate.phoneDigits ? `p:${candidate.phoneDigits}` : null, candidate.email ? `e:${candidate.email.toLowerCase()}` : null];
      for (const key of keys) {
        if (!key) continue;
        const list = this.#byKey.get(key);
        if (list) list.push(entry);
        else this.#byKey.set(key, [entry]);
      }
    }
  }
  near(row: { nameKey: string; phones: readonly string[]; emails: readonly string[] }): Candidate[] {
    const keys = [...(row.nameKey ? [`n:${row.nameKey}`] : []), ...row.phones.map((p) => `p:${p}`), ...row.emails.map((e) => `e:${e}`)];
    const hits = new Map<number, Candidate>();
    for (const key of keys) for (const { at, candidate } of this.#byKey.get(key) ?? []) hits.set(at, candidate);
    return [...hits.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
  }
}

const ORDER = ['NAME', 'PHONE', 'EMAIL'] as const;

/** A row about to be created, as the candidates a later row of the file is compared with. */
const asCandidates = (r: CustomerRow): Candidate[] => [
  { id: r.id, nameKey: r.nameKey, phoneDigits: null, email: null },
  ...r.phones.map((p) => ({ id: r.id, nameKey: null, phoneDigits: p, email: null })),
  ...r.emails.map((e) => ({ id: r.id, nameKey: null, phoneDigits: null, email: e })),
];

/** Columns a merge may fill on the existing customer: the ones it leaves empty. */
const GAP_COLUMNS = ['industry', 'source', 'country', 'province', 'city', 'phone', 'phoneDigits', 'email', 'website'] as const;

async function importCustomerBatch(run: ImportRun, rows: readonly MappedRow[]): Promise<BatchOutcome> {
  const { ctx, tx, choices } = run;
  const now = ctx.clock.now();
  const found = await lookups(run);
  const outcome = emptyOutcome();
  const valid: CustomerRow[] = [];
  for (const row of rows) {
    const { value, problems } = checkCustomerRow(row, found, ctx.viewer, now);
    outcome.problems.push(...problems);
    if (value) valid.push(value);
  }
  if (!valid.length) return outcome;
  const existing = await candidates(tx, valid);
  const [visible, editable] = await Promise.all([
    tx.customer.findMany({ where: { AND: [{ id: { in: [...new Set(existing.map((c) => c.id))] } }, customersVisibleTo(ctx.viewer)] }, select: { id: true } }),
    tx.customer.findMany({ where: { AND: [{ id: { in: [...new Set(existing.map((c) => c.id))] } }, customersEditableBy(ctx.viewer)] }, select: { id: true } }),
  ]);
  const seen = new Set(visible.map((c) => c.id));
  const changeable = new Set(editable.map((c) => c.id));

  const creates: CustomerRow[] = [];
  const merges = new Map<string, CustomerRow[]>();
  const inDb = new CandidateIndex(existing);
  const inFile = new CandidateIndex([]);
  const create = (row: CustomerRow) => {
    creates.push(row);
    inFile.add(asCandidates(row));
  };
  for (const row of valid) {
    const dbMatches = matchesOf(row, inDb.near(row));
    const fileMatches = matchesOf(row, inFile.near(row));
    const fileMatch = creates.find((c) => fileMatches.has(c.id));
    if (!dbMatches.size && !fileMatch) {
      create(row);
      continue;
    }
    const choice = choices.rows.get(row.number) ?? { action: choices.defaultAction, into: null };
    const reasons = new Set([...dbMatches.values(), ...fileMatches.values()].flatMap((s) => [...s]));
    const decision: DuplicateDecision = {
      row: row.number,
      reasons: ORDER.filter((r) => reasons.has(r)),
      customerIds: [...dbMatches.keys()].filter((id) => seen.has(id)),
      fileRow: fileMatch?.number ?? null,
      action: choice.action,
      customerId: null,
    };
    outcome.duplicates.push(decision);
    if (choice.action === 'SKIP') {
      outcome.skipped++;
      continue;
    }
    if (choice.action === 'CREATE') {
      create(row);
      decision.customerId = row.id;
      continue;
    }
    const target = choice.into ?? (fileMatch ? fileMatch.id : [...dbMatches.keys()].find((id) => changeable.has(id)));
    const mayMerge = target && (target === fileMatch?.id || (dbMatches.has(target) && changeable.has(target)));
    if (!mayMerge) {
      const messages = errorMessages(choice.into ? 'import.row.mergeTargetInvalid' : 'import.row.noMergeTarget');
      outcome.problems.push({ row: row.number, field: 'row', column: null, value: null, message: messages.en, messages });
      outcome.duplicates.pop();
      continue;
    }
    decision.customerId = target;
    if (target === fileMatch?.id) fillGaps(fileMatch, row);
    else merges.set(target, [...(merges.get(target) ?? []), row]);
  }

  await writeCreates(run, creates, outcome);
  await writeMerges(run, merges, outcome);
  return outcome;
}

/** A later row of the file merged into an earlier one: it fills what the earlier one left empty. */
function fillGaps(into: CustomerRow, row: CustomerRow) {
  const data = into.data as Record<string, unknown>;
  for (const [key, value] of Object.entries(row.data)) if ((data[key] === undefined || data[key] === null) && value !== null) data[key] = value;
  into.data.tags = [...new Set([...(into.data.tags as string[]), ...(row.data.tags as string[])])];
  into.data.customFields = { ...row.customFields, ...into.customFields } as Prisma.InputJsonObject;
  into.contact ??= row.contact ? { ...row.contact, customerId: into.id } : null;
}

/** What createMany would have let the database default: a bulk insert lists the column for every row. */
const CUSTOMER_DEFAULTS = { kind: 'COMPANY', tier: 'D', stage: 'POTENTIAL', annualContractValue: '0', regionPending: false, tags: [], customFields: {} };

async function writeCreates(run: ImportRun, creates: CustomerRow[], outcome: BatchOutcome) {
  if (!creates.length) return;
  const { ctx, tx } = run;
  const now = ctx.clock.now();
  const actorId = actingUserId(ctx.viewer);
  await bulkInsert(tx, 'Customer', creates.map((c) => c.data), { ...CUSTOMER_DEFAULTS, createdAt: now, updatedAt: new Date() });
  await assignCustomerCodes(tx, codeSettingsOf(ctx), creates.map((c) => c.id));
  const contacts = creates.flatMap((c) => (c.contact ? [c.contact] : []));
  await bulkInsert(tx, 'Contact', contacts, { updatedAt: new Date() });
  await refreshCustomerSearch(tx, creates.map((c) => c.id));
  const decided = creates.filter((c) => c.tier || c.stage);
  if (decided.length) {
    await bulkInsert(
      tx,
      'CustomerOverride',
      decided.map((c) => ({
        customerId: c.id,
        ...(c.tier ? { tier: c.tier, tierReason: storedMessage('reason.imported'), tierSetById: actorId, tierSetAt: now } : {}),
        ...(c.stage ? { stage: c.stage, stageReason: storedMessage('reason.imported'), stageSetById: actorId, stageSetAt: now } : {}),
      })),
    );
  }
  await reclassify(tx, creates.map((c) => c.id), { now, rules: rulesOf(ctx), actorId, previous: { tier: null, stage: null } });
  const versions = await tx.customer.findMany({ where: { id: { in: creates.map((c) => c.id) } }, select: { id: true, version: true } });
  outcome.records.push(...versions.map((v) => ({ entityType: 'Customer', recordId: v.id, created: true, versionAfter: v.version })));
  outcome.records.push(...contacts.map((c) => ({ entityType: 'Contact', recordId: c.id!, created: true, versionAfter: 1 })));
  outcome.created += creates.length;
}

/**
 * Merging rows into existing customers fills their gaps (the rule of mergeCustomers): empty columns
 * take the row's value, tags become the union, custom fields add the keys the customer lacks, and a
 * contact is added unless one with its phone or e-mail is there. The filled columns are kept for undo.
 */
async function writeMerges(run: ImportRun, merges: Map<string, CustomerRow[]>, outcome: BatchOutcome) {
  if (!merges.size) return;
  const { tx } = run;
  const targets = await tx.customer.findMany({ where: { id: { in: [...merges.keys()] } }, include: { contacts: { select: { phoneDigits: true, email: true } } } });
  for (const customer of targets) {
    const rows = merges.get(customer.id)!;
    const before: Record<string, unknown> = {};
    const patch: Record<string, unknown> = {};
    for (const row of rows) {
      for (const column of GAP_COLUMNS) {
        const value = (row.data as Record<string, unknown>)[column];
        if (customer[column] === null && patch[column] === undefined && value !== undefined && value !== null) {
          before[column] = null;
          patch[column] = value;
        }
      }
    }
    const tags = [...new Set([...customer.tags, ...rows.flatMap((r) => r.data.tags as string[])])];
    if (tags.length !== customer.tags.length) {
      before.tags = customer.tags;
      patch.tags = tags;
    }
    const stored = (customer.customFields ?? {}) as StoredValues;
    const added = Object.assign({}, ...rows.map((r) => r.customFields).reverse()) as StoredValues;
    const customFields = { ...added, ...stored };
    if (Object.keys(customFields).length !== Object.keys(stored).length) {
      before.customFields = stored;
      patch.customFields = customFields;
    }
    const known = new Set(customer.contacts.flatMap((c) => [c.phoneDigits, c.email]).filter(Boolean));
    const contacts = rows.flatMap((r) => (r.contact && !known.has(r.contact.phoneDigits ?? null) && !known.has(r.contact.email ?? null) ? [{ ...r.contact, customerId: customer.id, isPrimary: customer.contacts.length === 0 }] : [])).slice(0, 1);
    if (contacts.length) {
      await tx.contact.createMany({ data: contacts });
      await refreshCustomerSearch(tx, [customer.id]);
    }
    const updated = await tx.customer.update({ where: { id: customer.id }, data: { ...patch, version: { increment: 1 } }, select: { version: true } });
    outcome.records.push({ entityType: 'Customer', recordId: customer.id, created: false, versionAfter: updated.version, before: { ...before, version: customer.version } as Prisma.InputJsonObject });
    outcome.records.push(...contacts.map((c) => ({ entityType: 'Contact', recordId: c.id!, created: true, versionAfter: 1 })));
    outcome.merged += rows.length;
  }
}

export const customerImporter: Importer = {
  entity: 'CUSTOMER',
  description: 'Customers, each with an optional first contact; duplicates of existing customers are skipped, merged into, or created anyway.',
  permission: 'customer.write',
  async fields(ctx, db) {
    const fields = CUSTOMER_FIELDS.filter((f) => f.field !== 'annualContractValue' || canViewFinancials(ctx.viewer));
    return [...fields, ...(await customImportFields(ctx, db, 'CUSTOMER'))];
  },
  importBatch: importCustomerBatch,
  undo: undoRecords,
};
