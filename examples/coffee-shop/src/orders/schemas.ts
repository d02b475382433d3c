import { DRINKS } from './menu.js';

const size = { type: 'string', title: 'Size', enum: ['small', 'medium', 'large'] } as const;
const quantity = { type: 'integer', title: 'Quantity', minimum: 1, maximum: 10 } as const;
const location = {
  title: 'Where',
  oneOf: [
    { const: 'take-away', title: 'Take away' },
    { const: 'in-store', title: 'In store' },
  ],
} as const;

/** `place-order`: the drink comes from the menu (offered through its link, checked against it). */
export const placeOrderInput = {
  type: 'object',
  required: ['drink'],
  additionalProperties: false,
  properties: {
    drink: {
      type: 'string',
      title: 'Drink',
      enum: DRINKS.map((drink) => drink.code),
      'x-hal-forms': {
        options: {
          link: { href: '/menu', type: 'application/hal+json' },
          promptField: 'name',
          valueField: 'code',
        },
      },
    },
    size: { ...size, default: 'medium' },
    quantity: { ...quantity, default: 1 },
    location: { ...location, default: 'take-away' },
  },
} as const;

/** `update`: any of size, quantity and location. */
export const updateOrderInput = {
  type: 'object',
  additionalProperties: false,
  properties: { size, quantity, location },
} as const;

/**
 * `mark-paid`, for the payments service: where the receipt is, and what was paid for which
 * version of the order, so that a payment for a changed or cancelled order is refunded.
 */
export const markPaidInput = {
  type: 'object',
  required: ['receipt', 'amount', 'revision'],
  additionalProperties: false,
  properties: {
    receipt: { type: 'string', format: 'uri', title: 'Receipt' },
    amount: { type: 'number', title: 'Amount paid', minimum: 0 },
    revision: { type: 'integer', title: 'Version of the order paid for', minimum: 1 },
  },
} as const;

/** `mark-queued`, for the kitchen: where the order's ticket is. */
export const markQueuedInput = {
  type: 'object',
  required: ['ticket'],
  additionalProperties: false,
  properties: { ticket: { type: 'string', format: 'uri', title: 'Ticket' } },
} as const;
