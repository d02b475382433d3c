import { HttpError, type HalwayClient } from '@halway/client';
import { HttpProblem } from '@halway/server';
import { CURRENCY } from '../orders/menu.js';

/** An order as payments sees it: what is owed, for which version, and whether it is still open. */
export interface OrderView {
  url: string;
  total: number;
  currency: string;
  revision: number;
  status: string;
}

/**
 * Reads the order a payment is for, from the orders service (at `ordersOrigin` only), or
 * undefined when there is no such order. While orders cannot be reached, a payment is taken for
 * the amount and version its form showed (`submitted`): orders checks both when it hears of the
 * payment, and has the charge refunded if they no longer match. Without them: 503.
 */
export async function readOrder(
  client: HalwayClient,
  ordersOrigin: string,
  orderUrl: string | undefined,
  submitted?: unknown,
): Promise<OrderView | undefined> {
  if (!orderUrl || !URL.canParse(orderUrl) || new URL(orderUrl).origin !== ordersOrigin)
    return undefined;
  try {
    const order = await client.go(orderUrl).refresh({ timeout: 2000 });
    const { total, status, revision } = order.properties as {
      total?: { amount: number; currency: string };
      status?: string;
      revision?: number;
    };
    if (!total || !status || revision === undefined) return undefined;
    return { url: orderUrl, total: total.amount, currency: total.currency, revision, status };
  } catch (error) {
    if (error instanceof HttpError && error.status >= 400 && error.status < 500) return undefined;
    const form = (submitted ?? {}) as { amount?: unknown; revision?: unknown };
    const [amount, revision] = [Number(form.amount ?? NaN), Number(form.revision ?? NaN)];
    if (Number.isFinite(amount) && Number.isInteger(revision))
      return {
        url: orderUrl,
        total: amount,
        currency: CURRENCY,
        revision,
        status: 'payment-expected',
      };
    throw new HttpProblem('SERVICE_UNAVAILABLE', {
      detail: 'The order cannot be read right now; try again shortly',
      headers: { 'Retry-After': '5' },
      cause: error,
    });
  }
}
