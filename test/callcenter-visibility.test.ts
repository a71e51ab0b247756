// A call logged by a rep is matched to a customer through the rep's visibility: a number of a customer
// (or contact) the rep may not see behaves exactly like an unknown number: no customer or contact on
// the call, no callback task, no alert naming anyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlugins } from '@rapport/core';
import callcenterPlugin from '@rapport/plugin-callcenter';
import { databaseKinds, startTestServer, type TestServer } from './support/harness.js';

const kinds = await databaseKinds();
const MINUTE = 60_000;
const LOG = `mutation($input: LogCallInput!) { logCall(input: $input) {
  call { fromNumber disposition customer { name } contact { name } callbacks { automatic task { subject } } } userErrors { field code message } } }`;

describe.each(kinds)('matching a logged call for its logger on %s', (database) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      database,
      customers: 10,
      plugins: resolvePlugins([callcenterPlugin], ['callcenter'], { callcenter: { webhook: { secret: 'telephony-test-secret-of-at-least-32-chars' } } }),
    });
    const manager = (await server.db.prisma.user.findUniqueOrThrow({ where: { email: 'manager@demo.local' } })).id;
    // The manager's own customer, shared with nobody: the rep may not see it or its contact.
    await server.ok('mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { field code message } } }', {
      input: {
        name: '上海隐秘贸易有限公司',
        ownerId: Buffer.from(`User:${manager}`).toString('base64'),
        phone: '+86 21 5555 0100',
        contacts: [{ name: '隐藏联系人', phone: '+86 139 0000 0199' }],
      },
    });
  });
  afterAll(() => server?.close());

  const missedFrom = (from: string) => ({
    direction: 'INBOUND',
    from,
    to: '+86 21 6000 8000',
    startedAt: new Date(server.clock.now().getTime() - 3 * MINUTE).toISOString(),
    endedAt: new Date(server.clock.now().getTime() - 2 * MINUTE).toISOString(),
  });
  const repAlerts = async () => (await server.as('rep@demo.local').ok('{ alerts(first: 50) { edges { node { title body } } } }')).alerts.edges;

  it.each([
    ['a hidden contact', '+86 139 0000 0199', '+86 139 0000 0188'],
    ["a hidden customer's own number", '+86 21 5555 0100', '+86 21 5555 0111'],
  ])('a missed call from %s is logged like one from an unknown number', async (_what, hidden, unknown) => {
    const rep = server.as('rep@demo.local');
    const before = await repAlerts();
    const fromHidden = (await rep.ok(LOG, { input: missedFrom(hidden) })).logCall.call;
    const fromUnknown = (await rep.ok(LOG, { input: missedFrom(unknown) })).logCall.call;
    expect({ ...fromHidden, fromNumber: null }).toEqual({ ...fromUnknown, fromNumber: null });
    expect(fromHidden).toMatchObject({ disposition: 'MISSED', customer: null, contact: null, callbacks: [] });
    // Past any reminder and due time: a callback task would have reminded the rep by now.
    server.clock.advance(2 * 24 * 60 * MINUTE);
    await server.app.alerts.fireDue();
    expect(await repAlerts()).toEqual(before);
    // Nothing was written on the hidden customer either: no task, so nothing for its owner to find.
    expect(await server.db.prisma.activity.count({ where: { customer: { name: '上海隐秘贸易有限公司' } } })).toBe(0);
  });

  it('still matches a number the logger may see, with its callback', async () => {
    const rep = server.as('rep@demo.local');
    await rep.ok('mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { field code message } } }', {
      input: { name: '杭州可见科技', contacts: [{ name: '王可见', phone: '+86 139 0000 0177' }] },
    });
    const call = (await rep.ok(LOG, { input: missedFrom('13900000177') })).logCall.call;
    expect(call).toMatchObject({ customer: { name: '杭州可见科技' }, contact: { name: '王可见' }, callbacks: [{ automatic: true }] });
  });
});
