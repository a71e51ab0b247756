import type { CustomerMergeHook } from '@rapport/core';

/**
 * One link per article and customer: before core moves the merged customers' links to the survivor,
 * drop those whose article the survivor (or an earlier merged customer) already links.
 */
export const combineArticleLinks: CustomerMergeHook = async (tx, { survivorId, mergedIds }) => {
  await tx.$executeRaw`
    DELETE FROM "ArticleLink" l
    WHERE l."customerId" = ANY(${mergedIds}::uuid[])
      AND EXISTS (
        SELECT 1 FROM "ArticleLink" k
        WHERE k."articleId" = l."articleId"
          AND (k."customerId" = ${survivorId}::uuid
               OR array_position(${mergedIds}::uuid[], k."customerId") < array_position(${mergedIds}::uuid[], l."customerId")))`;
};
