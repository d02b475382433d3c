// The service the testing README's sample tests: an order waiting for payment, in memory.
import { createService, created, defineHome, defineResource } from '@halway/server';

interface Order {
  id: string;
  status: 'payment-expected' | 'ready';
  drink: string;
  size: string;
  quantity: number;
}

const orders = new Map<string, Order>([
  ['17', { id: '17', status: 'payment-expected', drink: 'latte', size: 'small', quantity: 2 }],
]);

const order = defineResource('/orders/:id', {
  load: ({ params }) => orders.get(params.id),
  params: (order: Order) => ({ id: order.id }),
  properties: ({ status, drink, size, quantity }) => ({ status, drink, size, quantity }),
  links: (order) => ({ payment: `http://localhost:4002/payments?order=${order.id}` }),
  embedded: (order) => ({
    items: [1, 2].map((line) => ({
      _links: { self: { href: `/orders/${order.id}/items/${line}` } },
    })),
  }),
})
  .action('update', {
    method: 'PATCH',
    input: {
      type: 'object',
      properties: { size: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } },
    } as const,
    when: (order) => order.status === 'payment-expected',
    handle: ({ state, input }) => void Object.assign(state, input),
  })
  .action('pay', {
    method: 'POST',
    path: '/payment',
    input: {
      type: 'object',
      properties: { amount: { type: 'number', readOnly: true } },
    } as const,
    values: (order) => ({ amount: order.quantity * 4.5 }),
    when: (order) => order.status === 'payment-expected',
    handle: () => undefined,
  })
  .action('collect', {
    method: 'POST',
    path: '/collection',
    when: (order) => order.status === 'ready',
    handle: () => undefined,
  });

const home = defineHome({ title: 'Orders', links: { order } }).action('place-order', {
  method: 'POST',
  input: {
    type: 'object',
    required: ['drink'],
    properties: { drink: { type: 'string' } },
  } as const,
  handle: ({ input }) => {
    const placed: Order = {
      id: String(orders.size + 17),
      status: 'payment-expected',
      drink: input.drink,
      size: 'small',
      quantity: 1,
    };
    orders.set(placed.id, placed);
    return created(order, placed);
  },
});

/** The service under test. */
export const app = createService({ name: 'orders', resources: [home, order] });
