// The two services the client README's samples run against: orders (127.0.0.1) and payments
// (127.0.0.2), plain Express answering the documents the samples expect.
import {
  etagOf,
  sendHal,
  sendProblem,
  startService,
  type TestService,
} from '../../client/support/service.js';

/** The running shop, with what its handlers saw. */
export interface Shop {
  orders: TestService;
  payments: TestService;
  /** Changes order 17 behind every client's back (a new version, a new ETag). */
  touch(): void;
  /** Idempotency keys of the notifications applied, once each. */
  notifications: string[];
  close(): Promise<void>;
}

/** Starts both services on loopback ports. */
export async function startShop(): Promise<Shop> {
  const [orders, payments] = await Promise.all([
    startService('127.0.0.1'),
    startService('127.0.0.2'),
  ]);
  let version = 1;
  let flaky = 0;
  const notifications: string[] = [];

  const order = (id: string) => ({
    _links: {
      self: { href: `/orders/${id}` },
      payment: { href: payments.url('/payments/1') },
      receipt: { href: payments.url('/receipts/1') },
    },
    _embedded: {
      payment: { _links: { self: { href: payments.url('/payments/1') } }, amount: 4.5 },
    },
    _templates: {
      pay: {
        method: 'POST',
        target: payments.url('/payments'),
        properties: [
          { name: 'amount', type: 'number', min: 1, required: true },
          { name: 'card', required: true, options: { inline: ['visa-1', 'visa-2'], maxItems: 1 } },
        ],
      },
      update: { method: 'PATCH', properties: [{ name: 'size' }] },
      notify: { method: 'POST', target: `/orders/${id}/events`, properties: [{ name: 'event' }] },
    },
    status: 'payment-expected',
    total: 4.5,
    version,
  });

  orders.app.get('/', (req, res) =>
    sendHal(req, res, {
      _links: {
        self: { href: '/' },
        order: { href: '/orders/{id}', templated: true },
        item: [
          { href: '/items/1', name: 'first', type: 'application/hal+json' },
          { href: '/items/2', profile: 'https://example/p/item' },
        ],
      },
    }),
  );
  orders.app.get('/items/:id', (req, res) =>
    sendHal(req, res, { _links: { self: { href: req.path } }, item: req.params.id }),
  );
  orders.app.get('/orders/:id', (req, res) =>
    sendHal(req, res, order(req.params.id), { headers: { link: '</orders/18>; rel="next"' } }),
  );
  orders.app.patch('/orders/:id', (req, res) => {
    if (req.get('if-match') !== etagOf(order(req.params.id)))
      return sendProblem(res, 412, { title: 'Precondition failed' });
    res.status(204).end();
  });
  orders.app.post('/orders/:id/events', (req, res) => {
    const key = req.get('idempotency-key') ?? '';
    if (!notifications.includes(key)) notifications.push(key);
    res.status(204).end();
  });
  orders.app.get('/flaky', (req, res) => {
    if (flaky++ === 0) return void res.status(503).end();
    sendHal(req, res, { _links: { self: { href: '/flaky' } } });
  });

  payments.app.post('/payments', (req, res) =>
    sendHal(
      req,
      res,
      {
        _links: { self: { href: '/payments/1' }, receipt: { href: '/receipts/1' } },
        amount: req.body.amount,
      },
      { status: 201, headers: { location: '/payments/1', 'content-location': '/payments/1' } },
    ),
  );
  payments.app.get('/receipts/:id', (req, res) =>
    sendHal(req, res, { _links: { self: { href: req.path } }, total: 4.5 }),
  );

  return {
    orders,
    payments,
    notifications,
    touch: () => void version++,
    close: () => Promise.all([orders.close(), payments.close()]).then(() => undefined),
  };
}
