// Demo partners, made through the real services (as the demo admin and as the partner users) so the
// shares, registrations, conflicts and alerts in the demo are ones the rules produce.
import { DEMO_ACCOUNTS, DEMO_PASSWORD, hashPassword, ManualClock, staffViewer, type SeedContext } from '@rapport/core';
import { partnerViewer } from './auth.js';
import type { PartnerConfig } from './config.js';
import { createPartner, shareCustomerWithPartner } from './programme.js';
import { approveDealRegistration, registerDeal, rejectDealRegistration } from './registrations.js';

/** Portal sign-ins of the demo, all with the demo password. */
export const DEMO_PARTNER_ACCOUNTS = {
  northwind: 'partner@northwind.demo.local',
  summit: 'partner@summit.demo.local',
} as const;

const DAY = 86_400_000;

export async function seedPartners({ prisma, now, config, rng, log }: SeedContext<PartnerConfig>): Promise<void> {
  if (await prisma.partnerOrganization.count()) return;
  const admin = await prisma.user.findUnique({ where: { email: DEMO_ACCOUNTS.admin } });
  if (!admin) return;
  const clock = new ManualClock(now);
  const staff = { prisma, clock, viewer: staffViewer(admin) };
  const northwind = await createPartner(staff, config, { name: 'Northwind Channel Partners', tier: 'GOLD', region: 'East' });
  const summit = await createPartner(staff, config, { name: 'Summit Resellers', tier: 'SILVER', region: 'West' });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const [northwindUser, summitUser] = [
    await prisma.partnerUser.create({ data: { partnerId: northwind.id, email: DEMO_PARTNER_ACCOUNTS.northwind, name: 'Nora Northwind', passwordHash } }),
    await prisma.partnerUser.create({ data: { partnerId: summit.id, email: DEMO_PARTNER_ACCOUNTS.summit, name: 'Sam Summit', passwordHash } }),
  ];

  // Disjoint sets of customers, each with its primary contact; some EDIT, most READ.
  const customers = await prisma.customer.findMany({ orderBy: { number: 'asc' }, take: 13, select: { id: true, name: true, contacts: { take: 1, select: { id: true } } } });
  for (const [index, customer] of customers.entries()) {
    const partnerId = index < 8 ? northwind.id : summit.id;
    await shareCustomerWithPartner(staff, config, {
      customerId: customer.id,
      partnerId,
      access: rng.chance(0.3) ? 'EDIT' : 'READ',
      contactIds: customer.contacts.map((c) => c.id),
    });
  }

  const asNorthwind = { prisma, clock, viewer: partnerViewer(northwindUser, null) };
  const asSummit = { prisma, clock, viewer: partnerViewer(summitUser, null) };
  const closeDate = new Date(now.getTime() + 45 * DAY);
  // A public-pool company, so approving it adds no customer (the demo keeps RAPPORT_DEMO_CUSTOMERS).
  const pool = await prisma.customer.findFirst({ where: { ownerId: null, partnerShares: { none: {} } }, orderBy: { number: 'asc' }, select: { id: true, name: true } });
  const contested = { companyName: pool?.name ?? 'Harbor Logistics GmbH', contactName: 'Hanna Berg', contactEmail: 'hanna.berg@harbor-logistics.example', expectedCloseDate: closeDate };
  const approved = await registerDeal(asNorthwind, config, { ...contested, expectedAmount: '84000', productInterest: 'Fleet telematics, 120 units' });
  // The same company from a second partner: the conflict check flags it for the manager.
  await registerDeal(asSummit, config, { ...contested, contactPhone: '+49 40 555 0100', expectedAmount: '60000', productInterest: 'Fleet telematics' });
  const direct = await prisma.customer.findFirst({ where: { ownerId: { not: null }, partnerShares: { none: {} } }, select: { name: true } });
  if (direct) {
    await registerDeal(asNorthwind, config, { companyName: direct.name, contactName: 'Purchasing', contactEmail: 'purchasing@example.com', expectedAmount: '25000', expectedCloseDate: closeDate, productInterest: 'Service contract' });
  }
  const rejected = await registerDeal(asSummit, config, { companyName: 'Pinecrest Clinics', contactName: 'Dr. Lee', contactPhone: '+1 415 555 0199', expectedAmount: '12000', expectedCloseDate: closeDate, productInterest: 'Scheduling module' });
  await approveDealRegistration(staff, config, { id: approved.id, version: approved.version, customerId: pool?.id, reason: 'First to register; welcome aboard.' });
  await rejectDealRegistration(staff, config, { id: rejected.id, version: rejected.version, reason: 'Pinecrest is served by our healthcare team directly.' });
  log(`Seeded 2 demo partners (${DEMO_PARTNER_ACCOUNTS.northwind}, ${DEMO_PARTNER_ACCOUNTS.summit}; password "${DEMO_PASSWORD}")`);
}
