import { describe, expect, it } from 'vitest';
import { conflictsOf, matchKeys, matchedOn, type CustomerCandidate, type RegistrationCandidate } from './conflicts.js';

const keys = matchKeys({ companyName: '  Harbor   LOGISTICS ', contactPhone: '+49 (40) 555-0100', contactEmail: 'Hanna@Harbor.example' });

const registration = (over: Partial<RegistrationCandidate>): RegistrationCandidate => ({
  id: 'r1',
  partnerId: 'other',
  companyNameKey: 'someone else',
  contactPhoneDigits: null,
  contactEmail: null,
  ...over,
});
const customer = (over: Partial<CustomerCandidate>): CustomerCandidate => ({
  id: 'c1',
  nameKey: 'someone else',
  phoneDigits: null,
  email: null,
  ownerId: null,
  contacts: [],
  partnerShares: [],
  ...over,
});

describe('deal registration conflict check', () => {
  it('normalises name, phone and e-mail with core normalisers', () => {
    expect(keys).toEqual({ nameKey: 'harbor logistics', phone: '49405550100', email: 'hanna@harbor.example' });
    expect(matchKeys({ companyName: 'X', contactPhone: '12-34' }).phone).toBeNull();
  });

  it('says what matched', () => {
    expect(matchedOn(keys, { nameKey: 'harbor logistics', phones: ['49405550100'], emails: ['HANNA@harbor.example'] })).toEqual(['NAME', 'PHONE', 'EMAIL']);
    expect(matchedOn(keys, { nameKey: 'harbour logistics', phones: [null], emails: [] })).toEqual([]);
  });

  it("flags another partner's registration, never the registering partner's own", () => {
    const found = conflictsOf('me', keys, [registration({ companyNameKey: 'harbor logistics' }), registration({ id: 'r2', partnerId: 'me', companyNameKey: 'harbor logistics' })], []);
    expect(found).toEqual([{ kind: 'OTHER_PARTNER_REGISTRATION', matchedOn: ['NAME'], customerId: null, otherRegistrationId: 'r1', otherPartnerId: 'other' }]);
  });

  it("flags a direct-sales customer matched through a contact's phone, and other partners' shares", () => {
    const found = conflictsOf('me', keys, [], [
      customer({ ownerId: 'rep', contacts: [{ phoneDigits: '49405550100', email: null }], partnerShares: [{ partnerId: 'me' }, { partnerId: 'p2' }] }),
      customer({ id: 'pool', nameKey: 'harbor logistics' }),
    ]);
    expect(found).toEqual([
      { kind: 'DIRECT_SALES', matchedOn: ['PHONE'], customerId: 'c1', otherRegistrationId: null, otherPartnerId: null },
      { kind: 'OTHER_PARTNER_CUSTOMER', matchedOn: ['PHONE'], customerId: 'c1', otherRegistrationId: null, otherPartnerId: 'p2' },
    ]);
  });
});
