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
    });
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
