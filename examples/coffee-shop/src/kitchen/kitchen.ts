import { randomUUID } from 'node:crypto';
import {
  created,
  defineCollection,
  defineHome,
  defineResource,
  noContent,
  type PeerMessage,
  type StoredDocument,
} from '@halway/server';
import { onlyService, onlyStaff, type CoffeeShopServiceOptions } from '../config.js';
import { serviceBasics } from '../service.js';

/** A ticket: a drink for the barista to make, for exactly one order (its key is the order's URL). */
export type Ticket = StoredDocument<{
  order: string;
  drink?: string;
  size?: string;
  quantity?: number;
  location?: string;
  status: 'queued' | 'preparing' | 'ready' | 'withdrawn';
  createdAt: string;
  withdrawnAt?: string;
}>;

const ticketInput = {
  type: 'object',
  required: ['order', 'drink', 'size', 'quantity', 'location'],
  additionalProperties: false,
  properties: {
    order: { type: 'string', format: 'uri', title: 'Order' },
    drink: { type: 'string', title: 'Drink' },
    size: { type: 'string', title: 'Size' },
    quantity: { type: 'integer', title: 'Quantity', minimum: 1 },
    location: { type: 'string', title: 'Where' },
  },
} as const;

const withdrawInput = {
  type: 'object',
  required: ['order'],
  properties: { order: { type: 'string', format: 'uri', title: 'Order' } },
} as const;

/** Tells the order what became of its ticket; one stream per order keeps these in order. */
const toOrder = (ticket: Ticket, form: string, values?: Record<string, unknown>): PeerMessage => ({
  description: `${form}: ${ticket.order}`,
  target: ticket.order,
  form,
  values,
  stream: `${ticket.order} kitchen`,
});

/**
 * The kitchen service: tickets to prepare. Orders adds a ticket when an order is paid and
 * withdraws it when a paid order is cancelled (whatever the barista was doing: the order decides);
 * the staff start and finish tickets, and the kitchen tells orders through the order's forms.
 */
export function createKitchen(options: CoffeeShopServiceOptions) {
  const { app: assemble } = serviceBasics(options, 'kitchen');

  const ticket = defineResource('/tickets/:id', {
    title: 'Ticket',
    load: ({ db, params }) => db.get<Ticket>('ticket', params.id),
    params: (state: Ticket) => ({ id: state.id }),
    properties: ({ status, drink, size, quantity, location, createdAt, withdrawnAt }) => ({
      status,
      drink,
      size,
      quantity,
      location,
      createdAt,
      withdrawnAt,
    }),
    links: (state) => ({ 'cs:order': { href: state.order, title: 'The order' } }),
  })
    .action('start', {
      method: 'POST',
      path: '/start',
      title: 'Start making it',
      allow: onlyStaff,
      when: (state) => state.status === 'queued',
      handle: ({ state, db }) => {
        state.status = 'preparing';
        db.send(toOrder(state, 'mark-preparing'));
      },
    })
    .action('finish', {
      method: 'POST',
      path: '/finish',
      title: 'It is ready',
      allow: onlyStaff,
      when: (state) => state.status === 'preparing',
      handle: ({ state, db }) => {
        state.status = 'ready';
        db.send(toOrder(state, 'mark-ready'));
      },
    });

  const ticketFor = defineResource('/tickets', {
    title: 'The ticket of an order',
    query: ['order'],
    load: ({ db, params }) =>
      params.order === undefined ? undefined : db.getByKey<Ticket>('ticket', params.order),
    seeOther: (state, context) => context.href(ticket, { id: state.id }),
  });

  const queue = defineCollection('/queue', {
    title: 'Tickets to prepare',
    item: ticket,
    rel: 'cs:tickets',
    allow: onlyStaff,
    // The drinks being made first, then the queue, oldest first.
    list: async ({ offset, size }, { db }) => {
      const preparing = await db.find<Ticket>('ticket', { where: { status: 'preparing' } });
      const queued = await db.find<Ticket>('ticket', {
        where: { status: 'queued' },
        limit: offset + size,
      });
      const open = [...preparing.items, ...queued.items];
      return { items: open.slice(offset, offset + size), total: preparing.total + queued.total };
    },
  });

  const home = defineHome({
    title: 'Kitchen',
    cacheControl: 'max-age=60',
    links: { 'cs:queue': queue, 'cs:ticket-for': ticketFor },
    // Made of declarations only (its forms have no guards): one version as long as the code.
    version: 1,
    cacheByVersion: true,
  })
    .action('add-ticket', {
      method: 'POST',
      title: 'Add a ticket',
      input: ticketInput,
      allow: onlyService('orders'),
      handle: async ({ db, input, href, absoluteUrl }) => {
        const existing = await db.getByKey<Ticket>('ticket', input.order);
        if (existing) return created(ticket, existing);
        const added = (await db.insert(
          'ticket',
          { ...input, status: 'queued', createdAt: new Date().toISOString() },
          { id: randomUUID(), key: input.order },
        )) as Ticket;
        db.send(toOrder(added, 'mark-queued', { ticket: absoluteUrl(href(ticket, added)) }));
        return created(ticket, added);
      },
    })
    .action('withdraw-ticket', {
      method: 'POST',
      path: '/withdrawals',
      title: 'Withdraw the ticket of an order',
      input: withdrawInput,
      allow: onlyService('orders'),
      handle: async ({ db, input }) => {
        const withdrawnAt = new Date().toISOString();
        const existing = await db.getByKey<Ticket>('ticket', input.order);
        // Not arrived yet: a withdrawn ticket is kept in its place, and the late one is ignored.
        if (!existing)
          await db.insert(
            'ticket',
            { order: input.order, status: 'withdrawn', createdAt: withdrawnAt, withdrawnAt },
            { id: randomUUID(), key: input.order },
          );
        else if (existing.status !== 'withdrawn')
          Object.assign(existing, { status: 'withdrawn', withdrawnAt });
        return noContent();
      },
    });

  const app = assemble([home, ticketFor, queue, ticket]);
  return { app, store: app.store, outbox: app.outbox };
}
