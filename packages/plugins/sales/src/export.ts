// Opportunities as an exportable list (core's exports registry): the opportunities list's filter and
// row rule; amounts only for viewers with customer.viewFinancials, as in the graph.
import { canViewFinancials, customerCode, type Exporter } from '@rapport/core';
import type { SalesConfig } from './config.js';
import { opportunityListWhere } from './opportunity-list.js';

const COLUMNS = [
  { key: 'code', header: '商机编号' },
  { key: 'name', header: '商机名称' },
  { key: 'customer', header: '客户编号' },
  { key: 'customerName', header: '客户名称' },
  { key: 'contact', header: '联系人' },
  { key: 'pipeline', header: '业务类型' },
  { key: 'stage', header: '阶段' },
  { key: 'status', header: '状态' },
  { key: 'amount', header: '金额' },
  { key: 'currency', header: '币种' },
  { key: 'probability', header: '赢率' },
  { key: 'expectedCloseDate', header: '预计成交日期' },
  { key: 'source', header: '来源' },
  { key: 'competitor', header: '竞争对手' },
  { key: 'lostReason', header: '输单原因' },
  { key: 'owner', header: '负责人' },
  { key: 'createdAt', header: '创建时间' },
  { key: 'closedAt', header: '关闭时间' },
] as const;

export function opportunityExporter(config: SalesConfig): Exporter {
  return {
    entity: 'OPPORTUNITY',
    description: 'Sales opportunities, as the opportunities list filters them.',
    filterType: 'OpportunityFilter',
    columns: async (ctx) => COLUMNS.filter((c) => c.key !== 'amount' || canViewFinancials(ctx.viewer)),
    async batch(ctx, filter, after, size) {
      const rows = await ctx.prisma.opportunity.findMany({
        where: { AND: [opportunityListWhere(filter as never, ctx.viewer), ...(after ? [{ id: { gt: after } }] : [])] },
        orderBy: { id: 'asc' },
        take: size,
        include: {
          customer: { select: { number: true, name: true } },
          contact: { select: { name: true } },
          pipeline: { select: { name: true } },
          stage: { select: { name: true, probability: true } },
          owner: { select: { email: true } },
        },
      });
      const financials = canViewFinancials(ctx.viewer);
      return rows.map((o) => ({
        id: o.id,
        cells: {
          code: customerCode(config.opportunityCodePrefix, o.number),
          name: o.name,
          customer: customerCode(ctx.config.customerCodePrefix, o.customer.number),
          customerName: o.customer.name,
          contact: o.contact?.name ?? null,
          pipeline: o.pipeline.name,
          stage: o.stage.name,
          status: o.status,
          amount: financials ? o.amount.toFixed(2) : null,
          currency: o.currency,
          probability: o.probability ?? o.stage.probability,
          expectedCloseDate: o.expectedCloseDate.toISOString().slice(0, 10),
          source: o.source,
          competitor: o.competitor,
          lostReason: o.lostReason,
          owner: o.owner.email,
          createdAt: o.createdAt,
          closedAt: o.closedAt,
        },
      }));
    },
  };
}
