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
      pool: { maxOwnedCustomers: 100, releaseAfterDays: 90 },
      churn: { windowDays: 90, baselineWindows: 3, dropRatio: 0.5, minBaselineContacts: 2, minBaselineDeals: 1 },
    });
  });

  it('reads the config file section, with RAPPORT_* variables winning over it', () => {
    const file = configFile({ plugins: [], customerRules: { pool: { maxOwnedCustomers: 20, releaseAfterDays: 30 }, churn: { dropRatio: 0.7 } } });
    const rules = loadConfig({ RAPPORT_CONFIG_FILE: file, RAPPORT_POOL_MAX_CUSTOMERS: '5' }).customerRules;
    expect(rules.pool).toEqual({ maxOwnedCustomers: 5, releaseAfterDays: 30 });
    expect(rules.churn.dropRatio).toBe(0.7);
    expect(rules.tiers.aMinAnnualValue).toBe(500_000);
  });

  it('names the variable or the file key of every invalid value', () => {
    expect(() => loadConfig({ RAPPORT_POOL_RELEASE_DAYS: 'soon' })).toThrow(/RAPPORT_POOL_RELEASE_DAYS: must be a number/);
    expect(() => loadConfig({ RAPPORT_POOL_MAX_CUSTOMERS: '0' })).toThrow(/RAPPORT_POOL_MAX_CUSTOMERS: /);
    const file = configFile({ customerRules: { churn: { dropRatio: 2 }, tiers: { gold: 1 } } });
    expect(() => loadConfig({ RAPPORT_CONFIG_FILE: file })).toThrow(/customerRules\.tiers: Unrecognized key: "gold"; customerRules\.churn\.dropRatio: /);
  });
});
