import { createClient, type Hop } from '@halway/client';

/** A client that hands every hop to `log.info`. */
export function tracedClient(log: { info(hop: Hop): void }) {
  const client = createClient({ onHop: (hop) => log.info(hop) });
  // { origin: 'https://payments.example', method: 'POST', url: '…', template: 'pay',
  //   status: 201, cache: 'bypass', ms: 12.4, attempts: 2, idempotencyKey: '…' }
  return client;
}
