// Two real services on two loopback origins, neither with CORS, each serving the explorer:
// orders on http://127.0.0.1:<port> and payments on http://localhost:<port>. An order links into
// payments with an absolute URL, and a payment links back; paying marks the order paid in the
// store both share (the stand-in for payments calling orders).
import {
  bearerAuthentication,
  createService,
  created,
  defineCollection,
  defineHome,
  defineResource,
  HttpProblem,
} from '@halway/server';
import { explorer } from '@halway/explorer';
import express, { type Express } from 'express';
import { startRecorded, type RecordedService } from './recorded.js';

export interface Order {
  id: string;
  drink: string;
  size: string;
  quantity: number;
  status: 'payment-expected' | 'paid' | 'cancelled';
  total: number;
}

export const DECLINED_CARD = '4000000000000002';
export const PAYMENTS_TOKEN = 'beta-token';

export interface CoffeeShop {
  orders: RecordedService;
  payments: RecordedService;
  store: Map<string, Order>;
  close(): Promise<void>;
}

export async function startCoffeeShop(): Promise<CoffeeShop> {
  const orders = await startRecorded('127.0.0.1');
  const payments = await startRecorded('localhost');
  const store = new Map<string, Order>();
  orders.use(withOffer(ordersApp(store, payments.url), payments.url));
  payments.use(paymentsApp(store, orders.url));
  return {
    orders,
    payments,
    store,
    close: async () => {
      await orders.close();
      await payments.close();
    },
  };
}

function ordersApp(store: Map<string, Order>, paymentsUrl: string) {
  let sequence = 0;
  const order = defineResource('/orders/:id', {
    title: 'An order',
    load: ({ params }) => store.get(params.id),
    params: (state: Order) => ({ id: state.id }),
    properties: ({ id: _id, ...rest }) => rest,
    links: (state) => ({
      collection: '/orders',
      payment:
        state.status === 'payment-expected'
          ? { href: `${paymentsUrl}/payments/${state.id}`, title: 'Pay for this order' }
          : undefined,
    }),
  })
    .action('update', {
      method: 'PATCH',
      title: 'Change the order',
      input: {
        type: 'object',
        additionalProperties: false,
        properties: { quantity: { type: 'integer', title: 'Quantity', minimum: 1, maximum: 10 } },
      } as const,
      values: (state) => ({ quantity: state.quantity }),
      when: (state) => state.status === 'payment-expected',
      handle: ({ state, input }) => {
        if (input.quantity !== undefined) {
          state.quantity = input.quantity;
          state.total = 3.5 * input.quantity;
        }
      },
    })
    .action('cancel', {
      method: 'DELETE',
      title: 'Cancel the order',
      when: (state) => state.status === 'payment-expected',
      handle: ({ state }) => {
        state.status = 'cancelled';
      },
    });
  const collection = defineCollection('/orders', {
    title: 'Orders',
    item: order,
    rel: 'orders',
    list: ({ offset, size }) => {
      const all = [...store.values()];
      return { items: all.slice(offset, offset + size), total: all.length };
    },
  });
  const home = defineHome({
    title: 'Coffee orders',
    links: { orders: collection, order, payments: { href: `${paymentsUrl}/`, title: 'Payments' } },
  }).action('place-order', {
    method: 'POST',
    title: 'Place an order',
    input: {
      type: 'object',
      required: ['drink'],
      additionalProperties: false,
      properties: {
        drink: { type: 'string', title: 'Drink', enum: ['latte', 'espresso', 'tea'] },
        size: {
          type: 'string',
          title: 'Size',
          enum: ['small', 'medium', 'large'],
          default: 'medium',
        },
        quantity: { type: 'integer', title: 'Quantity', minimum: 1, maximum: 10, default: 1 },
      },
    } as const,
    handle: async ({ input }) => {
      // Slow enough that a double click lands while the first request is still in flight.
      await new Promise((resolve) => setTimeout(resolve, 150));
      const id = String(++sequence);
      const state: Order = {
        id,
        drink: input.drink,
        size: input.size ?? 'medium',
        quantity: input.quantity ?? 1,
        status: 'payment-expected',
        total: 3.5 * (input.quantity ?? 1),
      };
      store.set(id, state);
      return created(order, state);
    },
  });
  return createService({
    name: 'orders',
    resources: [home, collection, order],
    explorer: explorer({ title: 'Orders', peers: [paymentsUrl] }),
  });
}

function paymentsApp(store: Map<string, Order>, ordersUrl: string) {
  const payment = defineResource('/payments/:order', {
    title: 'A payment',
    load: ({ params }) => store.get(params.order),
    properties: (state: Order) => ({
      title: `Payment for order ${state.id}`,
      amount: state.total,
      status: state.status === 'paid' ? 'paid' : 'due',
    }),
    links: (state) => ({
      order: { href: `${ordersUrl}/orders/${state.id}`, title: 'The order' },
    }),
  }).action('pay', {
    method: 'POST',
    title: 'Pay',
    contentType: 'application/x-www-form-urlencoded',
    input: {
      type: 'object',
      required: ['card'],
      properties: {
        card: { type: 'string', title: 'Card number', pattern: '^\\d{16}$' },
        holder: { type: 'string', title: 'Name on the card', maxLength: 40 },
      },
    } as const,
    allow: (caller) => caller !== undefined,
    when: (state) => state.status === 'payment-expected',
    handle: ({ state, input }) => {
      if (input.card === DECLINED_CARD) {
        throw new HttpProblem('INVALID_INPUT', {
          detail: 'The bank declined the card',
          errors: [
            {
              pointer: '/card',
              field: 'card',
              constraint: 'options',
              detail: 'was declined by the bank',
            },
          ],
        });
      }
      state.status = 'paid';
    },
  });
  const home = defineHome({ title: 'Payments', links: { payment } }).action('find-order', {
    method: 'GET',
    title: 'Find an order',
    target: `${ordersUrl}/orders/{id}`,
    input: {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string', title: 'Order number' } },
    } as const,
  });
  return createService({
    name: 'payments',
    resources: [home, payment],
    authentication: bearerAuthentication({ [PAYMENTS_TOKEN]: { id: 'customer' } }),
    explorer: explorer({ title: 'Payments', peers: [ordersUrl] }),
  });
}

// A hand-written HAL-FORMS document at /offer whose POST template targets the payments service:
// a form of one service sent to another, which the explorer hands over to that service's page.
// Browsers asking for HTML go on to the service, whose explorer answers.
function withOffer(service: Express, paymentsUrl: string): Express {
  const outer = express();
  outer.get('/offer', (request, response, next) => {
    if (
      request.accepts(['application/json', 'application/prs.hal-forms+json', 'text/html']) ===
      'text/html'
    )
      return next();
    response.type('application/prs.hal-forms+json').send({
      _links: { self: { href: '/offer' } },
      title: 'An offer',
      _templates: {
        pay: {
          method: 'POST',
          title: 'Pay on the payments service',
          contentType: 'application/x-www-form-urlencoded',
          target: `${paymentsUrl}/payments/${typeof request.query.order === 'string' ? request.query.order : '1'}`,
          properties: [{ name: 'card', prompt: 'Card number', required: true, regex: '^\\d{16}$' }],
        },
      },
    });
  });
  outer.use(service);
  return outer;
}
