import { z } from 'zod';
import { actingUserId, conflict, InputError, parseInput, recordAudit, requirePermission, rules, type Prisma, type ServiceContext } from '@rapport/core';
import { requireConfigureRole } from './access.js';
import type { SalesConfig } from './config.js';
import { refuseField } from './order-messages.js';

type Db = Prisma.TransactionClient;
export const PRINT_TEMPLATE_KINDS = ['QUOTE', 'CONTRACT'] as const;
export type PrintTemplateKind = (typeof PRINT_TEMPLATE_KINDS)[number];
/** The line columns a PDF may print, in the order a template lists them. */
export const PRINT_COLUMNS = ['POSITION', 'ITEM', 'QUANTITY', 'UNIT_PRICE', 'DISCOUNT', 'TAX', 'AMOUNT'] as const;
export type PrintColumn = (typeof PRINT_COLUMNS)[number];

export interface PrintTemplate {
  kind: PrintTemplateKind;
  companyName: string;
  title: string;
  headerText: string | null;
  footerText: string | null;
  columns: PrintColumn[];
  /** 0 until an admin saves the template (the defaults apply). */
  version: number;
  updatedAt: Date | null;
  updatedById: string | null;
}

const DEFAULT_TITLES: Record<PrintTemplateKind, string> = { QUOTE: '报价单 Quotation', CONTRACT: '销售合同 Sales Contract' };

export function defaultPrintTemplate(kind: PrintTemplateKind): PrintTemplate {
  return { kind, companyName: '', title: DEFAULT_TITLES[kind], headerText: null, footerText: null, columns: [...PRINT_COLUMNS], version: 0, updatedAt: null, updatedById: null };
}

/** The deployment's template of this kind, or the defaults while none was saved. */
export async function printTemplate(db: Db, kind: PrintTemplateKind): Promise<PrintTemplate> {
  const row = await db.salesPrintTemplate.findUnique({ where: { kind } });
  if (!row) return defaultPrintTemplate(kind);
  return { ...row, kind, columns: row.columns.filter((c): c is PrintColumn => (PRINT_COLUMNS as readonly string[]).includes(c)) };
}

const updateInput = z.object({
  kind: z.enum(PRINT_TEMPLATE_KINDS),
  version: z.number().int().min(0),
  companyName: rules.optionalText(200),
  title: rules.requiredText(100),
  headerText: rules.optionalText(2_000),
  footerText: rules.optionalText(4_000),
  columns: z.array(z.enum(PRINT_COLUMNS)).max(PRINT_COLUMNS.length),
});
export type UpdatePrintTemplateInput = z.input<typeof updateInput>;

/** Which columns are wrong: ITEM must print (a line without its name is no line), none twice. */
export function columnProblems(columns: readonly PrintColumn[]) {
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) return refuseField('columns', 'template.duplicateColumn', { column }, 'DUPLICATE');
    seen.add(column);
  }
  return columns.includes('ITEM') ? null : refuseField('columns', 'template.columnsRequired', {}, 'REQUIRED');
}

/**
 * Saves the deployment's template of one kind (pluginConfig.sales.configureRoles only). `version` is
 * the one read: 0 while the defaults apply; a stale one is a STALE_VERSION user error.
 */
export async function updatePrintTemplate(ctx: ServiceContext, config: SalesConfig, input: UpdatePrintTemplateInput): Promise<PrintTemplate> {
  requirePermission(ctx.viewer, 'customer.read');
  requireConfigureRole(ctx.viewer, config.configureRoles);
  const { kind, version, ...fields } = parseInput(updateInput, input);
  const problem = columnProblems(fields.columns);
  if (problem) throw new InputError([problem]);
  const data = {
    companyName: fields.companyName ?? '',
    title: fields.title,
    headerText: fields.headerText ?? null,
    footerText: fields.footerText ?? null,
    columns: fields.columns,
    updatedById: actingUserId(ctx.viewer),
    updatedAt: ctx.clock.now(),
  };
  return ctx.prisma.$transaction(async (tx) => {
    const before = await printTemplate(tx, kind);
    if (before.version !== version) throw conflict('SalesPrintTemplate', before.version);
    if (version === 0) {
      // A concurrent first save loses on the primary key (a DUPLICATE user error).
      await tx.salesPrintTemplate.create({ data: { kind, ...data } });
    } else {
      const { count } = await tx.salesPrintTemplate.updateMany({ where: { kind, version }, data: { ...data, version: { increment: 1 } } });
      if (count === 0) throw conflict('SalesPrintTemplate', (await printTemplate(tx, kind)).version);
    }
    const after = await printTemplate(tx, kind);
    await recordAudit(tx, ctx, { action: 'sales.printTemplate', entity: { type: 'SalesPrintTemplate', id: kind }, before, after });
    return after;
  });
}
