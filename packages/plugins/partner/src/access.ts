// Who sees what of the partner programme. Partners: ONE rule per row type, merged into every portal
// path (lists, counts, node(id), nested fields, reports, writes), so an unshared row is NOT_FOUND.
// Staff: the roles in `managerRoles` run the programme.
import {
  can,
  NOTHING,
  unauthenticated,
  type Prisma,
  type Viewer,
} from '@rapport/core';
import { partnerUserAlerts } from './partner-alerts.js';
import { partnerPrincipal, type PartnerViewer } from './auth.js';
import type { PartnerConfig } from './config.js';
import { partner as texts } from './messages.js';

/** The partner viewer of a portal request; anything else is UNAUTHENTICATED (scope-auth refuses it first). */
export function partnerOf(ctx: { viewer: Viewer | null }): PartnerViewer {
  const viewer = partnerPrincipal.of(ctx.viewer);
  if (!viewer) throw texts.error('UNAUTHENTICATED', 'partner.portal.signInFirst');
  return viewer;
}

function partnerIdOf(viewer: Viewer | null | undefined): string | null {
  return partnerPrincipal.of(viewer)?.attributes.partnerId ?? null;
}

/** Customers shared with the viewer's organisation; nothing for anyone else. */
export function customersSharedWith(viewer: Viewer | null | undefined): Prisma.CustomerWhereInput {
  const partnerId = partnerIdOf(viewer);
  return partnerId ? { partnerShares: { some: { partnerId } } } : NOTHING;
}

/** Contacts shared with the organisation, and only while their customer is shared too. */
export function contactsSharedWith(viewer: Viewer | null | undefined): Prisma.ContactWhereInput {
  const partnerId = partnerIdOf(viewer);
  return partnerId ? { partnerShares: { some: { partnerId } }, customer: customersSharedWith(viewer) } : NOTHING;
}

/** The organisation's own deal registrations. */
export function registrationsOf(viewer: Viewer | null | undefined): Prisma.DealRegistrationWhereInput {
  const partnerId = partnerIdOf(viewer);
  return partnerId ? { partnerId } : NOTHING;
}

/** The viewer's own portal alerts. */
export function alertsOf(viewer: Viewer | null | undefined): Prisma.AlertWhereInput {
  const partner = partnerPrincipal.of(viewer);
  return partner ? partnerUserAlerts(partner.id) : NOTHING;
}

/** No organisation has this id: the share selection of a non-partner finds nothing. */
const NO_PARTNER = '00000000-0000-0000-0000-000000000000';

/** The share row of the viewer's organisation, for a customer or contact selection. */
export function ownShare(viewer: Viewer | null | undefined) {
  return { where: { partnerId: partnerIdOf(viewer) ?? NO_PARTNER }, select: { access: true, createdAt: true }, take: 1 };
}

/** Staff in a manager role (API keys too, when their creator is). */
export function isPartnerManager(viewer: Viewer | null | undefined, config: PartnerConfig): boolean {
  return (viewer?.kind === 'staff' || viewer?.kind === 'apiKey') && config.managerRoles.includes(viewer.role) && can(viewer, 'customer.read');
}

/** Reads of partner data need a manager role; changes also customer.write (so a read-only API key cannot). */
export function requirePartnerManager(viewer: Viewer | null | undefined, config: PartnerConfig, write: boolean): void {
  if (!viewer) throw unauthenticated();
  if (!isPartnerManager(viewer, config) || (write && !can(viewer, 'customer.write'))) {
    throw texts.error('FORBIDDEN', 'partner.managersOnly', { roles: config.managerRoles.join(', '), write: write ? 'yes' : 'no' });
  }
}

/** Partner rows a staff viewer may read: all for managers, none otherwise. */
export function partnerRowsFor(viewer: Viewer | null | undefined, config: PartnerConfig): { id?: { in: string[] } } {
  return isPartnerManager(viewer, config) ? {} : NOTHING;
}
