// The server README's peers sample: orders links into payments knowing only its entry URL.
import { createPeers, createService, defineHome, defineResource } from '@halway/server';

/** An order of this sample: enough state to decide whether it links to a payment. */
interface Order {
  id: string;
  status: 'payment-expected' | 'paid';
}

/** The orders service, with payments (and a kitchen it does not use here) as peers. */
export function createOrders(payments = 'http://localhost:4002/') {
  const orders = new Map<string, Order>([['17', { id: '17', status: 'payment-expected' }]]);

  const peers = createPeers({
    peers: {
      payments: { url: payments, token: process.env.PAYMENTS_TOKEN }, // token: for that origin only
      kitchen: 'http://localhost:4003/',
    },
  });

  const order = defineResource('/orders/:id', {
    load: ({ params }) => orders.get(params.id),
    params: (order: Order) => ({ id: order.id }),
    links: async (order, context) => ({
      // payments publishes "payment-for": {"href": "/payments{?order}", "templated": true}
      payment:
        order.status === 'payment-expected'
          ? await context.peers.link('payments', 'payment-for', {
              order: context.absoluteUrl(context.self),
            })
          : undefined,
    }),
  });
  const home = defineHome({ title: 'Orders', links: { order } });

  return createService({ resources: [home, order], peers, publicUrl: 'http://localhost:4001' });
}
