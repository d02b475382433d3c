// A small state-driven shop used across the server tests: orders move from payment-expected to
// paid to ready to completed (or cancelled), and their templates follow.
import {
  created,
  defineCollection,
  defineHome,
  defineResource,
  HttpProblem,
  type LinkMap,
  createService,
  type ServiceOptions,
} from '@halway/server';

export type OrderStatus = 'payment-expected' | 'paid' | 'ready' | 'completed' | 'cancelled';

export interface Order {
  id: string;
  status: OrderStatus;
  drink: string;
  size: 'small' | 'medium' | 'large';
  quantity: number;
  location: 'take-away' | 'in-store';
  extras: string[];
  total: number;
  cancelReason?: string;
}

export const placeOrderSchema = {
  type: 'object',
  required: ['drink'],
  additionalProperties: false,
  properties: {
    drink: { type: 'string', title: 'Drink', enum: ['latte', 'espresso', 'tea'] },
    size: { type: 'string', title: 'Size', enum: ['small', 'medium', 'large'], default: 'medium' },
    quantity: { type: 'integer', title: 'Quantity', minimum: 1, maximum: 10, default: 1 },
    location: {
      title: 'Where',
      oneOf: [
        { const: 'take-away', title: 'Take away' },
        { const: 'in-store', title: 'In store' },
      ],
      default: 'take-away',
    },
    extras: {
      type: 'array',
      title: 'Extras',
      items: { enum: ['milk', 'sugar', 'cream'] },
      maxItems: 2,
      default: [],
    },
    note: {
      type: 'string',
      title: 'Note',
      maxLength: 40,
      examples: ['No foam'],
      'x-hal-forms': { type: 'textarea', rows: 3, cols: 30 },
    },
  },
} as const;

export function createShop(options: Partial<ServiceOptions> = {}) {
  const orders = new Map<string, Order>();
  let sequence = 0;

  const order = defineResource('/orders/:id', {
    title: 'An order',
    load: ({ params }) => orders.get(params.id),
    params: (state: Order) => ({ id: state.id }),
    properties: ({ id: _id, ...rest }) => rest,
    // Annotated: this resource and the collection refer to each other.
    links: (state, context): LinkMap => ({
      collection: context.href(ordersCollection, {}),
      receipt:
        state.status === 'paid' || state.status === 'ready' ? `/receipts/${state.id}` : undefined,
    }),
  })
    .action('update', {
      method: 'PATCH',
      title: 'Change the order',
      input: {
        type: 'object',
        additionalProperties: false,
        properties: {
          size: placeOrderSchema.properties.size,
          quantity: { type: 'integer', title: 'Quantity', minimum: 1, maximum: 10 },
        },
      } as const,
      values: (state) => ({ size: state.size, quantity: state.quantity }),
      when: (state) => state.status === 'payment-expected',
      handle: ({ state, input }) => {
        if (input.size !== undefined) state.size = input.size;
        if (input.quantity !== undefined) state.quantity = input.quantity;
      },
    })
    .action('pay', {
      method: 'POST',
      path: '/payment',
      contentType: 'application/x-www-form-urlencoded',
      input: {
        type: 'object',
        required: ['card'],
        properties: {
          card: { type: 'string', title: 'Card number', pattern: '^\\d{16}$' },
          amount: { type: 'number', title: 'Amount', readOnly: true },
        },
      } as const,
      values: (state) => ({ amount: state.total }),
      when: (state) => state.status === 'payment-expected',
      handle: ({ state }) => {
        state.status = 'paid';
      },
    })
    .action('cancel', {
      method: 'DELETE',
      input: {
        type: 'object',
        properties: { reason: { type: 'string', title: 'Reason', maxLength: 20 } },
      } as const,
      when: (state) => state.status === 'payment-expected' || state.status === 'paid',
      handle: ({ state, input }) => {
        state.status = 'cancelled';
        if (input.reason) state.cancelReason = input.reason;
      },
    })
    .action('collect', {
      method: 'POST',
      path: '/collection',
      when: (state) => state.status === 'ready',
      handle: ({ state }) => {
        state.status = 'completed';
      },
    })
    .action('explode', {
      method: 'POST',
      path: '/explode',
      handle: () => {
        throw new Error('database password is hunter2');
      },
    })
    .action('refuse', {
      method: 'POST',
      path: '/refuse',
      handle: () => {
        throw new HttpProblem('CONFLICT', {
          detail: 'The kitchen is closed',
          extensions: { reopensAt: '07:00' },
        });
      },
    });

  const ordersCollection = defineCollection('/orders', {
    title: 'Orders',
    item: order,
    rel: 'orders',
    pageSize: 2,
    maxPageSize: 5,
    search: {
      type: 'object',
      additionalProperties: false,
      properties: {
        status: {
          type: 'string',
          title: 'Status',
          enum: ['payment-expected', 'paid', 'ready', 'completed', 'cancelled'],
        },
      },
    } as const,
    list: ({ offset, size, filter }) => {
      const all = [...orders.values()]
        .reverse()
        .filter((candidate) => filter.status === undefined || candidate.status === filter.status);
      return { items: all.slice(offset, offset + size), total: all.length };
    },
  });

  const home = defineHome({ title: 'Shop', links: { orders: ordersCollection, order } })
    .action('place-order', {
      method: 'POST',
      title: 'Place an order',
      input: placeOrderSchema,
      handle: ({ input }) => {
        const id = String(++sequence);
        const state: Order = {
          id,
          status: 'payment-expected',
          drink: input.drink,
          size: input.size ?? 'medium',
          quantity: input.quantity ?? 1,
          location: input.location ?? 'take-away',
          extras: [...(input.extras ?? [])],
          total: 3.5 * (input.quantity ?? 1),
        };
        orders.set(id, state);
        return created(order, state);
      },
    })
    .action('find-order', {
      method: 'GET',
      title: 'Find an order',
      target: order,
      input: {
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'string', title: 'Order number', pattern: '^\\d+$' } },
      } as const,
    });

  const app = createService({
    name: 'shop',
    resources: [home, ordersCollection, order],
    ...options,
  });
  const place = (values: Partial<Order> = {}): Order => {
    const id = String(++sequence);
    const state: Order = {
      id,
      status: 'payment-expected',
      drink: 'latte',
      size: 'medium',
      quantity: 1,
      location: 'take-away',
      extras: [],
      total: 3.5,
      ...values,
    };
    orders.set(id, state);
    return state;
  };
  return { app, orders, place };
}
