import { describe, expect, it } from 'vitest';
import { builtInScenes, DEFAULT_ORDER, fromCustomerFilter, fromCustomerOrder, NO_FILTERS, sameFilters, toCustomerFilter } from './scenes.js';

describe('customer list scenes', () => {
  it('sends only the filters that are set, and reads a saved filter back into the same controls', () => {
    const filters = { ...NO_FILTERS, tier: 'A' as const, ownerId: 'VXNlcjox', province: '浙江' };
    const filter = toCustomerFilter(filters);
    expect(filter).toEqual({ tier: ['A'], ownerIds: ['VXNlcjox'], province: '浙江' });
    expect(fromCustomerFilter(JSON.parse(JSON.stringify(filter)))).toEqual(filters);
    expect(toCustomerFilter(NO_FILTERS, { pool: true })).toEqual({ inPublicPool: true });
  });

  it('drops what the controls cannot show and survives junk', () => {
    expect(fromCustomerFilter({ tier: ['B', 'C'], city: '杭州', search: 7 })).toEqual({ ...NO_FILTERS, tier: 'B' });
    expect(fromCustomerFilter(null)).toEqual(NO_FILTERS);
    expect(fromCustomerOrder({ field: 'NAME' })).toEqual({ field: 'NAME', direction: 'ASC' });
    expect(fromCustomerOrder(null)).toEqual(DEFAULT_ORDER);
  });

  it('offers the built-in scenes, the personal ones only with a viewer', () => {
    const scenes = builtInScenes('me');
    expect(scenes.map((s) => s.key)).toEqual(['all', 'mine', 'keyAccounts', 'releaseSoon']);
    expect(toCustomerFilter(scenes[3]!.filters)).toEqual({ ownerIds: ['me'], releaseDueWithinDays: 7 });
    expect(builtInScenes(undefined).map((s) => s.key)).toEqual(['all', 'keyAccounts']);
    expect(sameFilters(scenes[2]!.filters, { ...NO_FILTERS, tier: 'A' })).toBe(true);
    expect(sameFilters(scenes[1]!.filters, scenes[3]!.filters)).toBe(false);
  });
});
