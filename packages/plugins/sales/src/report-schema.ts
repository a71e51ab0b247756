import { canViewFinancials, isUuid, Prisma, rawId, requirePermission, type CoreRefs, type RapportBuilder, type RapportContext, type Viewer } from '@rapport/core';
import { calendarDay, money } from './access.js';
import type { SalesConfig } from './config.js';
import { salesLeaderboard, weeklySalesRows, winRateReport, type WinRateDimension } from './reports.js';
import { ratio, weekOf } from './target-rules.js';

type User = { id: string; name: string; email: string };

/** Users named by report rows, in one statement. */
async function usersById(ctx: RapportContext, ids: Array<string | null>): Promise<Map<string, User>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const users = await ctx.prisma.user.findMany({ where: { id: { in: wanted } } });
  return new Map(users.map((u) => [u.id, u]));
}

/**
 * Reports beyond the board (pipeline by stage: `pipelineBoard`) and the forecast: the leaderboard,
 * win rate with the average sales cycle, and the weekly sales management report. SQL aggregates under
 * the viewer's customer rule, days in the deployment's time zone; amounts null without customer.viewFinancials.
 */
export function registerReportSchema(builder: RapportBuilder, refs: CoreRefs, config: SalesConfig) {

  type LeaderRow = Awaited<ReturnType<typeof salesLeaderboard>>[number] & { viewer: Viewer | null; owner: User | null; rank: number };
  const LeaderRowRef = builder.objectRef<LeaderRow>('SalesLeaderboardRow').implement({
    description: 'One rep’s sales figures in the range, from the facts you may see.',
    fields: (t) => ({
      rank: t.exposeInt('rank', { description: '1 for the best revenue (then new customers, then collections); by new customers only without customer.viewFinancials.' }),
      owner: t.field({ type: refs.User, nullable: true, description: 'The rep.', resolve: (r) => r.owner as never }),
      revenue: t.field({ type: 'Decimal', nullable: true, description: 'Won opportunities and signed contracts (counted once); null without customer.viewFinancials.', resolve: (r) => money(r.viewer, r.revenue) }),
      deals: t.exposeInt('deals', { description: 'How many won opportunities and signed contracts make the revenue.' }),
      grossMargin: t.field({ type: 'Decimal', nullable: true, description: 'Of signed contracts’ lines whose product has a cost; null without customer.viewFinancials.', resolve: (r) => money(r.viewer, r.grossMargin) }),
      collections: t.field({ type: 'Decimal', nullable: true, description: 'Confirmed payments received; null without customer.viewFinancials.', resolve: (r) => money(r.viewer, r.collections) }),
      newCustomers: t.exposeInt('newCustomers', { description: 'Customers whose first deal fell in the range.' }),
    }),
  });
  const LeaderboardInput = builder.inputType('SalesLeaderboardInput', {
    description: 'The range, currency and optionally the team of a leaderboard.',
    fields: (t) => ({
      from: t.field({ type: 'Date', required: true, description: 'First day (deployment time zone).' }),
      to: t.field({ type: 'Date', required: true, description: 'The day after the last.' }),
      currency: t.string({ description: 'Money in this currency only; default pluginConfig.sales.defaultCurrency.' }),
      teamId: t.globalID({ for: refs.Team, description: 'Only reps now in this team.' }),
    }),
  });

  const WinDimension = builder.enumType('SalesWinRateDimension', { values: ['OWNER', 'TEAM'] as const, description: 'What a win-rate report is grouped by.' });
  type WinRow = Awaited<ReturnType<typeof winRateReport>>[number] & { viewer: Viewer | null; owner: User | null };
  const WinRowRef = builder.objectRef<WinRow>('SalesWinRateRow').implement({
    description: 'Opportunities closed in the range, for one group and currency.',
    fields: (t) => ({
      owner: t.field({ type: refs.User, nullable: true, description: 'The owner, when grouped by OWNER.', resolve: (r) => r.owner as never }),
      team: t.field({ type: refs.Team, nullable: true, description: 'The team, when grouped by TEAM.', resolve: (r, _a, ctx) => (r.teamId ? ctx.prisma.team.findUnique({ where: { id: r.teamId } }) : null) }),
      currency: t.exposeString('currency', { description: 'ISO 4217 of the amounts.' }),
      won: t.exposeInt('won', { description: 'Opportunities won.' }),
      lost: t.exposeInt('lost', { description: 'Opportunities lost.' }),
      winRate: t.float({ nullable: true, description: 'won ÷ (won + lost), to four decimals.', resolve: (r) => r.winRate }),
      wonAmount: t.field({ type: 'Decimal', nullable: true, description: 'Sum of the won amounts; null without customer.viewFinancials.', resolve: (r) => money(r.viewer, r.wonAmount) }),
      averageCycleDays: t.float({ nullable: true, description: 'Mean days from created to won (calendar days, deployment time zone), to one decimal; null without wins.', resolve: (r) => (r.averageCycleDays === null ? null : Number(r.averageCycleDays)) }),
    }),
  });
  const WinRateInput = builder.inputType('SalesWinRateInput', {
    description: 'The range (by the day opportunities closed) and grouping of a win-rate report.',
    fields: (t) => ({
      from: t.field({ type: 'Date', required: true, description: 'First day (deployment time zone).' }),
      to: t.field({ type: 'Date', required: true, description: 'The day after the last.' }),
      groupBy: t.field({ type: [WinDimension], required: true, description: 'Any of OWNER, TEAM; empty: one row per currency.' }),
    }),
  });

  type WeekRow = Awaited<ReturnType<typeof weeklySalesRows>>[number] & { viewer: Viewer | null; owner: User | null };
  const WeekRowRef = builder.objectRef<WeekRow>('WeeklySalesReportRow').implement({
    description: 'One rep’s week (销售管理周报 line).',
    fields: (t) => ({
      owner: t.field({ type: refs.User, nullable: true, description: 'The rep.', resolve: (r) => r.owner as never }),
      newCustomers: t.exposeInt('newCustomers', { description: '新开发客户数: customers whose first deal fell in the week.' }),
      collections: t.field({ type: 'Decimal', nullable: true, description: '货款回收: confirmed payments received; null without customer.viewFinancials.', resolve: (r) => money(r.viewer, r.collections) }),
      visits: t.exposeInt('visits', { description: 'Completed VISIT activities the rep owns.' }),
      effectiveVisits: t.exposeInt('effectiveVisits', { description: 'Of those, the ones with an outcome written down.' }),
      effectiveVisitRate: t.float({ nullable: true, description: '有效访问率: effectiveVisits ÷ visits, to four decimals; null without visits.', resolve: (r) => ratio(r.effectiveVisits, r.visits) }),
      deals: t.exposeInt('deals', { description: 'Won opportunities and signed contracts (counted once).' }),
      dealRate: t.float({ nullable: true, description: '交易率: deals ÷ visits, to four decimals; null without visits.', resolve: (r) => ratio(r.deals, r.visits) }),
      sales: t.field({ type: 'Decimal', nullable: true, description: '销售额: the deals’ revenue; null without customer.viewFinancials.', resolve: (r) => money(r.viewer, r.sales) }),
    }),
  });
  type Week = { weekStart: Date; weekEnd: Date; currency: string; rows: WeekRow[]; viewer: Viewer | null };
  const sum = (rows: WeekRow[], pick: (r: WeekRow) => Prisma.Decimal) => rows.reduce((s, r) => s.add(pick(r)), new Prisma.Decimal(0));
  const WeekRef = builder.objectRef<Week>('WeeklySalesReport').implement({
    description: 'The weekly sales management report (销售管理周报, seed 004’s 周进度控制) of one week, per rep and in total.',
    fields: (t) => ({
      weekStart: t.field({ type: 'Date', description: 'First day of the week (pluginConfig.sales.weekStartsOn).', resolve: (w) => w.weekStart }),
      weekEnd: t.field({ type: 'Date', description: 'The day after its last.', resolve: (w) => w.weekEnd }),
      currency: t.exposeString('currency', { description: 'ISO 4217 of the amounts.' }),
      rows: t.field({ type: [WeekRowRef], description: 'Reps with anything to show, best sales first.', resolve: (w) => w.rows }),
      newCustomers: t.int({ description: 'Total new customers developed.', resolve: (w) => w.rows.reduce((s, r) => s + r.newCustomers, 0) }),
      collections: t.field({ type: 'Decimal', nullable: true, description: 'Total collections; null without customer.viewFinancials.', resolve: (w) => money(w.viewer, sum(w.rows, (r) => r.collections)) }),
      effectiveVisitRate: t.float({
        nullable: true,
        description: 'All effective visits ÷ all visits.',
        resolve: (w) => ratio(w.rows.reduce((s, r) => s + r.effectiveVisits, 0), w.rows.reduce((s, r) => s + r.visits, 0)),
      }),
      dealRate: t.float({ nullable: true, description: 'All deals ÷ all visits.', resolve: (w) => ratio(w.rows.reduce((s, r) => s + r.deals, 0), w.rows.reduce((s, r) => s + r.visits, 0)) }),
      sales: t.field({ type: 'Decimal', nullable: true, description: 'Total sales; null without customer.viewFinancials.', resolve: (w) => money(w.viewer, sum(w.rows, (r) => r.sales)) }),
      averageSalesPerRep: t.field({
        type: 'Decimal',
        nullable: true,
        description: '平均每人每周销售额: total sales ÷ reps listed, to the cent (half up); null without reps or customer.viewFinancials.',
        resolve: (w) => (w.rows.length ? money(w.viewer, sum(w.rows, (r) => r.sales).div(w.rows.length).toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP)) : null),
      }),
    }),
  });
  const WeeklyInput = builder.inputType('WeeklySalesReportInput', {
    description: 'Which week (and team) the weekly sales management report covers.',
    fields: (t) => ({
      day: t.field({ type: 'Date', description: 'Any day of the week; default today (deployment time zone).' }),
      currency: t.string({ description: 'Money in this currency only; default pluginConfig.sales.defaultCurrency.' }),
      teamId: t.globalID({ for: refs.Team, description: 'Only reps now in this team.' }),
    }),
  });

  const teamOf = (id: { id: string } | null | undefined) => {
    const raw = rawId(id);
    return raw && isUuid(raw) ? raw : raw ? '00000000-0000-0000-0000-000000000000' : null;
  };

  builder.queryFields((t) => ({
    salesLeaderboard: t.field({
      type: [LeaderRowRef],
      description: 'Reps ranked by revenue, with collections, gross margin and new customers in the range (two statements).',
      args: { input: t.arg({ type: LeaderboardInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        requirePermission(ctx.viewer, 'customer.read');
        const rows = await salesLeaderboard(
          ctx.reportDb,
          ctx.viewer,
          { from: input.from, to: input.to, timeZone: config.timeZone, currency: input.currency ?? config.defaultCurrency },
          teamOf(input.teamId),
          canViewFinancials(ctx.viewer),
        );
        const users = await usersById(ctx, rows.map((r) => r.ownerId));
        return rows.map((r, i) => ({ ...r, rank: i + 1, viewer: ctx.viewer, owner: users.get(r.ownerId) ?? null }));
      },
    }),
    salesWinRate: t.field({
      type: [WinRowRef],
      description: 'Win rate and average sales cycle of opportunities closed in the range, by owner and/or team (one statement, plus the owners).',
      args: { input: t.arg({ type: WinRateInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        requirePermission(ctx.viewer, 'customer.read');
        const rows = await winRateReport(ctx.reportDb, ctx.viewer, { from: input.from, to: input.to, timeZone: config.timeZone, groupBy: input.groupBy as WinRateDimension[] });
        const users = await usersById(ctx, rows.map((r) => r.ownerId));
        return rows.map((r) => ({ ...r, viewer: ctx.viewer, owner: r.ownerId ? (users.get(r.ownerId) ?? null) : null }));
      },
    }),
    weeklySalesReport: t.field({
      type: WeekRef,
      description: 'The weekly sales management report (销售管理周报): per rep new customers, collections, effective visit rate, deal rate and sales (two statements).',
      args: { input: t.arg({ type: WeeklyInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        requirePermission(ctx.viewer, 'customer.read');
        const week = weekOf(input.day ?? calendarDay(ctx.clock.now(), config.timeZone), config.weekStartsOn);
        const currency = input.currency ?? config.defaultCurrency;
        const rows = await weeklySalesRows(ctx.reportDb, ctx.viewer, { from: week.start, to: week.end, timeZone: config.timeZone, currency }, teamOf(input.teamId));
        const users = await usersById(ctx, rows.map((r) => r.ownerId));
        return {
          weekStart: week.start,
          weekEnd: week.end,
          currency,
          viewer: ctx.viewer,
          rows: rows.map((r) => ({ ...r, viewer: ctx.viewer, owner: users.get(r.ownerId) ?? null })),
        };
      },
    }),
  }));
}
