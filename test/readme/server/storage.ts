// The server README's transactions, storage and outbox samples: a payments service on a SQLite
// file that reads its order from the orders service before the transaction, captures a payment
// in it, and tells orders through the outbox.
import {
  createService,
  createSqliteStore,
  defineHome,
  defineResource,
  HttpProblem,
} from '@halway/server';

/** A payment as this sample keeps it. */
export interface Payment {
  order: string;
  amount: number;
  status: 'authorized' | 'captured';
}

/** The payments service of the samples; `file` is its SQLite database, `orders` orders' URL. */
export function createPayments(file: string, orders: string) {
  const payment = defineResource('/payments/:id', {
    // Before the transaction: reads committed documents and peers; nothing is locked meanwhile.
    prepare: async ({ db, params, peers }) => {
      const committed = await db.get<Payment>('payment', params.id);
      return committed && { order: await peers.client.go(committed.order).get() };
    },
    // In the transaction: this document is locked until the action commits.
    load: ({ db, params }) => db.get<Payment>('payment', params.id),
  }).action('capture', {
    method: 'POST',
    when: (payment) => payment.status === 'authorized',
    handle: async ({ db, state, prepared }) => {
      const total = (prepared?.order.properties as { total?: number } | undefined)?.total;
      if (total !== state.amount)
        throw new HttpProblem('CONFLICT', { detail: 'the order changed since it was authorized' });
      state.status = 'captured'; // saved at commit
      await db.insert('ledger', { payment: state.id, amount: state.amount });
      db.send({
        description: 'paid',
        target: state.order,
        form: 'mark-paid',
        values: { payment: state.id },
      });
    },
  });

  // The outbox sample: a receipt, and the order told about it once the action commits.
  const home = defineHome({ links: { payment } }).action('pay', {
    method: 'POST',
    input: {
      type: 'object',
      required: ['order', 'amount'],
      properties: { order: { type: 'string', format: 'uri' }, amount: { type: 'number' } },
    } as const,
    handle: async ({ db, input }) => {
      const receipt = await db.insert('receipt', { order: input.order, amount: input.amount });
      db.send({
        description: 'order paid',
        target: input.order,
        form: 'mark-paid',
        values: { receipt: receipt.id },
      });
    },
  });

  const resources = [home, payment];
  const store = createSqliteStore({ file });
  return createService({
    resources,
    store,
    peers: { orders },
    outbox: { concurrency: 8, attemptTimeout: 5000, operator: (caller) => caller?.id === 'ops' },
  });
}
