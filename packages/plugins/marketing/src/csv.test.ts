import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';

const fieldsOf = (text: string) => parseCsv(text).records.map((r) => r.fields);

describe('parseCsv', () => {
  it('splits records and fields, with CRLF or LF and no final newline', () => {
    expect(fieldsOf('a,b,c\r\n1,2,3\n4,,6')).toEqual([['a', 'b', 'c'], ['1', '2', '3'], ['4', '', '6']]);
  });

  it('keeps commas, line breaks and doubled quotes inside quoted fields', () => {
    const { records, error } = parseCsv('email,note\n"li@x.cn","Said ""yes"", then\nasked for a quote"\nzz@x.cn,plain\n');
    expect(error).toBeNull();
    expect(records).toEqual([
      { line: 1, fields: ['email', 'note'] },
      { line: 2, fields: ['li@x.cn', 'Said "yes", then\nasked for a quote'] },
      { line: 4, fields: ['zz@x.cn', 'plain'] },
    ]);
  });

  it('skips blank lines and a byte-order mark, and keeps an empty quoted field', () => {
    expect(fieldsOf('\ufeffa,b\n\n"",x\n\n')).toEqual([['a', 'b'], ['', 'x']]);
  });

  it('reports malformed quoting with its line', () => {
    expect(parseCsv('a,b\n1,"open\n').error).toEqual({ 'zh-CN': '第 2 行：加引号的字段没有闭合', en: 'line 2: a quoted field is never closed' });
    expect(parseCsv('a,b\n1,"x"y\n').error?.en).toBe('line 2: a closing quote must end the field');
    expect(parseCsv('a,b\n1,x"y\n').error?.en).toMatch(/^line 2: a quote inside an unquoted field/);
  });
});
