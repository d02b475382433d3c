import { expect } from 'chai';
import type { Order, Receipt, Ticket } from '@halway/example-coffee-shop';
import { brokenInvariants, type ShopAtRest } from './support/invariants.js';

const URL_1 = 'http://orders.test/orders/1';
const order = (status: Order['status'], extra: Partial<Order> = {}): Order => ({
  id: '1',
  status,
  drink: 'latte',
  size: 'large',
  quantity: 1,
  location: 'take-away',
  total: 4.1,
  revision: 1,
  placedAt: '2026-12-03T10:00:00Z',
  ...extra,
});
const receipt = (status: Receipt['status'], amount = 4.1, orderUrl = URL_1): Receipt => ({
  id: `r-${Math.random()}`,
  order: orderUrl,
  amount,
  currency: 'EUR',
  revision: 1,
  cardholder: 'Ada',
  last4: '1111',
  status,
  paidAt: '2026-12-03T10:00:01Z',
});
const ticket = (status: Ticket['status'], orderUrl = URL_1): Ticket => ({
  id: `t-${Math.random()}`,
  order: orderUrl,
  status,
  createdAt: '2026-12-03T10:00:02Z',
});
const shop = (o: Order, receipts: Receipt[] = [], tickets: Ticket[] = []): ShopAtRest => ({
  orders: new Map([[URL_1, o]]),
  receipts,
  tickets,
});

describe('the coffee shop invariants (the checker the durability tests use)', () => {
  it('should hold for a paid order with one charge of its total and its ticket', () => {
    const paid = order('paid', { receipt: 'r' });
    expect(
      brokenInvariants(shop(paid, [receipt('paid'), receipt('refunded')], [ticket('queued')])),
    ).to.deep.equal([]);
  });

  it('should catch each way money or drinks go wrong', () => {
    const paid = order('paid', { receipt: 'r' });
    expect(brokenInvariants(shop(paid, [receipt('paid'), receipt('paid')]))[0]).to.match(
      /^1: .* 2 charges/,
    );
    expect(brokenInvariants(shop(paid, [receipt('paid', 3.5)]))[0]).to.match(/^1: .* paid 3.5/);
    expect(brokenInvariants(shop(order('cancelled'), [receipt('paid')]))[0]).to.match(/^2: /);
    expect(
      brokenInvariants(
        shop(order('cancelled', { receipt: 'r' }), [receipt('refunded')], [ticket('preparing')]),
      )[0],
    ).to.match(/^2\/5: /);
    expect(brokenInvariants(shop(order('payment-expected'), [receipt('paid')]))[0]).to.match(
      /^3: /,
    );
    expect(
      brokenInvariants(
        shop(order('payment-expected'), [receipt('refunded', 4.1, 'http://orders.test/orders/2')]),
      )[0],
    ).to.match(/^4: /);
    expect(brokenInvariants(shop(order('payment-expected'), [], [ticket('queued')]))[0]).to.match(
      /^5: /,
    );
  });
});
