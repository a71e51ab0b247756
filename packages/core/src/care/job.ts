// The customer care job: for each birthday, holiday and file review that comes due, one task for
// the customer's owner and an alert, exactly once per occurrence (the task's source key is unique).
import { CORE_ALERT_MESSAGES } from '../alerts/core-messages.js';
import { alertMessage } from '../alerts/messages.js';
import { emitAlerts, type AlertInput } from '../alerts/service.js';
import { scheduledAlerts } from '../activities/alerts.js';
import type { PrismaClient } from '../db/client.js';
import { errorMessages, type ErrorMessageKey } from '../error-messages.js';
import type { JobDefinition } from '../jobs/runner.js';
import { ActivityKind } from '../../generated/prisma/client.js';
import { uuidv7 } from '../shared/ids.js';
import { type Language, localDayStart } from '../shared/locale.js';
import type { CareRules } from './config.js';
import { addDays, birthdayInWindow, birthdayMonthDays, careWindow, fileReviewCutoff, type Holiday, holidaysInWindow } from './rules.js';

/** What the care tasks carry as their source: `<occasion>:<what>:<occurrence>` in sourceId. */
export const CARE_SOURCE_TYPE = 'CustomerCare';
const FILE_REVIEW_PREFIX = 'file-review:';
const CHUNK = 500;
const SUBJECT_LENGTH = 200;

export type CustomerCareConfig = CareRules & {
  /** The deployment's zone: the local day birthdays and holidays fall on (RAPPORT_TIMEZONE). */
  timeZone: string;
  /** The language task subjects are written in (RAPPORT_LOCALE). */
  language: Language;
};

interface CareTask {
  customerId: string;
  ownerId: string;
  contactId: string | null;
  kind: ActivityKind;
  subject: string;
  dueAt: Date;
  /** Unique per occurrence: the same one never makes a second task. */
  sourceId: string;
  /** The alert for this task alone; holiday tasks share one per owner (holidayAlerts). */
  alert: AlertInput | null;
}

function subjectOf(key: ErrorMessageKey, params: Record<string, string>, language: Language): string {
  return errorMessages(key, params)[language].slice(0, SUBJECT_LENGTH);
}

/** Due on the day: its last minute in the deployment's zone. */
function endOfDay(day: string, timeZone: string): Date {
  return new Date(localDayStart(addDays(day, 1), timeZone).getTime() - 60_000);
}

/**
 * Inserts the tasks that do not exist yet (by source key) with their alerts and reminders, a chunk
 * per transaction, so a task and its alert exist together or not at all. Returns the new tasks.
 */
async function createCareTasks(prisma: PrismaClient, tasks: readonly CareTask[], now: Date, extraAlerts: (created: CareTask[]) => AlertInput[] = () => []) {
  const created: CareTask[] = [];
  for (let i = 0; i < tasks.length; i += CHUNK) {
    const chunk = tasks.slice(i, i + CHUNK);
    await prisma.$transaction(async (tx) => {
      const rows = await tx.activity.createManyAndReturn({
        data: chunk.map((t) => ({
          id: uuidv7(now.getTime()),
          customerId: t.customerId,
          contactId: t.contactId,
          kind: t.kind,
          subject: t.subject,
          ownerId: t.ownerId,
          dueAt: t.dueAt,
          sourceType: CARE_SOURCE_TYPE,
          sourceId: t.sourceId,
        })),
        skipDuplicates: true,
      });
      const bySource = new Map(chunk.map((t) => [t.sourceId, t]));
      const fresh = rows.map((row) => bySource.get(row.sourceId!)!);
      const alerts = [...fresh.flatMap((t) => (t.alert ? [t.alert] : [])), ...rows.flatMap(scheduledAlerts), ...extraAlerts(fresh)];
      await emitAlerts(tx, alerts, now);
      created.push(...fresh);
    });
  }
  return created;
}

/** Birthdays of contacts of owned, active customers within the lead days. */
export async function raiseBirthdayCare(prisma: PrismaClient, config: CustomerCareConfig, now: Date): Promise<number> {
  const window = careWindow(now, config.timeZone, config.leadDays);
  const contacts = await prisma.$queryRaw<Array<{ id: string; name: string; birthday: string; customerId: string; customer: string; ownerId: string }>>`
    SELECT ct."id", ct."name", to_char(ct."birthday", 'YYYY-MM-DD') AS "birthday", c."id" AS "customerId", c."name" AS "customer", c."ownerId"
    FROM "Contact" ct JOIN "Customer" c ON c."id" = ct."customerId"
    WHERE ct."birthday" IS NOT NULL AND c."ownerId" IS NOT NULL AND c."archivedAt" IS NULL
      AND to_char(ct."birthday", 'MM-DD') = ANY(${birthdayMonthDays(window)}::text[])`;
  const tasks = contacts.flatMap((contact): CareTask[] => {
    const day = birthdayInWindow(contact.birthday, window);
    if (!day) return [];
    const sourceId = `birthday:${contact.id}:${day}`;
    const params = { contact: contact.name, customer: contact.customer };
    return [
      {
        customerId: contact.customerId,
        ownerId: contact.ownerId,
        contactId: contact.id,
        kind: ActivityKind.CARE,
        subject: subjectOf('care.birthdaySubject', params, config.language),
        dueAt: endOfDay(day, config.timeZone),
        sourceId,
        alert: {
          recipientId: contact.ownerId,
          ...alertMessage(CORE_ALERT_MESSAGES, 'BIRTHDAY_CARE_DUE', { ...params, day }),
          entity: { type: 'Customer', id: contact.customerId },
          dedupeKey: `care:${sourceId}`,
        },
      },
    ];
  });
  return (await createCareTasks(prisma, tasks, now)).length;
}

/**
 * Holidays within the lead days: a task per owned, active customer of the holiday tiers, and one
 * alert per owner and holiday saying how many customers to greet (not one per customer).
 */
export async function raiseHolidayCare(prisma: PrismaClient, config: CustomerCareConfig, now: Date): Promise<number> {
  if (config.holidayTiers.length === 0) return 0;
  let count = 0;
  for (const { holiday, day } of holidaysInWindow(config.holidays, careWindow(now, config.timeZone, config.leadDays))) {
    const prefix = `holiday:${holiday.name}:${day}:`;
    const customers = await prisma.$queryRaw<Array<{ id: string; name: string; ownerId: string }>>`
      SELECT c."id", c."name", c."ownerId" FROM "Customer" c
      WHERE c."ownerId" IS NOT NULL AND c."archivedAt" IS NULL AND c."tier"::text = ANY(${config.holidayTiers}::text[])
        AND NOT EXISTS (SELECT 1 FROM "Activity" a WHERE a."sourceType" = ${CARE_SOURCE_TYPE} AND a."sourceId" = ${prefix} || c."id"::text)`;
    const tasks = customers.map(
      (c): CareTask => ({
        customerId: c.id,
        ownerId: c.ownerId,
        contactId: null,
        kind: ActivityKind.CARE,
        subject: subjectOf('care.holidaySubject', { holiday: holidayName(holiday, config.language), customer: c.name }, config.language),
        dueAt: endOfDay(day, config.timeZone),
        sourceId: `${prefix}${c.id}`,
        alert: null,
      }),
    );
    const perOwner = new Map<string, number>();
    for (const task of tasks) perOwner.set(task.ownerId, (perOwner.get(task.ownerId) ?? 0) + 1);
    count += (await createCareTasks(prisma, tasks, now, (created) => holidayAlerts(holiday, day, created, perOwner))).length;
  }
  return count;
}

function holidayName(holiday: Holiday, language: Language): string {
  return language === 'en' ? (holiday.nameEn ?? holiday.name) : holiday.name;
}

/**
 * One HOLIDAY_CARE_DUE per owner with new tasks, counting all of the owner's new tasks of the holiday
 * (a later chunk for the same owner adds nothing: same dedupe key).
 */
function holidayAlerts(holiday: Holiday, day: string, created: readonly CareTask[], perOwner: ReadonlyMap<string, number>): AlertInput[] {
  return [...new Set(created.map((t) => t.ownerId))].map((ownerId) => ({
    recipientId: ownerId,
    ...alertMessage(CORE_ALERT_MESSAGES, 'HOLIDAY_CARE_DUE', { holiday: holiday.name, holidayEn: holiday.nameEn ?? holiday.name, day, count: perOwner.get(ownerId) ?? 0 }),
    dedupeKey: `care:holiday:${holiday.name}:${day}:${ownerId}`,
  }));
}

/**
 * Owned, active customers whose file was last reviewed (a review task completed) or created at
 * least fileReviewDays ago and that have no open review task: a review task due today. Completing
 * it records the review, so the next comes fileReviewDays after the completion. The task is a TASK,
 * not CARE: reviewing the file is no contact with the customer (it must not hold off the pool release).
 */
export async function raiseFileReviews(prisma: PrismaClient, config: CustomerCareConfig, now: Date): Promise<number> {
  if (config.fileReviewDays === 0) return 0;
  const cutoff = fileReviewCutoff(now, config.fileReviewDays);
  const customers = await prisma.$queryRaw<Array<{ id: string; name: string; ownerId: string; basis: Date }>>`
    SELECT c."id", c."name", c."ownerId", COALESCE(r."at", c."createdAt") AS "basis"
    FROM "Customer" c
    LEFT JOIN LATERAL (
      SELECT max(a."completedAt") AS "at" FROM "Activity" a
      WHERE a."customerId" = c."id" AND a."sourceType" = ${CARE_SOURCE_TYPE} AND a."sourceId" LIKE ${`${FILE_REVIEW_PREFIX}%`}
    ) r ON true
    WHERE c."ownerId" IS NOT NULL AND c."archivedAt" IS NULL AND COALESCE(r."at", c."createdAt") <= ${cutoff}
      AND NOT EXISTS (
        SELECT 1 FROM "Activity" a WHERE a."customerId" = c."id" AND a."sourceType" = ${CARE_SOURCE_TYPE}
          AND a."sourceId" LIKE ${`${FILE_REVIEW_PREFIX}%`} AND a."completedAt" IS NULL)`;
  const today = careWindow(now, config.timeZone, 0).from;
  const tasks = customers.map((c): CareTask => {
    const sourceId = `${FILE_REVIEW_PREFIX}${c.id}:${c.basis.toISOString()}`;
    return {
      customerId: c.id,
      ownerId: c.ownerId,
      contactId: null,
      kind: ActivityKind.TASK,
      subject: subjectOf('care.fileReviewSubject', { customer: c.name }, config.language),
      dueAt: endOfDay(today, config.timeZone),
      sourceId,
      alert: {
        recipientId: c.ownerId,
        ...alertMessage(CORE_ALERT_MESSAGES, 'CUSTOMER_FILE_REVIEW_DUE', { customer: c.name, days: config.fileReviewDays }),
        entity: { type: 'Customer', id: c.id },
        dedupeKey: `care:${sourceId}`,
      },
    };
  });
  return (await createCareTasks(prisma, tasks, now)).length;
}

export const customerCareJob: JobDefinition<CustomerCareConfig> = {
  name: 'core.customer-care',
  everyMs: 60 * 60_000,
  async run({ prisma, clock, config, log }) {
    const now = clock.now();
    const birthdays = await raiseBirthdayCare(prisma, config, now);
    const holidays = await raiseHolidayCare(prisma, config, now);
    const reviews = await raiseFileReviews(prisma, config, now);
    if (birthdays || holidays || reviews) log(`core.customer-care: ${birthdays} birthday, ${holidays} holiday and ${reviews} file review task(s) created`);
  },
};
