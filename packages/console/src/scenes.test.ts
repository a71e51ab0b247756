import { describe, expect, it } from 'vitest';
import { DEFAULT_ORDER, fromCustomerFilter, fromCustomerOrder, NO_FILTERS, reorder, sameFilters, toCustomerFilter } from './scenes.js';

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

  it("reads the graph's built-in scenes into the controls, and tells them apart", () => {
    const mine = fromCustomerFilter({ ownerIds: ['VXNlcjox'] });
    const soon = fromCustomerFilter({ ownerIds: ['VXNlcjox'], releaseDueWithinDays: 5 });
    expect(soon).toEqual({ ...NO_FILTERS, ownerId: 'VXNlcjox', releaseDueWithinDays: 5 });
    expect(toCustomerFilter(soon)).toEqual({ ownerIds: ['VXNlcjox'], releaseDueWithinDays: 5 });
    expect(sameFilters(fromCustomerFilter({ tier: ['A'] }), { ...NO_FILTERS, tier: 'A' })).toBe(true);
    expect(sameFilters(mine, soon)).toBe(false);
  });

  it('moves a view one step among the own views, renumbering only those that change', () => {
    const views = [
      { id: 'a', position: 0 },
      { id: 'b', position: 0 },
      { id: 'c', position: 20 },
    ];
    expect(reorder(views, 'c', -1)).toEqual([
      { id: 'c', position: 10 },
      { id: 'b', position: 20 },
    ]);
    expect(reorder(views, 'a', 1)).toEqual([{ id: 'a', position: 10 }]);
    expect(reorder(views, 'a', -1)).toEqual([]);
    expect(reorder(views, 'c', 1)).toEqual([]);
    expect(reorder(views, 'x', 1)).toEqual([]);
  });
});
