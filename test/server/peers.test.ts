import { expect } from 'chai';
import {
  bearerAuthentication,
  createJsonLogger,
  createOutbox,
  createPeers,
  createService,
  defineHome,
  defineResource,
  type LinkMap,
} from '@halway/server';
import { freePort, listen, type Listening } from './support/listen.js';

interface Payment {
  order: string;
  paid: boolean;
}

/** A payments service; its two layouts put payments at different paths, published under the same rels. */
function paymentsService(
  layout: 'v1' | 'v2',
  options: { cacheControl?: string; notified?: string[] } = {},
) {
  const payments = new Map<string, Payment>();
  const paymentFor =
    layout === 'v1'
      ? defineResource('/payments', {
          query: ['order'],
          load: ({ params }) => find(params.order),
          properties: (p: Payment) => ({ ...p }),
        })
      : defineResource('/pay/:order', {
          load: ({ params }) => find(params.order),
          properties: (p: Payment) => ({ ...p }),
        });
  function find(order: string | undefined): Payment | undefined {
    if (!order) return undefined;
    if (!payments.has(order)) payments.set(order, { order, paid: false });
    return payments.get(order);
  }
  paymentFor.action('pay', {
    method: 'POST',
    path: '/confirmation',
    when: (payment) => !payment.paid,
    handle: ({ state }) => {
      state.paid = true;
    },
  });
  const home = defineHome({
    title: `Payments ${layout}`,
    cacheControl: options.cacheControl,
    links: { 'payment-for': paymentFor },
  });
  return createService({ name: 'payments', resources: [home, paymentFor] });
}

interface Order {
  id: string;
  paid: boolean;
}

/** An orders service that links each order into payments by rel, knowing only the entry URL. */
function ordersService(paymentsUrl: string, lines: string[], token?: string) {
  const orders = new Map<string, Order>([['1', { id: '1', paid: false }]]);
  const peers = createPeers(
    { peers: { payments: { url: paymentsUrl, token } } },
    createJsonLogger({}, (line) => lines.push(line)),
  );
  const order = defineResource('/orders/:id', {
    load: ({ params }) => orders.get(params.id),
    params: (state: Order) => ({ id: state.id }),
    properties: (state) => ({ paid: state.paid }),
    links: async (state, context): Promise<LinkMap> => ({
      payment: state.paid
        ? undefined
        : await context.peers.link('payments', 'payment-for', {
            order: context.absoluteUrl(context.self),
          }),
    }),
  }).action('mark-paid', {
    method: 'POST',
    path: '/paid',
    allow: (caller) => caller?.id === 'payments',
    when: (state) => !state.paid,
    handle: ({ state }) => {
      state.paid = true;
    },
  });
  const app = createService({
    name: 'orders',
    resources: [defineHome({ links: { order } }), order],
    peers,
    authentication: bearerAuthentication({ 'payments-secret': { id: 'payments' } }),
  });
  return { app, peers, orders };
}

describe('peers', () => {
  const running: Listening[] = [];
  const start = async (...args: Parameters<typeof listen>) => {
    const service = await listen(...args);
    running.push(service);
    return service;
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).map((service) => service.close()));
  });

  it('should link into a peer by rel, and keep linking correctly after the peer moves its URL layout', async () => {
    const port = await freePort();
    const v1 = await start(paymentsService('v1'), port);
    const { app } = ordersService(`${v1.url}/`, []);
    const orders = await start(app);

    const first = await (await fetch(`${orders.url}/orders/1`)).json();
    expect(first._links.payment.href).to.equal(
      `${v1.url}/payments?order=${encodeURIComponent(`${orders.url}/orders/1`)}`,
    );
    const viaLink = await (await fetch(first._links.payment.href)).json();
    expect(viaLink.order).to.equal(`${orders.url}/orders/1`);

    await v1.close();
    running.splice(running.indexOf(v1), 1);
    const v2 = await start(paymentsService('v2'), port);
    const second = await (await fetch(`${orders.url}/orders/1`)).json();
    expect(second._links.payment.href).to.equal(
      `${v2.url}/pay/${encodeURIComponent(`${orders.url}/orders/1`)}`,
    );
    const moved = await (await fetch(second._links.payment.href)).json();
    expect(moved.order).to.equal(`${orders.url}/orders/1`);
  });

  it('should serve without the link while a peer is down at start-up, and link once it is up', async () => {
    const port = await freePort();
    const lines: string[] = [];
    const { app } = ordersService(`http://127.0.0.1:${port}/`, lines);
    const orders = await start(app);
    const response = await fetch(`${orders.url}/orders/1`);
    expect(response.status).to.equal(200);
    expect((await response.json())._links).not.to.have.property('payment');
    const warning = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((entry) => entry.level === 'warn');
    expect(warning).to.include({
      msg: 'peer unreachable; leaving its links out',
      peer: 'payments',
    });

    await start(paymentsService('v1'), port);
    const later = await (await fetch(`${orders.url}/orders/1`)).json();
    expect(later._links.payment.href).to.match(
      new RegExp(`^http://127\\.0\\.0\\.1:${port}/payments\\?order=`),
    );
  });

  it('should keep linking from the last known home document while the peer is down', async () => {
    const lines: string[] = [];
    const payments = await start(paymentsService('v1'));
    const { app } = ordersService(`${payments.url}/`, lines);
    const orders = await start(app);
    expect((await (await fetch(`${orders.url}/orders/1`)).json())._links).to.have.property(
      'payment',
    );
    await payments.close();
    running.splice(running.indexOf(payments), 1);
    const response = await fetch(`${orders.url}/orders/1`);
    expect(response.status).to.equal(200);
    expect((await response.json())._links.payment.href).to.match(/\/payments\?order=/);
    expect(lines.some((line) => line.includes('using its last known home document'))).to.equal(
      true,
    );
  });

  it('should revalidate a peer home document with its ETag, and not ask at all while max-age holds', async () => {
    const revalidated = await start(paymentsService('v1'));
    const { app } = ordersService(`${revalidated.url}/`, []);
    const orders = await start(app);
    for (let i = 0; i < 3; i++) await fetch(`${orders.url}/orders/1`);
    const homeRequests = revalidated.requests.filter((request) => request.url === '/');
    expect(homeRequests.length).to.be.greaterThan(1);
    expect(
      homeRequests
        .slice(1)
        .every((request) => typeof request.headers['if-none-match'] === 'string'),
    ).to.equal(true);

    const cached = await start(paymentsService('v1', { cacheControl: 'max-age=60' }));
    const second = ordersService(`${cached.url}/`, []);
    const orders2 = await start(second.app);
    for (let i = 0; i < 3; i++) await fetch(`${orders2.url}/orders/1`);
    expect(cached.requests.filter((request) => request.url === '/')).to.have.length(1);
  });

  it('should send a peer’s credentials to that peer’s origin only', async () => {
    const payments = await start(paymentsService('v1'));
    const { app, peers } = ordersService(`${payments.url}/`, [], 'orders-secret');
    const orders = await start(app);
    await fetch(`${orders.url}/orders/1`);
    await peers.go('payments').get({ cache: 'no-cache' });
    expect(payments.requests.length).to.be.greaterThan(0);
    expect(
      payments.requests.every(
        (request) => request.headers.authorization === 'Bearer orders-secret',
      ),
    ).to.equal(true);
    expect(
      orders.requests.every((request) => request.headers.authorization === undefined),
    ).to.equal(true);
  });

  it('should refuse unknown peers and peer URLs that are not absolute', () => {
    const peers = createPeers({ peers: {} });
    expect(() => peers.url('nobody')).to.throw(TypeError, /not a peer/);
    expect(() => createPeers({ peers: { x: '/relative' } })).to.throw(TypeError, /absolute/);
  });
});

describe('createOutbox', () => {
  const running: Listening[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((service) => service.close()));
  });

  it('should keep a notification while the peer is down and deliver it exactly once when it is back', async () => {
    const port = await freePort();
    const orderUrl = `http://127.0.0.1:${port}/orders/1`;
    const client = createPeers({
      peers: { orders: { url: `http://127.0.0.1:${port}/`, token: 'payments-secret' } },
    }).client;
    const outbox = createOutbox({ client, interval: 0, minDelay: 1, maxDelay: 5 });
    await outbox.send({ description: 'order 1 paid', target: orderUrl, form: 'mark-paid' });
    await outbox.flush(true);
    const [kept] = await outbox.messages();
    expect(kept).to.include({ status: 'pending', attempts: 2 });

    const { app, orders } = ordersService('http://127.0.0.1:1/', []);
    const service = await listen(app, port);
    running.push(service);
    await outbox.flush(true);
    expect(await outbox.messages()).to.deep.equal([]);
    expect(orders.get('1')?.paid).to.equal(true);
    const posts = service.requests.filter((request) => request.method === 'POST');
    expect(posts).to.have.length(1);
    expect(posts[0]?.headers['idempotency-key']).to.equal(`"${kept?.idempotencyKey}"`);
  });

  it('should resend a submission whose response was lost, and the peer applies it once', async () => {
    const { app, orders } = ordersService('http://127.0.0.1:1/', []);
    let dropNext = true;
    const service = await listen((request, response) => {
      if (request.method === 'POST' && dropNext) {
        dropNext = false;
        // Apply the request, then lose the answer: the connection dies before the response.
        response.on('finish', () => undefined);
        app(request, response);
        setTimeout(() => request.socket.destroy(), 20);
        return;
      }
      app(request, response);
    });
    running.push(service);
    const client = createPeers({
      peers: { orders: { url: `${service.url}/`, token: 'payments-secret' } },
    }).client;
    const outbox = createOutbox({ client, interval: 0, minDelay: 1, maxDelay: 5 });
    await outbox.send({
      description: 'order 1 paid',
      target: `${service.url}/orders/1`,
      form: 'mark-paid',
    });
    await outbox.flush(true);
    await outbox.flush(true);
    expect(await outbox.messages()).to.deep.equal([]);
    expect(orders.get('1')?.paid).to.equal(true);
    const posts = service.requests.filter((request) => request.method === 'POST');
    expect(new Set(posts.map((request) => request.headers['idempotency-key'])).size).to.equal(1);
  });

  it('should mark a message failed for good when it can never be accepted, and stop sending it', async () => {
    const { app } = ordersService('http://127.0.0.1:1/', []);
    const service = await listen(app);
    running.push(service);
    const client = createPeers({
      peers: { orders: { url: `${service.url}/`, token: 'payments-secret' } },
    }).client;
    const outbox = createOutbox({ client, interval: 0, minDelay: 1 });
    await outbox.send({
      description: 'with a field the form does not have',
      target: `${service.url}/orders/1`,
      form: 'mark-paid',
      values: { bogus: 1 },
    });
    await outbox.flush(true);
    const [message] = await outbox.messages();
    expect(message).to.include({ status: 'failed', attempts: 1 });
    expect(message?.lastError).to.match(/InvalidFormError/);
    expect(service.requests.filter((request) => request.method === 'POST')).to.have.length(0);
    await outbox.flush(true);
    expect((await outbox.messages())[0]?.attempts).to.equal(1);
  });
});
