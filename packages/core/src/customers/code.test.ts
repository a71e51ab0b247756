import { describe, expect, it } from 'vitest';
import { codePatternProblem, customerCode, DEFAULT_CUSTOMER_CODE_PATTERN, isDomestic, provinceLetter, renderCodePattern } from './code.js';

const facts = { prefix: 'CUS-', number: 123, domestic: true, province: '浙江省', ownerCode: '1' };

describe('customer code patterns', () => {
  it("renders today's code by default", () => {
    expect(renderCodePattern(DEFAULT_CUSTOMER_CODE_PATTERN, facts)).toEqual({ code: customerCode('CUS-', 123) });
    expect(customerCode('CUS-', 123)).toBe('CUS-000123');
  });

  it("renders 004's JRN01001 with the sequence per company, region and owner", () => {
    expect(renderCodePattern('JR{region}{owner:2}{seq:3}', facts)).toEqual({ key: 'JRN01{seq}', before: 'JRN01', after: '', width: 3 });
    expect(renderCodePattern('JR{region}{owner:2}{seq:3}', { ...facts, domestic: false })).toMatchObject({ before: 'JRW01' });
    expect(renderCodePattern('JR{region}{owner:2}{seq:3}', { ...facts, ownerCode: null })).toMatchObject({ before: 'JRN00' });
    expect(renderCodePattern('{province}-{seq:4}-X', facts)).toEqual({ key: 'Z-{seq}-X', before: 'Z-', after: '-X', width: 4 });
    expect(renderCodePattern('JR{region}{seq}', facts, { domestic: 'D', foreign: 'F' })).toMatchObject({ before: 'JRD', width: 3 });
  });

  it('refuses patterns that cannot make unique codes', () => {
    expect(codePatternProblem('JR{region}{owner:2}{seq:3}')).toBeNull();
    expect(codePatternProblem(DEFAULT_CUSTOMER_CODE_PATTERN)).toBeNull();
    expect(codePatternProblem('JR{region}{owner:2}')).toMatch(/needs/);
    expect(codePatternProblem('JR{seq}{seq}')).toMatch(/once/);
    expect(codePatternProblem('JR{city}{seq}')).toMatch(/unknown token/);
    expect(codePatternProblem('客户{seq}')).toMatch(/literal/);
  });

  it('tells domestic from foreign and finds the province letter', () => {
    expect(isDomestic(null, null)).toBe(true);
    expect(isDomestic('China', null)).toBe(true);
    expect(isDomestic('中国', null)).toBe(true);
    expect(isDomestic('Germany', null)).toBe(false);
    expect(isDomestic('Germany', '330106')).toBe(true);
    expect(provinceLetter('浙江省')).toBe('Z');
    expect(provinceLetter('广东')).toBe('G');
    expect(provinceLetter('Bavaria')).toBe('B');
    expect(provinceLetter(null)).toBe('X');
  });
});
