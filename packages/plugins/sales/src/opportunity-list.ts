// The opportunities list's filter, shared by the `opportunities` connection and the OPPORTUNITY export.
import { isUuid, type OpportunityStatus, type Prisma, type Viewer } from '@rapport/core';
import { throughCustomer } from './access.js';

/** OpportunityFilter as resolvers receive it (global ids decoded to `{ id }`). */
export interface OpportunityListFilter {
  status?: readonly OpportunityStatus[] | null;
  pipelineId?: { id: string } | null;
  stageIds?: ReadonlyArray<{ id: string }> | null;
  ownerIds?: ReadonlyArray<{ id: string }> | null;
  teamIds?: ReadonlyArray<{ id: string }> | null;
  customerId?: { id: string } | null;
  expectedCloseFrom?: Date | null;
  expectedCloseBefore?: Date | null;
  search?: string | null;
}

/** The opportunities of customers the viewer may see that the filter keeps. */
export function opportunityListWhere(filter: OpportunityListFilter | null | undefined, viewer: Viewer | null | undefined): Prisma.OpportunityWhereInput {
  const and: Prisma.OpportunityWhereInput[] = [throughCustomer(viewer)];
  const ids = (list: ReadonlyArray<{ id: string }> | null | undefined) => list?.map((x) => x.id).filter(isUuid) ?? [];
  if (filter?.status?.length) and.push({ status: { in: [...filter.status] } });
  if (filter?.pipelineId) and.push({ pipelineId: isUuid(filter.pipelineId.id) ? filter.pipelineId.id : { in: [] } });
  if (filter?.stageIds?.length) and.push({ stageId: { in: ids(filter.stageIds) } });
  if (filter?.ownerIds?.length) and.push({ ownerId: { in: ids(filter.ownerIds) } });
  if (filter?.teamIds?.length) and.push({ teamId: { in: ids(filter.teamIds) } });
  if (filter?.customerId) and.push({ customerId: isUuid(filter.customerId.id) ? filter.customerId.id : { in: [] } });
  if (filter?.expectedCloseFrom) and.push({ expectedCloseDate: { gte: filter.expectedCloseFrom } });
  if (filter?.expectedCloseBefore) and.push({ expectedCloseDate: { lt: filter.expectedCloseBefore } });
  if (filter?.search?.trim()) and.push({ name: { contains: filter.search.trim(), mode: 'insensitive' } });
  return { AND: and };
}
