import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '@rapport/core';
import { addDays } from './access.js';

/**
 * Demo orders: the most recently signed demo contract gets its lines (8 machines and their
 * installation, adding up to the contract amount) and one order for all of it, of which 5 machines
 * have been delivered (PARTIALLY_DELIVERED), due 30 days after signing like its delivery terms say.
 */
export async function seedOrders(prisma: PrismaClient, today: Date): Promise<number> {
  const contract = await prisma.contract.findFirst({
    where: { status: 'ACTIVE', lines: { none: {} }, signedDate: { not: null } },
    orderBy: [{ signedDate: 'desc' }, { id: 'asc' }],
  });
  if (!contract) return 0;
  const product = await prisma.product.findFirst({ where: { active: true }, orderBy: { code: 'asc' } });
  // 8 × unit price for the machines (≈ 85 % of the amount), the rest for installation, exactly the amount.
  const unitPrice = contract.amount.mul(0.85).div(8).toDecimalPlaces(2, Prisma.Decimal.ROUND_DOWN);
  const machines = unitPrice.mul(8);
  const installation = contract.amount.minus(machines);
  const line = (position: number, description: string, unit: string, quantity: number, price: Prisma.Decimal, total: Prisma.Decimal, productId: string | null) => ({
    contractId: contract.id,
    position,
    productId,
    description,
    unit,
    quantity: new Prisma.Decimal(quantity),
    unitPrice: price,
    discountPercent: new Prisma.Decimal(0),
    taxPercent: new Prisma.Decimal(0),
    netAmount: total,
    taxAmount: new Prisma.Decimal(0),
    totalAmount: total,
  });
  const lines = await prisma.contractLine.createManyAndReturn({
    data: [line(1, product?.name ?? '数控加工中心', product?.unit ?? '台', 8, unitPrice, machines, product?.id ?? null), line(2, '安装调试及培训', '项', 1, installation, installation, null)],
  });
  const signed = contract.signedDate!;
  const due = addDays(signed, 30);
  const delivered = addDays(signed, 20) < today ? addDays(signed, 20) : today;
  // Ids made here so the order, its lines, the delivery and its lines go in one statement each.
  const orderId = randomUUID();
  const deliveryId = randomUUID();
  const orderLines = lines.map((l) => ({
    id: randomUUID(),
    orderId,
    contractLineId: l.id,
    position: l.position,
    description: l.description,
    unit: l.unit,
    quantity: l.quantity,
    deliveredQuantity: new Prisma.Decimal(l.position === 1 ? 5 : 0),
    amount: l.totalAmount,
  }));
  await prisma.salesOrder.createMany({
    data: [
      {
        id: orderId,
        contractId: contract.id,
        customerId: contract.customerId,
        seq: 1,
        status: 'PARTIALLY_DELIVERED',
        expectedDeliveryDate: due,
        currency: contract.currency,
        amount: contract.amount,
        note: '分两批发货',
        ownerId: contract.ownerId,
        createdById: contract.ownerId,
        createdAt: signed,
      },
    ],
  });
  await prisma.salesOrderLine.createMany({ data: orderLines });
  await prisma.salesDelivery.createMany({
    data: [{ id: deliveryId, orderId, deliveredOn: delivered, note: '第一批 5 台，德邦物流 DPK2026110001', recordedById: contract.ownerId, createdAt: delivered }],
  });
  await prisma.salesDeliveryLine.createMany({ data: [{ deliveryId, orderLineId: orderLines[0]!.id, quantity: new Prisma.Decimal(5) }] });
  return 1;
}
