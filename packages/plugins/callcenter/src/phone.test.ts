import { describe, expect, it } from 'vitest';
import { lookupSuffix, normalizePhone, reversedRange, storedDigitVariants } from './phone.js';

describe('normalizePhone', () => {
  it.each([
    ['+86 138-0013-8000'],
    ['0086 138 0013 8000'],
    ['13800138000'],
    ['8613800138000'],
    ['(+86) 138 0013 8000'],
  ])('reads %s as +8613800138000', (raw) => {
    expect(normalizePhone(raw, 'CN')).toEqual({ e164: '+8613800138000', countryCallingCode: '86', nationalNumber: '13800138000' });
  });

  it('drops the trunk prefix of a landline and honours the default country', () => {
    expect(normalizePhone('021-6123-4567', 'CN')?.e164).toBe('+862161234567');
    expect(normalizePhone('030 1234567', 'DE')?.e164).toBe('+49301234567');
    expect(normalizePhone('+49 30 1234567', 'CN')?.e164).toBe('+49301234567');
  });

  it('refuses what cannot be a number', () => {
    expect(normalizePhone('anonymous', 'CN')).toBeNull();
    expect(normalizePhone('12', 'CN')).toBeNull();
    expect(normalizePhone('', 'CN')).toBeNull();
  });
});

describe('matching keys', () => {
  it('lists the digit forms a stored number may take', () => {
    expect(storedDigitVariants(normalizePhone('+8613800138000', 'CN')!)).toEqual([
      '13800138000',
      '8613800138000',
      '013800138000',
      '008613800138000',
    ]);
  });

  it('looks up by the national number, or by the digits of a partial one', () => {
    expect(lookupSuffix('0086-138-0013-8000', 'CN')).toBe('13800138000');
    expect(lookupSuffix('0013 8000', 'CN')).toBe('00138000');
    expect(lookupSuffix('138000', 'CN')).toBeNull();
  });

  it('turns a suffix into a range of reversed digits', () => {
    const { from, to } = reversedRange('138000');
    expect(from).toBe('000831');
    expect('0008310' >= from && '0008310' < to).toBe(true);
    expect('000832' < to).toBe(false);
  });
});
