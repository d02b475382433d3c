// What must hold at rest in the coffee shop's three databases, whatever the races, retries and
// crashes: the five invariants, checked on the data itself.
import type { Order, Receipt, Ticket } from '@halway/example-coffee-shop';
import type { Store } from '@halway/server';

const PAID_STATES = new Set(['paid', 'preparing', 'ready', 'completed']);
const LIVE_TICKET = new Set(['queued', 'preparing', 'ready']);

/** Everything of one kind in a store. */
async function all<T extends object>(store: Store, kind: string): Promise<T[]> {
  return store.read(async (db) => (await db.find<T>(kind)).items);
}

/** The data at rest, by order URL. */
export interface ShopAtRest {
  orders: Map<string, Order>;
  receipts: Receipt[];
  tickets: Ticket[];
}

/** Reads the three databases; `orderUrl` turns an order's id into its URL. */
export async function readShop(
  stores: { orders: Store; payments: Store; kitchen: Store },
  orderUrl: (id: string) => string,
): Promise<ShopAtRest> {
  const orders = await all<Order>(stores.orders, 'order');
  return {
    orders: new Map(orders.map((order) => [orderUrl(order.id), order])),
    receipts: await all<Receipt>(stores.payments, 'receipt'),
    tickets: await all<Ticket>(stores.kitchen, 'ticket'),
  };
}

/** Every broken invariant, as sentences (empty when all hold). */
export function brokenInvariants({ orders, receipts, tickets }: ShopAtRest): string[] {
  const broken: string[] = [];
  for (const receipt of receipts) {
    if (!orders.has(receipt.order))
      broken.push(`4: receipt ${receipt.id} is for ${receipt.order}, which is no order`);
  }
  for (const ticket of tickets) {
    const order = orders.get(ticket.order);
    if (!order) broken.push(`5: ticket ${ticket.id} is for ${ticket.order}, which is no order`);
    else if (ticket.status !== 'withdrawn' && order.receipt === undefined)
      broken.push(`5: ticket ${ticket.id} is ${ticket.status} for an order never paid`);
  }
  for (const [url, order] of orders) {
    const live = receipts.filter((receipt) => receipt.order === url && receipt.status === 'paid');
    const liveTickets = tickets.filter(
      (ticket) => ticket.order === url && LIVE_TICKET.has(ticket.status),
    );
    if (PAID_STATES.has(order.status)) {
      if (live.length !== 1)
        broken.push(`1: ${order.status} order ${url} has ${live.length} charges not refunded`);
      else if (Math.abs((live[0]?.amount ?? NaN) - order.total) > 1e-9)
        broken.push(`1: ${url} was paid ${live[0]?.amount} for a total of ${order.total}`);
    }
    if (order.status === 'cancelled') {
      if (live.length > 0) broken.push(`2: cancelled order ${url} has ${live.length} charges left`);
      if (liveTickets.length > 0)
        broken.push(`2/5: cancelled order ${url} has a ticket ${liveTickets[0]?.status}`);
    }
    if (order.status === 'payment-expected' && live.length > 0)
      broken.push(`3: unpaid order ${url} has ${live.length} charges not refunded`);
  }
  return broken;
}
