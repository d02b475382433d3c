// npm start: orders, payments and kitchen, each in its own process (or COFFEE_SHOP_WORKERS
// processes), on ports 4001 to 4003 (or ORDERS_PORT, PAYMENTS_PORT, KITCHEN_PORT). A service
// that dies is started again (after 0.25 s, doubling up to 4 s while it keeps dying) while the
// others keep serving. Ctrl-C stops all three, letting requests finish.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServiceName } from './config.js';
import { readEnvironment } from './environment.js';

const environment = readEnvironment(process.env);
const env = {
  ...process.env,
  COFFEE_SHOP_TOKENS: JSON.stringify(environment.tokens),
  COFFEE_SHOP_STAFF_TOKEN: environment.staffToken,
};
const script = fileURLToPath(new URL('./serve-one.ts', import.meta.url));
const names: ServiceName[] = ['orders', 'payments', 'kitchen'];
const STABLE_AFTER = 60_000;
let stopping = false;
const children = new Map<ServiceName, ChildProcess>();
const failures = new Map<ServiceName, number>();

function start(name: ServiceName): Promise<void> {
  const child = fork(script, [name], { env, execArgv: process.execArgv });
  children.set(name, child);
  const startedAt = Date.now();
  child.once('exit', (code, signal) => {
    if (stopping) return;
    // A service that ran a while before dying starts again at once; one that keeps dying waits longer.
    const previous = failures.get(name);
    const count =
      previous !== undefined && Date.now() - startedAt < STABLE_AFTER ? previous + 1 : 0;
    failures.set(name, count);
    const delay = Math.min(4000, 250 * 2 ** count);
    console.error(
      `The ${name} service stopped (${signal ?? `exit code ${code}`}); starting it again in ${delay} ms`,
    );
    setTimeout(() => {
      if (!stopping) void start(name).then(() => console.error(`The ${name} service is back`));
    }, delay);
  });
  return new Promise((resolve) => child.once('message', () => resolve()));
}

await Promise.all(names.map(start));
const storage = (name: ServiceName) =>
  environment.databaseUrls[name] === undefined ? 'SQLite' : 'PostgreSQL';
console.log(`
  Coffee shop, three services, no gateway:
    orders    ${environment.urls.orders}/   (${storage('orders')})
    payments  ${environment.urls.payments}/   (${storage('payments')})
    kitchen   ${environment.urls.kitchen}/   (${storage('kitchen')})
  ${environment.workers} process${environment.workers === 1 ? '' : 'es'} per service; SQLite files in ${environment.data}
${
  environment.staffTokenGenerated
    ? `  Staff token (orders list, kitchen queue, start and finish): ${environment.staffToken}
  (set COFFEE_SHOP_STAFF_TOKEN to choose it)
`
    : ''
}
  Open ${environment.urls.orders}/ in a browser to start the explorer and place an order.
  Press Ctrl-C to stop.
`);

function stop(code: number): void {
  stopping = true;
  const running = [...children.values()].filter(
    (child) => child.exitCode === null && child.signalCode === null,
  );
  let left = running.length;
  if (left === 0) process.exit(code);
  for (const child of running) {
    child.once('exit', () => {
      if (--left === 0) process.exit(code);
    });
    child.kill('SIGTERM');
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    console.log('\n  Stopping the coffee shop...');
    stop(0);
  });
}
