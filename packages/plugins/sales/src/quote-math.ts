import { Prisma } from '@rapport/core';

type Decimal = Prisma.Decimal;
type DecimalValue = string | number | Prisma.Decimal;
const D = (value: DecimalValue) => new Prisma.Decimal(value);
const HUNDRED = D(100);
/** Commercial rounding to the cent (half away from zero), as invoices do. */
const cents = (value: Decimal) => value.toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP);

export interface LineInput {
  quantity: DecimalValue;
  unitPrice: DecimalValue;
  /** Percent off the line, 0–100. */
  discountPercent: DecimalValue;
  /** VAT percent on the discounted amount. */
  taxPercent: DecimalValue;
}

export interface LineAmounts {
  /** quantity × unit price, to the cent. */
  grossAmount: Decimal;
  /** After the discount, before tax. */
  netAmount: Decimal;
  taxAmount: Decimal;
  totalAmount: Decimal;
}

/** One line's amounts, each rounded to the cent once, so the totals add up to what the lines show. */
export function lineAmounts(line: LineInput): LineAmounts {
  const grossAmount = cents(D(line.quantity).mul(line.unitPrice));
  const netAmount = cents(grossAmount.mul(HUNDRED.sub(line.discountPercent)).div(HUNDRED));
  const taxAmount = cents(netAmount.mul(line.taxPercent).div(HUNDRED));
  return { grossAmount, netAmount, taxAmount, totalAmount: netAmount.add(taxAmount) };
}

export interface QuoteTotals {
  subtotal: Decimal;
  discountTotal: Decimal;
  taxTotal: Decimal;
  total: Decimal;
  /** The largest line discount: what approval thresholds compare. */
  maxDiscount: Decimal;
}

/** The quote's totals: sums of the lines' rounded amounts (exact decimals, no floating point). */
export function quoteTotals(lines: readonly LineInput[]): QuoteTotals {
  const zero = D(0);
  return lines.reduce<QuoteTotals>(
    (sum, line) => {
      const a = lineAmounts(line);
      return {
        subtotal: sum.subtotal.add(a.grossAmount),
        discountTotal: sum.discountTotal.add(a.grossAmount.sub(a.netAmount)),
        taxTotal: sum.taxTotal.add(a.taxAmount),
        total: sum.total.add(a.totalAmount),
        maxDiscount: Prisma.Decimal.max(sum.maxDiscount, line.discountPercent),
      };
    },
    { subtotal: zero, discountTotal: zero, taxTotal: zero, total: zero, maxDiscount: zero },
  );
}
