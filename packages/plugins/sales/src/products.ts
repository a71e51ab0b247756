import { sales } from './messages.js';
import { z } from 'zod';
import { conflict, isUuid, notFound, parseInput, recordAudit, rules, throwIfAny, type FieldError, type ServiceContext } from '@rapport/core';
import { requireConfigureRole } from './access.js';
import type { SalesConfig } from './config.js';

const currency = z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code');
const code = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'must be 1–40 letters, digits, . _ or -');

const defineProductInput = z.object({
  code,
  name: rules.requiredText(200),
  unit: rules.requiredText(20),
  description: rules.optionalText(5_000),
  cost: rules.money.nullish(),
});
const updateProductInput = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  code: code.optional(),
  name: rules.requiredText(200).optional(),
  unit: rules.requiredText(20).optional(),
  description: rules.optionalText(5_000),
  cost: rules.money.nullish(),
  active: z.boolean().optional(),
});
const priceInput = z.object({ productId: z.uuid(sales.key('sales.idOfProduct')), unitPrice: rules.money });
const definePriceListInput = z.object({ name: rules.requiredText(100), currency, prices: z.array(priceInput).max(5_000).default([]) });
const setPricesInput = z.object({
  id: z.string(),
  version: z.number().int().min(1),
  name: rules.requiredText(100).optional(),
  active: z.boolean().optional(),
  /** Sets these products' prices; others stay. */
  prices: z.array(priceInput).max(5_000).default([]),
  /** Takes these products off the list. */
  removeProductIds: z.array(z.uuid(sales.key('sales.idOfProduct'))).max(5_000).default([]),
});

export type DefineProductInput = z.input<typeof defineProductInput>;
export type UpdateProductInput = z.input<typeof updateProductInput>;
export type DefinePriceListInput = z.input<typeof definePriceListInput>;
export type UpdatePriceListInput = z.input<typeof setPricesInput>;

export async function defineProduct(ctx: ServiceContext, config: SalesConfig, input: DefineProductInput) {
  requireConfigureRole(ctx.viewer, config.configureRoles);
  const fields = parseInput(defineProductInput, input);
  await requireFreeCode(ctx, fields.code, null);
  return ctx.prisma.$transaction(async (tx) => {
    const product = await tx.product.create({ data: { ...fields, description: fields.description ?? null, cost: fields.cost ?? null } });
    await recordAudit(tx, ctx, { action: 'product.define', entity: { type: 'Product', id: product.id }, after: product });
    return product;
  });
}

/** Changes a product; deactivating keeps it on existing quotes but off new ones. */
export async function updateProduct(ctx: ServiceContext, config: SalesConfig, input: UpdateProductInput) {
  requireConfigureRole(ctx.viewer, config.configureRoles);
  const { id, version, ...fields } = parseInput(updateProductInput, input);
  const read = isUuid(id) ? await ctx.prisma.product.findUnique({ where: { id } }) : null;
  if (!read) throw notFound('Product');
  if (read.version !== version) throw conflict('Product', read.version);
  if (fields.code) await requireFreeCode(ctx, fields.code, id);
  const data = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.product.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
    if (count === 0) throw conflict('Product', version + 1);
    const after = await tx.product.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, ctx, { action: 'product.update', entity: { type: 'Product', id }, before: read, after });
    return after;
  });
}

export async function definePriceList(ctx: ServiceContext, config: SalesConfig, input: DefinePriceListInput) {
  requireConfigureRole(ctx.viewer, config.configureRoles);
  const fields = parseInput(definePriceListInput, input);
  if (await ctx.prisma.priceList.findUnique({ where: { name: fields.name }, select: { id: true } })) {
    sales.refuse('name', 'sales.priceList.nameTaken', {}, 'DUPLICATE');
  }
  throwIfAny(await priceProblems(ctx, fields.prices));
  return ctx.prisma.$transaction(async (tx) => {
    const list = await tx.priceList.create({ data: { name: fields.name, currency: fields.currency, prices: { create: fields.prices } } });
    await recordAudit(tx, ctx, { action: 'priceList.define', entity: { type: 'PriceList', id: list.id }, after: { ...list, prices: fields.prices } });
    return list;
  });
}

/** Sets and removes prices on a list (its currency stays: quotes in it refer to it). */
export async function updatePriceList(ctx: ServiceContext, config: SalesConfig, input: UpdatePriceListInput) {
  requireConfigureRole(ctx.viewer, config.configureRoles);
  const { id, version, prices, removeProductIds, ...fields } = parseInput(setPricesInput, input);
  const read = isUuid(id) ? await ctx.prisma.priceList.findUnique({ where: { id } }) : null;
  if (!read) throw notFound('PriceList');
  if (read.version !== version) throw conflict('PriceList', read.version);
  if (fields.name && (await ctx.prisma.priceList.findFirst({ where: { name: fields.name, id: { not: id } }, select: { id: true } }))) {
    sales.refuse('name', 'sales.priceList.nameTaken', {}, 'DUPLICATE');
  }
  throwIfAny(await priceProblems(ctx, prices));
  const data = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.priceList.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
    if (count === 0) throw conflict('PriceList', version + 1);
    if (removeProductIds.length) await tx.productPrice.deleteMany({ where: { priceListId: id, productId: { in: removeProductIds } } });
    for (const price of prices) {
      await tx.productPrice.upsert({
        where: { priceListId_productId: { priceListId: id, productId: price.productId } },
        create: { priceListId: id, ...price },
        update: { unitPrice: price.unitPrice },
      });
    }
    const after = await tx.priceList.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, ctx, { action: 'priceList.update', entity: { type: 'PriceList', id }, before: read, after: { ...after, prices, removeProductIds } });
    return after;
  });
}

async function priceProblems(ctx: ServiceContext, prices: Array<{ productId: string }>): Promise<Array<FieldError | null>> {
  const ids = prices.map((p) => p.productId);
  const known = new Set((await ctx.prisma.product.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((p) => p.id));
  const seen = new Set<string>();
  return prices.map((p, i) => {
    if (!known.has(p.productId)) return sales.field(`prices.${i}.productId`, 'sales.noSuchProduct', {}, 'NOT_FOUND');
    if (seen.has(p.productId)) return sales.field(`prices.${i}.productId`, 'sales.priceList.pricedTwice', {}, 'DUPLICATE');
    seen.add(p.productId);
    return null;
  });
}

async function requireFreeCode(ctx: ServiceContext, value: string, exceptId: string | null) {
  const taken = await ctx.prisma.product.findFirst({ where: { code: value, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (taken) sales.refuse('code', 'sales.product.codeTaken', {}, 'DUPLICATE');
}
