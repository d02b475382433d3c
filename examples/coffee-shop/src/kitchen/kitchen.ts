import { created, defineCollection, defineHome, defineResource, HttpProblem } from '@halway/server';
import { onlyService, type CoffeeShopServiceOptions } from '../config.js';
import { serviceBasics } from '../service.js';

/** A ticket: a drink for the barista to make. */
export interface Ticket {
  id: string;
  order: string;
  drink: string;
  size: string;
  quantity: number;
  location: string;
  status: 'queued' | 'preparing' | 'ready' | 'withdrawn';
  createdAt: string;
  revision: number;
}

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

/**
 * The kitchen service: tickets to prepare. Orders adds a ticket when an order is paid (and
 * withdraws it when a paid order is cancelled); the barista starts and finishes tickets, and
 * the kitchen tells orders by submitting the order's forms through its outbox.
 */
export function createKitchen(options: CoffeeShopServiceOptions) {
  const tickets = new Map<string, Ticket>();
  const byOrder = new Map<string, string>();
  const withdrawnBeforeArrival = new Set<string>();
  const { peers, app: assemble } = serviceBasics(options, 'kitchen');

  const ticket = defineResource('/tickets/:id', {
    title: 'Ticket',
    load: ({ params }) => tickets.get(params.id),
    params: (state: Ticket) => ({ id: state.id }),
    version: (state) => state.revision,
    properties: ({ status, drink, size, quantity, location, createdAt }) => ({
      status,
      drink,
      size,
      quantity,
      location,
      createdAt,
    }),
    links: (state) => ({ order: { href: state.order, title: 'The order' } }),
  })
    .action('start', {
      method: 'POST',
      path: '/start',
      title: 'Start making it',
      when: (state) => state.status === 'queued',
      handle: ({ state, db }) => {
        Object.assign(state, { status: 'preparing', revision: state.revision + 1 });
        db.send({
          description: `order preparing: ${state.order}`,
          target: state.order,
          form: 'mark-preparing',
        });
      },
    })
    .action('finish', {
      method: 'POST',
      path: '/finish',
      title: 'It is ready',
      when: (state) => state.status === 'preparing',
      handle: ({ state, db }) => {
        Object.assign(state, { status: 'ready', revision: state.revision + 1 });
        db.send({
          description: `order ready: ${state.order}`,
          target: state.order,
          form: 'mark-ready',
        });
      },
    });

  const ticketFor = defineResource('/tickets', {
    title: 'The ticket of an order',
    query: ['order'],
    load: ({ params }) =>
      params.order === undefined ? undefined : tickets.get(byOrder.get(params.order) ?? ''),
    seeOther: (state, context) => context.href(ticket, { id: state.id }),
  });

  const queue = defineCollection('/queue', {
    title: 'Tickets to prepare',
    item: ticket,
    rel: 'tickets',
    list: ({ offset, size }) => {
      const open = [...tickets.values()].filter(
        (candidate) => candidate.status === 'queued' || candidate.status === 'preparing',
      );
      return { items: open.slice(offset, offset + size), total: open.length };
    },
  });

  const home = defineHome({
    title: 'Kitchen',
    cacheControl: 'max-age=60',
    links: { queue, 'ticket-for': ticketFor },
  })
    .action('add-ticket', {
      method: 'POST',
      title: 'Add a ticket',
      input: ticketInput,
      allow: onlyService('orders'),
      handle: ({ input }) => {
        const existing = tickets.get(byOrder.get(input.order) ?? '');
        if (existing) return created(ticket, existing);
        const state: Ticket = {
          id: String(tickets.size + 1),
          ...input,
          status: withdrawnBeforeArrival.has(input.order) ? 'withdrawn' : 'queued',
          createdAt: new Date().toISOString(),
          revision: 1,
        };
        tickets.set(state.id, state);
        byOrder.set(state.order, state.id);
        return created(ticket, state);
      },
    })
    .action('withdraw-ticket', {
      method: 'POST',
      path: '/withdrawals',
      title: 'Withdraw the ticket of an order',
      input: withdrawInput,
      allow: onlyService('orders'),
      handle: ({ input }) => {
        const existing = tickets.get(byOrder.get(input.order) ?? '');
        if (!existing) {
          // The ticket has not arrived yet: it will be withdrawn on arrival.
          withdrawnBeforeArrival.add(input.order);
          return;
        }
        if (existing.status === 'preparing' || existing.status === 'ready') {
          throw new HttpProblem('CONFLICT', {
            detail: `The drink for ${input.order} is already ${existing.status}`,
          });
        }
        Object.assign(existing, { status: 'withdrawn', revision: existing.revision + 1 });
      },
    });

  const app = assemble([home, ticketFor, queue, ticket]);
  return { app, tickets, outbox: app.outbox, peers };
}
