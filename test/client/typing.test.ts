import { expect } from 'chai';
import { createClient, type HalwayClient, type State } from '@halway/client';
import { startRestbucks, type Restbucks } from './support/restbucks.js';

type Receipt = { properties: { order: number; total: number } };
type Payment = { properties: { amount: number }; links: { receipt: Receipt } };
type PaymentDesk = {
  forms: { pay: { input: { amount: number; card: string }; result: Payment } };
};
type Order = {
  properties: { id: number; drink: string; status: 'payment-expected' | 'paid' | 'ready' };
  links: { payment: PaymentDesk; receipt: Receipt };
};
type Orders = {
  forms: { create: { input: { drink: 'latte' | 'espresso' }; result: Order } };
};
type Home = { links: { orders: Orders } };

// Never called: `tsc -b` checks that each line marked @ts-expect-error really is an error, so a
// typed rel map that stopped catching mistakes would fail the build.
export function compileTimeChecks(client: HalwayClient): void {
  const home = client.go<Home>('https://shop.example/');
  // @ts-expect-error "ordres" is not a relation of Home
  void home.follow('ordres');
  // @ts-expect-error "crate" is not a template of Orders
  void home.follow('orders').form('crate');
  // @ts-expect-error "tea" is not a drink
  void home.follow('orders').form('create').submit({ drink: 'tea' });
  // @ts-expect-error the card is missing
  void client.go<PaymentDesk>('https://pay.example/').form('pay').submit({ amount: 1 });
  void (async () => {
    const order = await client.go<Order>('https://shop.example/orders/1').get();
    // @ts-expect-error id is a number
    const id: string = order.properties.id;
    void id;
    // @ts-expect-error Order has no "refund" relation
    void order.follow('refund');
  })();
  // Untyped resources take any relation and any values.
  void client.go('https://shop.example/').follow('anything').form('any').submit({ x: 1 });
}

describe('typed resources', () => {
  let shop: Restbucks;

  before(async () => {
    shop = await startRestbucks();
  });

  after(() => shop.close());

  it('should carry resource types along follow and submit', async () => {
    const client = createClient();
    const order: State<Order> = await client
      .go<Home>(shop.entry)
      .follow('orders')
      .form('create')
      .submit({ drink: 'espresso' });
    const drink: string = order.properties.drink;
    expect(drink).to.equal('espresso');

    const payment = await order
      .follow('payment')
      .form('pay')
      .submit({ amount: 4.5, card: '4111111111111111' });
    const amount: number = payment.properties.amount;
    expect(amount).to.equal(4.5);

    const receipt = await payment.follow('receipt').get();
    const total: number = receipt.properties.total;
    expect(total).to.equal(4.5);
    expect(receipt.properties.order).to.equal(order.properties.id);
  });
});
