// npm start: orders, payments and kitchen, each in its own process, on ports 4001 to 4003 (or
// ORDERS_PORT, PAYMENTS_PORT, KITCHEN_PORT). Ctrl-C stops all three, letting requests finish.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServiceName } from './config.js';
import { readEnvironment } from './environment.js';

const environment = readEnvironment(process.env);
const env = { ...process.env, COFFEE_SHOP_TOKENS: JSON.stringify(environment.tokens) };
const script = fileURLToPath(new URL('./serve-one.ts', import.meta.url));
const names: ServiceName[] = ['orders', 'payments', 'kitchen'];
let stopping = false;

const children = names.map((name) => {
  const child = fork(script, [name], { env, execArgv: process.execArgv });
  child.once('exit', (code, signal) => {
    if (!stopping) {
      console.error(
        `The ${name} service stopped (${signal ?? `exit code ${code}`}); stopping the others.`,
      );
      stop(1);
    }
  });
  return child;
});

await Promise.all(
  children.map((child) => new Promise<void>((resolve) => child.once('message', () => resolve()))),
);
console.log(`
  Coffee shop, three services, no gateway:
    orders    ${environment.urls.orders}/
    payments  ${environment.urls.payments}/
    kitchen   ${environment.urls.kitchen}/

  Open ${environment.urls.orders}/ in a browser to start the explorer and place an order.
  Press Ctrl-C to stop.
`);

function stop(code: number): void {
  stopping = true;
  const running = children.filter(
    (child: ChildProcess) => child.exitCode === null && child.signalCode === null,
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
