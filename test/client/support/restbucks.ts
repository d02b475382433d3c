import type { Request } from 'express';
import type { WorkflowStep } from '@halway/client';
import { IdempotencyStore, type Reply } from './idempotency.js';
import { sendHal, startServices, type TestService } from './service.js';

interface Order {
  id: number;
  drink: string;
  status: 'payment-expected' | 'paid' | 'ready';
  polls: number;
}

/** RESTBucks spread over three origins: orders, payments and receipts. */
export interface Restbucks {
  orders: TestService;
  payments: TestService;
  receipts: TestService;
  /** Idempotency stores: `executions` counts effects actually applied. */
  createStore: IdempotencyStore;
  payStore: IdempotencyStore;
  /** The entry URL (the orders service's home). */
  entry: string;
  /** Whether write responses honour `Prefer: return=representation`. */
  honourPrefer: boolean;
  /** When set, the pay handler kills this process after applying the payment (a crash). */
  killOnPay: number | undefined;
  /** Payments applied, by order id. */
  paid: Map<number, number>;
  clearLogs(): void;
  close(): Promise<void>;
}

/** The workflow a RESTBucks customer runs, knowing only rels and template names. */
export const ORDER_AND_PAY: WorkflowStep[] = [
  { follow: 'orders' },
  { submit: 'create', values: { drink: 'latte' } },
  { follow: 'payment' },
  { submit: 'pay', values: { amount: 4.5, card: '4111111111111111' } },
  { follow: 'receipt' },
];

const prefers = (req: Request) => /return=representation/.test(req.get('prefer') ?? '');

/** Starts the three services. */
export async function startRestbucks(): Promise<Restbucks> {
  const [orders, payments, receipts] = await startServices();
  const database = new Map<number, Order>();
  const fixture: Restbucks = {
    orders,
    payments,
    receipts,
    createStore: new IdempotencyStore(),
    payStore: new IdempotencyStore(),
    entry: orders.url('/'),
    honourPrefer: true,
    killOnPay: undefined,
    paid: new Map(),
    clearLogs: () => {
      for (const service of [orders, payments, receipts]) service.log.length = 0;
    },
    close: async () => {
      await Promise.all([orders, payments, receipts].map((service) => service.close()));
    },
  };

  const orderDocument = (order: Order) => {
    // The barista needs a while: the order is ready on the third look after payment.
    if (order.status === 'paid' && order.polls >= 3) order.status = 'ready';
    const links: Record<string, unknown> = { self: { href: `/orders/${order.id}` } };
    if (order.status === 'payment-expected') {
      links.payment = { href: payments.url(`/payments/for/${order.id}`) };
    }
    if (order.status === 'ready') links.receipt = { href: receipts.url(`/receipts/${order.id}`) };
    return { _links: links, id: order.id, drink: order.drink, status: order.status };
  };

  const paymentDocument = (id: number, amount: number) => ({
    _links: {
      self: { href: `/payments/${id}` },
      receipt: { href: receipts.url(`/receipts/${id}`) },
    },
    amount,
  });

  // A write's reply: the new state when the client prefers it and the server honours that.
  const written = (req: Request, url: string, document: unknown, status: number): Reply =>
    fixture.honourPrefer && prefers(req)
      ? {
          status,
          body: document,
          headers: {
            location: url,
            'content-location': url,
            'preference-applied': 'return=representation',
          },
        }
      : { status, headers: { location: url } };

  orders.app.get('/', (req, res) =>
    sendHal(req, res, { _links: { self: { href: '/' }, orders: { href: '/orders' } } }),
  );
  orders.app.get('/orders', (req, res) =>
    sendHal(req, res, {
      _links: { self: { href: '/orders' } },
      _templates: {
        create: {
          method: 'POST',
          properties: [
            {
              name: 'drink',
              required: true,
              options: { inline: ['latte', 'espresso'], maxItems: 1 },
            },
          ],
        },
      },
    }),
  );
  orders.app.post(
    '/orders',
    fixture.createStore.handle((req) => {
      const order: Order = {
        id: database.size + 1,
        drink: req.body.drink,
        status: 'payment-expected',
        polls: 0,
      };
      database.set(order.id, order);
      return written(req, orders.url(`/orders/${order.id}`), orderDocument(order), 201);
    }),
  );
  orders.app.get('/orders/:id', (req, res) => {
    const order = database.get(Number(req.params.id))!;
    if (order.status === 'paid') order.polls += 1;
    sendHal(req, res, orderDocument(order));
  });

  payments.app.get('/payments/for/:id', (req, res) =>
    sendHal(req, res, {
      _links: { self: { href: `/payments/for/${req.params.id}` } },
      _templates: {
        pay: {
          method: 'POST',
          properties: [
            { name: 'amount', type: 'number', required: true, min: 0.01 },
            { name: 'card', required: true, regex: '\\d{16}' },
          ],
        },
      },
    }),
  );
  payments.app.post(
    '/payments/for/:id',
    fixture.payStore.handle((req) => {
      const id = Number(req.params.id);
      fixture.paid.set(id, (fixture.paid.get(id) ?? 0) + 1);
      database.get(id)!.status = 'paid';
      const document = paymentDocument(id, req.body.amount);
      const reply = written(req, payments.url(`/payments/${id}`), document, 201);
      if (fixture.killOnPay !== undefined) {
        process.kill(fixture.killOnPay, 'SIGKILL');
        fixture.killOnPay = undefined;
        return { ...reply, drop: true };
      }
      return reply;
    }),
  );
  payments.app.get('/payments/:id', (req, res) =>
    sendHal(req, res, paymentDocument(Number(req.params.id), 4.5)),
  );
  receipts.app.get('/receipts/:id', (req, res) =>
    sendHal(req, res, {
      _links: { self: { href: `/receipts/${req.params.id}` } },
      order: Number(req.params.id),
      total: 4.5,
    }),
  );
  return fixture;
}
