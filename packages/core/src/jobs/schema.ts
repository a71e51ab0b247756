import type { Prisma } from '../../generated/prisma/client.js';
import type { RapportBuilder } from '../schema/builder.js';

function runsWhere(args: { job?: string | null; failedOnly?: boolean | null }): Prisma.JobRunWhereInput {
  return { ...(args.job ? { job: args.job } : {}), ...(args.failedOnly ? { succeeded: false } : {}) };
}

/** The periodic jobs' state and run history, for admins (audit.read): what ran, what failed, what retries when. */
export function registerJobSchema(builder: RapportBuilder) {
  const JobRun = builder.prismaObject('JobRun', {
    description: 'One run of a periodic job.',
    fields: (t) => ({
      id: t.exposeID('id'),
      job: t.exposeString('job', { description: 'e.g. customers.follow-up.' }),
      instance: t.exposeString('holder', { description: 'The server instance that ran it.' }),
      startedAt: t.expose('startedAt', { type: 'DateTime' }),
      finishedAt: t.expose('finishedAt', { type: 'DateTime' }),
      succeeded: t.exposeBoolean('succeeded'),
      error: t.exposeString('error', { nullable: true, description: 'Why it failed (the message only).' }),
      attempt: t.exposeInt('attempt', { description: '1 for a regular run; 2, 3, … for retries after failures in a row.' }),
    }),
  });

  builder.prismaObject('JobLease', {
    name: 'ScheduledJob',
    description: 'A periodic job as the instances share it.',
    fields: (t) => ({
      name: t.exposeString('name'),
      nextRunAt: t.expose('leasedUntil', { type: 'DateTime', description: 'When it may run next: its period after a run, sooner for a retry.' }),
      consecutiveFailures: t.exposeInt('failures'),
      lastRun: t.field({
        type: JobRun,
        nullable: true,
        resolve: (lease, _args, ctx) => ctx.prisma.jobRun.findFirst({ where: { job: lease.name }, orderBy: [{ startedAt: 'desc' }, { id: 'desc' }] }),
      }),
    }),
  });

  builder.queryField('scheduledJobs', (t) =>
    t.prismaField({
      type: ['JobLease'],
      description: 'Every periodic job that has run, by name (audit.read).',
      authScopes: { permission: 'audit.read' },
      resolve: (query, _root, _args, ctx) => ctx.prisma.jobLease.findMany({ ...query, orderBy: { name: 'asc' } }),
    }),
  );

  builder.queryField('jobRuns', (t) =>
    t.prismaConnection(
      {
        type: 'JobRun',
        cursor: 'id',
        description: 'Runs of the periodic jobs, newest first (audit.read).',
        authScopes: { permission: 'audit.read' },
        args: { job: t.arg.string(), failedOnly: t.arg.boolean() },
        resolve: (query, _root, args, ctx) =>
          ctx.prisma.jobRun.findMany({ ...query, where: runsWhere(args), orderBy: [{ startedAt: 'desc' }, { id: 'desc' }] }),
        totalCount: (_connection, args, ctx) => ctx.prisma.jobRun.count({ where: runsWhere(args) }),
      },
      { name: 'JobRunConnection' },
      { name: 'JobRunEdge' },
    ),
  );
}
