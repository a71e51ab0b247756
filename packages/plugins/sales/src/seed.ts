// Demo pipeline: opportunities in every stage for the reps' customers, closing mostly this quarter,
// won ones tied to the deals core's seed recorded (so tiers and stages agree), a product catalogue
// with a CNY price list, and quotes; leads for the reps and the lead pool. Batched inserts: a handful of statements whatever the size.
import { normalizeName, phoneDigits, Prisma, type SeedContext } from '@rapport/core';
import { addDays, calendarDay } from './access.js';
import type { SalesConfig } from './config.js';
import { lineAmounts, quoteTotals } from './quote-math.js';
import { seedOrders } from './order-seed.js';
import { periodOf, splitEvenly } from './target-rules.js';

const OPEN_OPPORTUNITIES = 80;
const CONTRACTS = 8;
const DAY = 86_400_000;
const NAMES = ['生产线改造', '设备升级', '年度维保合同', '自动化项目', '备件框架协议', 'MES 系统实施', '仓储物流方案', '检测设备采购', '培训服务', '二期扩产'];
const SOURCES = ['展会 trade show', '转介绍 referral', '官网 web', '电话 cold call', '老客户 existing customer'];
const COMPETITORS = [null, null, '西门子 Siemens', '本地厂商 local vendor', 'Acme'];
const PRODUCTS = [
  { code: 'CNC-5X', name: '五轴数控加工中心 5-axis machining centre', unit: '台', cost: '98000.00', price: '150000.00' },
  { code: 'CNC-3X', name: '三轴立式加工中心 3-axis machining centre', unit: '台', cost: '52000.00', price: '82000.00' },
  { code: 'ROB-6', name: '六轴工业机器人 6-axis robot', unit: '台', cost: '61000.00', price: '95000.00' },
  { code: 'SVC-INST', name: '安装调试 Installation and commissioning', unit: '小时', cost: '300.00', price: '800.00' },
  { code: 'SVC-TRAIN', name: '操作培训 Operator training', unit: '天', cost: '1500.00', price: '4000.00' },
  { code: 'MNT-YEAR', name: '年度维保 Annual maintenance', unit: '年', cost: '8000.00', price: '18000.00' },
];

export async function seedSales({ prisma, now, config, rng, log }: SeedContext<SalesConfig>): Promise<void> {
  const pipeline = await prisma.salesPipeline.findFirstOrThrow({ where: { isDefault: true }, include: { stages: { orderBy: { position: 'asc' } } } });
  const openStages = pipeline.stages.filter((s) => s.outcome === 'OPEN');
  const won = pipeline.stages.find((s) => s.outcome === 'WON')!;
  const lost = pipeline.stages.find((s) => s.outcome === 'LOST')!;
  const customers = await prisma.customer.findMany({
    where: { owner: { role: 'SALES' } },
    orderBy: { number: 'asc' },
    take: OPEN_OPPORTUNITIES,
    select: { id: true, ownerId: true, owner: { select: { teamId: true } }, contacts: { select: { id: true }, take: 1 } },
  });
  if (customers.length === 0) return;
  const today = calendarDay(now, config.timeZone);
  const pick = rng.pick;

  const open = customers.map((c, i) => {
    const stage = openStages[i % openStages.length]!;
    const createdAt = new Date(now.getTime() - rng.int(5, 85) * DAY);
    const lastActivityAt = new Date(now.getTime() - rng.int(0, 25) * DAY);
    return {
      name: `${pick(NAMES)} ${i + 1}`,
      customerId: c.id,
      contactId: c.contacts[0]?.id ?? null,
      pipelineId: pipeline.id,
      stageId: stage.id,
      status: 'OPEN' as const,
      amount: new Prisma.Decimal(rng.int(20, 600) * 1000),
      currency: config.defaultCurrency,
      expectedCloseDate: addDays(today, rng.int(-10, 80)),
      source: pick(SOURCES),
      competitor: pick(COMPETITORS),
      ownerId: c.ownerId!,
      teamId: c.owner?.teamId ?? null,
      lastActivityAt: lastActivityAt < createdAt ? createdAt : lastActivityAt,
      createdAt,
    };
  });
  // Won opportunities carry the deals core's seed recorded for these customers, one each.
  const deals = await prisma.deal.findMany({
    where: { customerId: { in: customers.map((c) => c.id) } },
    orderBy: { closedAt: 'desc' },
    select: { id: true, customerId: true, title: true, amount: true, closedAt: true },
  });
  const owner = new Map(customers.map((c) => [c.id, c]));
  const closed = [
    ...deals.slice(0, 30).map((d) => ({
      name: d.title,
      customerId: d.customerId,
      contactId: null,
      pipelineId: pipeline.id,
      stageId: won.id,
      status: 'WON' as const,
      amount: d.amount,
      currency: config.defaultCurrency,
      expectedCloseDate: calendarDay(d.closedAt, config.timeZone),
      source: pick(SOURCES),
      competitor: null,
      ownerId: owner.get(d.customerId)!.ownerId!,
      teamId: owner.get(d.customerId)!.owner?.teamId ?? null,
      dealId: d.id,
      closedAt: d.closedAt,
      lastActivityAt: d.closedAt,
      createdAt: new Date(d.closedAt.getTime() - 40 * DAY),
    })),
    ...customers.slice(0, 15).map((c, i) => ({
      ...open[i]!,
      name: `${pick(NAMES)} (lost)`,
      stageId: lost.id,
      status: 'LOST' as const,
      lostReason: pick(['价格 price', '交期 delivery time', '选择了竞争对手 chose a competitor', '预算取消 budget cancelled']),
      closedAt: new Date(now.getTime() - rng.int(1, 60) * DAY),
    })),
  ];
  const opportunities = await prisma.opportunity.createManyAndReturn({
    data: [...open, ...closed],
    select: { id: true, stageId: true, ownerId: true, createdAt: true, closedAt: true, customerId: true, status: true },
  });
  await prisma.opportunityStageChange.createMany({
    data: opportunities.flatMap((o) => {
      const created = { opportunityId: o.id, toStageId: o.status === 'OPEN' ? o.stageId : openStages[0]!.id, changedById: o.ownerId, changedAt: o.createdAt };
      return o.status === 'OPEN' ? [created] : [created, { opportunityId: o.id, fromStageId: openStages[0]!.id, toStageId: o.stageId, changedById: o.ownerId, changedAt: o.closedAt! }];
    }),
  });

  const products = await prisma.product.createManyAndReturn({ data: PRODUCTS.map(({ price: _p, ...p }) => p), select: { id: true, code: true, name: true, unit: true } });
  const price = new Map(PRODUCTS.map((p) => [p.code, p.price]));
  const list = await prisma.priceList.create({
    data: { name: '2026 人民币价目表 CNY', currency: 'CNY', prices: { create: products.map((p) => ({ productId: p.id, unitPrice: price.get(p.code)! })) } },
  });

  // Quotes for the opportunities in the proposal and negotiation stages.
  const quoting = opportunities.filter((o) => o.status === 'OPEN' && openStages.findIndex((s) => s.id === o.stageId) >= 2).slice(0, 20);
  const quoteLines = quoting.map(() =>
    [pick(products), pick(products)].map((p, i) => ({
      position: i + 1,
      productId: p.id,
      description: p.name,
      unit: p.unit,
      quantity: String(rng.int(1, 4)),
      unitPrice: price.get(p.code)!,
      discountPercent: pick(['0', '5', '8', '12']),
      taxPercent: '13',
    })),
  );
  const quotes = await prisma.quote.createManyAndReturn({
    data: quoting.map((o, i) => ({
      title: `报价 ${i + 1}`,
      customerId: o.customerId,
      opportunityId: o.id,
      priceListId: list.id,
      currency: 'CNY',
      status: 'DRAFT' as const,
      validUntil: addDays(today, 30),
      ownerId: o.ownerId,
      createdAt: new Date(now.getTime() - 3 * DAY),
      ...quoteTotals(quoteLines[i]!),
    })),
    select: { id: true },
  });
  await prisma.quoteLine.createMany({
    data: quotes.flatMap((q, i) => quoteLines[i]!.map((line) => ({ ...line, quoteId: q.id, ...amountsOf(line) }))),
  });
  const contracts = await seedContracts({ prisma, now, config, rng, log }, today);
  const orders = await seedOrders(prisma, today);
  const leads = await seedLeads({ prisma, now, config, rng, log }, [...new Set(customers.map((c) => c.ownerId!))]);
  const targets = await seedTargets({ prisma, now, config, rng, log });
  log(`sales: ${leads} leads, ${opportunities.length} opportunities, ${products.length} products, ${quotes.length} quotes, ${contracts} contracts, ${orders} order(s), ${targets} targets`);
}

/**
 * Signed contracts for the most recent won opportunities (sharing their deals), each with a 30/60/10
 * payment plan, the first instalment paid, some of the second, and an invoice for what was received.
 */
async function seedContracts({ prisma, config, rng }: SeedContext<SalesConfig>, today: Date): Promise<number> {
  const won = await prisma.opportunity.findMany({
    where: { status: 'WON', dealId: { not: null } },
    orderBy: [{ closedAt: 'desc' }, { id: 'asc' }],
    take: CONTRACTS,
    select: { id: true, name: true, customerId: true, ownerId: true, teamId: true, amount: true, currency: true, dealId: true, closedAt: true },
  });
  if (won.length === 0) return 0;
  const seqs = new Map<number, number>();
  const rows = won.map((o) => {
    const signed = calendarDay(o.closedAt!, config.timeZone);
    const year = signed.getUTCFullYear();
    const seq = (seqs.get(year) ?? 0) + 1;
    seqs.set(year, seq);
    return {
      year,
      seq,
      title: `${o.name} 合同`,
      customerId: o.customerId,
      opportunityId: o.id,
      amount: o.amount,
      currency: o.currency,
      signedDate: signed,
      startDate: signed,
      endDate: addDays(signed, 365),
      paymentTerms: '30% 预付，60% 到货后 45 天内，10% 验收后 120 天内',
      deliveryTerms: '合同签订后 30 天内交货',
      status: 'ACTIVE' as const,
      ownerId: o.ownerId,
      teamId: o.teamId,
      dealId: o.dealId,
      createdAt: o.closedAt!,
    };
  });
  const contracts = await prisma.contract.createManyAndReturn({ data: rows, select: { id: true, amount: true, signedDate: true, ownerId: true } });
  await prisma.contractNumberSequence.createMany({ data: [...seqs].map(([year, last]) => ({ year, last })) });
  const plans = contracts.map((c) => {
    const first = c.amount.mul(0.3).toDecimalPlaces(2);
    const second = c.amount.mul(0.6).toDecimalPlaces(2);
    return [
      { contractId: c.id, position: 1, dueDate: c.signedDate!, amount: first, note: '预付款' },
      { contractId: c.id, position: 2, dueDate: addDays(c.signedDate!, 45), amount: second, note: '到货款' },
      { contractId: c.id, position: 3, dueDate: addDays(c.signedDate!, 120), amount: c.amount.minus(first).minus(second), note: '验收款' },
    ];
  });
  await prisma.paymentInstalment.createMany({ data: plans.flat() });
  const payments = contracts.flatMap((c, i) => {
    const [first, second] = plans[i]!;
    const paidSecond = rng.pick([0, 0.5, 1]);
    const later = addDays(c.signedDate!, 40);
    return [
      { contractId: c.id, amount: first!.amount, receivedOn: c.signedDate!, method: 'BANK_TRANSFER' as const, reference: `BANK-${i + 1}-1`, recordedById: c.ownerId, createdAt: c.signedDate! },
      ...(paidSecond > 0
        ? [{ contractId: c.id, amount: second!.amount.mul(paidSecond).toDecimalPlaces(2), receivedOn: later < today ? later : today, method: 'ACCEPTANCE_BILL' as const, reference: `BILL-${i + 1}-2`, recordedById: c.ownerId, createdAt: later < today ? later : today }]
        : []),
    ];
  });
  await prisma.payment.createMany({ data: payments });
  await prisma.invoice.createMany({
    data: contracts.map((c, i) => ({
      contractId: c.id,
      number: `0440319001${String(i + 1).padStart(8, '0')}`,
      amount: payments.filter((p) => p.contractId === c.id).reduce((sum, p) => sum.plus(p.amount), new Prisma.Decimal(0)),
      issuedOn: c.signedDate!,
      type: i % 3 === 0 ? ('VAT_ORDINARY' as const) : ('VAT_SPECIAL' as const),
      createdAt: c.signedDate!,
    })),
  });
  return contracts.length;
}

const LEAD_COMPANIES = ['宁波海天精密', '苏州恒力自动化', '无锡新锐电子', '常州华辰机电', '合肥中科智造', '嘉兴东方纺机', '温州瑞丰阀门', '绍兴精工模具', '台州永信汽配', '金华博远五金', '扬州江淮机械', '南通海达船舶配件'];
const LEAD_PEOPLE = ['张伟 Zhang Wei', '王芳 Wang Fang', '李强 Li Qiang', '刘洋 Liu Yang', '陈静 Chen Jing', '杨磊 Yang Lei'];
const LEADS = 36;

/**
 * Leads (线索) for the reps: new ones, ones being followed up (with a follow-up or two, some close to
 * going back to the pool), a few invalid ones and a few in the lead public pool. Two statements.
 */
async function seedLeads({ prisma, now, config, rng }: SeedContext<SalesConfig>, reps: string[]): Promise<number> {
  if (reps.length === 0) return 0;
  const rows = Array.from({ length: LEADS }, (_, i) => {
    const name = `${LEAD_COMPANIES[i % LEAD_COMPANIES.length]}${i >= LEAD_COMPANIES.length ? ` ${Math.floor(i / LEAD_COMPANIES.length) + 1} 厂` : ''}有限公司`;
    const kind = i % 9 === 0 ? 'POOL' : i % 7 === 0 ? 'INVALID' : i % 3 === 0 ? 'NEW' : 'FOLLOWING';
    const createdAt = new Date(now.getTime() - rng.int(1, 40) * DAY);
    const sinceFollowUp = Math.min(rng.int(0, config.leadPool.releaseAfterDays - 1), Math.floor((now.getTime() - createdAt.getTime()) / DAY));
    const phone = `0574-8${String(7_000_000 + i * 1_337).slice(0, 7)}`;
    return {
      name,
      nameKey: normalizeName(name),
      contactName: rng.pick(LEAD_PEOPLE),
      contactTitle: rng.pick(['采购经理', '总经理', '设备部主管', '技术总监']),
      phone,
      phoneDigits: phoneDigits(phone),
      email: `lead${i + 1}@example.cn`,
      source: rng.pick(SOURCES),
      region: rng.pick(['浙江 宁波', '江苏 苏州', '江苏 无锡', '安徽 合肥', '浙江 温州']),
      status: kind === 'POOL' || kind === 'NEW' ? ('NEW' as const) : kind === 'INVALID' ? ('INVALID' as const) : ('FOLLOWING' as const),
      invalidReason: kind === 'INVALID' ? '无采购需求 no purchasing need' : null,
      ownerId: kind === 'POOL' ? null : reps[i % reps.length]!,
      lastFollowUpAt: kind === 'POOL' ? createdAt : new Date(now.getTime() - sinceFollowUp * DAY),
      releasedAt: kind === 'POOL' ? new Date(now.getTime() - DAY) : null,
      createdAt,
    };
  });
  const leads = await prisma.lead.createManyAndReturn({ data: rows, select: { id: true, ownerId: true, status: true, lastFollowUpAt: true, createdAt: true } });
  await prisma.leadFollowUp.createMany({
    data: leads
      .filter((l) => l.status === 'FOLLOWING')
      .flatMap((l) => [
        { leadId: l.id, kind: 'CALL' as const, subject: '首次电话沟通 first call', body: '了解设备需求与预算', at: new Date((l.createdAt.getTime() + l.lastFollowUpAt.getTime()) / 2), authorId: l.ownerId, createdAt: l.createdAt },
        { leadId: l.id, kind: 'VISIT' as const, subject: '上门拜访 visit', body: null, at: l.lastFollowUpAt, authorId: l.ownerId, createdAt: l.lastFollowUpAt },
      ]),
  });
  return leads.length;
}

function amountsOf(line: { quantity: string; unitPrice: string; discountPercent: string; taxPercent: string }) {
  const { netAmount, taxAmount, totalAmount } = lineAmounts(line);
  return { netAmount, taxAmount, totalAmount };
}

/** Per sales team and quarter: revenue, collections and new customers (the team target, then split evenly across its reps). */
const TEAM_TARGETS = [
  { metric: 'REVENUE' as const, amount: '1800000.00', money: true },
  { metric: 'COLLECTIONS' as const, amount: '1200000.00', money: true },
  { metric: 'NEW_CUSTOMERS' as const, amount: '9', money: false },
];

/**
 * Targets for the current quarter (deployment time zone) of every team with reps: a team target per
 * metric, split evenly across the team's active SALES and MANAGER members (销售目标分解). Three statements.
 */
async function seedTargets({ prisma, now, config }: SeedContext<SalesConfig>): Promise<number> {
  const quarter = periodOf('QUARTER', calendarDay(now, config.timeZone));
  const teams = await prisma.team.findMany({
    where: { members: { some: { role: 'SALES', active: true } } },
    orderBy: { name: 'asc' },
    select: { id: true, managerId: true, members: { where: { active: true, role: { in: ['SALES', 'MANAGER'] } }, orderBy: [{ name: 'asc' }, { id: 'asc' }], select: { id: true } } },
  });
  if (teams.length === 0) return 0;
  const base = { period: 'QUARTER' as const, periodStart: quarter.start, periodEnd: quarter.end, createdAt: now };
  const teamTargets = await prisma.salesTarget.createManyAndReturn({
    data: teams.flatMap((team) =>
      TEAM_TARGETS.map((t) => ({
        ...base,
        metric: t.metric,
        teamId: team.id,
        subjectId: team.id,
        amount: new Prisma.Decimal(t.amount),
        currency: t.money ? config.defaultCurrency : null,
        setById: team.managerId,
      })),
    ),
  });
  const shares = teamTargets.flatMap((target) => {
    const members = teams.find((t) => t.id === target.teamId)!.members;
    const amounts = splitEvenly(target.amount, members.length, target.currency ? 2 : 0);
    return members.map((m, i) => ({
      ...base,
      metric: target.metric,
      userId: m.id,
      teamId: target.teamId,
      subjectId: m.id,
      amount: amounts[i]!,
      currency: target.currency,
      splitFromId: target.id,
      setById: target.setById,
    }));
  });
  await prisma.salesTarget.createMany({ data: shares });
  return teamTargets.length + shares.length;
}
