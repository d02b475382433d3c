import { expect } from 'chai';
import {
  bearerAuthentication,
  createJsonLogger,
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

  it('should not warn at start-up about a peer that is not up yet', async () => {
    const port = await freePort();
    const lines: string[] = [];
    ordersService(`http://127.0.0.1:${port}/`, lines);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lines.filter((line) => line.includes('"warn"'))).to.deep.equal([]);
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

  it('should ask for a peer home document again once its max-age has passed', async () => {
    const payments = await start(paymentsService('v1', { cacheControl: 'max-age=1' }));
    const orders = await start(ordersService(`${payments.url}/`, []).app);
    await fetch(`${orders.url}/orders/1`);
    await fetch(`${orders.url}/orders/1`);
    const homeRequests = () => payments.requests.filter((request) => request.url === '/').length;
    expect(homeRequests()).to.equal(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const later = await (await fetch(`${orders.url}/orders/1`)).json();
    expect(homeRequests()).to.equal(2);
    expect(later._links.payment.href).to.match(/\/payments\?order=/);
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
