import { describe, expect, it } from 'vitest';
import { lineAmounts, quoteTotals } from './quote-math.js';

describe('lineAmounts', () => {
  it('rounds each amount to the cent once, half away from zero', () => {
    // 3 × 33.33 = 99.99; 12.5 % off → 87.49125 → 87.49; 13 % VAT → 11.3737 → 11.37.
    const a = lineAmounts({ quantity: '3', unitPrice: '33.33', discountPercent: '12.5', taxPercent: '13' });
    expect([a.grossAmount, a.netAmount, a.taxAmount, a.totalAmount].map(String)).toEqual(['99.99', '87.49', '11.37', '98.86']);
  });

  it('takes fractional quantities exactly (no floating point)', () => {
    // 0.1 + 0.2 style traps: 1.005 × 100 = 100.5 exactly.
    const a = lineAmounts({ quantity: '1.005', unitPrice: '100', discountPercent: '0', taxPercent: '0' });
    expect(String(a.grossAmount)).toBe('100.5');
    const b = lineAmounts({ quantity: '2.5', unitPrice: '0.01', discountPercent: '0', taxPercent: '0' });
    expect(String(b.grossAmount)).toBe('0.03');
  });
});

describe('quoteTotals', () => {
  it('adds up the lines and keeps the largest discount', () => {
    const totals = quoteTotals([
      { quantity: '2', unitPrice: '150000', discountPercent: '15', taxPercent: '13' },
      { quantity: '10', unitPrice: '1200', discountPercent: '0', taxPercent: '13' },
    ]);
    // 300000 − 45000 = 255000 (+33150 VAT); 12000 (+1560 VAT).
    expect(Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, String(v)]))).toEqual({
      subtotal: '312000',
      discountTotal: '45000',
      taxTotal: '34710',
      total: '301710',
      maxDiscount: '15',
    });
  });

  it('is zero for no lines', () => {
    expect(String(quoteTotals([]).total)).toBe('0');
  });
});
