// npm run bench:shop: the coffee shop as npm start runs it (SQLite, COFFEE_SHOP_WORKERS per
// service, default 1) under a sustained place-and-pay load from BENCH_CLIENTS concurrent
// customers for BENCH_SECONDS. Reports the rate, errors, how long a paid order took to show
// `paid` (from the receipt's time to the order's, read from the databases: p50, p99, max),
// and the services' memory before and after.
import { execFileSync } from 'node:child_process';
import { runShop, SERVICES, until } from '../examples/support/running-shop.js';
import { brokenInvariants, readShop } from '../examples/support/invariants.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const WORKERS = Number(process.env.COFFEE_SHOP_WORKERS ?? 1);

const shop = await runShop('sqlite', WORKERS);
const rss = () => {
  const table = execFileSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .filter((line) => line.includes('serve-one.ts'))
    .reduce((sum, line) => sum + Number(line.trim().split(/\s+/)[0] ?? 0), 0);
};
const stores = Object.fromEntries(SERVICES.map((name) => [name, shop.openStore(name)])) as Record<
  (typeof SERVICES)[number],
  ReturnType<typeof shop.openStore>
>;
try {
  const before = rss();
  const json = { 'Content-Type': 'application/json' };
  let placed = 0;
  let errors = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const customer = async (id: number) => {
    for (let turn = 0; Date.now() < deadline; turn++) {
      const order = await fetch(`${shop.urls.orders}/`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ drink: 'latte', quantity: 1 + (turn % 5) }),
      });
      if (order.status !== 201) {
        errors++;
        continue;
      }
      const orderUrl = new URL(order.headers.get('location') ?? '', shop.urls.orders).href;
      const body = (await (await fetch(orderUrl)).json()) as {
        _links: { payment?: { href: string } };
        total: { amount: number };
        revision: number;
      };
      const payment = body._links.payment?.href;
      if (payment === undefined) {
        errors++;
        continue;
      }
      const form = (await (await fetch(payment)).json()) as {
        _templates?: { pay?: { target: string } };
      };
      const target = form._templates?.pay?.target;
      if (target === undefined) {
        errors++;
        continue;
      }
      const paid = await fetch(new URL(target, payment), {
        method: 'POST',
        headers: { ...json, 'Idempotency-Key': `bench-${id}-${turn}` },
        body: JSON.stringify({
          'card-number': '4111111111111111',
          cardholder: 'Bench',
          amount: body.total.amount,
          revision: body.revision,
        }),
      });
      if (paid.status === 201) placed++;
      else errors++;
      await paid.arrayBuffer();
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: CLIENTS }, (_, id) => customer(id)));
  const elapsed = (Date.now() - started) / 1000;
  const during = rss();
  await until(
    async () =>
      (await Promise.all(SERVICES.map((name) => stores[name].internals.outbox.stats()))).every(
        (stats) => stats.pending === 0,
      ),
    120_000,
    () => 'the outboxes never drained',
  );
  const rest = await readShop(stores, (id) => `${shop.urls.orders}/orders/${id}`);
  const latencies = rest.receipts
    .map((receipt) => {
      const order = rest.orders.get(receipt.order);
      return order?.paidAt ? Date.parse(order.paidAt) - Date.parse(receipt.paidAt) : NaN;
    })
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  console.log(
    `${placed} orders placed and paid in ${elapsed.toFixed(1)} s (${(placed / elapsed).toFixed(0)}/s) by ${CLIENTS} clients, ${WORKERS} process(es) per service, ${errors} errors`,
  );
  console.log(
    `payment → order shows paid: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${latencies.at(-1)} ms`,
  );
  console.log(
    `services' memory (RSS): ${(before / 1024).toFixed(0)} MB before, ${(during / 1024).toFixed(0)} MB after the load`,
  );
  console.log(
    `invariants at rest: ${brokenInvariants(rest).length === 0 ? 'all hold' : brokenInvariants(rest).join('; ')}`,
  );
} finally {
  await Promise.all(Object.values(stores).map((store) => store.close()));
  await shop.stop();
}
