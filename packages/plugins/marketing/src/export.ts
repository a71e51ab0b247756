// Campaign members as an exportable list (core's exports registry): the members of one campaign whose
// contacts the viewer may see, filtered like Campaign.members.
import { customerCode, isUuid, type Exporter, type Prisma, type RapportBuilder } from '@rapport/core';
import { campaignsVisibleTo } from './campaigns.js';
import { membersVisibleTo } from './members.js';

interface MemberFilter {
  campaignId: { id: string };
  status?: string[] | null;
  contactOptedOut?: boolean | null;
}

/** The export's filter: Campaign.members' arguments plus the campaign. */
export function registerMemberExportFilter(builder: RapportBuilder) {
  builder.inputType('CampaignMemberExportFilter', {
    description: 'Which campaign members to export (requestExport entity CAMPAIGN_MEMBER).',
    fields: (t) => ({
      campaignId: t.globalID({ required: true, description: 'The Campaign.' }),
      status: t.stringList({ description: 'Only members in these statuses (by name).' }),
      contactOptedOut: t.boolean({ description: 'true: only contacts who opted out (anywhere); false: only those you may still address.' }),
    }),
  });
}

export const campaignMemberExporter: Exporter = {
  entity: 'CAMPAIGN_MEMBER',
  description: "A campaign's members (filter: CampaignMemberExportFilter), as Campaign.members lists them.",
  filterType: 'CampaignMemberExportFilter',
  columns: async () => [
    { key: 'contact', header: '联系人' },
    { key: 'email', header: '邮箱' },
    { key: 'phone', header: '手机' },
    { key: 'customer', header: '客户编号' },
    { key: 'customerName', header: '客户名称' },
    { key: 'status', header: '状态' },
    { key: 'addedAt', header: '加入时间' },
    { key: 'sentAt', header: '发送时间' },
    { key: 'respondedAt', header: '响应时间' },
    { key: 'convertedAt', header: '转化时间' },
    { key: 'optedOut', header: '退订' },
  ],
  async batch(ctx, raw, after, size) {
    const filter = raw as MemberFilter | null;
    const campaignId = filter?.campaignId.id;
    const where: Prisma.CampaignMemberWhereInput = {
      AND: [
        campaignId && isUuid(campaignId) ? { campaignId, campaign: campaignsVisibleTo(ctx.viewer) } : { id: { in: [] } },
        membersVisibleTo(ctx.viewer),
        filter?.status?.length ? { status: { name: { in: filter.status } } } : {},
        filter?.contactOptedOut == null ? {} : { contact: { marketingOptOut: filter.contactOptedOut ? { isNot: null } : { is: null } } },
        ...(after ? [{ id: { gt: after } }] : []),
      ],
    };
    const rows = await ctx.prisma.campaignMember.findMany({
      where,
      orderBy: { id: 'asc' },
      take: size,
      include: {
        status: { select: { name: true } },
        contact: { select: { name: true, email: true, phone: true, marketingOptOut: { select: { id: true } }, customer: { select: { number: true, name: true } } } },
      },
    });
    return rows.map((m) => ({
      id: m.id,
      cells: {
        contact: m.contact.name,
        email: m.contact.email,
        phone: m.contact.phone,
        customer: customerCode(ctx.config.customerCodePrefix, m.contact.customer.number),
        customerName: m.contact.customer.name,
        status: m.status.name,
        addedAt: m.addedAt,
        sentAt: m.sentAt,
        respondedAt: m.respondedAt,
        convertedAt: m.convertedAt,
        optedOut: m.contact.marketingOptOut ? '是' : '否',
      },
    }));
  },
};
