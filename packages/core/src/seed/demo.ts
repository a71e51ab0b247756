// Deterministic demo data: teams and users, then customers with their contacts and activities, streamed
// in batches so 200k customers fit in memory.
import { randomUUID } from 'node:crypto';
import type {
  CustomerSize,
  ActivityKind,
  CustomerStage,
  CustomerTier,
  Prisma,
  PrismaClient,
  UserRole,
} from '../../generated/prisma/client.js';
import { hashPassword } from '../auth/passwords.js';
import { seedCustomerData } from './customer-data.js';
import { createRng, type Rng } from '../shared/random.js';
import { normalizeName, phoneDigits } from '../shared/normalize.js';
import { addPracticeRows, emptyPracticeRows, PRACTICE_TABLES, type PracticeRows } from './practices.js';
import { indexStaleCustomers } from '../customers/search.js';
import { resolveRegion } from '../customers/regions.js';

export const DEMO_ACCOUNTS = {
  admin: 'admin@demo.local',
  manager: 'manager@demo.local',
  rep: 'rep@demo.local',
  agent: 'agent@demo.local',
} as const;

/** Every demo user's password (README lists the accounts). Only ever seeded into a demo database. */
export const DEMO_PASSWORD = 'demo';

let demoPasswordHash: Promise<string> | undefined;

/** Hashed once per process and reused: scrypt is slow by design and the seed must stay fast. */
function demoPassword(): Promise<string> {
  demoPasswordHash ??= hashPassword(DEMO_PASSWORD);
  return demoPasswordHash;
}

/** Customers of other teams shared with the demo rep, so a rep sees more than their own and the pool. */
const SHARED_WITH_REP = 6;

export interface SeedOptions {
  customers?: number;
  now?: Date;
  seed?: number;
  /** Seed even when customers exist (users and teams are upserted, customers added). */
  force?: boolean;
  log?: (line: string) => void;
}

export interface SeedCounts {
  users: number;
  teams: number;
  customers: number;
  contacts: number;
  activities: number;
  shares: number;
  deals: number;
  offers: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MAX_AGE_DAYS = 730;
const BATCH_CUSTOMERS = 500;
const LOG_EVERY = 10_000;
const PERSON_SHARE = 0.15;

// ---------------------------------------------------------------------------------------------
// Data tables

const SALES_TEAMS = ['East Sales', 'North Sales', 'Key Accounts'];
const TEAMS = [...SALES_TEAMS, 'Service Desk', 'Marketing'];

// [email, name, role, team]; the MANAGER listed in a team manages it.
const USERS: readonly (readonly [string, string, UserRole, string | null])[] = [
  [DEMO_ACCOUNTS.admin, 'Ada Admin', 'ADMIN', null],
  [DEMO_ACCOUNTS.manager, 'Mia Manager', 'MANAGER', 'East Sales'],
  [DEMO_ACCOUNTS.rep, 'Ray Rep', 'SALES', 'East Sales'],
  [DEMO_ACCOUNTS.agent, 'Ava Agent', 'SERVICE', 'Service Desk'],
  ['li.wei@demo.local', 'Li Wei', 'SALES', 'East Sales'],
  ['sophie.becker@demo.local', 'Sophie Becker', 'SALES', 'East Sales'],
  ['zhang.min@demo.local', 'Zhang Min', 'MANAGER', 'North Sales'],
  ['chen.jing@demo.local', 'Chen Jing', 'SALES', 'North Sales'],
  ['lukas.schmidt@demo.local', 'Lukas Schmidt', 'SALES', 'North Sales'],
  ['olivia.carter@demo.local', 'Olivia Carter', 'MANAGER', 'Key Accounts'],
  ['liu.yang@demo.local', 'Liu Yang', 'SALES', 'Key Accounts'],
  ['huang.li@demo.local', 'Huang Li', 'MANAGER', 'Service Desk'],
  ['emma.rossi@demo.local', 'Emma Rossi', 'SERVICE', 'Service Desk'],
  ['zhao.xin@demo.local', 'Zhao Xin', 'MANAGER', 'Marketing'],
  ['lucas.silva@demo.local', 'Lucas Silva', 'MARKETING', 'Marketing'],
];

interface Country {
  name: string;
  // [province, city, phone area code]
  cities: readonly (readonly [string, string, string])[];
  // '#' is a random digit, '{a}' the city's area code.
  phones: readonly string[];
  tld: string;
  personalMail: readonly string[];
  brands: readonly string[];
  suffixes: readonly string[];
  family: readonly string[];
  given: readonly string[];
  /** Chinese style: family name first, company name starts with the city. */
  chinese?: boolean;
}

const CHINA: Country = {
  name: 'China',
  cities: [
    ['Zhejiang', 'Hangzhou', '571'], ['Zhejiang', 'Ningbo', '574'], ['Zhejiang', 'Wenzhou', '577'],
    ['Jiangsu', 'Suzhou', '512'], ['Jiangsu', 'Nanjing', '25'], ['Jiangsu', 'Wuxi', '510'],
    ['Guangdong', 'Shenzhen', '755'], ['Guangdong', 'Guangzhou', '20'], ['Guangdong', 'Dongguan', '769'],
    ['Shandong', 'Qingdao', '532'], ['Shandong', 'Jinan', '531'], ['Shanghai', 'Shanghai', '21'],
    ['Beijing', 'Beijing', '10'], ['Sichuan', 'Chengdu', '28'],
  ],
  phones: ['+86 13# #### ####', '+86 18# #### ####', '0{a}-####-####', '15#########'],
  tld: 'com.cn',
  personalMail: ['qq.com', '163.com', '126.com'],
  brands: ['Xinda', 'Huatai', 'Jinlong', 'Tianyu', 'Hengxin', 'Zhongke', 'Ruifeng', 'Baoli', 'Dongfang',
    'Minsheng', 'Haitian', 'Yongsheng', 'Kaida', 'Shengyuan', 'Hongda', 'Longteng', 'Jiahe', 'Fuxing'],
  suffixes: ['Co.', 'Co., Ltd.', 'Group'],
  family: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma',
    'Zhu', 'Hu', 'Guo', 'He', 'Lin', 'Gao', 'Luo'],
  given: ['Wei', 'Fang', 'Na', 'Min', 'Jing', 'Lei', 'Qiang', 'Yan', 'Jun', 'Yong', 'Jie', 'Tao', 'Ming',
    'Chao', 'Xiuying', 'Hui', 'Lan', 'Hao', 'Yu', 'Ting'],
  chinese: true,
};

const COUNTRIES: readonly (readonly [Country, number])[] = [
  [CHINA, 55],
  [{
    name: 'Germany',
    cities: [['Bavaria', 'Munich', '89'], ['Bavaria', 'Nuremberg', '911'],
      ['North Rhine-Westphalia', 'Cologne', '221'], ['North Rhine-Westphalia', 'Düsseldorf', '211'],
      ['Baden-Württemberg', 'Stuttgart', '711']],
    phones: ['+49 {a} #######', '0{a} #### ###', '+49 15# #######'],
    tld: 'de',
    personalMail: ['web.de', 'gmx.de', 'gmail.com'],
    brands: ['Nordlicht', 'Bergmann', 'Rheintal', 'Alpenwerk', 'Schwarzwald', 'Falkenstein', 'Lindner', 'Hansen'],
    suffixes: ['GmbH', 'AG', 'GmbH & Co. KG'],
    family: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz',
      'Hoffmann', 'Koch', 'Richter'],
    given: ['Lukas', 'Anna', 'Jonas', 'Lea', 'Felix', 'Laura', 'Maximilian', 'Sophie', 'Paul', 'Marie',
      'Tobias', 'Katrin'],
  }, 12],
  [{
    name: 'USA',
    cities: [['California', 'San Jose', '408'], ['California', 'Los Angeles', '213'], ['Texas', 'Austin', '512'],
      ['Texas', 'Houston', '713'], ['New York', 'New York', '212']],
    phones: ['({a}) 2##-####', '+1 {a} 5## ####', '{a}-7##-####'],
    tld: 'com',
    personalMail: ['gmail.com', 'outlook.com', 'yahoo.com'],
    brands: ['Summit', 'Bluewater', 'Redwood', 'Liberty', 'Pioneer', 'Granite', 'Cascade', 'Keystone'],
    suffixes: ['Inc.', 'LLC', 'Corp.'],
    family: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Wilson',
      'Anderson', 'Taylor', 'Moore'],
    given: ['James', 'Mary', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Sarah', 'Chris', 'Emily',
      'Daniel', 'Jessica'],
  }, 13],
  [{
    name: 'Japan',
    cities: [['Tokyo', 'Tokyo', '3'], ['Osaka', 'Osaka', '6'], ['Aichi', 'Nagoya', '52']],
    phones: ['+81 {a}-####-####', '0{a}-####-####', '090-####-####'],
    tld: 'co.jp',
    personalMail: ['yahoo.co.jp', 'gmail.com'],
    brands: ['Sakura', 'Fujimoto', 'Yamato', 'Kawaguchi', 'Hoshino', 'Mitsuwa'],
    suffixes: ['K.K.', 'Co., Ltd.'],
    family: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Kato'],
    given: ['Haruto', 'Yui', 'Sota', 'Aoi', 'Ren', 'Hina', 'Yuki', 'Kenji', 'Akiko', 'Takeshi'],
  }, 10],
  [{
    name: 'Brazil',
    cities: [['São Paulo', 'São Paulo', '11'], ['São Paulo', 'Campinas', '19'], ['Rio de Janeiro', 'Rio de Janeiro', '21']],
    phones: ['+55 {a} 9####-####', '({a}) ####-####'],
    tld: 'com.br',
    personalMail: ['uol.com.br', 'gmail.com'],
    brands: ['Horizonte', 'Atlântico', 'Paulista', 'Vale Verde', 'Cruzeiro', 'Estrela'],
    suffixes: ['Ltda.', 'S.A.'],
    family: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes'],
    given: ['João', 'Maria', 'Pedro', 'Ana', 'Lucas', 'Juliana', 'Gabriel', 'Fernanda', 'Rafael', 'Camila'],
  }, 10],
];

// [industry, words used in company names]
const INDUSTRIES: readonly (readonly [string, readonly string[]])[] = [
  ['Machinery', ['Machinery', 'Heavy Industry', 'Equipment']],
  ['Electronics', ['Electronics', 'Semiconductor']],
  ['Textiles', ['Textile', 'Garment']],
  ['Chemicals', ['Chemical', 'New Materials']],
  ['Logistics', ['Logistics', 'Freight']],
  ['Software', ['Software', 'Information Technology']],
  ['Medical Devices', ['Medical', 'Biotech']],
  ['Automotive Parts', ['Auto Parts', 'Motor']],
  ['Food & Beverage', ['Foods', 'Beverage']],
  ['Furniture', ['Furniture', 'Home Furnishing']],
  ['Optics', ['Optics', 'Photonics']],
  ['Packaging', ['Packaging', 'Paper Products']],
];

const SOURCES: readonly (readonly [string, number])[] = [
  ['WEB', 25], ['TRADE_SHOW', 20], ['REFERRAL', 20], ['COLD_CALL', 15], ['PARTNER', 10], ['CAMPAIGN', 10],
];

// [title, department]; decision makers first, primary contacts come from them.
const ROLES: readonly (readonly [string, string])[] = [
  ['Purchasing Manager', 'Procurement'], ['General Manager', 'Management'], ['Sales Director', 'Sales'],
  ['Engineer', 'R&D'], ['Finance Manager', 'Finance'], ['Logistics Coordinator', 'Logistics'],
  ['Quality Manager', 'Quality'], ['Office Assistant', 'Administration'],
];
const DECISION_MAKERS = 3;

interface TierProfile {
  stages: readonly (readonly [CustomerStage, number])[];
  /** Annual contract value range once a deal happened (POTENTIAL customers have none). */
  value: readonly [number, number];
  minAgeDays: number;
  /** Days since the last contact, as a range. */
  contactDays: readonly [number, number];
  neverContacted: number;
  interactions: readonly [number, number];
  pool: number;
  credit: readonly string[];
}

const TIERS: Record<CustomerTier, TierProfile> = {
  A: { stages: [['NEW', 15], ['RETURNING', 45], ['LOYAL', 40]], value: [500_000, 5_000_000], minAgeDays: 180,
    contactDays: [0, 14], neverContacted: 0, interactions: [5, 12], pool: 0, credit: ['AAA', 'AA'] },
  B: { stages: [['NEW', 35], ['RETURNING', 45], ['LOYAL', 20]], value: [50_000, 499_999], minAgeDays: 60,
    contactDays: [0, 30], neverContacted: 0, interactions: [4, 12], pool: 0, credit: ['AA', 'A'] },
  C: { stages: [['POTENTIAL', 85], ['NEW', 15]], value: [5_000, 50_000], minAgeDays: 14,
    contactDays: [1, 60], neverContacted: 0, interactions: [2, 9], pool: 0.05, credit: ['A', 'BBB'] },
  D: { stages: [['POTENTIAL', 1]], value: [0, 0], minAgeDays: 2,
    contactDays: [1, 120], neverContacted: 0.2, interactions: [0, 6], pool: 0.12, credit: ['BBB', 'BB'] },
  // Dormant: dealt before, no contact for over three months.
  X: { stages: [['DORMANT', 1]], value: [10_000, 300_000], minAgeDays: 120,
    contactDays: [91, 540], neverContacted: 0, interactions: [2, 8], pool: 0.35, credit: ['A', 'BBB', 'BB'] },
};
const TIER_WEIGHTS: readonly (readonly [CustomerTier, number])[] = [['A', 8], ['B', 17], ['C', 25], ['D', 35], ['X', 15]];

type InteractionKind = Exclude<ActivityKind, 'TASK'>;

const KINDS: Record<InteractionKind, { weight: number; verb: string; subjects: readonly string[]; outcomes: readonly string[] }> = {
  CALL: { weight: 30, verb: 'Called', subjects: ['Follow-up call on quote', 'Intro call', 'Call about delivery schedule',
    'Price negotiation call', 'Checked sample feedback'], outcomes: ['Asked for a revised quote',
    'Interested; follow up next week', 'No answer; left a voicemail', 'Decision postponed to next quarter'] },
  EMAIL: { weight: 25, verb: 'Emailed', subjects: ['Sent quotation', 'Sent product catalogue', 'Shared delivery schedule',
    'Sent contract draft', 'Answered technical questions'], outcomes: ['Acknowledged; reviewing internally',
    'Requested samples', 'Asked for better payment terms'] },
  MESSAGE: { weight: 15, verb: 'Messaged', subjects: ['WeChat follow-up', 'WhatsApp message about samples',
    'Confirmed meeting time'], outcomes: ['Replied the same day', 'Confirmed', 'No reply yet'] },
  MEETING: { weight: 8, verb: 'Met', subjects: ['Quarterly business review', 'Product demo', 'Contract negotiation',
    'Kick-off meeting'], outcomes: ['Agreed to a trial order', 'Order confirmed', 'Needs approval from headquarters'] },
  VISIT: { weight: 8, verb: 'Visited', subjects: ['Factory visit', 'On-site visit', 'Visited procurement team'],
    outcomes: ['Met the new decision maker', 'Agreed on annual volume', 'Raised quality concerns'] },
  NOTE: { weight: 8, verb: 'Heard from', subjects: ['Budget approved for next quarter', 'Competitor offered a lower price',
    'Decision maker changed', 'Prefers contact in the morning'], outcomes: [] },
  CARE: { weight: 6, verb: 'Reached out to', subjects: ['Holiday gift sent', 'Return visit after delivery',
    'Product training session'], outcomes: ['Customer appreciated it', 'Mentioned a new project'] },
};
const KIND_WEIGHTS = Object.entries(KINDS).map(([kind, { weight }]) => [kind as InteractionKind, weight] as const);

const TOPICS = ['pricing', 'lead times', 'the new product line', 'payment terms', 'after-sales service',
  'sample quality', 'annual volume'];
const TASKS = ['Call back about the quote', 'Send revised quotation', 'Prepare contract', 'Schedule site visit',
  'Check payment status', 'Follow up on samples'];
const TASK_COUNTS: readonly (readonly [number, number])[] = [[0, 35], [1, 40], [2, 25]];
type TaskState = 'upcoming' | 'overdue' | 'done';
const TASK_STATES: readonly (readonly [TaskState, number])[] = [['upcoming', 45], ['overdue', 25], ['done', 30]];
const CONTACT_COUNTS: readonly (readonly [number, number])[] = [[1, 15], [2, 30], [3, 30], [4, 25]];

/** SQL type of every column the seed writes; keyed by Prisma's input types, so schema changes surface here. */
type Columns<R> = Record<Exclude<keyof R, 'number' | 'version'>, string>;

// The search columns are filled after the seed (indexStaleCustomers). Demo pool customers are in the
// default pool (poolId null); demo customers are all served (not archived). Their codes are the ones
// derived from their numbers (start-up stores them: fillLegacyCustomerCodes).
const CUSTOMER_COLUMNS: Columns<Omit<Prisma.CustomerCreateManyInput, 'searchKey' | 'searchTokens' | 'regionPending' | 'poolId' | 'archivedAt' | 'code'>> = {
  id: 'uuid', name: 'text', nameKey: 'text', kind: '"CustomerKind"', industry: 'text', source: 'text',
  nature: '"CustomerNature"', size: '"CustomerSize"', country: 'text', province: 'text', city: 'text', district: 'text',
  regionCode: 'text', phone: 'text', phoneDigits: 'text', email: 'text',
  website: 'text', tier: '"CustomerTier"', stage: '"CustomerStage"', ownerId: 'uuid', tags: 'text[]',
  customFields: 'jsonb', annualContractValue: 'numeric', lastContactedAt: 'timestamp(3)',
  createdAt: 'timestamp(3)', updatedAt: 'timestamp(3)',
};

// Contacts and activities take the default (no custom-field values; demo activities have no plugin
// source, NORMAL priority and no participants); contacts' search columns are filled with their customers'.
const CONTACT_COLUMNS: Columns<Omit<Prisma.ContactCreateManyInput, 'customFields' | 'searchKey' | 'searchTokens'>> = {
  id: 'uuid', customerId: 'uuid', name: 'text', title: 'text', department: 'text', email: 'text', phone: 'text',
  phoneDigits: 'text', birthday: 'date', isPrimary: 'boolean', createdAt: 'timestamp(3)', updatedAt: 'timestamp(3)',
};

const ACTIVITY_COLUMNS: Columns<Omit<Prisma.ActivityCreateManyInput, 'customFields' | 'sourceType' | 'sourceId' | 'overdueEventFor' | 'priority' | 'participantIds'>> = {
  id: 'uuid', customerId: 'uuid', contactId: 'uuid', kind: '"ActivityKind"', subject: 'text', body: 'text',
  outcome: 'text', ownerId: 'uuid', assigneeId: 'uuid', dueAt: 'timestamp(3)', remindAt: 'timestamp(3)',
  completedAt: 'timestamp(3)', createdAt: 'timestamp(3)', updatedAt: 'timestamp(3)',
};

// ---------------------------------------------------------------------------------------------
// Random numbers


// ---------------------------------------------------------------------------------------------
// Seeding

export async function seedDemoData(prisma: PrismaClient, options: SeedOptions = {}): Promise<SeedCounts> {
  const { customers: total = 300, now = new Date(), seed = 1, force = false, log = () => {} } = options;
  if (!force && (await prisma.customer.findFirst({ select: { id: true } }))) {
    throw new Error('seed: database already has customers; refusing to seed');
  }
  const started = Date.now();
  const owners = await seedUsers(prisma);
  await seedCustomerData(prisma);
  const ctx: Context = { rng: createRng(seed), now: now.getTime(), owners };
  const counts: SeedCounts = { users: USERS.length, teams: TEAMS.length, customers: 0, contacts: 0, activities: 0, shares: 0, deals: 0, offers: 0 };
  // Its own sequence, so deals and history leave the customers, contacts and activities unchanged.
  const practiceRng = createRng(seed + 7919);
  while (counts.customers < total) {
    const batch = generateBatch(ctx, Math.min(BATCH_CUSTOMERS, total - counts.customers));
    await insertBatch(prisma, batch);
    const practices = practiceRows(practiceRng, ctx, batch);
    await insertPractices(prisma, practices);
    counts.deals += practices.deals.length;
    counts.offers += practices.offers.length;
    counts.customers += batch.customers.length;
    counts.contacts += batch.contacts.length;
    counts.activities += batch.activities.length;
    if (counts.customers % LOG_EVERY === 0 || counts.customers === total) {
      log(`seed: ${counts.customers}/${total} customers, ${counts.contacts} contacts, ${counts.activities} activities `
        + `(${((Date.now() - started) / 1000).toFixed(1)}s)`);
    }
  }
  counts.shares = await seedShares(prisma);
  // Demo tasks already overdue are history: they raise no task.overdue webhook event.
  await prisma.$executeRaw`UPDATE "Activity" SET "overdueEventFor" = "dueAt" WHERE "completedAt" IS NULL AND "dueAt" <= ${new Date(ctx.now)}`;
  await indexStaleCustomers(prisma);
  return counts;
}

/** Upserts the teams and users; returns the ids of the users who own customers. */
async function seedUsers(prisma: PrismaClient): Promise<string[]> {
  const teamIds = new Map<string, string>();
  for (const name of TEAMS) {
    const team = await prisma.team.upsert({ where: { name }, create: { name }, update: {}, select: { id: true } });
    teamIds.set(name, team.id);
  }
  const owners: string[] = [];
  const passwordHash = await demoPassword();
  for (const [email, name, role, teamName] of USERS) {
    const teamId = teamName ? teamIds.get(teamName)! : null;
    const data = { name, role, teamId, passwordHash };
    const { id } = await prisma.user.upsert({ where: { email }, create: { email, ...data }, update: data, select: { id: true } });
    if (role === 'MANAGER' && teamId) await prisma.team.update({ where: { id: teamId }, data: { managerId: id } });
    if ((role === 'SALES' || role === 'MANAGER') && teamName && SALES_TEAMS.includes(teamName)) owners.push(id);
  }
  return owners;
}

/** Some READ and some EDIT shares, granted by each customer's owner. */
async function seedShares(prisma: PrismaClient): Promise<number> {
  const rep = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.rep }, select: { id: true, teamId: true } });
  const customers = await prisma.customer.findMany({
    where: { owner: { teamId: { not: rep.teamId } } },
    orderBy: { number: 'asc' },
    take: SHARED_WITH_REP,
    select: { id: true, ownerId: true },
  });
  const { count } = await prisma.customerShare.createMany({
    data: customers.map((customer, i) => ({
      customerId: customer.id,
      userId: rep.id,
      access: i % 3 === 0 ? ('EDIT' as const) : ('READ' as const),
      grantedById: customer.ownerId,
    })),
    skipDuplicates: true,
  });
  return count;
}

/** Deals, offers and rule history for a batch; a pool customer's former owner is whoever logged its activities. */
function practiceRows(rng: Rng, ctx: Context, batch: Batch): PracticeRows {
  const rows = emptyPracticeRows();
  const workedBy = new Map(batch.activities.map((a) => [a.customerId, a.ownerId]));
  for (const customer of batch.customers) {
    const formerOwner = workedBy.get(customer.id!) ?? rng.pick(ctx.owners);
    addPracticeRows(rng, rows, customer as Parameters<typeof addPracticeRows>[2], formerOwner, ctx.now);
  }
  return rows;
}

async function insertPractices(prisma: PrismaClient, rows: PracticeRows): Promise<void> {
  for (const key of Object.keys(PRACTICE_TABLES) as Array<keyof PracticeRows>) {
    await insertRows(prisma, PRACTICE_TABLES[key].table, PRACTICE_TABLES[key].columns, rows[key]);
  }
}

async function insertBatch(prisma: PrismaClient, batch: Batch): Promise<void> {
  await insertRows(prisma, 'Customer', CUSTOMER_COLUMNS, batch.customers);
  await insertRows(prisma, 'Contact', CONTACT_COLUMNS, batch.contacts);
  await insertRows(prisma, 'Activity', ACTIVITY_COLUMNS, batch.activities);
}

/**
 * One INSERT ... SELECT FROM json_to_recordset() per table and batch, the rows travelling as one JSON
 * parameter. createMany costs ~0.3 ms of client CPU per row in Prisma's query interpreter (45 s for
 * 10k customers); this is about ten times faster.
 */
async function insertRows(prisma: PrismaClient, table: string, columns: Record<string, string>, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns).map((column) => `"${column}"`).join(', ');
  const definitions = Object.entries(columns).map(([column, type]) => `"${column}" ${type}`).join(', ');
  await prisma.$executeRawUnsafe(
    `INSERT INTO "${table}" (${names}) SELECT ${names} FROM json_to_recordset($1::json) AS t(${definitions})`,
    JSON.stringify(rows),
  );
}

// ---------------------------------------------------------------------------------------------
// Generation

interface Context {
  rng: Rng;
  now: number;
  owners: readonly string[];
}

interface Batch {
  customers: Prisma.CustomerCreateManyInput[];
  contacts: Prisma.ContactCreateManyInput[];
  activities: Prisma.ActivityCreateManyInput[];
}

interface Person {
  name: string;
  emailLocal: string;
}

interface ContactRef {
  id: string;
  name: string;
  hasBirthday: boolean;
}

function generateBatch(ctx: Context, size: number): Batch {
  const batch: Batch = { customers: [], contacts: [], activities: [] };
  for (let i = 0; i < size; i++) addCustomer(ctx, batch);
  return batch;
}

interface Draft {
  id: string;
  country: Country;
  province: string;
  city: string;
  area: string;
  tier: CustomerTier;
  stage: CustomerStage;
  industry: string;
  person: Person | null;
  company: { name: string; domain: string } | null;
  createdAt: number;
  lastContactedAt: number | null;
  ownerId: string | null;
  phone: string;
  email: string;
}

function addCustomer(ctx: Context, batch: Batch): void {
  const { rng } = ctx;
  const draft = draftCustomer(ctx);
  const { id: customerId, createdAt, person, company } = draft;
  batch.customers.push(customerRow(rng, draft));
  const contacts = person
    ? [addContact(ctx, batch, { customerId, createdAt, person, phone: draft.phone, email: draft.email, role: null, primary: true })]
    : addCompanyContacts(ctx, batch, { customerId, createdAt, country: draft.country, area: draft.area, domain: company!.domain });
  const actorId = draft.ownerId ?? rng.pick(ctx.owners); // pool customers keep their former rep's history
  const profile = TIERS[draft.tier];
  if (draft.lastContactedAt !== null) {
    addInteractions(ctx, batch, { customerId, actorId, contacts, createdAt, lastContactedAt: draft.lastContactedAt, profile });
  }
  if (draft.ownerId) {
    addTasks(ctx, batch, { customerId, ownerId: draft.ownerId, contact: contacts[0]!, createdAt, dormant: draft.tier === 'X' });
  }
}

function draftCustomer(ctx: Context): Draft {
  const { rng, now } = ctx;
  const country = rng.weighted(COUNTRIES);
  const [province, city, area] = rng.pick(country.cities);
  const tier = rng.weighted(TIER_WEIGHTS);
  const profile = TIERS[tier];
  const [industry, industryWords] = rng.pick(INDUSTRIES);
  const person = rng.chance(PERSON_SHARE) ? personName(rng, country) : null;
  const company = person ? null : companyName(rng, country, city, industryWords);
  const ageMs = rng.int(profile.minAgeDays * DAY, MAX_AGE_DAYS * DAY);
  const contactMs = rng.int(profile.contactDays[0] * DAY, Math.min(profile.contactDays[1] * DAY, ageMs));
  return {
    id: randomUUID(),
    country, province, city, area, tier, industry, person, company,
    stage: rng.weighted(profile.stages),
    createdAt: now - ageMs,
    lastContactedAt: rng.chance(profile.neverContacted) ? null : now - contactMs,
    ownerId: rng.chance(profile.pool) ? null : rng.pick(ctx.owners),
    phone: formatPhone(rng, country, area),
    email: person ? `${person.emailLocal}@${rng.pick(country.personalMail)}` : `info@${company!.domain}`,
  };
}

function customerRow(rng: Rng, draft: Draft): Prisma.CustomerCreateManyInput {
  const profile = TIERS[draft.tier];
  const name = draft.person?.name ?? draft.company!.name;
  const source = rng.weighted(SOURCES);
  const tags = tagsFor(rng, draft.tier, source, draft.country);
  const customFields = customFieldsFor(rng, profile, draft.company !== null);
  return {
    id: draft.id,
    name,
    nameKey: normalizeName(name),
    kind: draft.person ? 'PERSON' : 'COMPANY',
    industry: draft.person ? null : draft.industry,
    source,
    nature: draft.person ? null : tags.includes('distributor') ? 'DISTRIBUTOR' : 'END_CUSTOMER',
    size: typeof customFields.employees === 'number' ? sizeOf(customFields.employees) : null,
    ...resolveRegion({ country: draft.country.name, province: draft.province, city: draft.city }),
    phone: draft.phone,
    phoneDigits: phoneDigits(draft.phone),
    email: draft.email,
    website: draft.company ? `https://www.${draft.company.domain}` : null,
    tier: draft.tier,
    stage: draft.stage,
    ownerId: draft.ownerId,
    tags,
    customFields,
    annualContractValue: draft.stage === 'POTENTIAL' ? 0 : Math.floor(rng.int(...profile.value) / 100) * 100,
    lastContactedAt: draft.lastContactedAt === null ? null : new Date(draft.lastContactedAt),
    createdAt: new Date(draft.createdAt),
    updatedAt: new Date(draft.lastContactedAt ?? draft.createdAt),
  };
}

/** Headcount bands after China's enterprise classification (industry: <20 micro, <300 small, <1000 medium). */
function sizeOf(employees: number): CustomerSize {
  return employees < 20 ? 'MICRO' : employees < 300 ? 'SMALL' : employees < 1000 ? 'MEDIUM' : 'LARGE';
}

function personName(rng: Rng, country: Country): Person {
  const given = rng.pick(country.given);
  const family = rng.pick(country.family);
  return {
    name: country.chinese ? `${family} ${given}` : `${given} ${family}`,
    emailLocal: `${slug(given)}.${slug(family)}`,
  };
}

function companyName(rng: Rng, country: Country, city: string, words: readonly string[]): { name: string; domain: string } {
  const brand = rng.pick(country.brands);
  const word = rng.pick(words);
  const name = `${country.chinese ? `${city} ` : ''}${brand} ${word} ${rng.pick(country.suffixes)}`;
  return { name, domain: `${slug(`${brand} ${word}`)}.${country.tld}` };
}

function slug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function formatPhone(rng: Rng, country: Country, area: string): string {
  return rng.pick(country.phones).replace('{a}', area).replace(/#/g, () => String(rng.int(0, 9)));
}

function tagsFor(rng: Rng, tier: CustomerTier, source: string, country: Country): string[] {
  const tags: string[] = [];
  if (tier === 'A' && rng.chance(0.7)) tags.push('key-account');
  if ((tier === 'A' || tier === 'B') && rng.chance(0.3)) tags.push('vip');
  if (!country.chinese) tags.push('export');
  if (source === 'TRADE_SHOW' && rng.chance(0.6)) tags.push('trade-show-2026');
  if (rng.chance(0.15)) tags.push('distributor');
  if (rng.chance(0.2)) tags.push('price-sensitive');
  return tags;
}

function customFieldsFor(rng: Rng, profile: TierProfile, company: boolean): Prisma.InputJsonObject {
  const creditLevel = rng.pick(profile.credit);
  // Log-uniform 10..5000 staff: many small firms, few large ones.
  return company ? { creditLevel, employees: Math.round(10 * 500 ** (rng.int(0, 1000) / 1000)) } : { creditLevel };
}

interface ContactSpec {
  customerId: string;
  createdAt: number;
  person: Person;
  phone: string;
  email: string | null;
  role: readonly [string, string] | null;
  primary: boolean;
}

function addContact(ctx: Context, batch: Batch, spec: ContactSpec): ContactRef {
  const { rng } = ctx;
  const id = randomUUID();
  const birthday = rng.chance(0.4) ? new Date(Date.UTC(rng.int(1960, 2000), rng.int(0, 11), rng.int(1, 28))) : null;
  batch.contacts.push({
    id,
    customerId: spec.customerId,
    name: spec.person.name,
    title: spec.role?.[0] ?? null,
    department: spec.role?.[1] ?? null,
    email: spec.email,
    phone: spec.phone,
    phoneDigits: phoneDigits(spec.phone),
    birthday,
    isPrimary: spec.primary,
    createdAt: new Date(spec.createdAt),
    updatedAt: new Date(spec.createdAt),
  });
  return { id, name: spec.person.name, hasBirthday: birthday !== null };
}

function addCompanyContacts(
  ctx: Context,
  batch: Batch,
  company: { customerId: string; createdAt: number; country: Country; area: string; domain: string },
): ContactRef[] {
  const { rng } = ctx;
  const count = rng.weighted(CONTACT_COUNTS);
  return Array.from({ length: count }, (_, index) => {
    const person = personName(rng, company.country);
    const role = index === 0 ? ROLES[rng.int(0, DECISION_MAKERS - 1)]! : rng.pick(ROLES);
    const email = rng.chance(0.9) ? `${person.emailLocal}@${company.domain}` : null;
    const phone = formatPhone(rng, company.country, company.area);
    const { customerId, createdAt } = company;
    return addContact(ctx, batch, { customerId, createdAt, person, phone, email, role, primary: index === 0 });
  });
}

interface InteractionSpec {
  customerId: string;
  actorId: string;
  contacts: readonly ContactRef[];
  createdAt: number;
  lastContactedAt: number;
  profile: TierProfile;
}

/** Past activities between creation and the last contact; the first real interaction is the last contact. */
function addInteractions(ctx: Context, batch: Batch, spec: InteractionSpec): void {
  const { rng } = ctx;
  let lastPlaced = false;
  for (let i = rng.int(...spec.profile.interactions); i > 0; i--) {
    const kind = rng.weighted(KIND_WEIGHTS);
    const at = new Date(!lastPlaced && kind !== 'NOTE' ? spec.lastContactedAt : rng.int(spec.createdAt, spec.lastContactedAt));
    if (kind !== 'NOTE') lastPlaced = true;
    const contact = rng.chance(0.5) ? spec.contacts[0]! : rng.pick(spec.contacts);
    const { verb, subjects, outcomes } = KINDS[kind];
    const subject = kind === 'CARE' && contact.hasBirthday && rng.chance(0.5) ? 'Birthday greetings' : rng.pick(subjects);
    batch.activities.push(activityRow({
      customerId: spec.customerId,
      contactId: kind === 'NOTE' ? null : contact.id,
      kind,
      subject,
      body: `${verb} ${contact.name} about ${rng.pick(TOPICS)}.`,
      outcome: outcomes.length > 0 ? rng.pick(outcomes) : null,
      ownerId: spec.actorId,
      completedAt: at,
      createdAt: at,
    }));
  }
}

interface TaskSpec {
  customerId: string;
  ownerId: string;
  contact: ContactRef;
  createdAt: number;
  dormant: boolean;
}

function addTasks(ctx: Context, batch: Batch, spec: TaskSpec): void {
  const { rng, now } = ctx;
  for (let i = rng.weighted(TASK_COUNTS); i > 0; i--) {
    const { dueAt, completedAt } = taskTiming(rng, now, now - spec.createdAt, spec.dormant);
    const createdAt = Math.max(spec.createdAt, Math.min(now, dueAt) - rng.int(2 * HOUR, 7 * DAY));
    const { contact } = spec;
    batch.activities.push(activityRow({
      customerId: spec.customerId,
      contactId: contact.id,
      kind: 'TASK',
      subject: spec.dormant ? 'Win-back call' : rng.pick(TASKS),
      body: `Follow up with ${contact.name} about ${rng.pick(TOPICS)}.`,
      outcome: completedAt === null ? null : 'Done',
      ownerId: spec.ownerId,
      assigneeId: spec.ownerId,
      dueAt: new Date(dueAt),
      remindAt: new Date(dueAt - 30 * MINUTE),
      completedAt: completedAt === null ? null : new Date(completedAt),
      createdAt: new Date(createdAt),
    }));
  }
}

/** Due times on the half hour; past tasks stay after the customer's creation. */
function taskTiming(rng: Rng, now: number, ageMs: number, dormant: boolean): { dueAt: number; completedAt: number | null } {
  const halfHour = (time: number) => Math.floor(time / (30 * MINUTE)) * 30 * MINUTE;
  // Dormant customers only get open win-back tasks.
  const state = ageMs < 2 * DAY ? 'upcoming' : rng.weighted(dormant ? TASK_STATES.slice(0, 2) : TASK_STATES);
  if (state === 'upcoming') return { dueAt: halfHour(now + rng.int(DAY, 14 * DAY)), completedAt: null };
  const dueAt = halfHour(now - rng.int(DAY, Math.min(state === 'overdue' ? 21 * DAY : 90 * DAY, ageMs - DAY)));
  return { dueAt, completedAt: state === 'overdue' ? null : dueAt + rng.int(-HOUR, 4 * HOUR) };
}

function activityRow(row: Omit<Prisma.ActivityCreateManyInput, 'id' | 'updatedAt'> & { createdAt: Date }): Prisma.ActivityCreateManyInput {
  return { id: randomUUID(), ...row, updatedAt: row.completedAt ?? row.createdAt };
}
