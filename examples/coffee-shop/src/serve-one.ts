// One service of the coffee shop: `serve-one.ts orders|payments|kitchen`, with its settings from
// the environment (main.ts sets them). With COFFEE_SHOP_WORKERS=N, a primary process runs N
// workers sharing the port and the database, and starts a worker again when one dies.
import cluster from 'node:cluster';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createPostgresStore, createSqliteStore, serve, type Store } from '@halway/server';
import type { CoffeeShopServiceOptions, ServiceName } from './config.js';
import { readEnvironment, type CoffeeShopEnvironment } from './environment.js';
import { createKitchen } from './kitchen/kitchen.js';
import { createOrders } from './orders/orders.js';
import { createPayments } from './payments/payments.js';

const CREATE = { orders: createOrders, payments: createPayments, kitchen: createKitchen };
const name = process.argv[2] as ServiceName;
if (!(name in CREATE))
  throw new TypeError(
    `serve-one.ts: unknown service ${JSON.stringify(name)}; use orders, payments or kitchen`,
  );
const environment = readEnvironment(process.env);

// The fields each service finds its documents by: orders by status (the staff's search),
// receipts by order (a payment's money trail), tickets by status (the queue).
const INDEXES: Record<ServiceName, string[]> = {
  orders: ['status'],
  payments: ['order'],
  kitchen: ['status'],
};

/** The service's database: its PostgreSQL URL if it has one, else its SQLite file. */
function storeOf(settings: CoffeeShopEnvironment): Store {
  const url = settings.databaseUrls[name];
  const indexes = INDEXES[name];
  if (url !== undefined) return createPostgresStore({ connectionString: url, indexes });
  mkdirSync(settings.data, { recursive: true });
  return createSqliteStore({ file: join(settings.data, `${name}.db`), indexes });
}

async function runService(): Promise<void> {
  const { tokens, urls, staffToken, ports, corsOrigins } = environment;
  const options: CoffeeShopServiceOptions = {
    tokens,
    staffToken,
    corsOrigins,
    store: storeOf(environment),
    publicUrl: urls[name],
    peers: Object.fromEntries(
      (Object.keys(urls) as ServiceName[])
        .filter((other) => other !== name)
        .map((other) => [other, `${urls[other]}/`]),
    ),
  };
  const service = CREATE[name](options);
  await serve(service.app, {
    port: ports[name],
    host: '127.0.0.1',
    logger: { info() {}, warn: console.warn, error: console.error },
  }).catch((error: Error & { code?: string }) => {
    // One line, not a stack: a busy port is a setting to change, not a bug.
    if (error.code !== 'EADDRINUSE') throw error;
    console.error(`${name}: ${error.message} (set ${name.toUpperCase()}_PORT to move it)`);
    process.exit(1);
  });
  if (cluster.isPrimary) process.send?.({ ready: name });
}

function runWorkers(count: number): void {
  let stopping = false;
  let listening = 0;
  // Every worker must know the same tokens, made up or not.
  const start = () =>
    cluster.fork({
      COFFEE_SHOP_TOKENS: JSON.stringify(environment.tokens),
      COFFEE_SHOP_STAFF_TOKEN: environment.staffToken,
    });
  cluster.on('listening', () => {
    if (++listening === count) process.send?.({ ready: name });
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(
      `A ${name} worker (pid ${worker.process.pid}) stopped (${signal ?? `exit code ${code}`}); starting another`,
    );
    setTimeout(start, 500);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
      const deadline = setTimeout(() => process.exit(0), 10_000);
      cluster.on('exit', () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) {
          clearTimeout(deadline);
          process.exit(0);
        }
      });
    });
  }
  for (let index = 0; index < count; index++) start();
}

if (environment.workers > 1 && cluster.isPrimary) runWorkers(environment.workers);
else await runService();
