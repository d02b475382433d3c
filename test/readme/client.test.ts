import { expect } from 'chai';
import { createClient, type Hop, type State } from '@halway/client';
import { watch } from './client/caching.js';
import { makeLarge } from './client/conflict.js';
import { createShopClient } from './client/credentials.js';
import { payOrder } from './client/forms.js';
import { navigate } from './client/navigation.js';
import { notifyPaid } from './client/outbox.js';
import { client as retrying } from './client/retries.js';
import { tracedClient } from './client/tracing.js';
import { payTyped } from './client/typing.js';
import { startShop, type Shop } from './support/shop.js';
import { capturingLog } from '../support/console.js';

describe('@halway/client README samples', () => {
  let shop: Shop;
  let orderUrl: string;

  before(async () => {
    shop = await startShop();
    orderUrl = shop.orders.url('/orders/17');
  });
  after(() => shop.close());

  it('should navigate by templated link, name, type, profile and position', async () => {
    const { order, picked, all, state } = await navigate(shop.orders.url('/'));
    expect(order.url).to.equal(orderUrl);
    expect(picked.map((resource) => resource.url)).to.deep.equal(
      ['/items/1', '/items/1', '/items/2', '/items/2'].map((path) => shop.orders.url(path)),
    );
    expect(all).to.have.length(2);
    expect(state.links('next')[0]?.href).to.equal(shop.orders.url('/orders/18'));
    expect(state.embedded('payment')[0]?.url).to.equal(shop.payments.url('/payments/1'));
    expect(state.rels()).to.include.members(['self', 'payment', 'receipt', 'next']);
  });

  it('should read, check and submit a form', async () => {
    const { fields, amount, choices, errors, receipt } = await payOrder(createClient(), orderUrl);
    expect(fields).to.deep.equal(['amount', 'card']);
    expect(amount).to.include({ type: 'number', min: 1, required: true });
    expect(choices.map((choice) => choice.value)).to.deep.equal(['visa-1', 'visa-2']);
    expect(errors.map((error) => error.field)).to.include('amount');
    expect(receipt.url).to.equal(shop.payments.url('/payments/1'));
  });

  it('should report a lost race as a ConflictError with the fresh state', async () => {
    const order = await createClient().go(orderUrl).get();
    shop.touch();
    const { lines } = await capturingLog(() => makeLarge(order));
    expect(lines).to.deep.equal(['changed meanwhile; now payment-expected']);
    const fresh = await createClient().go(orderUrl).get();
    expect((await capturingLog(() => makeLarge(fresh))).lines).to.deep.equal([]);
  });

  it('should serve, revalidate, reload and invalidate as the cache tour says', async () => {
    const client = createClient();
    const seen: State[] = [];
    const before = shop.orders.requests('GET', '/orders/17').length;
    const { state, stop } = await watch(client, orderUrl, (fresh) => seen.push(fresh));
    expect(state.properties).to.include({ status: 'payment-expected' });
    const requests = shop.orders.requests('GET', '/orders/17').slice(before);
    expect(requests.map((request) => request.headers['if-none-match'] !== undefined)).to.deep.equal(
      [false, true, false],
    );
    await client.go(orderUrl).get();
    expect(seen).to.have.length(1);
    stop();
  });

  it('should send credentials to their own origins only', async () => {
    const client = createShopClient({
      tokens: { current: () => 'orders-token' },
      secret: 'secret',
      key: 'catalog-key',
      tokenEndpoint: 'https://login.example/token',
      clientSecret: 'client-secret',
    });
    const { lines } = await capturingLog(() => client.go(orderUrl).get());
    expect(lines).to.deep.equal([`GET ${orderUrl} 200`]);
    const headers = shop.orders.log.at(-1)!.headers;
    expect(headers).to.not.have.any.keys('authorization', 'x-api-key');
  });

  it('should retry a 503 on a safe request', async () => {
    const state = await retrying.go(shop.orders.url('/flaky')).get();
    expect(state.status).to.equal(200);
    expect(shop.orders.requests('GET', '/flaky')).to.have.length(2);
  });

  it('should replay a saved submission with the same idempotency key, applied once', async () => {
    const key = await notifyPaid(createClient(), orderUrl);
    const sent = shop.orders.requests('POST', '/orders/17/events');
    expect(sent).to.have.length(2);
    // Sent as a structured-field string, as the Idempotency-Key draft says.
    expect(sent.map((request) => request.headers['idempotency-key'])).to.deep.equal([
      `"${key}"`,
      `"${key}"`,
    ]);
    expect(shop.notifications).to.deep.equal([`"${key}"`]);
  });

  it('should report every hop', async () => {
    const hops: Hop[] = [];
    await tracedClient({ info: (hop) => hops.push(hop) })
      .go(orderUrl)
      .get();
    expect(hops).to.have.length(1);
    expect(hops[0]).to.include({ method: 'GET', url: orderUrl, status: 200, cache: 'miss' });
  });

  it('should pay with every relation and form typed', async () => {
    expect(await payTyped(createClient(), orderUrl, 'visa-1')).to.deep.equal({
      status: 'payment-expected',
      total: 4.5,
    });
  });
});
