// The coffee shop under generated malformed requests, at every template of its three services,
// public ones and those only the services may use (sent with and without their tokens).
import { expect } from 'chai';
import fc from 'fast-check';
import { startCoffeeShop, type CoffeeShop } from '@halway/example-coffee-shop';
import {
  expectTotal,
  malformedRequest,
  send,
  templatesOf,
  type Target,
  FUZZ_RUNS,
  FUZZ_TIME_LIMIT,
} from '../server/support/fuzz.js';

const TOKENS = { orders: 'fuzz-orders', payments: 'fuzz-payments', kitchen: 'fuzz-kitchen' };

describe('examples/coffee-shop under malformed input (fuzz)', function () {
  this.timeout(FUZZ_TIME_LIMIT * 2 + 30_000);
  let shop: CoffeeShop;
  let targets: Target[];

  before(async () => {
    shop = await startCoffeeShop({
      tokens: TOKENS,
      outbox: { interval: 20, minDelay: 5, maxDelay: 50 },
    });
    const placed = await fetch(`${shop.urls.orders}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ drink: 'latte' }),
    });
    const order = new URL(placed.headers.get('location')!, shop.urls.orders).href;
    const { _links: links } = (await (await fetch(order)).json()) as {
      _links: { payment: { href: string } };
    };
    const urls = [
      `${shop.urls.orders}/`,
      `${shop.urls.orders}/orders`,
      order,
      links.payment.href,
      `${shop.urls.payments}/`,
      `${shop.urls.kitchen}/`,
      `${shop.urls.kitchen}/queue`,
    ];
    targets = [];
    for (const token of [undefined, ...Object.values(TOKENS)])
      targets.push(
        ...(await templatesOf(urls, new Set(), token ? { Authorization: `Bearer ${token}` } : {})),
      );
    expect(new Set(targets.map((target) => target.name))).to.include.keys(
      'place-order',
      'update',
      'cancel',
      'pay',
      'mark-paid',
      'add-ticket',
    );
  });

  after(() => shop.close());

  it('should answer every malformed request with a 4xx problem or a success, never a 5xx', async () => {
    const credentials = fc.constantFrom(undefined, 'nonsense', ...Object.values(TOKENS));
    await fc.assert(
      fc.asyncProperty(
        malformedRequest(() => targets),
        credentials,
        async (generated, token) => {
          if (token !== undefined) generated.headers.Authorization = `Bearer ${token}`;
          expectTotal(await send(generated), generated.method);
        },
      ),
      { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_LIMIT, endOnFailure: true },
    );
    const home = await fetch(`${shop.urls.orders}/`);
    expect(home.status).to.equal(200);
  });
});
