import { describe, expect, it } from 'vitest';
import { normalizeName, phoneDigits } from '../shared/normalize.js';
import { reasonsFor } from './duplicates.js';

describe('reasonsFor', () => {
  const subject = { nameKey: normalizeName('  Ningbo   VALVE Co. '), phones: [phoneDigits('+86 574-8888 1234')!], emails: ['xu@valve.example'] };

  it('matches the normalised name, the phone digits and the e-mail, each as a reason', () => {
    expect(reasonsFor(subject, { nameKey: 'ningbo valve co.', phoneDigits: '8657488881234', email: 'XU@valve.example' })).toEqual(['NAME', 'PHONE', 'EMAIL']);
    expect(reasonsFor(subject, { nameKey: 'ningbo valves', phoneDigits: '57488881234', email: null })).toEqual([]);
  });
});
