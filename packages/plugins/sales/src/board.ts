import { customersVisibleSql, Prisma, type PrismaClient, type Viewer } from '@rapport/core';

interface ColumnTotals {
  stageId: string;
  count: number;
  amount: Prisma.Decimal;
  weightedAmount: Prisma.Decimal;
  topIds: string[] | null;
}

/**
 * Every stage of a pipeline with the visible opportunities in it — count, amount, weighted amount
 * and the first `top` by expected close date — in three statements whatever the number of stages.
 */
export async function pipelineBoard(prisma: PrismaClient, viewer: Viewer | null, query: { pipelineId: string | null; top: number; ownerIds: string[] | null }) {
  const pipeline = await prisma.salesPipeline.findFirst({
    where: query.pipelineId ? { id: query.pipelineId } : { isDefault: true },
    include: { stages: { orderBy: { position: 'asc' } } },
  });
  if (!pipeline) return [];
  const owners = query.ownerIds ? Prisma.sql`AND o."ownerId" = ANY(${query.ownerIds}::uuid[])` : Prisma.empty;
  const totals = await prisma.$queryRaw<ColumnTotals[]>`
    WITH visible AS (
      SELECT o."id", o."stageId", o."amount", o."expectedCloseDate",
             round(o."amount" * CASE o."status" WHEN 'WON' THEN 100 WHEN 'LOST' THEN 0 ELSE COALESCE(o."probability", s."probability") END / 100.0, 2) AS "weighted",
             row_number() OVER (PARTITION BY o."stageId" ORDER BY o."expectedCloseDate", o."id") AS "rank"
      FROM "Opportunity" o
      JOIN "Customer" c ON c."id" = o."customerId"
      JOIN "PipelineStage" s ON s."id" = o."stageId"
      WHERE o."pipelineId" = ${pipeline.id}::uuid AND ${customersVisibleSql(viewer, 'c')} ${owners}
    )
    SELECT "stageId", count(*)::int AS "count", sum("amount") AS "amount", sum("weighted") AS "weightedAmount",
           array_agg("id" ORDER BY "rank") FILTER (WHERE "rank" <= ${query.top}) AS "topIds"
    FROM visible GROUP BY "stageId"`;
  const byStage = new Map(totals.map((t) => [t.stageId, t]));
  const topIds = totals.flatMap((t) => t.topIds ?? []);
  const top = topIds.length ? await prisma.opportunity.findMany({ where: { id: { in: topIds } } }) : [];
  const byId = new Map(top.map((o) => [o.id, o]));
  const zero = new Prisma.Decimal(0);
  return pipeline.stages.map((stage) => {
    const column = byStage.get(stage.id);
    return {
      stage,
      count: column?.count ?? 0,
      amount: column?.amount ?? zero,
      weightedAmount: column?.weightedAmount ?? zero,
      top: (column?.topIds ?? []).map((id) => byId.get(id)!),
    };
  });
}
