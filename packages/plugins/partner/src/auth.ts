// Portal users are a principal kind of their own: credentials in PartnerUser (core's scrypt hashes),
// sessions and refresh tokens in core's session service, access tokens with the portal audience, so
// /graphql refuses them and the portal refuses staff tokens, API keys and other kinds' tokens.
import { definePrincipalKind, type LoadedPrincipal, type PrincipalViewer } from '@rapport/core';
import { PORTAL_AUDIENCE } from './config.js';

/** What a partner viewer carries besides its id: the organisation it acts for (what is shared with it is what it sees). */
export interface PartnerAttributes {
  partnerId: string;
  email: string;
}

export type PartnerViewer = PrincipalViewer<PartnerAttributes>;

function loaded(user: { email: string; partnerId: string }): LoadedPrincipal<PartnerAttributes> {
  return { label: `partner ${user.email}`, attributes: { partnerId: user.partnerId, email: user.email } };
}

export const partnerPrincipal = definePrincipalKind<PartnerAttributes>({
  name: 'partner',
  audience: PORTAL_AUDIENCE,
  entityType: 'PartnerUser',
  async findAccount(db, email) {
    const user = await db.partnerUser.findUnique({ where: { email }, select: { id: true, email: true, active: true, passwordHash: true, partner: { select: { status: true } } } });
    return user && { id: user.id, email: user.email, passwordHash: user.passwordHash, active: user.active && user.partner.status === 'ACTIVE' };
  },
  async setPasswordHash(db, id, passwordHash) {
    await db.partnerUser.update({ where: { id }, data: { passwordHash } });
  },
  // Every request and refresh: the user active and the organisation ACTIVE, or the session is of no use.
  async load(db, id) {
    const user = await db.partnerUser.findFirst({ where: { id, active: true, partner: { status: 'ACTIVE' } }, select: { email: true, partnerId: true } });
    return user && loaded(user);
  },
});

/** A partner viewer for code acting as a partner user (seeds), or a request's (with its session). */
export function partnerViewer(user: { id: string; email: string; partnerId: string }, sessionId: string | null): PartnerViewer {
  return partnerPrincipal.viewer(user.id, loaded(user), sessionId);
}
