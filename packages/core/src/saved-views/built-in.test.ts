import { decodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { builtInViews, releaseSoonDays } from './built-in.js';

describe('built-in saved views', () => {
  const userId = '0190a1b2-0000-7000-8000-000000000001';

  it('offers all, mine, key accounts and about to be released, named in the reader language', () => {
    const zh = builtInViews(userId, 'zh-CN', 5);
    expect(zh.map((v) => [v.key, v.name])).toEqual([
      ['ALL', '全部客户'],
      ['MINE', '我的客户'],
      ['KEY_ACCOUNTS', '重点客户（A 类）'],
      ['RELEASE_SOON', '即将掉入公海'],
    ]);
    expect(builtInViews(userId, 'en', 5).map((v) => v.name)).toEqual(['All customers', 'My customers', 'Key accounts (tier A)', 'About to be released']);
  });

  it("filters by the user's global id and the pool's warning period", () => {
    const [all, mine, key, soon] = builtInViews(userId, 'zh-CN', 5);
    expect(all!.filter).toEqual({});
    const owner = (mine!.filter.ownerIds as string[])[0]!;
    expect(decodeGlobalID(owner)).toEqual({ typename: 'User', id: userId });
    expect(key!.filter).toEqual({ tier: ['A'] });
    expect(soon!.filter).toEqual({ ownerIds: [owner], releaseDueWithinDays: 5 });
    expect(soon!.orderBy).toEqual({ field: 'LAST_CONTACTED_AT', direction: 'ASC' });
  });

  it('looks 7 days ahead when the pool warns nobody', () => {
    expect(releaseSoonDays(0)).toBe(7);
    expect(releaseSoonDays(3)).toBe(3);
  });
});
