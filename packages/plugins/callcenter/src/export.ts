// Calls as an exportable list (core's exports registry): the calls list's filter and row rule.
import { customerCode, type Exporter } from '@rapport/core';
import { callListWhere } from './access.js';

export const callExporter: Exporter = {
  entity: 'CALL',
  description: 'Call logs, as the calls list filters them.',
  filterType: 'CallFilter',
  columns: async () => [
    { key: 'startedAt', header: '开始时间' },
    { key: 'direction', header: '方向' },
    { key: 'from', header: '主叫' },
    { key: 'to', header: '被叫' },
    { key: 'customer', header: '客户编号' },
    { key: 'customerName', header: '客户名称' },
    { key: 'contact', header: '联系人' },
    { key: 'agent', header: '坐席' },
    { key: 'disposition', header: '结果' },
    { key: 'outcome', header: '处理结果' },
    { key: 'ringSeconds', header: '振铃秒数' },
    { key: 'talkSeconds', header: '通话秒数' },
    { key: 'notes', header: '备注' },
  ],
  async batch(ctx, filter, after, size) {
    const rows = await ctx.prisma.call.findMany({
      where: { AND: [callListWhere(filter as never, ctx.viewer), ...(after ? [{ id: { gt: after } }] : [])] },
      orderBy: { id: 'asc' },
      take: size,
      include: { customer: { select: { number: true, name: true } }, contact: { select: { name: true } }, agent: { select: { email: true } } },
    });
    return rows.map((c) => ({
      id: c.id,
      cells: {
        startedAt: c.startedAt,
        direction: c.direction,
        from: c.fromNumber ?? c.fromRaw,
        to: c.toNumber ?? c.toRaw,
        customer: c.customer ? customerCode(ctx.config.customerCodePrefix, c.customer.number) : null,
        customerName: c.customer?.name ?? null,
        contact: c.contact?.name ?? null,
        agent: c.agent?.email ?? null,
        disposition: c.disposition,
        outcome: c.outcome,
        ringSeconds: c.ringSeconds,
        talkSeconds: c.talkSeconds,
        notes: c.notes,
      },
    }));
  },
};
