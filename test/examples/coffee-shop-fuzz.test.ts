// The coffee shop under generated malformed requests, at every template of its three services,
// public ones and those only the services or the staff may use (sent with and without tokens).
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
    const credentials = [undefined, ...Object.values(TOKENS), shop.staffToken];
    const collect = async (at: string[]) => {
      for (const token of credentials)
        targets.push(
          ...(await templatesOf(at, new Set(), token ? { Authorization: `Bearer ${token}` } : {})),
        );
    };
    targets = [];
    // The order's forms before it is paid, then its ticket's and its own after.
    await collect(urls);
    await collect([await payAndWaitForTicket(order, links.payment.href), order]);
    expect(new Set(targets.map((target) => target.name))).to.include.keys(
      'place-order',
      'update',
      'cancel',
      'pay',
      'mark-paid',
      'add-ticket',
      'start',
    );
  });

  after(() => shop.close());

  it('should answer every malformed request with a 4xx problem or a success, never a 5xx', async () => {
    const credentials = fc.constantFrom(
      undefined,
      'nonsense',
      shop.staffToken,
      ...Object.values(TOKENS),
    );
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

/** Pays an order as a HAL-FORMS client would, and waits (5 s at most) for its ticket. */
async function payAndWaitForTicket(order: string, payment: string): Promise<string> {
  const document = (await (await fetch(payment)).json()) as {
    _templates: { pay: { target: string; properties: { name: string; value?: string }[] } };
  };
  const values: Record<string, string> = { 'card-number': '4111111111111111', cardholder: 'Ada' };
  for (const property of document._templates.pay.properties)
    if (property.value !== undefined) values[property.name] = property.value;
  const paid = await fetch(document._templates.pay.target, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'fuzz-pay' },
    body: JSON.stringify(values),
  });
  expect(paid.status).to.equal(201);
  const deadline = Date.now() + 5_000;
  for (;;) {
    const { _links: links } = (await (await fetch(order)).json()) as {
      _links: Record<string, { href: string } | undefined>;
    };
    const ticket = links['cs:ticket']?.href;
    if (ticket !== undefined) return ticket;
    if (Date.now() > deadline) throw new Error(`${order} never got its ticket`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
