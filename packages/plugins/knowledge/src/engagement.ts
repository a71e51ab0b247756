import { z } from 'zod';
import {
  contactsVisibleTo,
  customersVisibleTo,
  isUuid,
  notFound,
  parseInput,
  recordAudit,
  requirePermission,
  type Prisma,
  type PrismaClient,
  type ServiceContext,
} from '@rapport/core';
import { voterKey } from './access.js';
import { articleToChange } from './service.js';
import { knowledge } from './messages.js';

const linkInput = z
  .object({
    articleId: z.string(),
    customerId: z.uuid(knowledge.stored('knowledge.idOf', { what: 'customer' })).nullish(),
    contactId: z.uuid(knowledge.stored('knowledge.idOf', { what: 'contact' })).nullish(),
    ticketId: z.uuid(knowledge.stored('knowledge.idOf', { what: 'ticket' })).nullish(),
  })
  .refine((v) => [v.customerId, v.contactId, v.ticketId].filter(Boolean).length === 1, {
    path: ['customerId'],
    message: knowledge.key('knowledge.link.exactlyOne'),
  });
export type LinkArticleInput = z.input<typeof linkInput>;

/** Links are visible with their target: the customer rule decides for customers, contacts and tickets alike. */
export function articleLinksVisibleTo(viewer: ServiceContext['viewer']): Prisma.ArticleLinkWhereInput {
  const customers = customersVisibleTo(viewer);
  if (!Object.keys(customers).length) return {};
  return {
    OR: [{ customer: customers }, { contact: { customer: customers } }, { ticket: { customer: customers } }],
  };
}

/**
 * Attaches an article to a customer, contact or ticket the viewer can see. Linking writes nothing
 * about the customer, so seeing it (and customer.write) is enough. Linking twice is harmless.
 */
export async function linkArticle(ctx: ServiceContext, input: LinkArticleInput, ticketsEnabled: boolean) {
  requirePermission(ctx.viewer, 'customer.write');
  const { articleId, customerId, contactId, ticketId } = parseInput(linkInput, input);
  const article = await articleToChange(ctx, articleId);
  if (ticketId && !ticketsEnabled) knowledge.refuse('ticketId', 'knowledge.link.serviceDisabled');
  await requireVisibleTarget(ctx, { customerId, contactId, ticketId });
  const target = customerId ? { customerId } : contactId ? { contactId } : { ticketId: ticketId! };
  return ctx.prisma.$transaction(async (tx) => {
    const existing = await tx.articleLink.findFirst({ where: { articleId: article.id, ...target } });
    const link = existing ?? (await tx.articleLink.create({ data: { articleId: article.id, ...target, createdAt: ctx.clock.now() } }));
    await recordAudit(tx, ctx, { action: 'article.link', entity: { type: 'Article', id: article.id }, after: link });
    return link;
  });
}

export async function unlinkArticle(ctx: ServiceContext, linkId: string) {
  requirePermission(ctx.viewer, 'customer.write');
  const link = isUuid(linkId) ? await ctx.prisma.articleLink.findFirst({ where: { AND: [{ id: linkId }, articleLinksVisibleTo(ctx.viewer)] } }) : null;
  if (!link) throw notFound('ArticleLink');
  await articleToChange(ctx, link.articleId);
  return ctx.prisma.$transaction(async (tx) => {
    await tx.articleLink.delete({ where: { id: linkId } });
    await recordAudit(tx, ctx, { action: 'article.unlink', entity: { type: 'Article', id: link.articleId }, before: link });
    return link;
  });
}

async function requireVisibleTarget(ctx: ServiceContext, target: { customerId?: string | null; contactId?: string | null; ticketId?: string | null }) {
  const visible = customersVisibleTo(ctx.viewer);
  if (target.customerId) {
    const found = await ctx.prisma.customer.count({ where: { AND: [{ id: target.customerId }, visible] } });
    if (!found) throw notFound('Customer');
  } else if (target.contactId) {
    const found = await ctx.prisma.contact.count({ where: { AND: [{ id: target.contactId }, contactsVisibleTo(ctx.viewer)] } });
    if (!found) throw notFound('Contact');
  } else if (target.ticketId) {
    const found = await ctx.prisma.ticket.count({ where: { id: target.ticketId, customer: visible } });
    if (!found) throw notFound('Ticket');
  }
}

/**
 * "Was this helpful": one vote per reader, which they may change. The counters move in the same
 * transaction as the vote, so they always equal the votes.
 */
export async function voteOnArticle(ctx: ServiceContext, articleId: string, helpful: boolean) {
  const key = voterKey(ctx.viewer);
  const article = await articleToChange(ctx, articleId);
  if (article.status !== 'PUBLISHED') knowledge.refuse('id', 'knowledge.vote.onlyPublished');
  const now = ctx.clock.now();
  return ctx.prisma.$transaction(async (tx) => {
    // The stats row is created if need be and locked before the reader's vote is read: concurrent
    // votes on one article apply one after another, so each sees the vote the one before wrote.
    await tx.$executeRaw`INSERT INTO "ArticleStats" ("articleId") VALUES (${articleId}::uuid) ON CONFLICT DO NOTHING`;
    await tx.$queryRaw`SELECT 1 FROM "ArticleStats" WHERE "articleId" = ${articleId}::uuid FOR UPDATE`;
    const previous = await tx.articleVote.findUnique({ where: { articleId_voterKey: { articleId, voterKey: key } } });
    if (previous?.helpful !== helpful) {
      await tx.articleVote.upsert({
        where: { articleId_voterKey: { articleId, voterKey: key } },
        create: { articleId, voterKey: key, helpful, createdAt: now, updatedAt: now },
        update: { helpful, updatedAt: now },
      });
      const change = (field: 'helpfulCount' | 'notHelpfulCount', by: number) => ({ [field]: { increment: by } });
      await tx.articleStats.update({
        where: { articleId },
        data: {
          ...change(helpful ? 'helpfulCount' : 'notHelpfulCount', 1),
          ...(previous ? change(previous.helpful ? 'helpfulCount' : 'notHelpfulCount', -1) : {}),
        },
      });
    }
    await recordAudit(tx, ctx, { action: 'article.vote', entity: { type: 'Article', id: articleId }, after: { helpful } });
    return article;
  });
}

/**
 * Counts a read. One upsert on the narrow stats row: the article row (body, search vector, GIN
 * index entries) is never rewritten for a view, so views cost no index maintenance.
 */
export async function countView(prisma: PrismaClient, articleId: string): Promise<void> {
  await prisma.articleStats.upsert({ where: { articleId }, create: { articleId, viewCount: 1 }, update: { viewCount: { increment: 1 } } });
}
