// Core's exportable lists. Headers are the labels the importer recognises and values are written the
// way it reads them, so an exported file imports back as it is.
import { canViewFinancials } from '../auth/fields.js';
import { activityListWhere } from '../activities/schema.js';
import { contactListWhere } from '../contacts/schema.js';
import { customerCode } from '../customers/code.js';
import { customerListWhere } from '../customers/schema.js';
import { customFieldDefinitions, hiddenKeys } from '../custom-fields/service.js';
import type { CustomFieldDefinition, CustomFieldEntity, Prisma } from '../../generated/prisma/client.js';
import type { ExportCell, ExportColumn, ExportContext, Exporter } from './exporter.js';

async function customColumns(ctx: ExportContext, entity: CustomFieldEntity) {
  const hidden = await hiddenKeys(ctx, entity);
  return (await customFieldDefinitions(ctx, entity)).filter((d) => !d.archivedAt && !hidden.includes(d.key));
}

/** A stored custom value as the importer reads it back. */
function customCell(definition: CustomFieldDefinition, value: unknown): ExportCell {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? '是' : '否';
  return value as string | number;
}

const customCells = (definitions: readonly CustomFieldDefinition[], stored: Prisma.JsonValue) =>
  Object.fromEntries(definitions.map((d) => [`custom.${d.key}`, customCell(d, (stored as Record<string, unknown> | null)?.[d.key])]));

const customHeaders = (definitions: readonly CustomFieldDefinition[]): ExportColumn[] => definitions.map((d) => ({ key: `custom.${d.key}`, header: d.label }));

const after = (id: string | null) => (id ? [{ id: { gt: id } }] : []);

const CUSTOMER_COLUMNS: ExportColumn[] = [
  { key: 'code', header: '客户编号' },
  { key: 'name', header: '客户名称' },
  { key: 'kind', header: '客户类型' },
  { key: 'industry', header: '行业' },
  { key: 'source', header: '客户来源' },
  { key: 'country', header: '国家' },
  { key: 'province', header: '省份' },
  { key: 'city', header: '城市' },
  { key: 'district', header: '区县' },
  { key: 'nature', header: '客户性质' },
  { key: 'size', header: '企业规模' },
  { key: 'phone', header: '电话' },
  { key: 'email', header: '邮箱' },
  { key: 'website', header: '网站' },
  { key: 'tier', header: '等级' },
  { key: 'stage', header: '阶段' },
  { key: 'owner', header: '负责人' },
  { key: 'tags', header: '标签' },
  { key: 'annualContractValue', header: '年合同额' },
  { key: 'contact.name', header: '联系人' },
  { key: 'contact.title', header: '职务' },
  { key: 'contact.phone', header: '手机' },
  { key: 'contact.email', header: '联系人邮箱' },
  { key: 'createdAt', header: '创建时间' },
];

export const customerExporter: Exporter = {
  entity: 'CUSTOMER',
  description: 'Customers with their primary contact, as the customers list filters them.',
  filterType: 'CustomerFilter',
  async columns(ctx) {
    const base = CUSTOMER_COLUMNS.filter((c) => c.key !== 'annualContractValue' || canViewFinancials(ctx.viewer));
    return [...base, ...customHeaders(await customColumns(ctx, 'CUSTOMER'))];
  },
  async batch(ctx, filter, afterId, size) {
    const [where, definitions] = await Promise.all([customerListWhere(ctx, filter as never), customColumns(ctx, 'CUSTOMER')]);
    const rows = await ctx.prisma.customer.findMany({
      where: { AND: [where, ...after(afterId)] },
      orderBy: { id: 'asc' },
      take: size,
      include: { owner: { select: { email: true } }, contacts: { where: { isPrimary: true }, take: 1 } },
    });
    const financials = canViewFinancials(ctx.viewer);
    return rows.map((c) => {
      const contact = c.contacts[0];
      return {
        id: c.id,
        cells: {
          code: customerCode(ctx.config.customerCodePrefix, c.number),
          name: c.name,
          kind: c.kind,
          industry: c.industry,
          source: c.source,
          country: c.country,
          province: c.province,
          city: c.city,
          district: c.district,
          nature: c.nature,
          size: c.size,
          phone: c.phone,
          email: c.email,
          website: c.website,
          tier: c.tier,
          stage: c.stage,
          owner: c.owner?.email ?? null,
          tags: c.tags.join(', '),
          annualContractValue: financials ? c.annualContractValue.toFixed(2) : null,
          'contact.name': contact?.name ?? null,
          'contact.title': contact?.title ?? null,
          'contact.phone': contact?.phone ?? null,
          'contact.email': contact?.email ?? null,
          createdAt: c.createdAt,
          ...customCells(definitions, c.customFields),
        },
      };
    });
  },
};

export const contactExporter: Exporter = {
  entity: 'CONTACT',
  description: 'Contacts, as the contacts list filters them.',
  filterType: 'ContactFilter',
  async columns(ctx) {
    return [
      { key: 'customer', header: '客户编号' },
      { key: 'customerName', header: '客户名称' },
      { key: 'name', header: '姓名' },
      { key: 'title', header: '职务' },
      { key: 'department', header: '部门' },
      { key: 'phone', header: '手机' },
      { key: 'email', header: '邮箱' },
      { key: 'birthday', header: '生日' },
      ...customHeaders(await customColumns(ctx, 'CONTACT')),
    ];
  },
  async batch(ctx, filter, afterId, size) {
    const [where, definitions] = await Promise.all([contactListWhere(ctx, filter as never), customColumns(ctx, 'CONTACT')]);
    const rows = await ctx.prisma.contact.findMany({ where: { AND: [where, ...after(afterId)] }, orderBy: { id: 'asc' }, take: size, include: { customer: { select: { number: true, name: true } } } });
    return rows.map((c) => ({
      id: c.id,
      cells: {
        customer: customerCode(ctx.config.customerCodePrefix, c.customer.number),
        customerName: c.customer.name,
        name: c.name,
        title: c.title,
        department: c.department,
        phone: c.phone,
        email: c.email,
        birthday: c.birthday ? c.birthday.toISOString().slice(0, 10) : null,
        ...customCells(definitions, c.customFields),
      },
    }));
  },
};

export const activityExporter: Exporter = {
  entity: 'ACTIVITY',
  description: 'Activities, as the activities list filters them.',
  filterType: 'ActivityFilter',
  async columns(ctx) {
    return [
      { key: 'customer', header: '客户编号' },
      { key: 'customerName', header: '客户名称' },
      { key: 'kind', header: '类型' },
      { key: 'subject', header: '主题' },
      { key: 'body', header: '内容' },
      { key: 'outcome', header: '结果' },
      { key: 'dueAt', header: '截止时间' },
      { key: 'completedAt', header: '完成时间' },
      { key: 'owner', header: '负责人' },
      ...customHeaders(await customColumns(ctx, 'ACTIVITY')),
    ];
  },
  async batch(ctx, filter, afterId, size) {
    const [where, definitions] = await Promise.all([activityListWhere(ctx, filter as never), customColumns(ctx, 'ACTIVITY')]);
    const rows = await ctx.prisma.activity.findMany({
      where: { AND: [where, ...after(afterId)] },
      orderBy: { id: 'asc' },
      take: size,
      include: { customer: { select: { number: true, name: true } }, owner: { select: { email: true } } },
    });
    return rows.map((a) => ({
      id: a.id,
      cells: {
        customer: customerCode(ctx.config.customerCodePrefix, a.customer.number),
        customerName: a.customer.name,
        kind: a.kind,
        subject: a.subject,
        body: a.body,
        outcome: a.outcome,
        dueAt: a.dueAt,
        completedAt: a.completedAt,
        owner: a.owner?.email ?? null,
        ...customCells(definitions, a.customFields),
      },
    }));
  },
};

export const CORE_EXPORTERS: readonly Exporter[] = [customerExporter, contactExporter, activityExporter];
