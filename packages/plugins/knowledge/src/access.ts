import { actingUserId, requirePermission, unauthenticated, type PrincipalViewer, type ServiceContext, type Viewer } from '@rapport/core';
import type { KnowledgeConfig } from './config.js';
import { knowledge } from './messages.js';

/**
 * The partner portal user behind a viewer, or null: the partner plugin's principal kind, compared by
 * name so that the optional plugin is never imported.
 */
export function partnerUserOf(viewer: Viewer | null | undefined): PrincipalViewer | null {
  return viewer?.kind === 'principal' && viewer.principal === 'partner' ? viewer : null;
}

/** The acting staff user of a writer (API keys act as their creator). */
function staffUser(viewer: Viewer | null): { id: string; role: string } {
  if (!viewer) throw unauthenticated();
  if (viewer.kind === 'principal') throw knowledge.error('FORBIDDEN', 'knowledge.partnersCannotChange');
  return { id: viewer.id, role: viewer.role };
}

/** Any member of staff who may write at all (`customer.write`): for acts the article itself authorizes. */
export function requireWriter(ctx: ServiceContext): string {
  const user = staffUser(ctx.viewer);
  requirePermission(ctx.viewer, 'customer.write');
  return user.id;
}

/**
 * Authors write articles. Core's permissions are a closed set, so the role decides (configurable);
 * `customer.write` is required as well so a read-only API key cannot write.
 */
export function requireAuthor(ctx: ServiceContext, config: KnowledgeConfig): string {
  const user = staffUser(ctx.viewer);
  requirePermission(ctx.viewer, 'customer.write');
  if (!config.authorRoles.includes(user.role as never)) throw knowledge.error('FORBIDDEN', 'knowledge.authorRoles', { roles: config.authorRoles.join(', ') });
  return user.id;
}

/** Reviewers approve, archive and schedule; like authors, by role plus `customer.write`. */
export function requireReviewer(ctx: ServiceContext, config: KnowledgeConfig): string {
  const user = staffUser(ctx.viewer);
  requirePermission(ctx.viewer, 'customer.write');
  if (!isReviewerRole(config, user.role)) throw knowledge.error('FORBIDDEN', 'knowledge.reviewerRoles', { roles: config.reviewerRoles.join(', ') });
  return user.id;
}

export function isReviewerRole(config: KnowledgeConfig, role: string): boolean {
  return config.reviewerRoles.includes(role as never);
}

/** One vote per reader, staff and partners alike; anonymous readers do not vote. */
export function voterKey(viewer: Viewer | null): string {
  if (!viewer) throw unauthenticated();
  const partner = partnerUserOf(viewer);
  return partner ? `partner:${partner.id}` : `staff:${actingUserId(viewer)}`;
}
