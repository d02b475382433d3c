import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import request from 'supertest';
import {
  bearerAuth,
  createClient,
  InvalidFormError,
  Problem,
  type HalwayClient,
  type State,
} from '@halway/client';
import { startCoffeeShop, type CoffeeShop } from '@halway/example-coffee-shop';
import { problemType } from '@halway/server';
import { ensureBundle } from '../explorer/support/bundle.js';

const run = promisify(execFile);
const FAST_OUTBOX = { interval: 20, minDelay: 5, maxDelay: 50 };

/** Polls a resource (revalidating, as a client watching a workflow does) until `until` holds. */
async function waitFor(
  client: HalwayClient,
  url: string,
  until: (state: State) => boolean,
): Promise<State> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const state = await client.go(url).refresh();
    if (until(state)) return state;
    if (Date.now() > deadline)
      throw new Error(
        `${url} never reached the expected state; it is ${JSON.stringify(state.properties)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const statusOf = (state: State) => (state.properties as { status?: string }).status;

const idOf = (url: string) => new URL(url).pathname.split('/').pop() ?? '';

describe('examples/coffee-shop', () => {
  let shop: CoffeeShop;
  let client: HalwayClient;
  let staff: HalwayClient;
  let entry: string;

  // Every service serves the explorer, whose bundle a fresh clone builds on first use.
  before(() => ensureBundle());

  beforeEach(async () => {
    shop = await startCoffeeShop({ outbox: FAST_OUTBOX, peerTimeout: 300 });
    client = createClient();
    // The barista: the staff token, sent to the kitchen only.
    staff = createClient().use(bearerAuth(shop.staffToken), { origin: shop.urls.kitchen });
    entry = `${shop.urls.orders}/`;
  });
  afterEach(() => shop.close());

  async function placeAndPay(): Promise<{ order: State; orderUrl: string; receipt: State }> {
    const home = await client.go(entry).get();
    const placed = await home
      .form('place-order')
      .submit({ drink: 'latte', size: 'large', quantity: 2, location: 'in-store' });
    const payment = await placed.follow('payment').get();
    const receipt = await payment
      .form('pay')
      .submit({ 'card-number': '4111111111111111', cardholder: 'Ada Lovelace' });
    const order = await waitFor(client, placed.url, (state) => statusOf(state) === 'paid');
    return { order, orderUrl: placed.url, receipt };
  }

  it('should run the whole workflow from the entry URL: place, pay, start, finish, collect', async () => {
    const home = await client.go(entry).get();
    expect(home.links().map((link) => link.rel)).to.include('cs:menu');
    // The list of every order is the staff's.
    expect(home.links().map((link) => link.rel)).not.to.include('cs:orders');
    const placed = await home
      .form('place-order')
      .submit({ drink: 'latte', size: 'large', quantity: 2, location: 'in-store' });
    expect(placed.properties).to.deep.include({
      status: 'payment-expected',
      drink: 'latte',
      total: { amount: 8.2, currency: 'EUR' },
    });
    expect(placed.templates().map((template) => template.name)).to.deep.equal(['update', 'cancel']);
    expect(new URL(placed.link('payment')!.href).origin).to.equal(shop.urls.payments);

    const payment = await placed.follow('payment').get();
    expect(payment.properties).to.deep.include({ amount: { amount: 8.2, currency: 'EUR' } });
    expect(payment.form('pay').fields.find((field) => field.name === 'amount')).to.include({
      readOnly: true,
      value: '8.2',
    });
    // HAL-FORMS sends value as a string; the form gives it back typed.
    expect(payment.form('pay').initialValues()).to.include({ amount: 8.2 });
    const receipt = await payment
      .form('pay')
      .submit({ 'card-number': '4111111111111111', cardholder: 'Ada Lovelace' });
    expect(receipt.properties).to.include({ status: 'paid', card: '•••• 1111' });
    expect(receipt.link('cs:order')?.href).to.equal(placed.url);

    const paid = await waitFor(client, placed.url, (state) => statusOf(state) === 'paid');
    expect(new URL(paid.link('cs:receipt')!.href).origin).to.equal(shop.urls.payments);
    expect(paid.templates().map((template) => template.name)).to.deep.equal(['cancel']);
    const queued = await waitFor(client, placed.url, (state) => state.has('cs:ticket'));
    const ticket = await staff.go(queued.link('cs:ticket')!.href).get();
    expect(new URL(ticket.url).origin).to.equal(shop.urls.kitchen);
    expect(ticket.properties).to.include({
      status: 'queued',
      drink: 'latte',
      size: 'large',
      quantity: 2,
    });

    const started = await ticket.form('start').submit({});
    expect(started.properties).to.include({ status: 'preparing' });
    const preparing = await waitFor(client, placed.url, (state) => statusOf(state) === 'preparing');
    expect(preparing.templates()).to.deep.equal([]);
    await started.form('finish').submit({});
    const ready = await waitFor(client, placed.url, (state) => statusOf(state) === 'ready');
    expect(ready.templates().map((template) => template.name)).to.deep.equal(['collect']);

    const completed = await ready.form('collect').submit({});
    expect(completed.properties).to.include({ status: 'completed' });
    expect(completed.templates()).to.deep.equal([]);
    expect(completed.rels()).to.include.members(['cs:receipt', 'cs:ticket']);
  });

  it('should cancel a paid order: the payment is refunded and the ticket withdrawn', async () => {
    const { orderUrl, receipt } = await placeAndPay();
    const order = await waitFor(client, orderUrl, (state) => state.has('cs:ticket'));
    const ticketUrl = order.link('cs:ticket')!.href;
    const cancelled = await order.form('cancel').submit({});
    expect(cancelled.properties).to.include({ status: 'cancelled' });
    expect(cancelled.templates()).to.deep.equal([]);
    const refunded = await waitFor(client, receipt.url, (state) => statusOf(state) === 'refunded');
    expect(refunded.link('cs:order')?.href).to.equal(orderUrl);
    await waitFor(client, ticketUrl, (state) => statusOf(state) === 'withdrawn');
    const final = await client.go(orderUrl).refresh();
    expect(final.link('cs:receipt')?.href).to.equal(receipt.url);
  });

  it('should cancel an unpaid order without any payment or ticket', async () => {
    const home = await client.go(entry).get();
    const placed = await home.form('place-order').submit({ drink: 'tea' });
    const cancelled = await placed.form('cancel').submit({});
    expect(cancelled.properties).to.include({ status: 'cancelled' });
    expect(cancelled.rels()).not.to.include.members(['payment', 'cs:receipt', 'cs:ticket']);
    const receipts = await shop.services.payments.store.read((db) => db.find('receipt'));
    expect(receipts.total).to.equal(0);
  });

  it('should refuse each action the state does not allow, with 409, and not offer it', async () => {
    const { order, orderUrl } = await placeAndPay();
    const path = new URL(orderUrl).pathname;
    const orders = request(shop.urls.orders);
    const refused = async (call: request.Test) => {
      const response = await call.expect(409);
      expect(response).to.be.problem({ status: 409, type: problemType('ACTION_NOT_ALLOWED') });
      return response.body as { allowed: string[] };
    };
    expect((await refused(orders.patch(path).send({ quantity: 3 }))).allowed).to.deep.equal([
      'cancel',
    ]);
    await refused(orders.post(`${path}/collection`));
    expect(order.templates().map((template) => template.name)).not.to.include.members([
      'update',
      'collect',
    ]);

    const payment = new URL(`${shop.urls.payments}/payments?order=${encodeURIComponent(orderUrl)}`);
    const paymentState = await client.go(payment.href).refresh();
    expect(paymentState.templates()).to.deep.equal([]);
    await refused(
      request(shop.urls.payments)
        .post(`/payments/card${payment.search}`)
        .set('Idempotency-Key', 'again')
        .send({ 'card-number': '4111111111111111', cardholder: 'X' }),
    );

    const queued = await waitFor(client, orderUrl, (state) => state.has('cs:ticket'));
    expect(order.rels()).to.include('cs:receipt');
    const ticket = await staff.go(queued.link('cs:ticket')!.href).get();
    await ticket.form('start').submit({});
    await waitFor(client, orderUrl, (state) => statusOf(state) === 'preparing');
    await refused(orders.delete(path));
    await refused(
      request(shop.urls.kitchen)
        .post(`${new URL(ticket.url).pathname}/start`)
        .set('Authorization', `Bearer ${shop.staffToken}`),
    );
  });

  it('should hide the actions meant for other services and refuse them to the public', async () => {
    const { orderUrl } = await placeAndPay();
    const path = new URL(orderUrl).pathname;
    const state = await request(shop.urls.orders).get(path).expect(200);
    expect(state).not.to.have.halTemplate('mark-paid');
    expect(state).not.to.have.halTemplate('mark-preparing');
    expect(await request(shop.urls.orders).post(`${path}/preparation`).expect(401)).to.be.problem({
      type: problemType('UNAUTHORIZED'),
    });
    expect(await request(shop.urls.kitchen).post('/').send({}).expect(401)).to.be.problem({
      status: 401,
    });
    const kitchenHome = await request(shop.urls.kitchen).get('/').expect(200);
    expect(kitchenHome).not.to.have.halTemplate('add-ticket');
  });

  it('should answer bad input to each template with a 400 or 422 problem', async () => {
    const orders = request(shop.urls.orders);
    const invalid = async (call: request.Test, fields: string[]) =>
      expect(await call.expect(422)).to.be.problem({
        status: 422,
        type: problemType('INVALID_INPUT'),
        fields,
      });
    await invalid(orders.post('/').send({ drink: 'beer', quantity: 11, size: 'huge' }), [
      'drink',
      'quantity',
      'size',
    ]);
    expect(
      await orders.post('/').set('Content-Type', 'application/json').send('{"drink":').expect(400),
    ).to.be.problem({ status: 400 });
    const placed = await orders.post('/').send({ drink: 'espresso' }).expect(201);
    const path = placed.headers.location as string;
    await invalid(orders.patch(path).send({ quantity: 0, location: 'moon' }), [
      'quantity',
      'location',
    ]);
    const orderUrl = `${shop.urls.orders}${path}`;
    const payment = `/payments/card?order=${encodeURIComponent(orderUrl)}`;
    const payments = request(shop.urls.payments);
    await payments.get(`/payments?order=${encodeURIComponent(orderUrl)}`).expect(200);
    await invalid(
      payments
        .post(payment)
        .set('Idempotency-Key', 'k1')
        .send({ 'card-number': '1234', cardholder: '' }),
      ['card-number', 'cardholder'],
    );
    await invalid(
      payments
        .post(payment)
        .set('Idempotency-Key', 'k2')
        .send({ 'card-number': '4111111111111111', cardholder: 'A', amount: 0.01 }),
      ['amount'],
    );
    expect(
      await payments
        .post(payment)
        .send({ 'card-number': '4111111111111111', cardholder: 'A' })
        .expect(400),
    ).to.be.problem({
      type: problemType('IDEMPOTENCY_KEY_MISSING'),
    });
  });

  it('should reject invalid values in the client before sending anything', async () => {
    const home = await client.go(entry).get();
    let failure: unknown;
    await home
      .form('place-order')
      .submit({ drink: 'beer', quantity: 11 })
      .catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(InvalidFormError);
    expect((failure as InvalidFormError).fields).to.have.members(['drink', 'quantity']);
    // The drinks are fetched from the menu link to check the choice; nothing is submitted.
    expect(shop.requests.orders.filter((entry) => entry.method !== 'GET')).to.deep.equal([]);
  });

  it('should bring a payment made while orders is down to the order once orders is back, once', async () => {
    const home = await client.go(entry).get();
    const placed = await home.form('place-order').submit({ drink: 'cappuccino' });
    const payment = await placed.follow('payment').get();
    await shop.stop('orders');
    const receipt = await payment
      .form('pay')
      .submit({ 'card-number': '4111111111111111', cardholder: 'Grace Hopper' });
    expect(receipt.properties).to.include({ status: 'paid' });
    expect(await shop.services.payments.outbox.messages('pending')).to.have.length(1);
    await shop.resume('orders');
    const paid = await waitFor(client, placed.url, (state) => statusOf(state) === 'paid');
    expect(paid.link('cs:receipt')?.href).to.equal(receipt.url);
    const deliveries = shop.requests.orders.filter(
      (entry) => entry.method === 'POST' && entry.url.endsWith('/payment-received'),
    );
    expect(deliveries).to.have.length(1);
    const stored = await shop.services.orders.store.read((db) =>
      db.get<{ status: string; receipt: string }>('order', idOf(placed.url)),
    );
    expect(stored).to.include({ status: 'paid', receipt: receipt.url });
    expect(await shop.services.payments.outbox.messages('pending')).to.deep.equal([]);
  });

  it('should retry the kitchen’s notification until orders is back, without doing it twice', async () => {
    const { orderUrl } = await placeAndPay();
    const queued = await waitFor(client, orderUrl, (state) => state.has('cs:ticket'));
    const ticket = await staff.go(queued.link('cs:ticket')!.href).get();
    await shop.stop('orders');
    await ticket.form('start').submit({});
    const deadline = Date.now() + 5000;
    while (
      (await shop.services.kitchen.outbox.messages('pending'))[0]!.attempts < 2 &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [waiting] = await shop.services.kitchen.outbox.messages('pending');
    expect(waiting?.attempts).to.be.greaterThan(1);
    expect(waiting?.lastError).to.match(/NetworkError|ECONNREFUSED|fetch failed/);
    await shop.resume('orders');
    await waitFor(client, orderUrl, (state) => statusOf(state) === 'preparing');
    const deliveries = shop.requests.orders.filter(
      (entry) => entry.method === 'POST' && entry.url.endsWith('/preparation'),
    );
    expect(new Set(deliveries.map((entry) => entry.headers['idempotency-key'])).size).to.equal(1);
  });

  it('should keep serving orders while payments and the kitchen are down', async () => {
    const { orderUrl } = await placeAndPay();
    await shop.stop('payments');
    await shop.stop('kitchen');
    const response = await fetch(orderUrl);
    expect(response.status).to.equal(200);
    const placed = await (
      await client.go(entry).get()
    )
      .form('place-order')
      .submit({ drink: 'tea' });
    expect(placed.properties).to.include({ status: 'payment-expected' });
    expect(placed.link('payment')).to.not.equal(undefined);
  });

  it('should keep orders, the queue and the barista’s forms to the staff, with unguessable ids', async () => {
    const home = await client.go(entry).get();
    const placed = await home.form('place-order').submit({ drink: 'tea' });
    expect(idOf(placed.url)).to.match(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const staffHeader = { Authorization: `Bearer ${shop.staffToken}` };
    await request(shop.urls.orders).get('/orders').expect(401);
    await request(shop.urls.orders).get('/orders').set(staffHeader).expect(200);
    await request(shop.urls.kitchen).get('/queue').expect(401);
    expect(
      (await request(shop.urls.kitchen).get('/').expect(200)).body._links,
    ).not.to.have.property('cs:queue');
    expect(
      (await request(shop.urls.kitchen).get('/').set(staffHeader)).body._links,
    ).to.have.property('cs:queue');
    const { orderUrl, receipt } = await placeAndPay();
    expect(receipt.properties).to.include({ card: '•••• 1111' });
    const stored = await shop.services.payments.store.read((db) => db.find('receipt'));
    expect(JSON.stringify(stored.items)).not.to.include('4111111111111111');
    const ticketUrl = (await waitFor(client, orderUrl, (state) => state.has('cs:ticket'))).link(
      'cs:ticket',
    )!.href;
    await request(shop.urls.kitchen)
      .post(`${new URL(ticketUrl).pathname}/start`)
      .expect(401);
  });

  it('should answer 404 for the payment of an order that does not exist, and store nothing for GETs', async () => {
    const payments = request(shop.urls.payments);
    const missing = `${shop.urls.orders}/orders/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`;
    await payments.get(`/payments?order=${encodeURIComponent(missing)}`).expect(404);
    await payments
      .get(`/payments?order=${encodeURIComponent('http://elsewhere.test/x')}`)
      .expect(404);
    const placed = await (
      await client.go(entry).get()
    )
      .form('place-order')
      .submit({ drink: 'tea' });
    for (let index = 0; index < 20; index++)
      await payments
        .get(`/payments?order=${encodeURIComponent(placed.url)}&n=${index}`)
        .expect(200);
    const kept = await shop.services.payments.store.read(async (db) => ({
      payments: (await db.find('payment')).total,
      receipts: (await db.find('receipt')).total,
    }));
    expect(kept).to.deep.equal({ payments: 0, receipts: 0 });
  });

  it('should show the whole money trail of an order on its payment: every charge and refund', async () => {
    const { order, orderUrl, receipt } = await placeAndPay();
    await order.form('cancel').submit({});
    await waitFor(client, receipt.url, (state) => statusOf(state) === 'refunded');
    const payment = await client
      .go(`${shop.urls.payments}/payments?order=${encodeURIComponent(orderUrl)}`)
      .refresh();
    const embedded = payment.document._embedded?.['cs:receipts'];
    const receipts = Array.isArray(embedded) ? embedded : [];
    expect(receipts).to.have.length(1);
    expect(receipts[0]).to.deep.include({
      status: 'refunded',
      amount: { amount: 8.2, currency: 'EUR' },
      refundReason: 'the order was cancelled',
    });
    expect(receipts[0]?._links?.['cs:order']).to.deep.include({ href: orderUrl });
  });

  it('should report refusals as typed problems to the client', async () => {
    const home = await client.go(entry).get();
    const placed = await home.form('place-order').submit({ drink: 'tea' });
    const stale = await client.go(placed.url).get();
    await placed.form('cancel').submit({});
    let failure: unknown;
    await stale
      .form('update')
      .submit({ quantity: 2 }, { ifMatch: false })
      .catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(Problem);
    expect((failure as Problem).status).to.equal(409);
  });
});

describe('examples/coffee-shop walk.ts', () => {
  it('should walk an order from the entry URL to completed, as the README says', async () => {
    const shop = await startCoffeeShop({ outbox: FAST_OUTBOX });
    try {
      const script = fileURLToPath(
        new URL('../../examples/coffee-shop/src/walk.ts', import.meta.url),
      );
      const { stdout } = await run(process.execPath, [
        '--conditions=halway-source',
        '--import',
        'tsx',
        script,
        `${shop.urls.orders}/`,
        shop.staffToken,
      ]);
      const [, orderUrl] = /^(\S+) is completed$/.exec(stdout.trim()) ?? [];
      expect(orderUrl).to.match(new RegExp(`^${shop.urls.orders}/orders/[0-9a-f-]{36}$`));
      const tickets = await shop.services.kitchen.store.read((db) =>
        db.find<{ order: string; status: string }>('ticket'),
      );
      expect(tickets.items.map(({ order, status }) => ({ order, status }))).to.deep.equal([
        { order: orderUrl, status: 'ready' },
      ]);
    } finally {
      await shop.close();
    }
  });

  it('should be the script the README shows, in 20 lines at most', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const script = await readFile(
      new URL('../../examples/coffee-shop/src/walk.ts', import.meta.url),
      'utf8',
    );
    expect(readme).to.include(script.trim());
    expect(script.trim().split('\n').length).to.be.at.most(20);
  });
});
