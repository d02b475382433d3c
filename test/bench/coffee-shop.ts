// npm run bench:shop: the coffee shop as npm start runs it (SQLite, COFFEE_SHOP_WORKERS per
// service, default 1) under place-and-pay load. First BENCH_CLIENTS customers back to back for
// BENCH_SECONDS: the highest rate the machine takes. Then customers arriving at 70% of that
// rate for as long (an open loop, as real customers do not wait for each other): how long a paid
// order took to show `paid` (the receipt's time to the order's, read from the databases: p50,
// p99, max), errors, and the services' memory before and after.
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
const drained = () =>
  until(
    async () =>
      (await Promise.all(SERVICES.map((name) => stores[name].internals.outbox.stats()))).every(
        (stats) => stats.pending === 0,
      ),
    120_000,
    () => 'the outboxes never drained',
  );
try {
  const before = rss();
  const json = { 'Content-Type': 'application/json' };
  let placed = 0;
  let errors = 0;
  /** One customer: places an order, reads it and its payment, pays. */
  const cycle = async (key: string) => {
    const order = await fetch(`${shop.urls.orders}/`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ drink: 'latte', quantity: 1 + (placed % 5) }),
    });
    if (order.status !== 201) return void errors++;
    const orderUrl = new URL(order.headers.get('location') ?? '', shop.urls.orders).href;
    const body = (await (await fetch(orderUrl)).json()) as {
      _links: { payment?: { href: string } };
      total: { amount: number };
      revision: number;
    };
    const payment = body._links.payment?.href;
    if (payment === undefined) return void errors++;
    const form = (await (await fetch(payment)).json()) as {
      _templates?: { pay?: { target: string } };
    };
    const target = form._templates?.pay?.target;
    if (target === undefined) return void errors++;
    const paid = await fetch(new URL(target, payment), {
      method: 'POST',
      headers: { ...json, 'Idempotency-Key': key },
      body: JSON.stringify({
        'card-number': '4111111111111111',
        cardholder: 'Bench',
        amount: body.total.amount,
        revision: body.revision,
      }),
    });
    await paid.arrayBuffer();
    if (paid.status === 201) placed++;
    else errors++;
  };

  // 1. The highest rate: customers back to back.
  let deadline = Date.now() + SECONDS * 1000;
  let started = Date.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, id) => {
      for (let turn = 0; Date.now() < deadline; turn++) await cycle(`closed-${id}-${turn}`);
    }),
  );
  const capacity = placed / ((Date.now() - started) / 1000);
  console.log(
    `highest rate: ${capacity.toFixed(1)} orders placed and paid per second (${CLIENTS} customers back to back, ${WORKERS} process(es) per service), ${errors} errors`,
  );
  await drained();
  const firstPhase = new Set(
    (await stores.payments.read((db) => db.find<{ id: string }>('receipt'))).items.map(
      (item) => item.id,
    ),
  );

  // 2. Customers arriving at 70% of it, each on its own.
  const rate = capacity * 0.7;
  placed = 0;
  errors = 0;
  deadline = Date.now() + SECONDS * 1000;
  started = Date.now();
  const arrivals: Promise<void>[] = [];
  for (let index = 0; Date.now() < deadline && index < 1_000_000; index++) {
    arrivals.push(cycle(`open-${index}`));
    const next = started + ((index + 1) / rate) * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
  }
  await Promise.all(arrivals);
  const elapsed = (Date.now() - started) / 1000;
  const during = rss();
  await drained();
  const rest = await readShop(stores, (id) => `${shop.urls.orders}/orders/${id}`);
  const latencies = rest.receipts
    .filter((receipt) => !firstPhase.has(receipt.id))
    .map((receipt) => {
      const order = rest.orders.get(receipt.order);
      return order?.paidAt ? Date.parse(order.paidAt) - Date.parse(receipt.paidAt) : NaN;
    })
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  console.log(
    `at 70%: ${placed} orders placed and paid in ${elapsed.toFixed(1)} s (${(placed / elapsed).toFixed(1)}/s), ${errors} errors`,
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
