import { describe, expect, it } from 'vitest';
import { scoreCustomer, weightOf } from './score.js';

const parts = (values: { frequency: number; amount: number; complaints: number; campaigns: number }) => [
  { key: 'frequency', better: 'HIGHER' as const, weight: 30, target: 6, value: values.frequency },
  { key: 'amount', better: 'HIGHER' as const, weight: 40, target: 500_000, value: values.amount },
  { key: 'complaints', better: 'LOWER' as const, weight: 20, target: 3, value: values.complaints },
  { key: 'campaigns', better: 'HIGHER' as const, weight: 10, target: 3, value: values.campaigns },
];

describe('the customer score', () => {
  it('adds each part’s points out of its weight', () => {
    const score = scoreCustomer(parts({ frequency: 3, amount: 250_000, complaints: 1, campaigns: 3 }));
    expect(score.parts.map((p) => [p.key, p.points])).toEqual([
      ['frequency', 15],
      ['amount', 20],
      ['complaints', 13.3],
      ['campaigns', 10],
    ]);
    expect(score.total).toBe(58.3);
  });

  it('caps at the target, and complaints beyond theirs earn nothing', () => {
    const best = scoreCustomer(parts({ frequency: 12, amount: 2_000_000, complaints: 0, campaigns: 5 }));
    expect(best.total).toBe(100);
    const worst = scoreCustomer(parts({ frequency: 0, amount: 0, complaints: 9, campaigns: 0 }));
    expect(worst.total).toBe(0);
  });

  it('scales to 100 over the parts present and leaves out weight 0', () => {
    const coreOnly = scoreCustomer(parts({ frequency: 6, amount: 0, complaints: 0, campaigns: 0 }).slice(0, 2));
    expect(coreOnly.total).toBe(42.9); // 30 of 70
    const noAmount = scoreCustomer(parts({ frequency: 6, amount: 0, complaints: 0, campaigns: 0 }).map((p) => (p.key === 'amount' ? { ...p, weight: 0 } : p)));
    expect(noAmount.parts.map((p) => p.key)).toEqual(['frequency', 'complaints', 'campaigns']);
    expect(scoreCustomer([]).total).toBe(0);
  });

  it('takes configured weights over the defaults', () => {
    const source = { key: 'complaints', defaultWeight: 20, defaultTarget: 3 };
    expect(weightOf(source, {})).toEqual({ weight: 20, target: 3 });
    expect(weightOf(source, { complaints: { weight: 5 } })).toEqual({ weight: 5, target: 3 });
  });
});
