// One service of the coffee shop in its own process: `serve-one.ts orders|payments|kitchen`.
// Ports and the services' tokens come from the environment (main.ts sets them).
import { serve } from '@halway/server';
import type { CoffeeShopServiceOptions, ServiceName } from './config.js';
import { createKitchen } from './kitchen/kitchen.js';
import { createOrders } from './orders/orders.js';
import { createPayments } from './payments/payments.js';
import { readEnvironment } from './environment.js';

const name = process.argv[2] as ServiceName;
const { ports, tokens, urls } = readEnvironment(process.env);
const options: CoffeeShopServiceOptions = {
  tokens,
  publicUrl: urls[name],
  peers: Object.fromEntries(
    (Object.keys(urls) as ServiceName[])
      .filter((other) => other !== name)
      .map((other) => [other, `${urls[other]}/`]),
  ),
};
const create = { orders: createOrders, payments: createPayments, kitchen: createKitchen }[name];
if (!create)
  throw new TypeError(
    `serve-one.ts: unknown service ${JSON.stringify(name)}; use orders, payments or kitchen`,
  );
const service = create(options);
await serve(service.app, {
  port: ports[name],
  host: '127.0.0.1',
  logger: { info() {}, warn: console.warn, error: console.error },
});
process.send?.({ ready: name });
