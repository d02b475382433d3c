// The orders service the server README shows in parts: one resource with its actions, a
// collection with a search form, and a home document, its orders in the service's store.
import {
  createService,
  defineCollection,
  defineHome,
  defineResource,
  type LinkMap,
  type Store,
} from '@halway/server';

/** An order as the service keeps it (its `id` given by the store). */
export interface Order {
  id: string;
  status: 'payment-expected' | 'paid' | 'preparing' | 'ready' | 'completed' | 'cancelled';
  drink: string;
  size: 'small' | 'medium' | 'large';
  quantity: number;
  revision: number;
  receiptUrl?: string;
  cancelReason?: string;
}

const order = defineResource('/orders/:id', {
  load: ({ db, params }) => db.get<Order>('order', params.id), // undefined → 404; locked in an action
  params: (order: Order) => ({ id: order.id }), // to link to or embed an order from its state
  version: (order) => order.revision, // ETags (optional: a digest otherwise)
  properties: ({ status, drink, size, quantity }) => ({ status, drink, size, quantity }),
  links: (order, context): LinkMap => ({
    collection: context.href(ordersCollection, {}),
    receipt: order.status === 'paid' ? order.receiptUrl : undefined, // undefined: no link
  }),
})
  .action('update', {
    method: 'PATCH',
    title: 'Change the order',
    input: {
      type: 'object',
      properties: {
        size: { type: 'string', title: 'Size', enum: ['small', 'medium', 'large'] },
        quantity: { type: 'integer', title: 'Quantity', minimum: 1, maximum: 10 },
      },
    } as const, // `as const`: the handler's input is typed from it
    values: (order) => ({ size: order.size, quantity: order.quantity }), // prefilled edit form
    when: (order) => order.status === 'payment-expected', // the state guard
    handle: ({ state, input }) => {
      Object.assign(state, input);
    },
  })
  .action('cancel', {
    method: 'DELETE',
    input: { type: 'object', properties: { reason: { type: 'string', maxLength: 200 } } } as const,
    when: (order) => order.status === 'payment-expected' || order.status === 'paid',
    handle: ({ state, input }) => {
      state.status = 'cancelled';
      state.cancelReason = input.reason;
    },
  })
  .action('collect', {
    method: 'POST',
    path: '/collection', // its own target: /orders/17/collection
    when: (order) => order.status === 'ready',
    handle: ({ state }) => {
      state.status = 'completed';
    },
  });

const ordersCollection = defineCollection('/orders', {
  item: order,
  rel: 'orders', // embedded under _embedded.orders, each with its own templates
  pageSize: 20,
  search: {
    type: 'object',
    properties: { status: { enum: ['payment-expected', 'paid'] } },
  } as const,
  list: ({ offset, size, filter: { status } }, { db }) =>
    db.find<Order>('order', { where: status ? { status } : {}, limit: size, offset }), // → { items, total }
});

const home = defineHome({ title: 'Orders', links: { orders: ordersCollection, order } }).action(
  'find-order',
  {
    method: 'GET',
    target: order, // template target "/orders/{id}": clients expand it with the form's id
    input: {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string', pattern: '^\\d+$' } },
    } as const,
  },
);

/** The service, its orders kept in `store` (memory by default); `serve(app, { port: 4001 })` listens. */
export function createOrders(store?: Store) {
  return createService({ name: 'orders', resources: [home, ordersCollection, order], store });
}
