import { describe, expect, it } from 'vitest';
import { Prisma } from '@rapport/core';
import { deliveryProblems, orderableQuantities, orderProblems, orderStatusAfter } from './order-rules.js';

const d = (v: string | number) => new Prisma.Decimal(v);
const contractLines = [
  { id: 'a', position: 1, quantity: d(10) },
  { id: 'b', position: 2, quantity: d('2.5') },
];

describe('order quantities against the contract', () => {
  it('counts open and delivered orders in full and cancelled ones by what they delivered', () => {
    const left = orderableQuantities(contractLines, [
      { contractLineId: 'a', quantity: d(4), deliveredQuantity: d(0), order: { status: 'PENDING' } },
      { contractLineId: 'a', quantity: d(3), deliveredQuantity: d(1), order: { status: 'CANCELLED' } },
      { contractLineId: 'b', quantity: d('2.5'), deliveredQuantity: d('2.5'), order: { status: 'DELIVERED' } },
    ]);
    expect(left.get('a')!.toString()).toBe('5');
    expect(left.get('b')!.toString()).toBe('0');
  });

  it('refuses unknown, repeated, non-positive lines and quantities beyond what is left', () => {
    const left = new Map([['a', d(5)], ['b', d('2.5')]]);
    expect(orderProblems(contractLines, left, [{ position: 1, quantity: '5' }, { position: 2, quantity: '2.5' }])).toEqual([]);
    const problems = orderProblems(contractLines, left, [
      { position: 3, quantity: '1' },
      { position: 1, quantity: '5.001' },
      { position: 1, quantity: '1' },
      { position: 2, quantity: '0' },
    ]);
    expect(problems.map((p) => [p.field, p.code, p.key])).toEqual([
      ['lines.0.position', 'NOT_FOUND', 'order.noSuchContractLine'],
      ['lines.1.quantity', 'OUT_OF_RANGE', 'order.beyondContract'],
      ['lines.2.position', 'DUPLICATE', 'order.duplicateLine'],
      ['lines.3.quantity', 'OUT_OF_RANGE', 'order.quantityPositive'],
    ]);
    expect(problems[1]!.params).toEqual({ position: 1, left: '5', contracted: '10' });
  });
});

describe('deliveries against the order', () => {
  const lines = [
    { position: 1, quantity: d(6), deliveredQuantity: d(2) },
    { position: 2, quantity: d(1), deliveredQuantity: d(0) },
  ];
  it('allows up to what is undelivered and no more', () => {
    expect(deliveryProblems(lines, [{ position: 1, quantity: '4' }])).toEqual([]);
    expect(deliveryProblems(lines, [{ position: 1, quantity: '4.5' }])).toMatchObject([{ field: 'lines.0.quantity', key: 'order.beyondOrdered', params: { left: '4', ordered: '6' } }]);
    expect(deliveryProblems(lines, [{ position: 9, quantity: '1' }])).toMatchObject([{ code: 'NOT_FOUND' }]);
  });
  it('moves PENDING → PARTIALLY_DELIVERED → DELIVERED', () => {
    expect(orderStatusAfter([{ quantity: d(6), delivered: d(0) }])).toBe('PENDING');
    expect(orderStatusAfter([{ quantity: d(6), delivered: d(6) }, { quantity: d(1), delivered: d(0) }])).toBe('PARTIALLY_DELIVERED');
    expect(orderStatusAfter([{ quantity: d(6), delivered: d(6) }, { quantity: d(1), delivered: d(1) }])).toBe('DELIVERED');
  });
});
