// One contender of npm run bench:client, in its own process so that process.cpuUsage() is the
// client's alone: `halway` or `ketting`, walking the coffee shop from its entry URL. The parent
// sends { workflows: N }; this process walks N workflows one after another, each with a new
// client (a new customer), and answers with the wall and CPU time they took and the orders it
// placed, or with the error that stopped it.
import { randomUUID } from 'node:crypto';
import { createClient } from '@halway/client';
import { Client as KettingClient } from 'ketting';

const [which, entry = ''] = process.argv.slice(2);
const card = { 'card-number': '4111111111111111', cardholder: 'Bench' };

/** Fails the walk when a step did not do what it should have. */
function expect(what: string, actual: unknown, expected: unknown): void {
  if (actual !== expected)
    throw new Error(
      `${which}: ${what} is ${JSON.stringify(actual)}, not ${JSON.stringify(expected)}`,
    );
}

/** read home → place an order → update it → follow its payment → pay; returns the order's URL. */
async function halway(): Promise<string> {
  const client = createClient();
  const home = await client.go(entry).get();
  const order = await home.form('place-order').submit({ drink: 'latte', size: 'large' });
  const updated = await order.form('update').submit({ size: 'small' });
  expect('the updated size', updated.properties.size, 'small');
  const payment = await updated.follow('payment').get();
  const receipt = await payment.form('pay').submit(card);
  expect('the receipt', receipt.properties.status, 'paid');
  return order.url;
}

/**
 * The same walk as a Ketting 8 user writes it: its submit() does not follow `Location`, so the
 * created order and receipt are read with a GET, and the order again after its PATCH (which
 * answers 204). The pay form requires an Idempotency-Key, which Ketting does not send: a
 * middleware adds one to every POST.
 */
async function ketting(): Promise<string> {
  const client = new KettingClient(entry);
  client.use(async (request, next) => {
    if (request.method === 'POST') request.headers.set('Idempotency-Key', randomUUID());
    return next(request);
  });
  const home = await client.go(entry).get();
  const placed = await home.action('place-order').submit({ drink: 'latte', size: 'large' });
  const order = client.go(new URL(placed.headers.get('location') ?? '', placed.uri).href);
  await (await order.get()).action('update').submit({ size: 'small' });
  const updated = await order.get();
  expect('the updated size', (updated.data as { size?: string }).size, 'small');
  const payment = await (await order.follow('payment')).get();
  const paid = await payment.action('pay').submit(card);
  const receipt = await client.go(new URL(paid.headers.get('location') ?? '', paid.uri).href).get();
  expect('the receipt', (receipt.data as { status?: string }).status, 'paid');
  return order.uri;
}

const walk = which === 'halway' ? halway : which === 'ketting' ? ketting : undefined;
if (walk === undefined || entry === '')
  throw new Error('usage: client-walks.ts halway|ketting ENTRY');

process.on('message', (message: { workflows: number }) => {
  void (async () => {
    try {
      const orders: string[] = [];
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let index = 0; index < message.workflows; index++) orders.push(await walk());
      const ms = performance.now() - started;
      const { user, system } = process.cpuUsage(cpu);
      process.send?.({ ms, cpuMs: (user + system) / 1000, orders });
    } catch (error) {
      process.send?.({
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  })();
});
process.on('disconnect', () => process.exit(0));
process.send?.('ready');
