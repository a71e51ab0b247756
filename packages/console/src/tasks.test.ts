import { describe, expect, it } from 'vitest';
import { bucketTasks, localDay } from './tasks.js';
import { preferredLocale, translate } from './i18n.js';

describe('my tasks buckets', () => {
  const now = new Date('2026-12-02T15:30:00Z'); // 23:30 in Shanghai

  it('cuts "today" at the viewer\'s local midnight, not UTC', () => {
    const tasks = [
      { id: 'late', dueAt: '2026-12-02T15:00:00Z' },
      { id: 'tonight', dueAt: '2026-12-02T15:45:00Z' }, // 23:45 Shanghai: today there
      { id: 'tomorrow-shanghai', dueAt: '2026-12-02T16:30:00Z' }, // 00:30 Shanghai next day, still 2 Dec in UTC
      { id: 'undated', dueAt: null },
    ];
    const shanghai = bucketTasks(tasks, now, 'Asia/Shanghai');
    expect(shanghai.overdue.map((t) => t.id)).toEqual(['late']);
    expect(shanghai.today.map((t) => t.id)).toEqual(['tonight']);
    expect(shanghai.upcoming.map((t) => t.id)).toEqual(['tomorrow-shanghai', 'undated']);
    const utc = bucketTasks(tasks, now, 'UTC');
    expect(utc.today.map((t) => t.id)).toEqual(['tonight', 'tomorrow-shanghai']);
  });

  it('names the local day', () => {
    expect(localDay(new Date('2026-12-02T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-12-03');
    expect(localDay(new Date('2026-12-02T16:30:00Z'), 'UTC')).toBe('2026-12-02');
  });
});

describe('messages', () => {
  it('fills placeholders in both languages', () => {
    expect(translate('zh-CN', 'total', { n: 42 })).toBe('共 42 条');
    expect(translate('en', 'total', { n: 42 })).toBe('42 in all');
  });

  it('prefers Chinese unless English comes first', () => {
    expect(preferredLocale(['en-US', 'zh-CN'])).toBe('en');
    expect(preferredLocale(['zh-TW'])).toBe('zh-CN');
    expect(preferredLocale(['fr-FR'])).toBe('zh-CN');
  });
});
