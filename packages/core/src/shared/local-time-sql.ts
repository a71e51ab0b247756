// Statistics cut days, weeks and months at local midnight: timestamps are stored as UTC without a
// zone, so the bucket is taken in the reader's zone and its start turned back into UTC.
import { actingUserId, type Viewer } from '../auth/viewer.js';
import type { PrismaClient } from '../db/client.js';
import { InputError } from '../errors.js';
import { Prisma } from '../../generated/prisma/client.js';
import { isTimeZone } from './locale.js';

export type PeriodUnit = 'day' | 'week' | 'month';

/** SQL for the first instant (UTC) of the local day, ISO week (Monday) or month a UTC column falls in. */
export function localPeriodStart(unit: PeriodUnit, column: Prisma.Sql, timeZone: string): Prisma.Sql {
  const zone = Prisma.sql`${timeZone}::text`;
  return Prisma.sql`(date_trunc(${Prisma.raw(`'${unit}'`)}, (${column} AT TIME ZONE 'UTC') AT TIME ZONE ${zone}) AT TIME ZONE ${zone}) AT TIME ZONE 'UTC'`;
}

/** The zone a report is cut in: the one asked for, else the reader's own, else the deployment's. */
export async function reportTimeZone(prisma: PrismaClient, viewer: Viewer | null, asked: string | null | undefined, deployment: string): Promise<string> {
  if (asked != null) {
    if (!isTimeZone(asked)) throw new InputError([{ field: 'timeZone', message: 'must be an IANA time zone, e.g. Asia/Shanghai' }]);
    return asked;
  }
  const userId = actingUserId(viewer);
  const user = userId ? await prisma.user.findUnique({ where: { id: userId }, select: { timeZone: true } }) : null;
  return user?.timeZone ?? deployment;
}
