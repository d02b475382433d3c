import {
  created,
  defineCollection,
  defineHome,
  defineResource,
  type LinkMap,
} from '@halway/server';
import { onlyService, type CoffeeShopServiceOptions } from '../config.js';
import { serviceBasics } from '../service.js';
import { CURRENCY, DRINKS, priceOf, SIZES, type Size } from './menu.js';
import { markPaidInput, placeOrderInput, updateOrderInput } from './schemas.js';

/** Where an order is in its life. */
export type OrderStatus =
  'payment-expected' | 'paid' | 'preparing' | 'ready' | 'completed' | 'cancelled';

/** An order, as the orders service keeps it. */
export interface Order {
  id: string;
  status: OrderStatus;
  drink: string;
  size: Size;
  quantity: number;
  location: 'take-away' | 'in-store';
  total: number;
  receipt?: string;
  placedAt: string;
  revision: number;
}

/**
 * The orders service: the entry point of the shop. Orders link into payments (to pay) and the
 * kitchen (their ticket) by the relations those services publish; payments and the kitchen tell
 * orders what happened through actions only they may take.
 */
export function createOrders(options: CoffeeShopServiceOptions) {
  const orders = new Map<string, Order>();
  let sequence = 0;
  const { peers, app: assemble } = serviceBasics(options, 'orders');

  const menu = defineResource('/menu', {
    title: 'Menu',
    cacheControl: 'max-age=300',
    properties: () => ({ currency: CURRENCY, sizes: SIZES }),
    embedded: () => ({ drinks: DRINKS.map((drink) => ({ ...drink })) }),
  });

  const order = defineResource('/orders/:id', {
    title: 'An order',
    load: ({ params }) => orders.get(params.id),
    params: (state: Order) => ({ id: state.id }),
    version: (state) => state.revision,
    properties: (state) => ({
      status: state.status,
      drink: state.drink,
      size: state.size,
      quantity: state.quantity,
      location: state.location,
      total: { amount: state.total, currency: CURRENCY },
      placedAt: state.placedAt,
    }),
    links: async (state, context): Promise<LinkMap> => {
      const self = context.absoluteUrl(context.self);
      const hasTicket = state.receipt !== undefined;
      return {
        collection: { href: `${context.basePath}/orders`, title: 'All orders' },
        payment:
          state.status === 'payment-expected'
            ? await context.peers.link('payments', 'payment-for', { order: self })
            : undefined,
        receipt:
          state.receipt === undefined ? undefined : { href: state.receipt, title: 'Receipt' },
        ticket: hasTicket
          ? await context.peers.link('kitchen', 'ticket-for', { order: self })
          : undefined,
      };
    },
  })
    .action('update', {
      method: 'PATCH',
      title: 'Change the order',
      input: updateOrderInput,
      values: (state) => ({ size: state.size, quantity: state.quantity, location: state.location }),
      when: (state) => state.status === 'payment-expected',
      handle: ({ state, input }) => {
        Object.assign(state, input);
        state.total = priceOf(state.drink, state.size, state.quantity);
        state.revision++;
      },
    })
    .action('cancel', {
      method: 'DELETE',
      title: 'Cancel the order',
      when: (state) => state.status === 'payment-expected' || state.status === 'paid',
      handle: ({ state, self, absoluteUrl, db }) => {
        const wasPaid = state.status === 'paid';
        state.status = 'cancelled';
        state.revision++;
        if (wasPaid && state.receipt) {
          const orderUrl = absoluteUrl(self);
          db.send({
            description: `refund order ${state.id}`,
            target: state.receipt,
            form: 'refund',
          });
          db.send({
            description: `withdraw the ticket of order ${state.id}`,
            target: peers.url('kitchen'),
            form: 'withdraw-ticket',
            values: { order: orderUrl },
          });
        }
      },
    })
    .action('collect', {
      method: 'POST',
      path: '/collection',
      title: 'Collect the drink',
      when: (state) => state.status === 'ready',
      handle: ({ state }) => {
        state.status = 'completed';
        state.revision++;
      },
    })
    .action('mark-paid', {
      method: 'POST',
      path: '/payment-received',
      title: 'Record the payment',
      input: markPaidInput,
      allow: onlyService('payments'),
      when: (state) => state.status === 'payment-expected',
      handle: ({ state, input, self, absoluteUrl, db }) => {
        state.status = 'paid';
        state.receipt = input.receipt;
        state.revision++;
        const ticket = {
          order: absoluteUrl(self),
          drink: state.drink,
          size: state.size,
          quantity: state.quantity,
          location: state.location,
        };
        db.send({
          description: `ticket for order ${state.id}`,
          target: peers.url('kitchen'),
          form: 'add-ticket',
          values: ticket,
        });
      },
    })
    .action('mark-preparing', {
      method: 'POST',
      path: '/preparation',
      title: 'Record that the drink is being made',
      allow: onlyService('kitchen'),
      when: (state) => state.status === 'paid',
      handle: ({ state }) => {
        state.status = 'preparing';
        state.revision++;
      },
    })
    .action('mark-ready', {
      method: 'POST',
      path: '/readiness',
      title: 'Record that the drink is ready',
      allow: onlyService('kitchen'),
      when: (state) => state.status === 'preparing',
      handle: ({ state }) => {
        state.status = 'ready';
        state.revision++;
      },
    });

  const ordersCollection = defineCollection('/orders', {
    title: 'Orders',
    item: order,
    rel: 'orders',
    pageSize: 10,
    search: {
      type: 'object',
      additionalProperties: false,
      properties: {
        status: {
          type: 'string',
          title: 'Status',
          enum: ['payment-expected', 'paid', 'preparing', 'ready', 'completed', 'cancelled'],
        },
      },
    } as const,
    searchTitle: 'Find orders',
    list: ({ offset, size, filter }) => {
      const newestFirst = [...orders.values()]
        .reverse()
        .filter((candidate) => filter.status === undefined || candidate.status === filter.status);
      return { items: newestFirst.slice(offset, offset + size), total: newestFirst.length };
    },
  });

  const home = defineHome({
    title: 'Coffee shop',
    properties: {
      description: 'Place an order, pay for it, and collect it when the kitchen says it is ready.',
    },
    links: { orders: ordersCollection, menu },
  }).action('place-order', {
    method: 'POST',
    title: 'Place an order',
    input: placeOrderInput,
    handle: ({ input }) => {
      const size = input.size ?? 'medium';
      const quantity = input.quantity ?? 1;
      const state: Order = {
        id: String(++sequence),
        status: 'payment-expected',
        drink: input.drink,
        size,
        quantity,
        location: input.location ?? 'take-away',
        total: priceOf(input.drink, size, quantity),
        placedAt: new Date().toISOString(),
        revision: 1,
      };
      orders.set(state.id, state);
      return created(order, state);
    },
  });

  const app = assemble([home, menu, ordersCollection, order]);
  return { app, orders, outbox: app.outbox, peers };
}
