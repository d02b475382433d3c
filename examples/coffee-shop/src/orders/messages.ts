import type { PeerMessage } from '@halway/server';
import type { Order } from './orders.js';

// Messages about one order to one service go in order, one after the other; messages about
// different orders, or to different services, do not wait for each other.
const streamOf = (orderUrl: string, service: 'payments' | 'kitchen') => `${orderUrl} ${service}`;

/** What orders tells payments. */
export const paymentMessages = {
  /** Refund a receipt of this order, saying why. */
  refund: (orderUrl: string, receipt: string, reason: string): PeerMessage => ({
    description: `refund ${receipt}: ${reason}`,
    target: receipt,
    form: 'refund',
    values: { reason },
    stream: streamOf(orderUrl, 'payments'),
  }),
};

/** What orders tells the kitchen. */
export const ticketMessages = {
  /** Make the drinks of a paid order. */
  add: (orderUrl: string, kitchen: string, order: Order): PeerMessage => ({
    description: `ticket for ${orderUrl}`,
    target: kitchen,
    form: 'add-ticket',
    values: {
      order: orderUrl,
      drink: order.drink,
      size: order.size,
      quantity: order.quantity,
      location: order.location,
    },
    stream: streamOf(orderUrl, 'kitchen'),
  }),
  /** Do not make them: the order was cancelled. */
  withdraw: (orderUrl: string, kitchen: string): PeerMessage => ({
    description: `withdraw the ticket of ${orderUrl}`,
    target: kitchen,
    form: 'withdraw-ticket',
    values: { order: orderUrl },
    stream: streamOf(orderUrl, 'kitchen'),
  }),
};

/**
 * Why an order cannot take a payment, or undefined when it can: it must still expect one, and
 * the payment must be for its current version and its whole total.
 */
export function declinedPayment(
  order: Order,
  payment: { amount: number; revision: number },
): string | undefined {
  if (order.status === 'cancelled') return 'the order was cancelled before the payment reached it';
  if (order.status !== 'payment-expected') return 'the order was already paid';
  if (payment.revision !== order.revision)
    return `the order changed (version ${payment.revision} was paid, it is now at version ${order.revision})`;
  if (Math.abs(payment.amount - order.total) > 1e-9)
    return `the amount paid (${payment.amount}) is not the order's total (${order.total})`;
  return undefined;
}
