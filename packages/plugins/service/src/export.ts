// Tickets as an exportable list (core's exports registry): the tickets list's filter and row rule.
import { customerCode, type Exporter } from '@rapport/core';
import type { ServiceConfig } from './config.js';
import { ticketListWhere } from './filters.js';

export function ticketExporter(config: ServiceConfig): Exporter {
  return {
    entity: 'TICKET',
    description: 'Service tickets, as the tickets list filters them.',
    filterType: 'TicketFilter',
    columns: async () => [
      { key: 'code', header: '工单编号' },
      { key: 'subject', header: '主题' },
      { key: 'customer', header: '客户编号' },
      { key: 'customerName', header: '客户名称' },
      { key: 'type', header: '类型' },
      { key: 'channel', header: '渠道' },
      { key: 'priority', header: '优先级' },
      { key: 'status', header: '状态' },
      { key: 'assignee', header: '处理人' },
      { key: 'createdAt', header: '创建时间' },
      { key: 'firstResponseDueAt', header: '首次响应期限' },
      { key: 'resolutionDueAt', header: '解决期限' },
      { key: 'resolvedAt', header: '解决时间' },
      { key: 'breached', header: '超时' },
      { key: 'satisfactionRating', header: '满意度' },
    ],
    async batch(ctx, filter, after, size) {
      const rows = await ctx.prisma.ticket.findMany({
        where: { AND: [ticketListWhere(filter as never, ctx.viewer, config.ticketCodePrefix), ...(after ? [{ id: { gt: after } }] : [])] },
        orderBy: { id: 'asc' },
        take: size,
        include: { customer: { select: { number: true, name: true } }, assignee: { select: { email: true } } },
      });
      return rows.map((t) => ({
        id: t.id,
        cells: {
          code: customerCode(config.ticketCodePrefix, t.number),
          subject: t.subject,
          customer: customerCode(ctx.config.customerCodePrefix, t.customer.number),
          customerName: t.customer.name,
          type: t.type,
          channel: t.channel,
          priority: t.priority,
          status: t.status,
          assignee: t.assignee?.email ?? null,
          createdAt: t.createdAt,
          firstResponseDueAt: t.firstResponseDueAt,
          resolutionDueAt: t.resolutionDueAt,
          resolvedAt: t.resolvedAt,
          breached: t.firstResponseBreachedAt || t.resolutionBreachedAt ? '是' : '否',
          satisfactionRating: t.satisfactionRating,
        },
      }));
    },
  };
}
