import { expect } from 'chai';
import type { RequestListener } from 'node:http';
import request from 'supertest';
import {
  bearerAuthentication,
  created,
  createService,
  defineHome,
  defineResource,
  type Service,
  type ServiceOptions,
} from '@halway/server';
import { freePort, listen, type Listening } from './support/listen.js';

interface Order {
  id: string;
  paid: boolean;
  receipt?: string;
}

/** A receiving service: orders kept in its store, marked paid once through a form. */
async function ordersService(): Promise<Service> {
  const order = defineResource('/orders/:id', {
    load: ({ db, params }) => db.get<Order>('order', params.id),
    properties: (state: Order) => ({ paid: state.paid, receipt: state.receipt }),
  }).action('mark-paid', {
    method: 'POST',
    path: '/paid',
    input: {
      type: 'object',
      properties: { receipt: { type: 'string' } },
      required: ['receipt'],
      additionalProperties: false,
    },
    when: (state) => !state.paid,
    handle: ({ state, input }) => {
      Object.assign(state, { paid: true, receipt: input.receipt });
    },
  });
  const app = createService({ resources: [defineHome({ links: { order } }), order] });
  await app.store.transaction(async (db) => {
    for (let id = 1; id <= 30; id++) await db.insert('order', { paid: false }, { id: String(id) });
  });
  return app;
}

/** A sending service whose `pay` action tells an order it was paid, through the outbox. */
function paymentsService(options: Partial<ServiceOptions> = {}): Service {
  const home = defineHome().action('pay', {
    method: 'POST',
    input: {
      type: 'object',
      properties: {
        order: { type: 'string' },
        receipt: { type: 'string' },
        crash: { type: 'boolean' },
      },
      required: ['order'],
    },
    handle: ({ db, input }) => {
      db.send({
        description: `payment of ${input.order}`,
        target: input.order,
        form: 'mark-paid',
        values: input.receipt === undefined ? { bogus: 1 } : { receipt: input.receipt },
      });
      if (input.crash) throw new Error('the handler failed after queueing its message');
    },
  });
  return createService({
    resources: [home],
    outbox: { minDelay: 5, maxDelay: 20, interval: 20, attemptTimeout: 300 },
    logger: false,
    ...options,
  });
}

describe('the outbox', function () {
  this.timeout(20_000);
  const running: (Listening | Service)[] = [];
  const start = async (app: RequestListener, port?: number) => {
    const service = await listen(app, port);
    running.push(service);
    return service;
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).map((item) => item.close()));
  });

  it('should keep a message while the peer is down and deliver it exactly once when it is back', async () => {
    const port = await freePort();
    const payments = paymentsService();
    running.push(payments);
    const orderUrl = `http://127.0.0.1:${port}/orders/1`;
    await request(payments).post('/').send({ order: orderUrl, receipt: 'r-1' }).expect(204);
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const [message] = await payments.outbox.messages('pending');
      if ((message?.attempts ?? 0) >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const [waiting] = await payments.outbox.messages('pending');
    expect(waiting?.attempts).to.be.greaterThan(1);
    expect(waiting?.lastError).to.match(/NetworkError|ECONNREFUSED|fetch failed/);

    const orders = await ordersService();
    running.push(orders);
    const peer = await start(orders, port);
    expect(await payments.outbox.drain(5000)).to.equal(0);
    const order = await orders.store.read((db) => db.get<Order>('order', '1'));
    expect(order).to.include({ paid: true, receipt: 'r-1' });
    const posts = peer.requests.filter((entry) => entry.method === 'POST');
    expect(posts).to.have.length(1);
  });

  it('should queue nothing when the action fails after sending', async () => {
    const payments = paymentsService();
    running.push(payments);
    await request(payments)
      .post('/')
      .send({ order: 'http://127.0.0.1:9/orders/1', receipt: 'r', crash: true })
      .expect(500);
    expect(await payments.outbox.stats()).to.include({ pending: 0, failed: 0 });
  });

  it('should resend a submission whose response was lost, and the peer applies it once', async () => {
    const orders = await ordersService();
    running.push(orders);
    let dropNext = true;
    const peer = await start((incoming, outgoing) => {
      if (incoming.method === 'POST' && dropNext) {
        dropNext = false;
        // Apply the request, then lose the answer: the connection dies instead of the response.
        outgoing.end = (() => {
          incoming.socket.destroy();
          return outgoing;
        }) as typeof outgoing.end;
        orders(incoming, outgoing);
        return;
      }
      orders(incoming, outgoing);
    });
    const payments = paymentsService();
    running.push(payments);
    await request(payments)
      .post('/')
      .send({ order: `${peer.url}/orders/2`, receipt: 'r-2' })
      .expect(204);
    expect(await payments.outbox.drain(5000)).to.equal(0);
    expect(await orders.store.read((db) => db.get<Order>('order', '2'))).to.include({ paid: true });
    const posts = peer.requests.filter((entry) => entry.method === 'POST');
    expect(posts.length).to.be.greaterThan(1);
    expect(new Set(posts.map((entry) => entry.headers['idempotency-key'])).size).to.equal(1);
  });

  it('should ask the peer for the outcome only, and not read what it created', async () => {
    const receipt = defineResource('/receipts/:id', {
      load: ({ db, params }) => db.get<{ id: string; receipt: string }>('receipt', params.id),
      params: (state: { id: string }) => ({ id: state.id }),
      properties: (state) => ({ receipt: state.receipt }),
    });
    const home = defineHome().action('mark-paid', {
      method: 'POST',
      input: {
        type: 'object',
        properties: { receipt: { type: 'string' } },
        required: ['receipt'],
      },
      handle: async ({ db, input }) =>
        created(receipt, await db.insert('receipt', { receipt: input.receipt })),
    });
    const receipts = createService({ resources: [home, receipt], logger: false });
    running.push(receipts);
    const peer = await start(receipts);
    const payments = paymentsService();
    running.push(payments);
    await request(payments)
      .post('/')
      .send({ order: `${peer.url}/`, receipt: 'r-9' })
      .expect(204);
    expect(await payments.outbox.drain(5000)).to.equal(0);
    const kept = await receipts.store.read((db) => db.find<{ receipt: string }>('receipt'));
    expect(kept.items.map((item) => item.receipt)).to.deep.equal(['r-9']);
    expect(peer.requests.map((entry) => `${entry.method} ${entry.url}`)).to.deep.equal([
      'GET /',
      'POST /',
    ]);
    expect(peer.requests[1]?.headers.prefer).to.equal('return=minimal');
  });

  it('should deliver to a healthy peer while another peer hangs', async () => {
    const orders = await ordersService();
    running.push(orders);
    const healthy = await start(orders);
    const hung: { end(): void }[] = [];
    // Accepts connections and never answers.
    const frozen = await start((_incoming, outgoing) => {
      hung.push(outgoing);
    });
    const payments = paymentsService({
      outbox: { minDelay: 50, maxDelay: 200, interval: 20, attemptTimeout: 2000, concurrency: 2 },
    });
    running.push(payments);
    for (let id = 1; id <= 6; id++) {
      await request(payments)
        .post('/')
        .send({ order: `${frozen.url}/orders/${id}`, receipt: `frozen-${id}` })
        .expect(204);
    }
    const began = Date.now();
    for (let id = 1; id <= 10; id++) {
      await request(payments)
        .post('/')
        .send({ order: `${healthy.url}/orders/${id}`, receipt: `r-${id}` })
        .expect(204);
    }
    const deadline = Date.now() + 5000;
    let paid = 0;
    while (Date.now() < deadline && paid < 10) {
      const found = await orders.store.read((db) =>
        db.find<Order>('order', { where: { paid: true } }),
      );
      paid = found.total;
      if (paid < 10) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const took = Date.now() - began;
    expect(paid).to.equal(10);
    // Well within one attempt timeout of the frozen peer: its messages did not stand in the way.
    expect(took).to.be.lessThan(1500);
    // The frozen peer got at most `concurrency` requests at a time.
    expect(frozen.requests.length).to.be.within(1, 2);
    for (const response of hung) response.end();
  });

  it('should show refused messages to operators only, with a form to send them again', async () => {
    const orders = await ordersService();
    running.push(orders);
    const peer = await start(orders);
    const payments = paymentsService({
      authentication: bearerAuthentication({
        'ops-token': { id: 'ops', roles: ['operator'] },
        'user-token': { id: 'someone' },
      }),
      outbox: {
        minDelay: 5,
        interval: 20,
        operator: (caller) => caller.roles?.includes('operator') === true,
      },
    });
    running.push(payments);
    // Values the form does not accept: refused for good, without a request.
    await request(payments)
      .post('/')
      .send({ order: `${peer.url}/orders/3` })
      .expect(204);
    await payments.outbox.drain(2000);
    const [failed] = await payments.outbox.messages('failed');
    expect(failed?.lastError).to.match(/InvalidFormError/);
    expect(peer.requests.filter((entry) => entry.method === 'POST')).to.have.length(0);

    await request(payments).get('/outbox').expect(401);
    await request(payments).get('/outbox').set('Authorization', 'Bearer user-token').expect(403);
    const shown = await request(payments)
      .get('/outbox')
      .set('Authorization', 'Bearer ops-token')
      .set('Accept', 'application/prs.hal-forms+json')
      .expect(200);
    expect(shown.body).to.include({ pending: 0, failed: 1 });
    const [item] = shown.body._embedded.failed as {
      id: string;
      _links: { self: { href: string } };
      _templates: { retry: { method: string; target?: string } };
    }[];
    expect(item?.id).to.equal(failed?.id);
    expect(item?._templates.retry.method).to.equal('POST');

    await request(payments)
      .post(new URL(item!._links.self.href).pathname)
      .set('Authorization', 'Bearer user-token')
      .expect(403);
    await request(payments)
      .post(new URL(item!._links.self.href).pathname)
      .set('Authorization', 'Bearer ops-token')
      .expect(204);
    const [again] = await payments.outbox.messages('pending');
    expect(again?.id).to.equal(failed?.id);
  });

  it('should send at most `concurrency` messages to one origin at a time', async () => {
    const orders = await ordersService();
    running.push(orders);
    let active = 0;
    let most = 0;
    const slow = await start((incoming, outgoing) => {
      if (incoming.method !== 'POST') return orders(incoming, outgoing);
      active++;
      most = Math.max(most, active);
      outgoing.on('close', () => active--);
      setTimeout(() => orders(incoming, outgoing), 40);
    });
    const payments = paymentsService({
      outbox: { minDelay: 5, interval: 20, attemptTimeout: 2000, concurrency: 3 },
    });
    running.push(payments);
    for (let id = 1; id <= 12; id++) {
      await request(payments)
        .post('/')
        .send({ order: `${slow.url}/orders/${id}`, receipt: `r-${id}` })
        .expect(204);
    }
    expect(await payments.outbox.drain(10_000)).to.equal(0);
    expect(most).to.equal(3);
    const paid = await orders.store.read((db) => db.find('order', { where: { paid: true } }));
    expect(paid.total).to.equal(12);
  });
});
