import { created, defineHome, defineResource, HttpProblem, type LinkMap } from '@halway/server';
import { onlyService, type CoffeeShopServiceOptions } from '../config.js';
import { serviceBasics } from '../service.js';

/** What payments knows of the payment of one order. */
export interface Payment {
  order: string;
  amount: number;
  currency: string;
  orderStatus: string;
  status: 'expected' | 'paid';
  receipt?: string;
  revision: number;
}

/** A receipt: proof of a payment, refunded when its order is cancelled. */
export interface Receipt {
  id: string;
  order: string;
  amount: number;
  currency: string;
  cardholder: string;
  last4: string;
  status: 'paid' | 'refunded';
  paidAt: string;
  refundedAt?: string;
  revision: number;
}

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
  },
} as const;

/**
 * The payments service. It publishes `payment-for`, a templated link from an order's URL to
 * its payment; it reads the amount from the order itself, and tells orders about a payment by
 * submitting the order's `mark-paid` form through its outbox.
 */
export function createPayments(options: CoffeeShopServiceOptions) {
  const payments = new Map<string, Payment>();
  const receipts = new Map<string, Receipt>();
  const { peers, app: assemble } = serviceBasics(options, 'payments');
  const ordersOrigin = new URL(peers.url('orders')).origin;

  // The order says what is owed and whether it is still open; while orders is unreachable, what
  // was last read stands, so a customer can still pay.
  async function paymentFor(orderUrl: string | undefined): Promise<Payment | undefined> {
    if (!orderUrl || !URL.canParse(orderUrl) || new URL(orderUrl).origin !== ordersOrigin)
      return undefined;
    const known = payments.get(orderUrl);
    try {
      const order = await peers.client.go(orderUrl).get({ timeout: 2000 });
      const { total, status } = order.properties as {
        total?: { amount: number; currency: string };
        status?: string;
      };
      if (!total || !status) return undefined;
      const payment = known ?? {
        order: orderUrl,
        amount: total.amount,
        currency: total.currency,
        orderStatus: status,
        status: 'expected',
        revision: 0,
      };
      if (payment.status === 'expected')
        Object.assign(payment, { amount: total.amount, currency: total.currency });
      if (payment.orderStatus !== status) payment.revision++;
      payment.orderStatus = status;
      payments.set(orderUrl, payment);
      return payment;
    } catch (error) {
      if (known) return known;
      throw new HttpProblem('SERVICE_UNAVAILABLE', {
        detail: 'The order cannot be read right now; try again shortly',
        headers: { 'Retry-After': '5' },
        cause: error,
      });
    }
  }

  const receipt = defineResource('/receipts/:id', {
    title: 'Receipt',
    load: ({ params }) => receipts.get(params.id),
    params: (state: Receipt) => ({ id: state.id }),
    version: (state) => state.revision,
    properties: (state) => ({
      status: state.status,
      amount: { amount: state.amount, currency: state.currency },
      cardholder: state.cardholder,
      card: `•••• ${state.last4}`,
      paidAt: state.paidAt,
      refundedAt: state.refundedAt,
    }),
    links: (state) => ({ order: { href: state.order, title: 'The order' } }),
  }).action('refund', {
    method: 'POST',
    path: '/refund',
    title: 'Refund',
    allow: onlyService('orders'),
    when: (state) => state.status === 'paid',
    handle: ({ state }) => {
      state.status = 'refunded';
      state.refundedAt = new Date().toISOString();
      state.revision++;
    },
  });

  const payment = defineResource('/payments', {
    title: 'Payment of an order',
    query: ['order'],
    load: ({ params }) => paymentFor(params.order),
    params: (state: Payment) => ({ order: state.order }),
    version: (state) => state.revision,
    properties: (state) => ({
      amount: { amount: state.amount, currency: state.currency },
      status: state.status,
    }),
    links: (state, context): LinkMap => ({
      order: { href: state.order, title: 'The order' },
      receipt:
        state.receipt === undefined
          ? undefined
          : { href: context.href(receipt, { id: state.receipt }), title: 'Receipt' },
    }),
  }).action('pay', {
    method: 'POST',
    path: '/card',
    title: 'Pay by card',
    input: payInput,
    requireIdempotencyKey: true,
    values: (state) => ({ amount: state.amount }),
    when: (state) => state.status === 'expected' && state.orderStatus === 'payment-expected',
    handle: ({ state, input, href, absoluteUrl, db }) => {
      const paid: Receipt = {
        id: String(receipts.size + 1),
        order: state.order,
        amount: state.amount,
        currency: state.currency,
        cardholder: input.cardholder,
        last4: input['card-number'].slice(-4),
        status: 'paid',
        paidAt: new Date().toISOString(),
        revision: 1,
      };
      receipts.set(paid.id, paid);
      Object.assign(state, { status: 'paid', receipt: paid.id, revision: state.revision + 1 });
      const receiptUrl = absoluteUrl(href(receipt, { id: paid.id }));
      db.send({
        description: `payment of ${state.order}`,
        target: state.order,
        form: 'mark-paid',
        values: { receipt: receiptUrl },
      });
      return created(receipt, paid);
    },
  });

  const home = defineHome({
    title: 'Payments',
    cacheControl: 'max-age=60',
    links: { 'payment-for': payment },
  });

  const app = assemble([home, payment, receipt]);
  return { app, payments, receipts, outbox: app.outbox, peers };
}
