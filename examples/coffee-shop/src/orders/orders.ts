import { randomUUID } from 'node:crypto';
import {
  created,
  defineCollection,
  defineHome,
  defineResource,
  type LinkMap,
  type StoredDocument,
} from '@halway/server';
import { onlyService, onlyStaff, type CoffeeShopServiceOptions } from '../config.js';
import { serviceBasics } from '../service.js';
import { CURRENCY, DRINKS, MENU_REVISION, priceOf, SIZES, type Size } from './menu.js';
import { declinedPayment, paymentMessages, ticketMessages } from './messages.js';
import { markPaidInput, markQueuedInput, placeOrderInput, updateOrderInput } from './schemas.js';

/** Where an order is in its life. */
export type OrderStatus =
  'payment-expected' | 'paid' | 'preparing' | 'ready' | 'completed' | 'cancelled';

/** An order, as the orders service keeps it (its id is random: order URLs are unguessable). */
export type Order = StoredDocument<{
  status: OrderStatus;
  drink: string;
  size: Size;
  quantity: number;
  location: 'take-away' | 'in-store';
  total: number;
  /** The version of what was ordered: a payment is for one revision, and refunded if it changed. */
  revision: number;
  placedAt: string;
  /** The receipt of the payment the order was paid with, and when orders heard of it. */
  receipt?: string;
  paidAt?: string;
  /** The kitchen's ticket, once the kitchen has it. */
  ticket?: string;
}>;

const CANCELLABLE: readonly OrderStatus[] = ['payment-expected', 'paid'];

/**
 * The orders service: the entry point of the shop. Orders link into payments (to pay) and the
 * kitchen (their ticket); payments and the kitchen tell orders what happened through actions only
 * they may take, and orders answers a payment it cannot accept by asking for its refund.
 */
export function createOrders(options: CoffeeShopServiceOptions) {
  const { peers, app: assemble } = serviceBasics(options, 'orders');
  const kitchen = () => peers.url('kitchen');

  const menu = defineResource('/menu', {
    title: 'Menu',
    cacheControl: 'max-age=300',
    // The menu is part of the code: it is rendered once, not for every customer who reads it.
    version: () => MENU_REVISION,
    cacheByVersion: true,
    properties: () => ({ currency: CURRENCY, sizes: SIZES }),
    embedded: () => ({ 'cs:drinks': DRINKS.map((drink) => ({ ...drink })) }),
  });

  const order = defineResource('/orders/:id', {
    title: 'An order',
    load: ({ db, params }) => db.get<Order>('order', params.id),
    params: (state: Order) => ({ id: state.id }),
    properties: (state) => ({
      status: state.status,
      drink: state.drink,
      size: state.size,
      quantity: state.quantity,
      location: state.location,
      total: { amount: state.total, currency: CURRENCY },
      revision: state.revision,
      placedAt: state.placedAt,
    }),
    links: async (state, context): Promise<LinkMap> => ({
      collection: onlyStaff(context.caller)
        ? { href: `${context.basePath}/orders`, title: 'All orders' }
        : undefined,
      payment:
        state.status === 'payment-expected'
          ? await context.peers.link('payments', 'cs:payment-for', {
              order: context.absoluteUrl(context.self),
            })
          : undefined,
      'cs:receipt':
        state.receipt === undefined ? undefined : { href: state.receipt, title: 'Receipt' },
      // Linked once the kitchen said it has it: a link never leads to a 404.
      'cs:ticket': state.ticket === undefined ? undefined : { href: state.ticket, title: 'Ticket' },
    }),
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
      when: (state) => CANCELLABLE.includes(state.status),
      handle: ({ state, db, self, absoluteUrl }) => {
        const wasPaid = state.status === 'paid';
        state.status = 'cancelled';
        if (!wasPaid || state.receipt === undefined) return;
        // A payment still on its way is refunded when it arrives (see mark-paid).
        const orderUrl = absoluteUrl(self);
        db.send(paymentMessages.refund(orderUrl, state.receipt, 'the order was cancelled'));
        db.send(ticketMessages.withdraw(orderUrl, kitchen()));
      },
    })
    .action('collect', {
      method: 'POST',
      path: '/collection',
      title: 'Collect the drink',
      when: (state) => state.status === 'ready',
      handle: ({ state }) => {
        state.status = 'completed';
      },
    })
    .action('mark-paid', {
      method: 'POST',
      path: '/payment-received',
      title: 'Record the payment',
      input: markPaidInput,
      allow: onlyService('payments'),
      // Any state: a payment the order cannot take is answered with its refund, not refused.
      handle: ({ state, input, db, self, absoluteUrl }) => {
        if (state.receipt === input.receipt) return;
        const orderUrl = absoluteUrl(self);
        const declined = declinedPayment(state, input);
        if (declined !== undefined) {
          db.send(paymentMessages.refund(orderUrl, input.receipt, declined));
          return;
        }
        Object.assign(state, {
          status: 'paid',
          receipt: input.receipt,
          paidAt: new Date().toISOString(),
        });
        db.send(ticketMessages.add(orderUrl, kitchen(), state));
      },
    })
    .action('mark-queued', {
      method: 'POST',
      path: '/ticket',
      title: 'Record where the ticket is',
      input: markQueuedInput,
      allow: onlyService('kitchen'),
      handle: ({ state, input }) => {
        state.ticket = input.ticket;
      },
    })
    .action('mark-preparing', {
      method: 'POST',
      path: '/preparation',
      title: 'Record that the drink is being made',
      allow: onlyService('kitchen'),
      // A cancelled order stays cancelled: its ticket's withdrawal is already on its way.
      when: (state) => state.status === 'paid' || state.status === 'cancelled',
      handle: ({ state }) => {
        if (state.status === 'paid') state.status = 'preparing';
      },
    })
    .action('mark-ready', {
      method: 'POST',
      path: '/readiness',
      title: 'Record that the drink is ready',
      allow: onlyService('kitchen'),
      when: (state) => state.status === 'preparing' || state.status === 'cancelled',
      handle: ({ state }) => {
        if (state.status === 'preparing') state.status = 'ready';
      },
    });

  const ordersCollection = defineCollection('/orders', {
    title: 'Orders',
    item: order,
    rel: 'cs:orders',
    pageSize: 10,
    allow: onlyStaff,
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
    list: ({ offset, size, filter }, { db }) =>
      db.find<Order>('order', {
        where: filter.status === undefined ? undefined : { status: filter.status },
        newestFirst: true,
        limit: size,
        offset,
      }),
  });

  const home = defineHome({
    title: 'Coffee shop',
    properties: {
      description: 'Place an order, pay for it, and collect it when the kitchen says it is ready.',
    },
    links: { 'cs:orders': ordersCollection, 'cs:menu': menu },
    // Its form lists the drinks of the menu: it changes with the menu, and with nothing else.
    version: MENU_REVISION,
    cacheByVersion: true,
  }).action('place-order', {
    method: 'POST',
    title: 'Place an order',
    input: placeOrderInput,
    handle: async ({ db, input }) => {
      const size = input.size ?? 'medium';
      const quantity = input.quantity ?? 1;
      const placed = await db.insert<Omit<Order, 'id'>>(
        'order',
        {
          status: 'payment-expected',
          drink: input.drink,
          size,
          quantity,
          location: input.location ?? 'take-away',
          total: priceOf(input.drink, size, quantity),
          revision: 1,
          placedAt: new Date().toISOString(),
        },
        { id: randomUUID() },
      );
      return created(order, placed as Order);
    },
  });

  const app = assemble([home, menu, ordersCollection, order]);
  return { app, store: app.store, outbox: app.outbox, peers };
}
