import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';

function configFile(content: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'rapport-rules-')), 'rapport.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('customer rules configuration', () => {
  it('has documented defaults', () => {
    expect(loadConfig({}).customerRules).toEqual({
      tiers: { aMinAnnualValue: 500_000, closeContactDays: 30, dormantAfterDays: 90 },
      lifecycle: { returningAfterDeals: 2, loyalAfterDeals: 10, loyalRecentDays: 365, dormantAfterDays: 90 },
      pool: { maxOwnedCustomers: 100, releaseAfterDays: 90, warnBeforeReleaseDays: 7 },
      duplicates: { onCreate: 'WARN' },
      score: { windowDays: 365, weights: {} },
      // Half of the 83 days before the pre-release warning: the churn warning comes first.
      // Rates as with a 90-day window: a 270-day baseline (7 windows of 41), 2 contacts and 1 deal per 90 days.
      churn: { windowDays: 41, baselineWindows: 7, dropRatio: 0.5, minBaselineContacts: 0.91, minBaselineDeals: 0.46 },
      care: {
        leadDays: 3,
        holidays: [
          { name: '元旦', nameEn: "New Year's Day", date: '01-01', calendar: 'SOLAR' },
          { name: '春节', nameEn: 'Spring Festival', date: '01-01', calendar: 'LUNAR' },
          { name: '端午', nameEn: 'Dragon Boat Festival', date: '05-05', calendar: 'LUNAR' },
          { name: '中秋', nameEn: 'Mid-Autumn Festival', date: '08-15', calendar: 'LUNAR' },
          { name: '国庆', nameEn: 'National Day', date: '10-01', calendar: 'SOLAR' },
        ],
        holidayTiers: ['A', 'B'],
        fileReviewDays: 0,
      },
    });
  });

  it('reads the care calendar from the file and the lead days from RAPPORT_CARE_LEAD_DAYS, naming bad holidays', () => {
    const file = configFile({ customerRules: { care: { holidays: [{ name: '公司周年', date: '11-05' }], holidayTiers: ['A'] } } });
    const { care } = loadConfig({ RAPPORT_CONFIG_FILE: file, RAPPORT_CARE_LEAD_DAYS: '5' }).customerRules;
    expect(care).toEqual({ leadDays: 5, holidays: [{ name: '公司周年', date: '11-05', calendar: 'SOLAR' }], holidayTiers: ['A'], fileReviewDays: 0 });
    expect(() => loadConfig({ RAPPORT_CARE_LEAD_DAYS: '-1' })).toThrow(/RAPPORT_CARE_LEAD_DAYS: /);
    const bad = configFile({ customerRules: { care: { holidays: [{ name: '中秋', date: '08-15' }, { name: '怪日', date: '02-30' }] } } });
    expect(() => loadConfig({ RAPPORT_CONFIG_FILE: bad })).toThrow(/customerRules\.care\.holidays\.1\.date: must be MM-DD/);
  });

  it('reads the config file section, with RAPPORT_* variables winning over it', () => {
    const file = configFile({ plugins: [], customerRules: { pool: { maxOwnedCustomers: 20, releaseAfterDays: 30 }, churn: { dropRatio: 0.7 } } });
    const rules = loadConfig({ RAPPORT_CONFIG_FILE: file, RAPPORT_POOL_MAX_CUSTOMERS: '5' }).customerRules;
    expect(rules.pool).toEqual({ maxOwnedCustomers: 5, releaseAfterDays: 30, warnBeforeReleaseDays: 7 });
    expect(rules.churn.windowDays).toBe(11); // derived from the shorter release: (30 − 7) / 2
    expect(rules.churn.dropRatio).toBe(0.7);
    expect(rules.tiers.aMinAnnualValue).toBe(500_000);
  });

  it('names the variable or the file key of every invalid value', () => {
    expect(() => loadConfig({ RAPPORT_POOL_RELEASE_DAYS: 'soon' })).toThrow(/RAPPORT_POOL_RELEASE_DAYS: must be a number/);
    expect(() => loadConfig({ RAPPORT_POOL_MAX_CUSTOMERS: '0' })).toThrow(/RAPPORT_POOL_MAX_CUSTOMERS: /);
    const file = configFile({ customerRules: { churn: { dropRatio: 2 }, tiers: { gold: 1 } } });
    expect(() => loadConfig({ RAPPORT_CONFIG_FILE: file })).toThrow(/customerRules\.tiers: Unrecognized key: "gold"; customerRules\.churn\.dropRatio: /);
  });

  it('reads the 撞单 mode as a word, and refuses an unknown one naming the variable', () => {
    expect(loadConfig({ RAPPORT_DUPLICATE_CUSTOMERS: 'refuse' }).customerRules.duplicates.onCreate).toBe('REFUSE');
    expect(() => loadConfig({ RAPPORT_DUPLICATE_CUSTOMERS: 'sometimes' })).toThrow(/RAPPORT_DUPLICATE_CUSTOMERS: /);
  });

  it('refuses rules that would warn of churn after the customer is already lost', () => {
    expect(() => loadConfig({ RAPPORT_CHURN_WINDOW_DAYS: '90' })).toThrow(/RAPPORT_CHURN_WINDOW_DAYS: must be shorter than 83 days/);
    expect(() => loadConfig({ RAPPORT_POOL_RELEASE_DAYS: '30', RAPPORT_POOL_WARN_DAYS: '30' })).toThrow(/RAPPORT_POOL_WARN_DAYS: must be less than/);
    expect(loadConfig({ RAPPORT_CHURN_WINDOW_DAYS: '82' }).customerRules.churn.windowDays).toBe(82);
  });
});
