import { randomUUID } from 'node:crypto';
import {
  created,
  defineHome,
  defineResource,
  documentVersion,
  type LinkMap,
  type StoredDocument,
} from '@halway/server';
import { onlyService, type CoffeeShopServiceOptions } from '../config.js';
import { serviceBasics } from '../service.js';
import { readOrder, type OrderView } from './order-view.js';

/**
 * What payments keeps of the payment of one order (keyed by the order's URL): its live charge,
 * the one not refunded. While there is one, the order cannot be charged again.
 */
export type PaymentRecord = StoredDocument<{ order: string; live?: string }>;

/** The payment of an order: what payments keeps, and the order as it was just read. */
export interface Payment {
  order: OrderView;
  record: PaymentRecord | undefined;
}

/** A charge (or its refund): proof of a payment, for exactly one order. */
export type Receipt = StoredDocument<{
  order: string;
  amount: number;
  currency: string;
  /** The version of the order that was paid for. */
  revision: number;
  cardholder: string;
  last4: string;
  status: 'paid' | 'refunded';
  paidAt: string;
  refundedAt?: string;
  refundReason?: string;
}>;

const payInput = {
  type: 'object',
  required: ['card-number', 'cardholder'],
  additionalProperties: false,
  properties: {
    'card-number': {
      type: 'string',
      title: 'Card number',
      pattern: '^\\d{16}$',
      examples: ['4111111111111111'],
    },
    cardholder: { type: 'string', title: 'Cardholder', minLength: 1, maxLength: 80 },
    amount: { type: 'number', title: 'Amount', readOnly: true },
    revision: { type: 'integer', title: 'Version of the order', readOnly: true },
  },
} as const;

const refundInput = {
  type: 'object',
  additionalProperties: false,
  properties: { reason: { type: 'string', title: 'Why', maxLength: 300 } },
} as const;

/**
 * The payments service. It publishes `payment-for`, a templated link from an order's URL to its
 * payment; it reads what is owed from the order itself, charges once per order at a time, and
 * tells orders through the order's `mark-paid` form, which answers a payment it cannot take by
 * asking for its refund.
 */
export function createPayments(options: CoffeeShopServiceOptions) {
  const { peers, app: assemble } = serviceBasics(options, 'payments');
  const ordersOrigin = new URL(peers.url('orders')).origin;

  const receipt = defineResource('/receipts/:id', {
    title: 'Receipt',
    load: ({ db, params }) => db.get<Receipt>('receipt', params.id),
    params: (state: Receipt) => ({ id: state.id }),
    properties: (state) => ({
      status: state.status,
      amount: { amount: state.amount, currency: state.currency },
      revision: state.revision,
      cardholder: state.cardholder,
      card: `•••• ${state.last4}`,
      paidAt: state.paidAt,
      refundedAt: state.refundedAt,
      refundReason: state.refundReason,
    }),
    links: (state) => ({ 'cs:order': { href: state.order, title: 'The order' } }),
  }).action('refund', {
    method: 'POST',
    path: '/refund',
    title: 'Refund',
    input: refundInput,
    allow: onlyService('orders'),
    when: (state) => state.status === 'paid',
    handle: async ({ state, input, db }) => {
      Object.assign(state, {
        status: 'refunded',
        refundedAt: new Date().toISOString(),
        refundReason: input.reason ?? 'refunded on request',
      });
      const record = await db.getByKey<PaymentRecord>('payment', state.order);
      if (record?.live === state.id) delete record.live;
    },
  });

  const payment = defineResource('/payments', {
    title: 'Payment of an order',
    query: ['order'],
    // Before the transaction: no lock is held while orders answers.
    prepare: ({ params, request }) =>
      readOrder(
        peers.client,
        ordersOrigin,
        params.order,
        request.method === 'POST' ? request.body : undefined,
      ),
    load: async ({ db, prepared }): Promise<Payment | undefined> => {
      if (prepared === undefined) return undefined;
      return { order: prepared, record: await db.getByKey<PaymentRecord>('payment', prepared.url) };
    },
    params: (state: Payment) => ({ order: state.order.url }),
    version: (state) =>
      `${documentVersion(state.record) ?? 0}.${state.order.revision}.${state.order.status}`,
    properties: (state) => ({
      amount: { amount: state.order.total, currency: state.order.currency },
      status: state.record?.live === undefined ? 'expected' : 'paid',
      orderStatus: state.order.status,
    }),
    links: (state): LinkMap => ({ 'cs:order': { href: state.order.url, title: 'The order' } }),
    embedded: async (state, context) => {
      const charges = await context.db.find<Receipt>('receipt', {
        where: { order: state.order.url },
      });
      return {
        'cs:receipts': await Promise.all(
          charges.items.map((item) => context.represent(receipt, item)),
        ),
      };
    },
  }).action('pay', {
    method: 'POST',
    path: '/card',
    title: 'Pay by card',
    input: payInput,
    requireIdempotencyKey: true,
    values: (state) => ({ amount: state.order.total, revision: state.order.revision }),
    when: (state) => state.record?.live === undefined && state.order.status === 'payment-expected',
    handle: async ({ state, input, db, href, absoluteUrl }) => {
      const { order } = state;
      const charge = await db.insert<Omit<Receipt, 'id'>>(
        'receipt',
        {
          order: order.url,
          amount: order.total,
          currency: order.currency,
          revision: order.revision,
          cardholder: input.cardholder,
          last4: input['card-number'].slice(-4),
          status: 'paid',
          paidAt: new Date().toISOString(),
        },
        { id: randomUUID() },
      );
      // The record is locked (or, the first time, its key is taken): one charge at a time per order.
      if (state.record) state.record.live = charge.id;
      else await db.insert('payment', { order: order.url, live: charge.id }, { key: order.url });
      db.send({
        description: `payment of ${order.url}`,
        target: order.url,
        form: 'mark-paid',
        values: {
          receipt: absoluteUrl(href(receipt, { id: charge.id })),
          amount: order.total,
          revision: order.revision,
        },
        stream: `${order.url} orders`,
      });
      return created(receipt, charge as Receipt);
    },
  });

  const home = defineHome({
    title: 'Payments',
    cacheControl: 'max-age=60',
    links: { 'cs:payment-for': payment },
    version: 1,
    cacheByVersion: true,
  });

  const app = assemble([home, payment, receipt]);
  return { app, store: app.store, outbox: app.outbox, peers };
}
