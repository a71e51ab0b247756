import { describe, expect, it } from 'vitest';
import { sales } from './messages.js';
import { contractNumber, instalmentStates, planProblem } from './payment-plan.js';

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe('payment plan rules', () => {
  it('fills instalments in due order and marks what is owed past its due date overdue', () => {
    const plan = [
      { position: 2, dueDate: d('2026-03-01'), amount: '300.00' },
      { position: 1, dueDate: d('2026-01-01'), amount: '500.00' },
      { position: 3, dueDate: d('2026-06-01'), amount: '200.00' },
    ];
    const states = instalmentStates(plan, '650.00', d('2026-04-01'));
    expect(states.map((s) => [s.position, s.paid.toFixed(2), s.outstanding.toFixed(2), s.overdue.toFixed(2), s.status])).toEqual([
      [2, '150.00', '150.00', '150.00', 'OVERDUE'],
      [1, '500.00', '0.00', '0.00', 'PAID'],
      [3, '0.00', '200.00', '0.00', 'OPEN'],
    ]);
    expect(instalmentStates(plan, '600.00', d('2026-02-01')).map((s) => s.status)).toEqual(['PARTLY_PAID', 'PAID', 'OPEN']);
  });

  it('names the difference when the instalments do not sum to the contract amount', () => {
    expect(planProblem(['100.00', '200.00'], '300.00', 'CNY')).toBeNull();
    const text = (problem: ReturnType<typeof planProblem>) => sales.texts(problem!.key, problem!.params);
    expect(text(planProblem(['100.00', '150.50'], '300.00', 'CNY'))).toEqual({
      'zh-CN': '分期合计 CNY 250.50，比合同金额 300.00 少 49.50',
      en: 'the instalments sum to CNY 250.50, 49.50 less than the contract amount 300.00',
    });
    expect(text(planProblem(['100.00', '250.00'], '300.00', 'CNY')).en).toBe('the instalments sum to CNY 350.00, 50.00 more than the contract amount 300.00');
  });

  it('numbers contracts per year', () => {
    expect(contractNumber('HT', 2026, 1)).toBe('HT-2026-0001');
    expect(contractNumber('HT', 2026, 12345)).toBe('HT-2026-12345');
  });
});
